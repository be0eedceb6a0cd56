/**
 * Money that cannot overflow (issue 15 item 2): each amount sent in is at most 100 000 000 kr, yet sums of
 * them pass 2^31 − 1 (the old `Int` limit) — across requisition lines and requisitions, allocations and
 * requisitions in one statement, and per förbund in the county report. Every sum comes back exact through
 * the gateway as a `Kronor` (a JSON number, exact to 2^53 − 1 kr), as does what is stored (bigint).
 */
import { MONEY_MAX } from '@finsam/kit/input.js';
import { DEMO_INTERVENTION_IDS, NORRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const { HALLSTAHAMMAR, VASTERAS_TEAM } = DEMO_INTERVENTION_IDS;
const YEAR = 2025;
const INT_MAX = 2 ** 31 - 1;
const ERR = `__typename ... on Error { message } ... on ValidationError { issues { path message } }`;
const CATEGORIES = [
  'PERSONNEL',
  'PREMISES',
  'SUPERVISION_AND_TRAINING',
  'PLANNING_DAYS',
  'MATERIAL',
  'IT_AND_PHONE',
  'TRAVEL',
  'PARTICIPANT_ACTIVITIES',
  'FURNITURE',
  'OTHER',
];
/** One requisition of the most each line may carry: 10 × 100 000 000 = 1 000 000 000 kr. */
const FULL_REQUISITION = CATEGORIES.length * MONEY_MAX;
const PERIODS = [1, 2, 3];

const usage = async (interventionId: string, admin: string) =>
  (
    await p.gql(
      `{ intervention(id: "${interventionId}") { budgetUsage(year: ${YEAR}) { allocated used differens pending } } }`,
      { as: admin },
    )
  ).data.intervention.budgetUsage as { allocated: number; used: number; differens: number; pending: number };

const COUNTY = `{ countyReport(forbundIds: ["${NORRA.id}", "${VASTERAS.id}"], year: ${YEAR}) {
  forbund { year { forbund { id } finance { allocated used differens } } }
} }`;
const countyFinance = async () => {
  const res = await p.gql(COUNTY, { as: 'county-analyst' });
  expect(res.errors).toBeUndefined();
  return Object.fromEntries(
    res.data.countyReport.forbund.map((r: any) => [r.year.forbund.id, r.year.finance]),
  ) as Record<string, { allocated: number; used: number; differens: number }>;
};

/** Requisitions three full periods and an allocation of the most one input carries, and approves them. */
async function spend(slug: string, interventionId: string) {
  const staff = `${slug}-staff`;
  const admin = `${slug}-admin`;
  const allocation = await p.gql(
    `mutation { setAllocation(interventionId: "${interventionId}", year: ${YEAR}, amount: ${MONEY_MAX}) { ${ERR} } }`,
    { as: admin },
  );
  expect(allocation.data.setAllocation.__typename).toBe('MutationSetAllocationSuccess');
  for (const period of PERIODS) {
    const lines = CATEGORIES.map((category) => ({ category, amount: MONEY_MAX }));
    const submitted = await p.gql(
      `mutation ($input: SubmitRequisitionInput!) { submitRequisition(input: $input) {
        ${ERR} ... on MutationSubmitRequisitionSuccess { data { id version amount lines { amount } } }
      } }`,
      { as: staff, variables: { input: { interventionId, year: YEAR, period, lines } } },
    );
    const requisition = submitted.data.submitRequisition.data;
    expect(requisition.amount).toBe(FULL_REQUISITION);
    const approved = await p.gql(
      `mutation ($id: ID!, $v: Int!) { approveRequisition(id: $id, expectedVersion: $v) { ${ERR} } }`,
      { as: admin, variables: { id: requisition.id, v: requisition.version } },
    );
    expect(approved.data.approveRequisition.__typename).toBe('MutationApproveRequisitionSuccess');
  }
}

describe('sums past 2^31 kr', () => {
  it('are read back exactly: per insats, per förbund, and side by side in the county report', async () => {
    const before = {
      norra: await usage(HALLSTAHAMMAR, 'norra-vastmanland-admin'),
      vasteras: await usage(VASTERAS_TEAM, 'vasteras-admin'),
      county: await countyFinance(),
    };
    await spend('norra-vastmanland', HALLSTAHAMMAR);
    await spend('vasteras', VASTERAS_TEAM);
    const spent = PERIODS.length * FULL_REQUISITION; // 3 000 000 000 kr
    expect(spent).toBeGreaterThan(INT_MAX);

    // Per insats: förbrukat is three requisitions of ten lines; differens goes below −2^31.
    for (const [key, id, admin] of [
      ['norra', HALLSTAHAMMAR, 'norra-vastmanland-admin'],
      ['vasteras', VASTERAS_TEAM, 'vasteras-admin'],
    ] as const) {
      const after = await usage(id, admin);
      const used = before[key].used + spent;
      expect(after).toEqual({ allocated: MONEY_MAX, used, differens: MONEY_MAX - used, pending: before[key].pending });
      expect(after.differens).toBeLessThan(-INT_MAX);
    }

    // Per förbund, in the county report: each row's statement, exact; and their sum, which the client adds.
    const county = await countyFinance();
    for (const forbund of [NORRA.id, VASTERAS.id]) {
      const was = before.county[forbund]!;
      const allocated = was.allocated - (forbund === NORRA.id ? before.norra.allocated : before.vasteras.allocated);
      expect(county[forbund]).toEqual({
        allocated: allocated + MONEY_MAX,
        used: was.used + spent,
        differens: allocated + MONEY_MAX - (was.used + spent),
      });
    }
    expect(county[NORRA.id]!.used + county[VASTERAS.id]!.used).toBeGreaterThanOrEqual(2 * spent);

    // What is stored: bigint, summed by PostgreSQL to the same figure.
    const [stored] = await p.rows<{ used: string }>(
      'finance',
      `select sum(l."amount")::text as used from "requisition_line" l
       join "requisition" r on r."id" = l."requisition_id"
       where r."intervention_id" = $1 and r."year" = $2 and r."status" in ('APPROVED', 'PAID')`,
      [HALLSTAHAMMAR, YEAR],
    );
    expect(BigInt(stored!.used)).toBe(BigInt(before.norra.used + spent));
  });
});
