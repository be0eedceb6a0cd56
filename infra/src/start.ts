/**
 * `npm start`: PostgreSQL (embedded, or DATABASE_URL) → migrations → demo seed → subgraphs →
 * gateway. Prints where to go, and writes a token per demo user to a file only its owner can read
 * (printed too when standard output is a terminal: launchers keep stdout in log files others read).
 * Ctrl-C stops everything. Each subgraph runs in its own process, restarted when it dies (supervisor.ts). What
 * stops a start (a taken port, a PostgreSQL already running on the data folder, anything else) is said in one
 * sentence, without a stack trace (LOG_LEVEL=debug adds it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PEOPLE } from '@finsam/governance/demo/people.js';
import { startTracing } from '@finsam/kit/telemetry.js';
import { readSupergraph } from './compose.js';
import { DEV_IDP_PORT, loginAs } from './idp/index.js';
import { loadOrCreateDevKeys } from './keys.js';
import { startPlatform } from './platform.js';
import {
  CLUSTER_FILE,
  type Cluster,
  connectionFromUrl,
  dataDirProblem,
  portTaken,
  runningPostgresPid,
  startEmbeddedPostgres,
} from './postgres.js';
import { SUBGRAPHS } from './subgraphs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(process.env.FINSAM_DATA_DIR ?? path.join(root, '.data'));
const port = Number(process.env.PORT ?? 4000);
const fixedSubgraphPorts = process.env.SUBGRAPH_PORTS === 'fixed';

/** Why this start cannot go ahead, as a sentence for the user; thrown before anything is started. */
class StartRefused extends Error {}

/** The ports `npm start` must have, with who wants each and how to change it. */
function portsWanted(): { port: number; what: string }[] {
  const wanted = [
    { port, what: 'the gateway (PORT)' },
    { port: Number(process.env.IDP_PORT ?? DEV_IDP_PORT), what: 'the development identity provider (IDP_PORT)' },
  ];
  if (process.env.PG_PORT && !process.env.DATABASE_URL) {
    wanted.push({ port: Number(process.env.PG_PORT), what: 'embedded PostgreSQL (PG_PORT)' });
  }
  if (fixedSubgraphPorts) {
    wanted.push(...SUBGRAPHS.map((s) => ({ port: s.port, what: `the ${s.name} subgraph (SUBGRAPH_PORTS=fixed)` })));
  }
  return wanted;
}

async function checkPorts(): Promise<void> {
  for (const { port: wanted, what } of portsWanted()) {
    if (await portTaken(wanted)) {
      throw new StartRefused(
        `Port ${wanted}, for ${what}, is taken by another program: stop that program or choose another port.`,
      );
    }
  }
}

function checkNoPostgresOn(pgDir: string): void {
  const pid = runningPostgresPid(pgDir);
  if (pid) {
    throw new StartRefused(
      `PostgreSQL (process ${pid}) is already running on ${pgDir}: another npm start is probably running, stop ` +
        'it first (or give this one another FINSAM_DATA_DIR).',
    );
  }
}

async function main() {
  // This process runs the gateway (each subgraph traces itself: serve-subgraph.ts); OTEL_EXPORTER_OTLP_ENDPOINT
  // turns traces on.
  startTracing({ service: 'gateway' });
  await checkPorts();
  let cluster: Cluster;
  if (process.env.DATABASE_URL) {
    cluster = { admin: connectionFromUrl(process.env.DATABASE_URL), stop: async () => {} };
  } else {
    const pgDir = path.join(dataDir, 'postgres');
    const problem = dataDirProblem(pgDir);
    if (problem) {
      console.error(
        `\n${problem}\nEither let other users enter it (chmod o+x on that folder), or keep the data elsewhere:\n` +
          '  FINSAM_DATA_DIR=/var/tmp/finsam npm start\n',
      );
      process.exit(1);
    }
    checkNoPostgresOn(pgDir);
    console.log(`Starting PostgreSQL (data in ${pgDir}) …`);
    cluster = await startEmbeddedPostgres({
      dataDir: pgDir,
      persistent: true,
      // Development data is still data: fsync and synchronous commits stay on. Only the tests of the start path
      // turn them off (FINSAM_PG_UNSAFE_FAST=1), for speed, as every other test does.
      durable: process.env.FINSAM_PG_UNSAFE_FAST !== '1',
      port: process.env.PG_PORT ? Number(process.env.PG_PORT) : undefined,
    });
    // Where this PostgreSQL answers, for `npm run audit:check` while the platform runs.
    fs.writeFileSync(path.join(dataDir, CLUSTER_FILE), JSON.stringify(cluster.admin), { mode: 0o600 });
  }

  const keys = await loadOrCreateDevKeys(path.join(dataDir, 'keys'));
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  try {
    platform = await startPlatform({
      admin: cluster.admin,
      dbPrefix: 'finsam',
      keys,
      supergraphSdl: readSupergraph(),
      seed: true,
      gatewayPort: port,
      // Free ports by default, so a second copy runs beside the first; SUBGRAPH_PORTS=fixed for 4001–4005.
      fixedSubgraphPorts,
      subgraphProcesses: true,
      // Tokens name their issuer with its port: keep it fixed, or tokens die with a restart.
      idpPort: Number(process.env.IDP_PORT ?? DEV_IDP_PORT),
      idpKeysFile: path.join(dataDir, 'keys', 'idp-keys.json'),
      production: process.env.NODE_ENV === 'production',
    });
  } catch (error) {
    await cluster.stop();
    throw error;
  }

  const base = platform.gatewayUrl.replace(/\/graphql$/, '').replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `The graph is up: ${base}/graphql   (GraphiQL: ${base}/ , health: ${base}/health, readiness: ${base}/ready)`,
    '',
    `People log in at the development identity provider: ${platform.idp.issuers.kommun} (kommun and region`,
    `employees) and ${platform.idp.issuers.statlig} (Försäkringskassan, Arbetsförmedlingen). What each may do`,
    "comes from the directory (governance). A demo person's token goes in the header",
    'Authorization: Bearer <token>  (tokens last 8 hours; `npm run token -- <user>` logs in again and prints one).',
    '',
    'Each subgraph runs in its own process (restarted if it stops):',
    ...SUBGRAPHS.map(
      (s) => `  ${s.name.padEnd(12)} ${platform.subgraphUrls[s.name]}  (process ${platform.processes[s.name]?.pid()})`,
    ),
    '',
  ];
  const tokens: string[] = [];
  for (const person of DEMO_PEOPLE) {
    const { accessToken } = await loginAs(platform.idp.issuers[person.issuer], person.username);
    tokens.push(`  ${person.username}  (${person.description})`, `    ${accessToken}`, '');
  }
  const tokensFile = writeOwnerOnly(
    path.join(dataDir, 'demo-tokens.txt'),
    [`# Demo tokens from npm start, ${new Date().toISOString()}; valid 8 hours. Yours alone: do not share.`, '']
      .concat(tokens)
      .join('\n'),
  );
  lines.push(`A token per demo person is in ${tokensFile} (readable by you only).`, '');
  if (process.stdout.isTTY) {
    lines.push(...tokens);
  }
  lines.push('Ctrl-C stops the platform and PostgreSQL.', '');
  console.log(lines.join('\n'));

  let stopping = false;
  const shutdown = async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('Stopping …');
    await platform.stop();
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Writes a new file only its owner may read or write (0600, whatever the umask), replacing an old one. */
function writeOwnerOnly(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  return file;
}

main().catch((error: Error) => {
  // One sentence: the cause, not the stack (LOG_LEVEL=debug shows it).
  const sentence = error instanceof StartRefused ? error.message : `npm start failed: ${firstLine(error)}`;
  console.error(`\n${sentence}\n`);
  if (process.env.LOG_LEVEL === 'debug') {
    console.error(error);
  }
  process.exit(1);
});

function firstLine(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return `a port it needs was taken meanwhile (${error.message.split('\n')[0]}).`;
  }
  return String(error.message || error).split('\n')[0]!;
}
