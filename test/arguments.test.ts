/**
 * A query argument out of range, or an id that is not one, is the caller's mistake: BAD_USER_INPUT
 * naming the argument, through the gateway, never an internal error from the database; the edge
 * of each range works.
 */
import {
  codes,
  DEMO_INTERVENTION_IDS,
  type GraphQLResponse,
  NORRA,
  type RequestOptions,
  startTestPlatform,
  type TestPlatform,
} from './support/platform.js';

let p: TestPlatform;
let salaStaff: string;
beforeAll(async () => {
  p = await startTestPlatform();
  salaStaff = await p.tokenFor({
    name: 'arguments-sala-staff',
    description: 'staff',
    roles: ['staff'],
    tenant: NORRA.id,
    interventions: [SALA],
  });
});
afterAll(() => p.close());

const { SALA } = DEMO_INTERVENTION_IDS;
const ADMIN: RequestOptions = { as: 'norra-vastmanland-admin' };
const COUNTY: RequestOptions = { as: 'county-analyst' };

/** The distinct errors of a response by code and the argument named (a list field errs once per item). */
const rejected = (res: GraphQLResponse) =>
  [
    ...new Set(
      (res.errors ?? []).map((e) => JSON.stringify({ code: e.extensions?.code, argument: e.extensions?.argument })),
    ),
  ].map((e) => JSON.parse(e));

describe('arguments out of range', () => {
  it.each([
    ['a negative calendar limit on the förbund', '{ forbund { upcoming(limit: -1) { date } } }', ADMIN, 'limit'],
    [
      'a negative calendar limit on its insatser',
      '{ forbund { interventions { upcoming(limit: -1) { date } } } }',
      ADMIN,
      'limit',
    ],
    [
      'a report year before FINSAM',
      '{ forbund { year(year: 2003) { decisions participants { new { value } } } } }',
      ADMIN,
      'year',
    ],
    ['a negative report year', '{ forbund { year(year: -5) { decisions finance { used } } } }', ADMIN, 'year'],
    ['a report year of six digits', '{ forbund { year(year: 99999) { staffing { fte } } } }', ADMIN, 'year'],
    [
      'a county report year of 0',
      `{ countyReport(forbundIds: ["${NORRA.id}"], year: 0) { totals { new { value } } } }`,
      COUNTY,
      'year',
    ],
    [
      'an audit period that ends before it starts',
      '{ auditSummary(from: "2022-01-01", to: "2021-12-31") { reads } }',
      ADMIN,
      'to',
    ],
  ])('%s is BAD_USER_INPUT naming the argument', async (_name, query, as, argument) => {
    const res = await p.gql(query, as);
    expect(rejected(res)).toEqual([{ code: 'BAD_USER_INPUT', argument }]);
  });

  it('a statistics period that ends before it starts is BAD_USER_INPUT for staff too', async () => {
    const res = await p.gql(
      `{ intervention(id: "${SALA}") { participantStatistics(from: "2022-01-01", to: "2021-01-01") { __typename } } }`,
      { token: salaStaff },
    );
    expect(rejected(res)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'to' }]);
  });

  it.each([
    ['participations', `{ participations(interventionId: "${SALA}", first: -1) { edges { node { id } } } }`],
    ['insatser', '{ interventions(first: -3) { edges { node { id } } } }'],
  ])('a negative page size (%s) is BAD_USER_INPUT, with Pothos’ message', async (_name, query) => {
    const res = await p.gql(query, query.includes('participations') ? { token: salaStaff } : ADMIN);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.message).toMatch(/"(first|last)" must be a non-negative integer/);
  });

  it.each([
    ['an insats', '{ intervention(id: "nope") { name } }', ADMIN, 'id'],
    ['avvikelser of an insats', '{ avvikelser(interventionId: "1c7e0000") { id } }', ADMIN, 'interventionId'],
    [
      'participations of an insats',
      '{ participations(interventionId: "nope", first: 5) { edges { node { id } } } }',
      'staff',
      'interventionId',
    ],
    [
      'one förbund among several in the county report',
      `{ countyReport(forbundIds: ["${NORRA.id}", "x"], year: 2021) { totals { new { value } } } }`,
      COUNTY,
      'forbundIds',
    ],
    ['a survey round', '{ surveyRound(id: "nope") { id } }', ADMIN, 'id'],
    [
      'the insats a mutation closes',
      'mutation { closeIntervention(id: "nope", endDate: "2021-01-01", reason: "Avslutad") { __typename } }',
      ADMIN,
      'id',
    ],
    [
      'the staff position a mutation removes',
      'mutation { removeStaffPosition(id: "nope") { __typename } }',
      ADMIN,
      'id',
    ],
  ])('an id that is not one (%s) is BAD_USER_INPUT naming the argument', async (_name, query, as, argument) => {
    const res = await p.gql(query, as === 'staff' ? { token: salaStaff } : (as as RequestOptions));
    expect(rejected(res)).toEqual([{ code: 'BAD_USER_INPUT', argument }]);
  });

  it('a forged report key with a year out of range is answered with null, not an error', async () => {
    const token = await p.internalToken({ sub: 'probe', tenant: NORRA.id, roles: ['board'] }, 'participants');
    const res = await p.post(
      p.subgraphUrls.participants!,
      `query ($reps: [_Any!]!) {
        _entities(representations: $reps) { ... on ForbundYear { participants { new { value } } } }
      }`,
      {
        headers: { authorization: `Bearer ${token}` },
        variables: { reps: [{ __typename: 'ForbundYear', forbundId: NORRA.id, year: -5 }] },
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([null]);
  });
});

describe('the edges of each range', () => {
  it('answers a limit of 0 with nothing and the first FINSAM year with figures', async () => {
    const res = await p.gql(
      `{
        forbund {
          upcoming(limit: 0) { date }
          interventions { upcoming(limit: 0) { date } }
          year(year: 2004) { decisions participants { new { value } } }
        }
      }`,
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.forbund.upcoming).toEqual([]);
    expect(res.data.forbund.interventions.every((i: { upcoming: unknown[] }) => i.upcoming.length === 0)).toBe(true);
    expect(res.data.forbund.year).toEqual({
      decisions: 0,
      participants: expect.objectContaining({ new: { value: 0 } }),
    });
  });

  it('answers a one-day period, from = to', async () => {
    const res = await p.gql('{ auditSummary(from: "2021-06-01", to: "2021-06-01") { reads } }', ADMIN);
    expect(res.errors).toBeUndefined();
    expect(res.data.auditSummary).toEqual([]);
  });
});
