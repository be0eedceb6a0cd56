/**
 * Finance through the gateway: the Årsrapport's budget table computed from seeded requisitions,
 * budgets under FINSAM's split, requisitions and who may do what.
 */
import { demoMemberId } from '@finsam/governance/demo/forbund.js';
import {
  codes,
  DEMO_INTERVENTION_IDS,
  NORRA,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from '../../../test/support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const { SALA, FNS, HALLSTAHAMMAR, SURAHAMMAR, VASTERAS_TEAM } = DEMO_INTERVENTION_IDS;
const vMember = (ref: string) => demoMemberId(VASTERAS.id, ref);

const RESULT = `__typename ... on Error { code message } ... on ValidationError { issues { path message } }
  ... on ConflictError { path } ... on NotFoundError { path }`;

/** Every finance table, read as the superuser: what "nothing written" is checked against. */
function snapshot(): Promise<string> {
  return p.asSuperuser('finance', async (client) => {
    const tables = [
      'budget',
      'budget_contribution',
      'budget_cost_line',
      'allocation',
      'requisition',
      'requisition_line',
    ];
    const rows = [];
    for (const t of tables) {
      rows.push((await client.query(`select * from "${t}" order by id`)).rows);
    }
    return JSON.stringify(rows);
  });
}

describe('Norra Västmanland 2021: the Årsrapport budget table', () => {
  it('is computed from the seeded requisitions, and its totals add up', async () => {
    const res = await p.gql(
      `{ financialStatement(year: 2021) { allocated used differens
          interventions { intervention { id name } allocated used differens overUsed forecast periodsCounted }
          sharedPosts { sharedPost { name } money { allocated used differens } } } }`,
      { as: 'norra-vastmanland-board' },
    );
    expect(res.errors).toBeUndefined();
    const s = res.data.financialStatement;
    const row = (id: string) => s.interventions.find((r: any) => r.intervention.id === id);
    expect(
      [HALLSTAHAMMAR, SURAHAMMAR, FNS, SALA].map((id) => [
        row(id).intervention.name,
        row(id).allocated,
        row(id).used,
        row(id).differens,
      ]),
    ).toEqual([
      ['Samordningsteam Hallstahammar', 1_060_000, 1_044_493, 15_507],
      ['Samordningsteam Surahammar', 958_000, 962_920, -4_920],
      ['Samordningsteam FNS', 1_457_000, 1_401_914, 55_086],
      ['Samordningsteam Sala', 1_590_000, 1_535_642, 54_358],
    ]);
    // Kurator Region is a shared post, not an insats; the totals count it (the Årsrapport's total row).
    expect(s.interventions).toHaveLength(4);
    expect(s.sharedPosts).toEqual([
      {
        sharedPost: { name: 'Kurator Region Västmanland' },
        money: { allocated: 235_000, used: 129_829, differens: 105_171 },
      },
    ]);
    expect(s.allocated).toBe(5_300_000);
    expect(s.used).toBe(5_074_798);
    expect(s.differens).toBe(5_300_000 - 5_074_798);
    expect(s.interventions.reduce((n: number, r: any) => n + r.used, 0) + s.sharedPosts[0].money.used).toBe(s.used);
    expect(row(SURAHAMMAR).overUsed).toBe(true);
    expect(row(SALA).overUsed).toBe(false);
    // A whole year counted: the forecast is what was used.
    expect(row(SALA)).toMatchObject({ periodsCounted: 6, forecast: 1_535_642 });
  });

  it('shows an insats its own requisitions by period, with due dates and the late one flagged', async () => {
    const res = await p.gql(
      `{ intervention(id: "${HALLSTAHAMMAR}") { name
          requisitions(year: 2021) {
            period periodStart periodEnd dueDate submittedOn late status amount lines { category amount } }
          budgetUsage(year: 2021) { used } allocation(year: 2021) { amount } } }`,
      { as: 'norra-vastmanland-staff' },
    );
    expect(res.errors).toBeUndefined();
    const i = res.data.intervention;
    expect(i.requisitions.map((r: any) => r.period)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(i.requisitions[0]).toMatchObject({
      periodStart: '2021-01-01',
      periodEnd: '2021-02-28',
      dueDate: '2021-03-31',
      late: false,
      status: 'PAID',
    });
    expect(i.requisitions[5]).toMatchObject({ periodEnd: '2021-12-31', dueDate: '2022-01-31' });
    expect(i.requisitions.filter((r: any) => r.late).map((r: any) => r.period)).toEqual([3]);
    for (const r of i.requisitions) {
      expect(r.lines.reduce((n: number, l: any) => n + l.amount, 0)).toBe(r.amount);
    }
    expect(i.requisitions.reduce((n: number, r: any) => n + r.amount, 0)).toBe(1_044_493);
    expect(i.budgetUsage.used).toBe(1_044_493);
    expect(i.allocation.amount).toBe(1_060_000);
  });

  it("staff may not read another insats' figures; the board reads them all", async () => {
    const staff = await p.gql(
      `{ intervention(id: "${SALA}") { id } requisitions(year: 2021) { intervention { id } } }`,
      { as: 'norra-vastmanland-staff' },
    );
    expect(staff.data.intervention).toBeNull();
    expect(new Set(staff.data.requisitions.map((r: any) => r.intervention.id))).toEqual(new Set([HALLSTAHAMMAR]));
    const figures = await p.gql(`{ financialStatement(year: 2021) { used } }`, { as: 'norra-vastmanland-staff' });
    expect(codes(figures)).toEqual(['FORBIDDEN']);
    const board = await p.gql(`{ requisitions(year: 2021) { id } }`, { as: 'norra-vastmanland-board' });
    // Four insatser × six periods; the shared post's requisitions are not an insats'.
    expect(board.data.requisitions).toHaveLength(24);
  });
});

describe('the Västerås 2022 budget', () => {
  it('shows the law’s split, the fixed and variable costs, eget kapital and the prognosis', async () => {
    const res = await p.gql(
      `{ forbund { budget(year: 2022) { year decidedOn decidedLate decisionDeadline
          income fixedCosts variableCosts costs result openingEquity closingEquity
          contributions { member { name kind } amount }
          costLines { category fixed description amount intervention { name } }
          prognosis { year income costs result } } } }`,
      { as: 'vasteras-board' },
    );
    expect(res.errors).toBeUndefined();
    const b = res.data.forbund.budget;
    expect(b.contributions.map((c: any) => [c.member.name, c.amount])).toEqual([
      ['Försäkringskassan', 5_498_000],
      ['Arbetsförmedlingen', 0],
      ['Region Västmanland', 2_749_000],
      ['Västerås stad', 2_749_000],
    ]);
    expect(b).toMatchObject({
      year: 2022,
      income: 10_996_000,
      fixedCosts: 1_600_000,
      variableCosts: 14_444_000,
      costs: 16_044_000,
      result: 10_996_000 - 16_044_000,
    });
    expect(b).toMatchObject({
      openingEquity: 7_206_000,
      closingEquity: 7_206_000 + 10_996_000 - 16_044_000,
      decisionDeadline: '2021-11-30',
      decidedLate: false,
    });
    expect(b.costLines.find((l: any) => l.description === 'Samordningsteam').intervention.name).toBe(
      'Samordningsteamet Västerås',
    );
    expect(b.prognosis.map((x: any) => x.year)).toEqual([2023, 2024]);
  });
});

const SET_BUDGET = `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { ${RESULT}
  ... on MutationSetBudgetSuccess { data { year income decidedLate contributions { amount } } } } }`;

const budgetInput = (overrides: Record<string, unknown> = {}) => ({
  year: 2025,
  openingEquity: 1_000_000,
  decidedOn: '2024-11-20',
  contributions: [
    { memberId: vMember('FK'), amount: 5_000_000 },
    { memberId: vMember('AF'), amount: 0 },
    { memberId: vMember('REGION'), amount: 2_500_000 },
    { memberId: vMember('KOMMUN:1980'), amount: 2_500_000 },
  ],
  costLines: [
    { category: 'KANSLI', description: 'Kansli', amount: 300_000 },
    {
      category: 'INDIVIDUAL_INTERVENTION',
      interventionId: VASTERAS_TEAM,
      description: 'Samordningsteam',
      amount: 7_000_000,
    },
  ],
  prognosis: [
    { year: 2026, income: 10_000_000, costs: 10_000_000 },
    { year: 2027, income: 10_000_000, costs: 10_000_000 },
  ],
  ...overrides,
});

describe('setBudget', () => {
  it('records a budget that follows the law, flagging a late decision', async () => {
    const res = await p.gql(SET_BUDGET, {
      as: 'vasteras-admin',
      variables: {
        input: budgetInput({
          year: 2026,
          decidedOn: '2025-12-10',
          prognosis: [
            { year: 2027, income: 1, costs: 1 },
            { year: 2028, income: 1, costs: 1 },
          ],
        }),
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.setBudget).toMatchObject({
      __typename: 'MutationSetBudgetSuccess',
      data: { year: 2026, income: 10_000_000, decidedLate: true },
    });
  });

  const bad: [string, Record<string, unknown>, (string | number)[], RegExp][] = [
    [
      'a 30/20/50 split',
      {
        contributions: [
          { memberId: vMember('FK'), amount: 3_000_000 },
          { memberId: vMember('REGION'), amount: 2_000_000 },
          { memberId: vMember('KOMMUN:1980'), amount: 5_000_000 },
        ],
      },
      ['input', 'contributions', 0, 'amount'],
      /The state \(Försäkringskassan, for FK and AF\) pays 30\.00 %.*its share is 50\.00 %/,
    ],
    [
      'a kommun share sum of 30 %',
      {
        contributions: [
          { memberId: vMember('FK'), amount: 5_000_000 },
          { memberId: vMember('REGION'), amount: 2_000_000 },
          { memberId: vMember('KOMMUN:1980'), amount: 3_000_000 },
        ],
      },
      ['input', 'contributions'],
      /kommuner together pay 30\.00 %; by law they pay 25\.00 %/,
    ],
    ['a negative amount', { openingEquity: -5 }, ['input', 'openingEquity'], /cannot be negative/],
    [
      'a negative contribution',
      { contributions: [{ memberId: vMember('FK'), amount: -5_000_000 }] },
      ['input', 'contributions', 0, 'amount'],
      /cannot be negative/,
    ],
    [
      'a member of another förbund',
      {
        contributions: [...budgetInput().contributions, { memberId: demoMemberId(NORRA.id, 'KOMMUN:1981'), amount: 0 }],
      },
      ['input', 'contributions', 4, 'memberId'],
      /not a member of your förbund/,
    ],
    [
      'an insats of another förbund',
      { costLines: [{ category: 'INDIVIDUAL_INTERVENTION', interventionId: SALA, description: 'Sala', amount: 1 }] },
      ['input', 'costLines', 0, 'interventionId'],
      /not an insats of your förbund/,
    ],
    [
      'an individinsats line without its insats',
      { costLines: [{ category: 'INDIVIDUAL_INTERVENTION', description: 'Någon', amount: 1 }] },
      ['input', 'costLines', 0, 'interventionId'],
      /names its insats/,
    ],
    [
      'a prognosis for the wrong years',
      {
        prognosis: [
          { year: 2027, income: 1, costs: 1 },
          { year: 2028, income: 1, costs: 1 },
        ],
      },
      ['input', 'prognosis', 0, 'year'],
      /covers 2026 and 2027/,
    ],
  ];
  it.each(bad)(
    'rejects %s with a typed error at the field, writing nothing',
    async (_name, overrides, path, message) => {
      const before = await snapshot();
      const res = await p.gql(SET_BUDGET, { as: 'vasteras-admin', variables: { input: budgetInput(overrides) } });
      expect(res.errors).toBeUndefined();
      expect(res.data.setBudget.__typename).toBe('ValidationError');
      expect(res.data.setBudget.issues).toContainEqual({
        path: path.map(String),
        message: expect.stringMatching(message),
      });
      expect(await snapshot()).toBe(before);
    },
  );

  it('is for förbund administrators only', async () => {
    for (const user of ['vasteras-board', 'vasteras-staff', 'county-analyst']) {
      const res = await p.gql(SET_BUDGET, { as: user, variables: { input: budgetInput() } });
      expect(codes(res)).toEqual(['FORBIDDEN']);
    }
  });
});

const SUBMIT = `mutation ($input: SubmitRequisitionInput!) { submitRequisition(input: $input) { ${RESULT}
  ... on MutationSubmitRequisitionSuccess { data { id version status amount dueDate late } } } }`;
const APPROVE = `mutation ($id: ID!, $v: Int!) { approveRequisition(id: $id, expectedVersion: $v) { ${RESULT}
  ... on MutationApproveRequisitionSuccess { data { id status version } } } }`;

describe('requisitions', () => {
  it("a förbund admin cannot requisition another förbund's insats: typed error, nothing written", async () => {
    const before = await snapshot();
    const res = await p.gql(SUBMIT, {
      as: 'vasteras-admin',
      variables: {
        input: { interventionId: SALA, year: 2024, period: 1, lines: [{ category: 'PERSONNEL', amount: 1000 }] },
      },
    });
    expect(res.data.submitRequisition).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'interventionId'], message: expect.stringMatching(/not an insats of your förbund/) }],
    });
    expect(await snapshot()).toBe(before);
  });

  it('staff submit for their own insats only', async () => {
    const other = await p.gql(SUBMIT, {
      as: 'norra-vastmanland-staff',
      variables: {
        input: { interventionId: SALA, year: 2024, period: 1, lines: [{ category: 'PERSONNEL', amount: 1000 }] },
      },
    });
    expect(codes(other)).toEqual(['FORBIDDEN']);
    const own = await p.gql(SUBMIT, {
      as: 'norra-vastmanland-staff',
      variables: {
        input: {
          interventionId: HALLSTAHAMMAR,
          year: 2024,
          period: 1,
          lines: [
            { category: 'PERSONNEL', amount: 1000 },
            { category: 'TRAVEL', amount: 50 },
          ],
        },
      },
    });
    expect(own.data.submitRequisition).toMatchObject({
      __typename: 'MutationSubmitRequisitionSuccess',
      data: { status: 'SUBMITTED', version: 1, amount: 1050, dueDate: '2024-03-31' },
    });
    const again = await p.gql(SUBMIT, {
      as: 'norra-vastmanland-staff',
      variables: {
        input: { interventionId: HALLSTAHAMMAR, year: 2024, period: 1, lines: [{ category: 'PERSONNEL', amount: 1 }] },
      },
    });
    // Taken is a conflict with what is stored: the answer a submission at the same moment gets too.
    expect(again.data.submitRequisition).toMatchObject({
      __typename: 'ConflictError',
      path: ['input', 'period'],
      message: 'Period 1 of 2024 is already requisitioned',
    });
    const backdated = await p.gql(SUBMIT, {
      as: 'norra-vastmanland-staff',
      variables: {
        input: {
          interventionId: HALLSTAHAMMAR,
          year: 2024,
          period: 2,
          submittedOn: '2024-04-01',
          lines: [{ category: 'PERSONNEL', amount: 1 }],
        },
      },
    });
    expect(backdated.data.submitRequisition.issues[0].message).toMatch(/Only a förbund administrator/);
  });

  it(
    'two concurrent approvals of one requisition: exactly one wins, the other gets a ConflictError, ' +
      'used counts it once',
    async () => {
      const usage = async () =>
        (
          await p.gql(`{ intervention(id: "${FNS}") { budgetUsage(year: 2023) { used pending } } }`, {
            as: 'norra-vastmanland-admin',
          })
        ).data.intervention.budgetUsage;
      const submitted = await p.gql(SUBMIT, {
        as: 'norra-vastmanland-admin',
        variables: {
          input: {
            interventionId: FNS,
            year: 2023,
            period: 2,
            submittedOn: '2023-05-02',
            lines: [
              { category: 'PERSONNEL', amount: 200_000 },
              { category: 'PREMISES', amount: 12_345 },
            ],
          },
        },
      });
      const { id, version } = submitted.data.submitRequisition.data;
      expect(await usage()).toEqual({ used: 0, pending: 212_345 });

      const results = await Promise.all(
        [1, 2].map(() => p.gql(APPROVE, { as: 'norra-vastmanland-admin', variables: { id, v: version } })),
      );
      const kinds = results.map((r) => r.data.approveRequisition.__typename).sort();
      expect(kinds).toEqual(['ConflictError', 'MutationApproveRequisitionSuccess']);
      const conflict = results.find((r) => r.data.approveRequisition.__typename === 'ConflictError')!.data
        .approveRequisition;
      expect(conflict).toMatchObject({
        code: 'CONFLICT',
        path: ['expectedVersion'],
        message: expect.stringMatching(/now APPROVED \(version 2\)/),
      });
      expect(await usage()).toEqual({ used: 212_345, pending: 0 });

      // A decision on what it is now goes through; on the old reading it conflicts again.
      const stale = await p.gql(`mutation { markRequisitionPaid(id: "${id}", expectedVersion: 1) { ${RESULT} } }`, {
        as: 'norra-vastmanland-admin',
      });
      expect(stale.data.markRequisitionPaid.__typename).toBe('ConflictError');
      const paid = await p.gql(
        `mutation { markRequisitionPaid(id: "${id}", expectedVersion: 2) { ${RESULT}
        ... on MutationMarkRequisitionPaidSuccess { data { status version } } } }`,
        { as: 'norra-vastmanland-admin' },
      );
      expect(paid.data.markRequisitionPaid.data).toEqual({ status: 'PAID', version: 3 });
      expect(await usage()).toEqual({ used: 212_345, pending: 0 });
    },
  );

  it('a rejection needs a reason and leaves the period open again', async () => {
    const submitted = await p.gql(SUBMIT, {
      as: 'norra-vastmanland-admin',
      variables: {
        input: {
          interventionId: SURAHAMMAR,
          year: 2023,
          period: 4,
          submittedOn: '2023-10-05',
          lines: [{ category: 'MATERIAL', amount: 900 }],
        },
      },
    });
    const { id } = submitted.data.submitRequisition.data;
    const noReason = await p.gql(
      `mutation { rejectRequisition(id: "${id}", expectedVersion: 1, reason: " ") { ${RESULT} } }`,
      { as: 'norra-vastmanland-admin' },
    );
    expect(noReason.data.rejectRequisition.__typename).toBe('ValidationError');
    const rejected = await p.gql(
      `mutation { rejectRequisition(id: "${id}", expectedVersion: 1, reason: "Kvitton saknas") { ${RESULT}
        ... on MutationRejectRequisitionSuccess { data { status rejectionReason late } } } }`,
      { as: 'norra-vastmanland-admin' },
    );
    expect(rejected.data.rejectRequisition.data).toEqual({
      status: 'REJECTED',
      rejectionReason: 'Kvitton saknas',
      late: true,
    });
    const approveRejected = await p.gql(APPROVE, { as: 'norra-vastmanland-admin', variables: { id, v: 2 } });
    expect(approveRejected.data.approveRequisition.__typename).toBe('ValidationError');
    const resent = await p.gql(SUBMIT, {
      as: 'norra-vastmanland-admin',
      variables: {
        input: {
          interventionId: SURAHAMMAR,
          year: 2023,
          period: 4,
          submittedOn: '2023-10-20',
          lines: [{ category: 'MATERIAL', amount: 900 }],
        },
      },
    });
    expect(resent.data.submitRequisition.__typename).toBe('MutationSubmitRequisitionSuccess');
  });

  it("another förbund's requisition is not found", async () => {
    const own = await p.gql(`{ requisitions(year: 2021) { id } }`, { as: 'norra-vastmanland-admin' });
    const res = await p.gql(APPROVE, { as: 'vasteras-admin', variables: { id: own.data.requisitions[0].id, v: 3 } });
    expect(res.data.approveRequisition.__typename).toBe('NotFoundError');
  });
});

describe('allocations', () => {
  it('an admin sets an allocation; the forecast follows the pace so far', async () => {
    const set = await p.gql(
      `mutation { setAllocation(interventionId: "${FNS}", year: 2023, amount: 1500000) { ${RESULT}
        ... on MutationSetAllocationSuccess { data { amount year } } } }`,
      { as: 'norra-vastmanland-admin' },
    );
    expect(set.data.setAllocation.data).toEqual({ amount: 1_500_000, year: 2023 });
    const usage = await p.gql(
      `{ intervention(id: "${FNS}") { budgetUsage(year: 2023) { allocated used differens forecast periodsCounted } } }`,
      { as: 'norra-vastmanland-admin' },
    );
    // One period (212 345 kr, from the approval test) counted: six times that for the year.
    expect(usage.data.intervention.budgetUsage).toEqual({
      allocated: 1_500_000,
      used: 212_345,
      differens: 1_500_000 - 212_345,
      forecast: 6 * 212_345,
      periodsCounted: 1,
    });
    const negative = await p.gql(
      `mutation { setAllocation(interventionId: "${FNS}", year: 2023, amount: -1) { ${RESULT} } }`,
      { as: 'norra-vastmanland-admin' },
    );
    expect(negative.data.setAllocation.issues[0]).toEqual({
      path: ['amount'],
      message: expect.stringMatching(/negative/),
    });
  });
});
