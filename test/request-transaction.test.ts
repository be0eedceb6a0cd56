/**
 * In a query, each statement goes to PostgreSQL with its tenant and user settings as one simple query (kit
 * database.ts, `SettingsWithBeginConnection.transactional`): one round trip instead of `begin; set_config`,
 * the statement and `commit`. Every statement still runs with the settings (RLS binds), a failed statement
 * gives errors and never missing data, and the connection goes back to the pool with nothing set.
 */
import { serveRequest } from '@finsam/kit/database.js';
import type { RunningServer } from '@finsam/kit/server.js';
import { type RecordedStatement, recordSqlStatements } from '@finsam/kit/telemetry.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DASHBOARD } from '../infra/bench/operations.js';
import { NORRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

let p: TestPlatform;
let uncached: RunningServer;
beforeAll(async () => {
  p = await startTestPlatform();
  // The platform's own gateway would keep a repeated answer and ask the subgraphs nothing.
  uncached = await p.extraGateway({ responseCache: false });
});
afterAll(async () => {
  await uncached?.stop();
  await p?.close();
});

const ask = async (user: string, query: string, variables: Record<string, unknown> = {}) =>
  p.post(uncached.url, query, { headers: { authorization: `Bearer ${await p.token(user)}` }, variables });

async function recorded<T>(work: () => Promise<T>): Promise<{ result: T; statements: RecordedStatement[] }> {
  const recording = recordSqlStatements();
  try {
    return { result: await work(), statements: recording.stop() };
  } finally {
    recording.stop();
  }
}

const BEGIN = /^begin\b/;
const WITH_SETTINGS =
  /^select set_config\('app\.user_id', '[^']+', true\), set_config\('app\.tenant_id', '([^']+)', true\); /;

it("sends each of a dashboard's statements with the tenant set in one round trip, no begin or commit", async () => {
  expect((await ask('vasteras-admin', DASHBOARD, { year: 2022 })).errors).toBeUndefined();
  const { result, statements } = await recorded(() => ask('vasteras-admin', DASHBOARD, { year: 2022 }));
  expect(result.errors).toBeUndefined();
  expect(result.data.forbund.interventions.length).toBeGreaterThan(1);

  // Every subgraph the dashboard reaches; each statement is one query to PostgreSQL: the tenant and user set,
  // then the statement, in one implicit transaction. Before: `begin; select set_config(…)`, it, `commit`.
  const databases = new Set(statements.map((s) => s.database));
  for (const subgraph of ['governance', 'teams', 'finance', 'participants']) {
    expect(databases).toContain(p.databases[subgraph]!.app.dbName);
  }
  expect(statements.filter((s) => BEGIN.test(s.text) || /^(commit|rollback)$/.test(s.text))).toEqual([]);
  for (const statement of statements) {
    expect(statement.text).toMatch(WITH_SETTINGS);
    expect(WITH_SETTINGS.exec(statement.text)?.[1]).toBe(VASTERAS.id);
  }
});

it('keeps each förbund to its own rows when their requests run side by side', async () => {
  const own = async (forbundId: string) =>
    (await p.rows<{ name: string }>('teams', 'select name from intervention where tenant_id = $1', [forbundId]))
      .map((r) => r.name)
      .sort();
  const expected = { 'vasteras-admin': await own(VASTERAS.id), 'norra-vastmanland-admin': await own(NORRA.id) };
  expect(expected['vasteras-admin'].length).toBeGreaterThan(0);
  expect(expected['norra-vastmanland-admin'].length).toBeGreaterThan(0);
  const users = ['vasteras-admin', 'norra-vastmanland-admin', 'vasteras-admin', 'norra-vastmanland-admin'] as const;
  const answers = await Promise.all(users.map((user) => ask(user, DASHBOARD, { year: 2022 })));
  answers.forEach((res, k) => {
    expect(res.errors).toBeUndefined();
    const names = (res.data.forbund.interventions as { name: string }[]).map((i) => i.name).sort();
    expect(names).toEqual(expected[users[k]!]);
  });
});

it('binds RLS with the settings sent beside the statement, and leaves the connection with nothing set', async () => {
  const em = p.orms.teams!.em as unknown as EntityManager;
  // Raw SQL without the tenant filter: only RLS, fed by the settings sent with it, limits the rows.
  const tenants = async (tenantId: string) =>
    (await forkForTenant(em, tenantId, 'request-transaction-test').execute(
      'select distinct tenant_id from intervention order by 1',
    )) as { tenant_id: string }[];
  const { result, statements } = await recorded(() =>
    serveRequest({ reads: true }, async () => ({ a: await tenants(VASTERAS.id), b: await tenants(NORRA.id) })),
  );
  expect(result.a).toEqual([{ tenant_id: VASTERAS.id }]);
  expect(result.b).toEqual([{ tenant_id: NORRA.id }]);
  expect(statements.map((s) => WITH_SETTINGS.exec(s.text)?.[1])).toEqual([VASTERAS.id, NORRA.id]);
  // The pool's connections carry no tenant afterwards (set per transaction only), so RLS shows nothing.
  const pool = p.orms.teams!.em.getConnection();
  expect(await pool.execute(`select coalesce(current_setting('app.tenant_id', true), '') as tenant`)).toEqual([
    { tenant: '' },
  ]);
  expect(await pool.execute('select count(*)::int as n from intervention')).toEqual([{ n: 0 }]);
});

describe('a statement that fails in the middle of a query', () => {
  const QUERY = `{ forbund { interventions { id name staff { role } goals { text } } } }`;

  it('gives errors, never missing data, and the next request is whole again', async () => {
    const before = await ask('vasteras-admin', QUERY);
    expect(before.errors).toBeUndefined();
    const interventions = before.data.forbund.interventions as { goals: unknown[] }[];
    expect(interventions.some((i) => i.goals.length > 0)).toBe(true);

    // The interventions are read first; the goals' statement then fails (the app role may not read them).
    await p.asSuperuser('teams', (client) => client.query('revoke select on local_goal from finsam_app'));
    let failed: Awaited<ReturnType<typeof ask>>;
    try {
      failed = await ask('vasteras-admin', QUERY);
    } finally {
      await p.asSuperuser('teams', (client) => client.query('grant select on local_goal to finsam_app'));
    }
    expect(failed.errors?.length).toBeGreaterThan(0);
    expect(failed.errors?.some((e: { path?: unknown[] }) => e.path?.includes('goals'))).toBe(true);
    // Whatever came back is whole: no intervention answered with its goals (or staff) left out.
    for (const intervention of (failed.data?.forbund?.interventions ?? []) as Record<string, unknown>[]) {
      expect(intervention.goals).not.toEqual([]);
      expect(Array.isArray(intervention.staff)).toBe(true);
    }

    // The failed transaction was ended and its connection went back clean: the same query answers in full.
    const after = await ask('vasteras-admin', QUERY);
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual(before.data);
  });
});
