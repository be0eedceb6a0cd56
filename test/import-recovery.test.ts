/**
 * Done means (issue 21, import): an import whose run was stopped by a crash — the participants process killed
 * mid-run — does not stay stuck. The batches it committed stay in (each batch is all or nothing), the import reads
 * INTERRUPTED once its heartbeat is older than the lease, and running it again goes on from the next batch: the
 * result (rows, ledger, year report, audit rows, summary) equals an import that was never interrupted. Subgraphs run
 * in their own processes, as under `npm start`, so one can be killed.
 */
import { graph, importFile } from '@finsam/infra/import.js';
import { checkAuditChain } from '@finsam/kit/audit-log.js';
import { IMPORT_BATCH, IMPORT_LEASE_SECONDS } from '@finsam/participants/domain/import-file.js';
import {
  type NewForbund,
  newForbund,
  ok,
  RESULT,
  settled,
  toCsv,
  yearFigures,
  yearOfPersons,
} from './support/import-records.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
let crashed: NewForbund;
let uninterrupted: NewForbund;
// Two whole batches and part of a third.
const persons = yearOfPersons(2 * IMPORT_BATCH + 300);

beforeAll(async () => {
  p = await startTestPlatform({ subgraphProcesses: true });
  crashed = await newForbund(p, 'recovery-a', 201);
  uninterrupted = await newForbund(p, 'recovery-b', 202);
}, 300_000);
afterAll(() => p?.close());

const IMPORT_FIELDS = `id status totalRows processedRows writtenRows issues { row field message }
  summary { rows created unchanged followUps }`;

async function importOf(token: string, id: string) {
  const res = await p.gql(`query ($id: ID!) { participationImport(id: $id) { ${IMPORT_FIELDS} } }`, {
    token,
    variables: { id },
  });
  expect(res.errors).toBeUndefined();
  return res.data.participationImport;
}

const run = (token: string, id: string) =>
  p.gql(`mutation ($id: ID!) { runParticipationImport(id: $id) { ${RESULT} } }`, { token, variables: { id } });

/** Polls until `done` holds, failing after `seconds`. */
async function until(what: string, done: () => Promise<boolean>, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await done())) {
    if (Date.now() > deadline) {
      throw new Error(`Still waiting for ${what} after ${seconds} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** What the participants subgraph holds for a förbund, without ids, tenant and insats (which differ by förbund). */
function holdings(tenantId: string) {
  return p.asSuperuser('participants', async (client) => {
    const q = async (sql: string) => (await client.query(sql, [tenantId])).rows;
    return {
      participations: await q(`select to_jsonb(pa) - 'id' - 'tenant_id' - 'intervention_id' - 'person_id' as row,
          pa.person_id is not null as with_person
        from participation pa where pa.tenant_id = $1 order by pa.source_ref`),
      persons: await q(`select count(*)::int as n from person where tenant_id = $1`),
      followUps: await q(`select pa.source_ref, f.date::text, f.decision, f.referrer_present
        from follow_up f join participation pa on pa.id = f.participation_id
        where f.tenant_id = $1 order by 1, 2`),
      ledger: await q(`select half_year::text, dim, key, new, exited, age_n, age_sum, step_forward
        from participation_half_year where tenant_id = $1 order by 1, 2, 3`),
      audit: await q(`select pa.source_ref, a.fields, a.reason from audit_entry a
        join participation pa on pa.id = a.participation_id where a.tenant_id = $1 order by 1`),
    };
  });
}

it('goes on from the next batch after the process was killed mid-run, ending as an uninterrupted import', async () => {
  const file = (f: NewForbund) => ({
    name: 'sus-2021.csv',
    format: 'CSV' as const,
    content: toCsv(persons, f.interventionId),
  });

  // For comparison: the same file into another new förbund, never interrupted (staged in parts, checked and run as
  // `npm run import` does).
  const whole = await importFile(graph(p.gatewayUrl, uninterrupted.admin), file(uninterrupted));
  const followUps = persons.reduce((n, x) => n + x.followUps.length, 0);
  expect(whole).toMatchObject({ status: 'DONE', issues: [] });
  expect(whole.summary).toEqual({ rows: persons.length, created: persons.length, unchanged: 0, followUps });
  expect(await importOf(uninterrupted.admin, whole.id)).toMatchObject({ writtenRows: persons.length });

  // Another transaction holds, uncommitted, a participation with the source reference of a record of the second
  // batch: that batch's insert waits for it, so the run is caught between its batches, deterministically.
  const blockedRef = persons[IMPORT_BATCH + 10]!.sourceRef;
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let holding = () => {};
  const held = new Promise<void>((resolve) => {
    holding = resolve;
  });
  const blocker = p.asSuperuser('participants', async (client) => {
    await client.query('begin');
    await client.query(
      `insert into participation ("id", "tenant_id", "intervention_id", "status", "kon", "start_year", "referred_on",
          "referrer_unit", "needs_two_members", "motivated", "exclusion_grounds", "study_visit", "outcomes",
          "source_ref")
        values (gen_random_uuid(), $1, $2, 'REFERRED', 'KVINNA', 2021, '2021-01-04', 'REGION', true, true, '{}',
          'DONE', '{}', $3)`,
      [crashed.id, crashed.interventionId, blockedRef],
    );
    holding();
    await released;
    await client.query('rollback');
  });
  await held;

  // Staged and checked clean (a check reads committed rows only), then run.
  const staged = await importFile(graph(p.gatewayUrl, crashed.admin), file(crashed), { checkOnly: true });
  expect(staged).toMatchObject({ status: 'CHECKED', issues: [] });
  ok(await run(crashed.admin, staged.id), 'runParticipationImport');
  await until(
    'the first batch to commit and the second to wait',
    async () =>
      (await importOf(crashed.admin, staged.id)).writtenRows === IMPORT_BATCH &&
      (
        await p.rows(
          'participants',
          `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        )
      ).length > 0,
  );
  // A live run holds its import: another run may not start it meanwhile.
  expect((await run(crashed.admin, staged.id)).data.runParticipationImport).toMatchObject({
    __typename: 'ConflictError',
    message: 'The import is RUNNING; it cannot be run now',
  });

  // The crash: the process dies mid-batch, without a word to the database (its open batch rolls back).
  const participants = p.processes.participants!;
  const pid = participants.pid()!;
  process.kill(pid, 'SIGKILL');
  await until('the process to die', async () => {
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
        return true;
      }
      throw error;
    }
  });
  // Its server process finds the client gone when the waiting statement ends, and rolls the batch back: a batch
  // commits only when its process says so.
  release();
  await blocker;
  // The supervisor starts participants again by itself.
  await until('participants to answer again', async () => {
    const res = await p.gql(`query ($id: ID!) { participationImport(id: $id) { id } }`, {
      token: crashed.admin,
      variables: { id: staged.id },
    });
    return !res.errors && res.data.participationImport?.id === staged.id;
  });

  // Exactly the first batch is in, and the import still says RUNNING until its heartbeat is older than the lease:
  // the lease passing is stood for by moving the last heartbeat back by it.
  expect(
    await p.rows('participants', 'select count(*)::int as n from participation where tenant_id = $1', [crashed.id]),
  ).toEqual([{ n: IMPORT_BATCH }]);
  await p.rows(
    'participants',
    `update participation_import set updated_at = updated_at - interval '${IMPORT_LEASE_SECONDS} seconds'
      where id = $1`,
    [staged.id],
  );
  const interrupted = await importOf(crashed.admin, staged.id);
  expect(interrupted).toMatchObject({ status: 'INTERRUPTED', writtenRows: IMPORT_BATCH, issues: [] });

  // Run again: the first batch's records are found by their sourceRef, the rest is written.
  ok(await run(crashed.admin, staged.id), 'runParticipationImport');
  const resumed = await settled(p, crashed.admin, staged.id);
  expect(resumed).toMatchObject({ status: 'DONE', issues: [] });
  expect(await importOf(crashed.admin, staged.id)).toMatchObject({ writtenRows: persons.length });
  expect(resumed.summary).toEqual(whole.summary);

  const [after, expected] = await Promise.all([holdings(crashed.id), holdings(uninterrupted.id)]);
  expect(after.participations).toHaveLength(persons.length);
  expect(after).toEqual(expected);
  expect(await yearFigures(p, crashed.admin)).toEqual(await yearFigures(p, uninterrupted.admin));
  expect(await yearFigures(p, crashed.admin, 2022)).toEqual(await yearFigures(p, uninterrupted.admin, 2022));
  const chain = await p.asSuperuser('participants', (client) => checkAuditChain(client, 'audit_entry'));
  expect(chain.broken).toBeNull();
}, 600_000);
