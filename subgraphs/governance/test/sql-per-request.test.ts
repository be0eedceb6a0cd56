/**
 * Done means: a förbund's insatser with their next styrgrupp meetings (the dashboard) cost as
 * many SQL statements for seven insatser as for two, and each insats still gets its own meetings;
 * the year's decisions and avvikelser cost one statement per period however many förbund are asked.
 */

import { sqlStatementsFor, startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const QUERY =
  '{ forbund { interventions { name upcoming(from: "2021-10-01", limit: 3) { date deadline meeting { id } } } } }';
type Interventions = {
  name: string;
  upcoming: { date: string; deadline: string | null; meeting: { id: string } | null }[];
}[];

it('sends as many SQL statements for Västerås’ seven insatser as for Södra Dalarna’s two', async () => {
  const vasteras = await sqlStatementsFor(p, QUERY, await p.token('vasteras-admin'));
  const sodra = await sqlStatementsFor(p, QUERY, await p.token('sodra-dalarna-admin'));
  expect(vasteras.res.errors).toBeUndefined();
  expect((vasteras.res.data.forbund.interventions as Interventions).length).toBeGreaterThan(
    (sodra.res.data.forbund.interventions as Interventions).length,
  );
  expect(sodra.statements).toBeGreaterThan(0);
  expect(vasteras.statements).toBe(sodra.statements);
});

it('gives each insats its own styrgrupp meetings when loaded together', async () => {
  const res = await p.gql(QUERY, { as: 'norra-vastmanland-admin' });
  const interventions = res.data.forbund.interventions as Interventions;
  const withMeeting = interventions.filter((i) => i.upcoming.some((u) => u.meeting));
  expect(withMeeting.map((i) => i.name)).toEqual(['Samordningsteam Hallstahammar']);
  expect(withMeeting[0]!.upcoming[0]).toMatchObject({ date: '2021-10-20', deadline: null });
  // Every insats still gets the requisition deadlines after its meetings.
  for (const i of interventions) {
    expect(i.upcoming).toHaveLength(3);
  }
});

const YEARS = (first: number) => `{ forbunds(first: ${first}) { edges { node { id year(year: 2021) {
  decisions avvikelser halfDecisions: decisions(period: HALF_YEAR) halfAvvikelser: avvikelser(period: HALF_YEAR)
} } } } }`;
type Years = {
  id: string;
  year: { decisions: number; avvikelser: number; halfDecisions: number; halfAvvikelser: number };
}[];

it('counts every förbund’s decisions and avvikelser of a period in one statement, as stored', async () => {
  const token = await p.token('county-analyst');
  const one = await sqlStatementsFor(p, YEARS(1), token);
  const all = await sqlStatementsFor(p, YEARS(10), token);
  expect(all.res.errors).toBeUndefined();
  const forbunds = (all.res.data.forbunds.edges as { node: Years[number] }[]).map((e) => e.node);
  expect(forbunds.length).toBeGreaterThanOrEqual(3);
  expect(all.statements).toBe(one.statements);

  const stored = async (from: string, to: string) => {
    const decisions = await p.rows<{ tenant_id: string; n: number }>(
      'governance',
      `select d.tenant_id, count(*)::int as n from decision d join meeting m on m.id = d.meeting_id
       where m.date between $1 and $2 group by 1`,
      [from, to],
    );
    const avvikelser = await p.rows<{ tenant_id: string; n: number }>(
      'governance',
      'select tenant_id, count(*)::int as n from avvikelse where reported_on between $1 and $2 group by 1',
      [from, to],
    );
    const count = (rows: { tenant_id: string; n: number }[], id: string) =>
      rows.find((r) => r.tenant_id === id)?.n ?? 0;
    return (id: string) => ({ decisions: count(decisions, id), avvikelser: count(avvikelser, id) });
  };
  const year = await stored('2021-01-01', '2021-12-31');
  const half = await stored('2021-01-01', '2021-06-30');
  for (const f of forbunds) {
    expect(f.year).toEqual({
      ...year(f.id),
      halfDecisions: half(f.id).decisions,
      halfAvvikelser: half(f.id).avvikelser,
    });
  }
  // Some förbund has some of each, so the comparison can fail.
  expect(forbunds.some((f) => f.year.decisions > 0)).toBe(true);
});
