/**
 * Issue 15, failures that show: with one subgraph's process gone, the dashboard answers with every
 * field the other subgraphs own, and an error naming the subgraph and the path — and it answers
 * whole again once the subgraph is back, without a restart; a root field it leaves null has its error at its path.
 */
import { DASHBOARD } from '../infra/bench/operations.js';
import { switchableSubgraph } from './support/outage.js';
import { DEMO_INTERVENTION_IDS, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

it('answers what the other subgraphs own while finance is down, naming it, and recovers', async () => {
  const finance = await switchableSubgraph(p.subgraphUrls.finance!);
  const running = await p.extraGateway({
    subgraphUrls: { ...p.subgraphUrls, finance: finance.url },
    responseCache: false,
  });
  const ask = async () =>
    p.post(running.url, DASHBOARD, {
      headers: { authorization: `Bearer ${await p.token('vasteras-admin')}` },
      variables: { year: 2022 },
    });
  try {
    const whole = await ask();
    expect(whole.errors).toBeUndefined();
    expect(whole.data.forbund.interventions.every((i: any) => i.budgetUsage !== null)).toBe(true);

    finance.state.down = true;
    const partial = await ask();
    // Governance, teams and participants answered: the förbund, its insatser, their occupancy.
    expect(partial.data.forbund.name).toBe(VASTERAS.name);
    expect(partial.data.forbund.interventions.map((i: any) => i.id)).toEqual(
      whole.data.forbund.interventions.map((i: any) => i.id),
    );
    expect(partial.data.forbund.interventions.every((i: any) => i.occupancy !== null)).toBe(true);
    // Finance's part is null, with errors that say whose it was and where.
    expect(partial.data.forbund.interventions.every((i: any) => i.budgetUsage === null)).toBe(true);
    expect(partial.errors?.length).toBeGreaterThan(0);
    expect(partial.errors!.every((e) => e.extensions?.serviceName === 'finance')).toBe(true);
    expect(partial.errors![0]!.path).toEqual(expect.arrayContaining(['forbund', 'interventions']));

    finance.state.down = false;
    const again = await ask();
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(whole.data);
  } finally {
    await running.stop();
    finance.close();
  }
});

it('answers a lookup whose database fails with an error, never with a "not found" null', async () => {
  const { SALA } = DEMO_INTERVENTION_IDS;
  const query = `{ intervention(id: "${SALA}") { name } }`;
  const token = await p.token('norra-vastmanland-admin');
  expect((await p.gql(query, { token })).data.intervention.name).toBe('Samordningsteam Sala');
  // Not there for you: null, no error (the control).
  const unknown = await p.gql('{ intervention(id: "00000000-0000-4000-8000-0000000000ff") { name } }', { token });
  expect(unknown).toMatchObject({ data: { intervention: null } });
  expect(unknown.errors).toBeUndefined();
  await p.asSuperuser('teams', (c) => c.query('alter table intervention rename to intervention_away'));
  try {
    // Another selection, so the gateway's 10-second response cache cannot answer it.
    const failed = await p.gql(`{ intervention(id: "${SALA}") { name kind } }`, { token });
    expect(failed.errors?.length).toBeGreaterThan(0);
    expect(failed.errors![0]!.path).toEqual(['intervention']);
  } finally {
    await p.asSuperuser('teams', (c) => c.query('alter table intervention_away rename to intervention'));
  }
});

it('names the root field a stopped subgraph leaves null: the error is at its path', async () => {
  const teams = await switchableSubgraph(p.subgraphUrls.teams!);
  const running = await p.extraGateway({ subgraphUrls: { ...p.subgraphUrls, teams: teams.url }, responseCache: false });
  const { SALA } = DEMO_INTERVENTION_IDS;
  try {
    teams.state.down = true;
    const res = await p.post(running.url, `{ sala: intervention(id: "${SALA}") { name } me { userId } }`, {
      headers: { authorization: `Bearer ${await p.token('norra-vastmanland-admin')}` },
    });
    // Governance answered `me`; teams' root field is null with its own error, named and placed.
    expect(res.data.sala).toBeNull();
    expect(res.data.me.userId).toEqual(expect.any(String));
    expect(res.errors).toEqual([
      expect.objectContaining({
        path: ['sala'],
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'teams' }),
      }),
    ]);
  } finally {
    await running.stop();
    teams.close();
  }
});
