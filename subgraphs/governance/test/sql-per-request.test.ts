/**
 * Done means: a förbund's insatser with their next styrgrupp meetings (the dashboard) cost as
 * many SQL statements for seven insatser as for two, and each insats still gets its own meetings.
 */
import { demoUser } from '@finsam/infra/demo-users.js';
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
  const vasteras = await sqlStatementsFor(p, QUERY, await p.tokenFor(demoUser('vasteras-admin')));
  const sodra = await sqlStatementsFor(p, QUERY, await p.tokenFor(demoUser('sodra-dalarna-admin')));
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
