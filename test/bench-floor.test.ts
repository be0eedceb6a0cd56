/**
 * The bench's SQL floor (infra/bench/floor.ts) replays what the subgraphs really ran: the statements one
 * dashboard request sent in every subgraph, recorded by the kit (`recordSqlStatements`), replayed on
 * pools as the app role, return the rows the subgraphs got.
 */
import type { RunningServer } from '@finsam/kit/server.js';
import { type RecordedStatement, recordSqlStatements } from '@finsam/kit/telemetry.js';
import pg from 'pg';
import { floorPool, replay, sessions } from '../infra/bench/floor.js';
import { DASHBOARD } from '../infra/bench/operations.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
let uncached: RunningServer;
beforeAll(async () => {
  p = await startTestPlatform();
  // The platform's own gateway would keep the second dashboard and ask the subgraphs nothing.
  uncached = await p.extraGateway({ responseCache: false });
});
afterAll(async () => {
  await uncached?.stop();
  await p?.close();
});

type Query = (...args: unknown[]) => unknown;

/**
 * Runs `work` while the rows every statement of this process returns are kept, in the order sent: the
 * test's own look at what the subgraphs read, beside the kit's recording of what they sent.
 */
async function withRowsRead<T>(work: () => Promise<T>): Promise<{ result: T; rows: unknown[][] }> {
  const proto = pg.Client.prototype as unknown as { query: Query };
  const sent = proto.query;
  const rows: unknown[][] = [];
  proto.query = function keepRows(this: unknown, ...args: unknown[]) {
    const at = rows.push([]) - 1;
    const result = sent.apply(this, args) as Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
    return result.then((r) => {
      // A statement sent with its settings (`select set_config(…); <statement>`): its rows are the last result's.
      rows[at] = (Array.isArray(r) ? r.at(-1)! : r).rows;
      return r;
    });
  };
  try {
    return { result: await work(), rows };
  } finally {
    proto.query = sent;
  }
}

it('replays the statements a dashboard ran in every subgraph and reads the same rows', async () => {
  const token = await p.token('vasteras-admin');
  const ask = () =>
    p.post(uncached.url, DASHBOARD, { headers: { authorization: `Bearer ${token}` }, variables: { year: 2022 } });
  // Warm: the person's access (kept 10 s in the gateway) and the plan, so the recorded request is a steady one.
  expect((await ask()).errors).toBeUndefined();

  let recorded: RecordedStatement[] = [];
  const { result, rows } = await withRowsRead(async () => {
    const recording = recordSqlStatements();
    try {
      return await ask();
    } finally {
      recorded = recording.stop();
    }
  });
  expect(result.errors).toBeUndefined();
  expect(result.data.forbund.interventions.length).toBeGreaterThan(0);

  // Every subgraph the dashboard's plan reaches, each inside its tenant transaction.
  const databases = new Set(recorded.map((s) => s.database));
  for (const subgraph of ['governance', 'teams', 'finance', 'participants']) {
    expect(databases).toContain(p.databases[subgraph]!.app.dbName);
  }
  expect(recorded.some((s) => /set_config/i.test(s.text))).toBe(true);
  expect(rows).toHaveLength(recorded.length);

  const pools = new Map(Object.values(p.databases).map(({ app }) => [app.dbName, floorPool(app, 1)]));
  try {
    const grouped = sessions(recorded);
    const replayed = await replay(pools, grouped);
    // Sessions put one client's statements together: the subgraphs' rows in the same order.
    const bySession = sessions(recorded.map((s, k) => ({ ...s, text: String(k) }))).flatMap((session) =>
      session.statements.map((s) => rows[Number(s.text)]),
    );
    expect(replayed).toEqual(bySession);
    // Not vacuous: the replay read the förbund's insatser themselves.
    expect(JSON.stringify(replayed)).toContain(result.data.forbund.interventions[0].name);
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.end()));
  }
});
