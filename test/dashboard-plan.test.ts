/**
 * Issue 23, the dashboard's sequential subgraph fetches: teams answers `forbund` too (the caller's own förbund is the
 * tenant of their token), so the gateway asks teams for the förbund's insatser at once, beside governance's name
 * and calendar, instead of after governance's answer. Three fetches in a row become two; the answer is the same.
 */
import { once } from 'node:events';
import { DASHBOARD } from '../infra/bench/operations.js';
import { switchableSubgraph } from './support/outage.js';
import { codes, startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

/** Rejects with `message` unless `event` comes first: what the test waits for may never happen without the change. */
function within<T>(event: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), 10_000);
  });
  return Promise.race([event, late]).finally(() => clearTimeout(timer));
}

it('asks teams for the förbund’s insatser while governance has not answered yet, and answers the same', async () => {
  const governance = await switchableSubgraph(p.subgraphUrls.governance!);
  const teams = await switchableSubgraph(p.subgraphUrls.teams!);
  const running = await p.extraGateway({
    subgraphUrls: { ...p.subgraphUrls, governance: governance.url, teams: teams.url },
    responseCache: false,
  });
  const token = await p.token('vasteras-admin');
  const ask = () =>
    p.post(running.url, DASHBOARD, { headers: { authorization: `Bearer ${token}` }, variables: { year: 2022 } });
  let release = () => {};
  try {
    // Warm: the person's access (a directory call to governance, kept 10 s) and the plan.
    const whole = await ask();
    expect(whole.errors).toBeUndefined();
    expect(whole.data.forbund.interventions.length).toBeGreaterThan(1);
    governance.requests.length = 0;
    teams.requests.length = 0;
    let governanceAnswers = 0;
    governance.events.on('answered', () => governanceAnswers++);

    governance.state.held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const teamsAnswered = once(teams.events, 'answered');
    const pending = ask();
    await within(teamsAnswered, 'teams was not asked while governance held its answer');
    // Teams answered the root `forbund` itself, needing nothing of governance's, which has answered nothing yet.
    expect(teams.requests).toHaveLength(1);
    expect(teams.requests[0]).toMatch(/\{\s*forbund\s*\{/);
    expect(teams.requests[0]).not.toContain('_entities');
    expect(governance.requests.length).toBeGreaterThanOrEqual(1);
    expect(governanceAnswers).toBe(0);

    release();
    const res = await pending;
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual(whole.data);
    // Five fetches in all, as before: governance twice (the förbund; the insatser's meetings), teams once.
    expect(governance.requests).toHaveLength(2);
    expect(teams.requests).toHaveLength(1);
  } finally {
    release();
    await running.stop();
    governance.close();
    teams.close();
  }
});

it('keeps `forbund` to the same callers in teams as in governance', async () => {
  // A query only teams can answer now goes to teams alone: what it gives each caller is what the query that
  // starts in governance too gives them (insatser, or the same refusal).
  const alone = '{ forbund { interventions { id } } }';
  const withName = '{ forbund { name interventions { id } } }';
  const seen = [];
  for (const as of [
    'vasteras-admin',
    'vasteras-board',
    'vasteras-staff',
    'vasteras-styrgrupp',
    'county-analyst',
    'platform-admin',
  ]) {
    const a = await p.gql(alone, { as });
    const b = await p.gql(withName, { as });
    const interventions = a.data?.forbund?.interventions ?? null;
    expect(interventions).toEqual(b.data?.forbund?.interventions ?? null);
    expect([...new Set(codes(a))]).toEqual([...new Set(codes(b))]);
    seen.push(interventions === null ? codes(a)[0] : 'insatser');
  }
  // Not vacuous: some callers read insatser, some are refused.
  expect(seen).toContain('insatser');
  expect(seen).toContain('FORBIDDEN');
});

it('with governance down, answers the dashboard’s förbund as null with governance’s error, as before', async () => {
  const governance = await switchableSubgraph(p.subgraphUrls.governance!);
  const running = await p.extraGateway({
    subgraphUrls: { ...p.subgraphUrls, governance: governance.url },
    responseCache: false,
  });
  const token = await p.token('vasteras-admin');
  const ask = () =>
    p.post(running.url, DASHBOARD, { headers: { authorization: `Bearer ${token}` }, variables: { year: 2022 } });
  try {
    // Warm: the person's access is kept 10 s in the gateway, so the dashboard itself meets the outage.
    expect((await ask()).errors).toBeUndefined();
    governance.state.down = true;
    const res = await ask();
    // Teams' insatser came back, but a förbund without its name is no förbund: null, with the reason.
    expect(res.data?.forbund ?? null).toBeNull();
    expect(res.errors?.some((e) => e.extensions?.serviceName === 'governance')).toBe(true);
  } finally {
    await running.stop();
    governance.close();
  }
});
