/**
 * `npm run bench:import [-- --rows 100000]`: the import case of the bench. Starts the platform as `npm start` does
 * (a throw-away embedded PostgreSQL, or `DATABASE_URL`; each subgraph in its own process), registers a new förbund
 * with one insats and its administrator, writes a CSV of `rows` synthetic participations with their history
 * (referral, decision, enrolment, a follow-up for one in four, an exit for two in three; four in five with consent,
 * so encrypted and audited), and imports it through the gateway with `npm run import`'s own code: stage in parts,
 * dry run, run. Prints the time of each phase, the rows per second, and the seconds each 10 000 rows took to write
 * (flat when nothing grows with the rows already imported).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { luhn } from '@finsam/participants/domain/personnummer.js';
import { readSupergraph } from '../src/compose.js';
import { loginAs } from '../src/idp/index.js';
import { graph, importFile } from '../src/import.js';
import { generateDevKeys } from '../src/keys.js';
import { startPlatform } from '../src/platform.js';
import { type Cluster, connectionFromUrl, startEmbeddedPostgres } from '../src/postgres.js';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const ROWS = Number(args.rows);
const log = (message: string) => process.stderr.write(`${message}\n`);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `n` participations of one insats as an import CSV; personnummer unique by row. */
export function benchCsv(n: number, interventionId: string): string {
  const lines = [
    'sourceRef,interventionId,referredOn,referrerUnit,needsTwoMembers,motivated,exclusionGrounds,studyVisit,' +
      'consentGivenOn,personnummer,name,hemkommun,kon,decision,decidedOn,enrolledOn,educationLevel,supportBefore,' +
      'yearsInSupport,followUps,exitedOn,outcomes',
  ];
  const units = ['FORSAKRINGSKASSAN', 'ARBETSFORMEDLINGEN', 'KOMMUN_FORSORJNINGSSTOD', 'REGION'];
  const outcomes = ['ARBETE_UTAN_STOD', 'STUDIER', 'AKTIVT_ARBETSSOKANDE', 'FORTSATT_REHABILITERING', 'AVBROTT'];
  for (let i = 0; i < n; i++) {
    const month = (i % 9) + 1;
    const referredOn = `2021-${pad(month)}-${pad((i % 20) + 1)}`;
    const born = new Date(Date.UTC(1965, 0, 1) + (i % 12_000) * 86_400_000);
    const date = `${born.getUTCFullYear()}${pad(born.getUTCMonth() + 1)}${pad(born.getUTCDate())}`;
    const serial = pad(Math.floor(i / 12_000), 3);
    const consent = i % 5 !== 4;
    const personnummer = consent ? `${date}-${serial}${luhn(`${date.slice(2)}${serial}`)}` : '';
    const exited = i % 3 !== 2;
    lines.push(
      [
        `BENCH-${i + 1}`,
        interventionId,
        referredOn,
        units[i % units.length],
        'true',
        'true',
        '',
        'DONE',
        consent ? referredOn : '',
        personnummer,
        consent ? `Person ${i + 1}` : '',
        consent ? (i % 2 ? '2180' : '2181') : '',
        consent ? '' : i % 2 ? 'MAN' : 'KVINNA',
        'ACCEPTED',
        `2021-${pad(month)}-25`,
        `2021-${pad(month + 1)}-0${(i % 5) + 1}`,
        consent ? 'GYMNASIUM' : '',
        consent ? 'SJUKPENNING' : '',
        consent ? String(i % 6) : '',
        i % 4 === 0 ? `2021-${pad(month + 2)}-15:CONTINUE:true` : '',
        exited ? `2021-${pad(month + 3)}-20` : '',
        exited ? outcomes[i % outcomes.length] : '',
      ].join(','),
    );
  }
  return lines.join('\n');
}

const ok = (data: Record<string, { __typename: string; data?: { id: string } }>, field: string) => {
  const result = data[field];
  if (!result?.data) {
    throw new Error(`${field}: ${JSON.stringify(result)}`);
  }
  return result.data;
};

async function main() {
  let cluster: Cluster;
  let dir: string | null = null;
  if (process.env.DATABASE_URL) {
    cluster = { admin: connectionFromUrl(process.env.DATABASE_URL), stop: async () => {} };
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-bench-import-'));
    fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
    cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), persistent: false });
  }
  const platform = await startPlatform({
    admin: cluster.admin,
    dbPrefix: `finsam_bench_import_${Date.now()}`,
    keys: await generateDevKeys(),
    supergraphSdl: readSupergraph(),
    seed: true,
    gatewayPort: 0,
    fixedSubgraphPorts: false,
    idpPort: 0,
    // Each subgraph in its own process, as `npm start` runs them: the import's work in participants does not share
    // an event loop with the gateway and the other subgraphs.
    subgraphProcesses: true,
  });
  try {
    const platformAdmin = graph(
      platform.gatewayUrl,
      (await loginAs(platform.idp.issuers.kommun, 'platform-admin')).accessToken,
    );
    const forbund = ok(
      await platformAdmin<never>(
        `mutation ($input: CreateForbundInput!) {
          createForbund(input: $input) {
            __typename ... on MutationCreateForbundSuccess { data { id members { id kind } } }
          }
        }`,
        {
          input: {
            name: 'Samordningsförbundet Bench',
            slug: 'bench-import',
            organisationNumber: `222999000${luhn('222999000')}`,
            members: [
              { kind: 'FORSAKRINGSKASSAN', name: 'Försäkringskassan' },
              { kind: 'ARBETSFORMEDLINGEN', name: 'Arbetsförmedlingen' },
              { kind: 'REGION', name: 'Region Gävleborg', scbCode: '21' },
              { kind: 'KOMMUN', name: 'Gävle kommun', scbCode: '2180', shareBasisPoints: 1500 },
              { kind: 'KOMMUN', name: 'Sandvikens kommun', scbCode: '2181', shareBasisPoints: 1000 },
            ],
          },
        },
      ),
      'createForbund',
    ) as unknown as { id: string; members: { id: string; kind: string }[] };
    const member = (kind: string) => forbund.members.find((m) => m.kind === kind)!.id;
    ok(
      await platformAdmin<never>(
        `mutation ($input: InviteUserInput!) {
          inviteUser(input: $input) { __typename ... on MutationInviteUserSuccess { data { id } } }
        }`,
        { input: { forbundId: forbund.id, email: 'bench-admin@bench.example', grants: [{ role: 'FORBUND_ADMIN' }] } },
      ),
      'inviteUser',
    );
    platform.idp.addAccount('kommun', {
      username: 'bench-admin',
      name: 'Bench admin',
      email: 'bench-admin@bench.example',
    });
    const admin = graph(platform.gatewayUrl, (await loginAs(platform.idp.issuers.kommun, 'bench-admin')).accessToken);
    const insats = ok(
      await admin<never>(
        `mutation ($input: CreateInterventionInput!) {
          createIntervention(input: $input) { __typename ... on MutationCreateInterventionSuccess { data { id } } }
        }`,
        {
          input: {
            name: 'Samordningsteam Bench',
            kind: 'INDIVIDUAL',
            form: 'UNTIL_FURTHER_NOTICE',
            ownerMemberIds: [member('ARBETSFORMEDLINGEN'), member('KOMMUN')],
            bookkeepingMemberId: member('KOMMUN'),
            startDate: '2020-01-01',
            yearlyPlaces: ROWS,
            targetAgeMin: 16,
            targetAgeMax: 64,
            kommunCodes: ['2180', '2181'],
            followUpMethod: 'Indikatorer för finansiell samordning',
            esfFunded: false,
          },
        },
      ),
      'createIntervention',
    );
    const content = benchCsv(ROWS, insats.id);
    log(`import bench: ${ROWS} participations, ${(content.length / 1e6).toFixed(1)} MB of CSV`);
    const started = performance.now();
    const marks: [string, number][] = [];
    const result = await importFile(
      admin,
      { name: 'bench.csv', format: 'CSV', content },
      {
        report: (line) => {
          marks.push([line, performance.now() - started]);
          log(`${((performance.now() - started) / 1000).toFixed(1)} s ${line}`);
        },
      },
    );
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'DONE') {
      throw new Error(`import ${result.status}: ${JSON.stringify(result.issues.slice(0, 5))}`);
    }
    const firstRun = marks.find(([line]) => line.startsWith('running'))?.[1] ?? 0;
    const firstCheck = marks.find(([line]) => line.startsWith('checking'))?.[1] ?? 0;
    console.log(`| rows | staged | dry run | run | total | rows/s |`);
    console.log(`| --- | --- | --- | --- | --- | --- |`);
    console.log(
      `| ${ROWS} | ${(firstCheck / 1000).toFixed(1)} s | ${((firstRun - firstCheck) / 1000).toFixed(1)} s | ` +
        `${(seconds - firstRun / 1000).toFixed(1)} s | ${seconds.toFixed(1)} s | ${Math.round(ROWS / seconds)} |`,
    );
    console.log(JSON.stringify(result.summary));
    // The run's writing: its progress starts again from the first batch once its check has gone through the file.
    const running = marks.flatMap(([line, at]) =>
      line.startsWith('running') ? [[Number(line.split(' ')[1]), at] as const] : [],
    );
    const firstBatch = running.findIndex(([rows], i) => i > 0 && rows < running[i - 1]![0]);
    const per10k: string[] = [];
    let last = running[firstBatch - 1]?.[1] ?? 0;
    for (let next = 10_000; next <= ROWS && firstBatch > 0; next += 10_000) {
      const reached = running.slice(firstBatch).find(([rows]) => rows >= next);
      if (reached) {
        per10k.push(((reached[1] - last) / 1000).toFixed(1));
        last = reached[1];
      }
    }
    console.log(`seconds per 10 000 rows written: ${per10k.join(', ')}`);
  } finally {
    await platform.stop();
    await cluster.stop();
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
