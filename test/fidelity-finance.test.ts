/**
 * Done means (issue 19, finance that tells the truth; Uppföljning Finsam): the Säter 2018 insats budget
 * (seed 002) stored and read back with its totals; Norra Västmanland 2021's budget table with Kurator
 * Region as a shared post, not an insats, and its staffing counted once; Västerås 2022's export with
 * the förbund's allotted 10 996 000 kr, eget kapital from what was recorded (budgeted lines with nothing
 * recorded shown as NOT_RECORDED, never 0) against its ceiling; the CSV opened by LibreOffice as a
 * Swedish spreadsheet; bad input a typed error with nothing written.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SUPPRESSED_CELL, UPPFOLJNING_COLUMNS } from '@finsam/gateway/export.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { DEMO_INTERVENTION_IDS, startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const { HALLSTAHAMMAR, SURAHAMMAR, VASTERAS_TEAM, SALA } = DEMO_INTERVENTION_IDS;
const SATER = '1c7e0000-0000-4000-8000-000000000011';
const RESULT = `__typename ... on Error { code message } ... on ValidationError { issues { path message } }`;

const membersOf = async (as: string) => {
  const res = await p.gql('{ forbund { members { id kind scbCode } } }', { as });
  const members: { id: string; kind: string; scbCode: string | null }[] = res.data.forbund.members;
  return (kind: string, scb?: string) => members.find((m) => m.kind === kind && (!scb || m.scbCode === scb))!.id;
};
const count = async (table: string) => Number((await p.rows('finance', `select count(*) as n from "${table}"`))[0].n);

// --- the Säter insatsplan 2018 --------------------------------------------------------------------

const SET_INSATS_BUDGET = `mutation ($input: SetInsatsBudgetInput!) { setInsatsBudget(input: $input) { ${RESULT}
  ... on MutationSetInsatsBudgetSuccess { data { id year } } } }`;
const READ_INSATS_BUDGET = `{ intervention(id: "${SATER}") { name insatsBudget(year: 2018) {
  note totalIncome totalCosts balance lentValueNoted
  income { source description amount }
  costs { category description amount notedValue lentBy { id } }
  incomeBySource { source amount } costsByCategory { category amount } } } }`;

/** Seed 002's "Planerad budget" in kronor, members' staff lent at 0 kr. */
async function saterInput(note: string, notedValue: number | null = null) {
  const member = await membersOf('sodra-dalarna-admin');
  const lent = (description: string, by: string) => ({
    category: 'PERSONNEL',
    description,
    amount: 0,
    lentByMemberId: by,
  });
  const other = (description: string, tkr: number) => ({ category: 'OTHER', description, amount: tkr * 1000 });
  return {
    interventionId: SATER,
    year: 2018,
    note,
    income: [
      { source: 'FORBUND', description: 'Finansiering från samordningsförbundet', amount: 600_000 },
      { source: 'CO_FINANCING', description: 'Finansiering från Kraften', amount: 300_000 },
    ],
    costs: [
      { ...lent('Arbetsförmedlare (20 %)', member('ARBETSFORMEDLINGEN')), notedValue },
      lent('Personlig handläggare (20 %)', member('FORSAKRINGSKASSAN')),
      lent('Psykiatri och vårdkontakt (20 %)', member('REGION')),
      lent('Socialsekreterare (20 %)', member('KOMMUN', '2082')),
      { category: 'PERSONNEL', description: 'Coach (100 %)', amount: 300_000 },
      { category: 'PERSONNEL', description: 'Verksamhetsledare/samordnare (100 %)', amount: 320_000 },
      { category: 'PREMISES', description: 'Lokaler', amount: 80_000 },
      other('Handledning och kompetensutveckling', 30),
      other('Planeringsdagar', 20),
      other('Material', 20),
      other('Dator, telefonkostnader', 40),
      other('Reskostnader', 10),
      other('Aktivitetskostnader', 60),
      other('Inredning och möbler', 20),
    ],
  };
}

describe('the Säter insatsplan 2018 (seed 002)', () => {
  it('is stored and read back with income by source, costs by category and totals', async () => {
    const input = await saterInput('Planerad budget 2018-04 – 2018-12 (test)');
    const set = await p.gql(SET_INSATS_BUDGET, { as: 'sodra-dalarna-admin', variables: { input } });
    expect(set.data.setInsatsBudget).toMatchObject({
      __typename: 'MutationSetInsatsBudgetSuccess',
      data: { year: 2018 },
    });

    const read = await p.gql(READ_INSATS_BUDGET, { as: 'sodra-dalarna-board' });
    expect(read.errors).toBeUndefined();
    const b = read.data.intervention.insatsBudget;
    expect(b.note).toBe('Planerad budget 2018-04 – 2018-12 (test)');
    expect(b.incomeBySource).toEqual([
      { source: 'FORBUND', amount: 600_000 },
      { source: 'CO_FINANCING', amount: 300_000 },
    ]);
    expect(b.costsByCategory).toEqual([
      { category: 'PERSONNEL', amount: 620_000 },
      { category: 'PREMISES', amount: 80_000 },
      { category: 'OTHER', amount: 200_000 },
    ]);
    expect([b.totalIncome, b.totalCosts, b.balance]).toEqual([900_000, 900_000, 0]);
    expect(b.costs.filter((c: any) => c.category === 'OTHER')).toHaveLength(7);
    // The members' staff: four lines at 0 kr, each naming the member that lends it.
    const lent = b.costs.filter((c: any) => c.lentBy);
    expect(lent.map((c: any) => [c.description, c.amount])).toEqual(
      input.costs.filter((c) => 'lentByMemberId' in c).map((c) => [c.description, 0]),
    );
    expect(lent.map((c: any) => c.lentBy.id)).toEqual(
      input.costs.flatMap((c) => ('lentByMemberId' in c ? [c.lentByMemberId] : [])),
    );
  });

  it('notes the value of lent staff beside the budget, outside its totals', async () => {
    const input = await saterInput('Med noterat värde', 120_000);
    const set = await p.gql(SET_INSATS_BUDGET, { as: 'sodra-dalarna-admin', variables: { input } });
    expect(set.data.setInsatsBudget.__typename).toBe('MutationSetInsatsBudgetSuccess');
    const b = (await p.gql(READ_INSATS_BUDGET, { as: 'sodra-dalarna-admin' })).data.intervention.insatsBudget;
    expect(b.costs[0]).toMatchObject({ amount: 0, notedValue: 120_000 });
    expect([b.lentValueNoted, b.totalCosts, b.balance]).toEqual([120_000, 900_000, 0]);
    // Replaced whole: one budget, its lines once.
    const stored = await p.rows(
      'finance',
      `select count(*)::int as n from "insats_budget_line" l
      join "insats_budget" b on b.id = l.budget_id where b.intervention_id = $1 and b.year = 2018`,
      [SATER],
    );
    expect(stored[0].n).toBe(input.income.length + input.costs.length);
  });
});

// --- Norra Västmanland 2021: Kurator Region as a shared post ---------------------------------------

describe('Norra Västmanland 2021: Kurator Region is a shared post, not an insats', () => {
  let statement: any;
  let year: any;
  beforeAll(async () => {
    const res = await p.gql(
      `{ financialStatement(year: 2021) { allocated used differens
          interventions { intervention { id name } allocated used }
          sharedPosts { sharedPost { name fte services { intervention { id name } fte } }
            money { allocated used differens } } }
        forbund { year(year: 2021) { staffing { intervention { id name } role fte } } }
        interventions(first: 50) { edges { node { name } } } }`,
      { as: 'norra-vastmanland-board' },
    );
    expect(res.errors).toBeUndefined();
    statement = res.data.financialStatement;
    year = { ...res.data.forbund.year, insatser: res.data.interventions.edges.map((e: any) => e.node.name) };
  });

  it('has the Årsrapport table: four insatser, the post on its own row, totals over both', () => {
    expect(statement.interventions.map((r: any) => r.intervention.name).sort()).toEqual([
      'Samordningsteam FNS',
      'Samordningsteam Hallstahammar',
      'Samordningsteam Sala',
      'Samordningsteam Surahammar',
    ]);
    expect(statement.sharedPosts).toHaveLength(1);
    const kurator = statement.sharedPosts[0];
    expect(kurator.sharedPost.name).toBe('Kurator Region Västmanland');
    expect(kurator.money).toEqual({ allocated: 235_000, used: 129_829, differens: 105_171 });
    const sum = (k: 'allocated' | 'used') =>
      statement.interventions.reduce((n: number, r: any) => n + r[k], 0) + kurator.money[k];
    expect([statement.allocated, statement.used]).toEqual([sum('allocated'), sum('used')]);
    expect([statement.allocated, statement.used]).toEqual([5_300_000, 5_074_798]);
  });

  it('is no insats: not among the förbund’s insatser, no empty insats row for Försäkringskassan', async () => {
    expect(year.insatser.some((n: string) => /kurator/i.test(n))).toBe(false);
    const csv = await fetch(p.gatewayUrl.replace(/\/graphql$/, '/export/uppfoljning-finsam/2021.csv'), {
      headers: { authorization: `Bearer ${await p.token('norra-vastmanland-admin')}` },
    });
    const rows = parseCsv(await csv.text(), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.some((r) => /kurator/i.test(r.intervention!))).toBe(false);
    expect(rows.every((r) => r.intervention_id !== undefined && r.intervention_id.length === 36)).toBe(true);
  });

  it('counts the kurator once in the staffing: the post’s time is the time in the teams it serves', () => {
    const kurator = statement.sharedPosts[0].sharedPost;
    expect(kurator.services.map((s: any) => [s.intervention.id, s.fte])).toEqual([
      [HALLSTAHAMMAR, 20],
      [SURAHAMMAR, 20],
    ]);
    const kuratorRows = year.staffing.filter((r: any) => r.role === 'KURATOR');
    // Only the insatser the post serves list a kurator, and together they give what the post is.
    expect(new Set(kuratorRows.map((r: any) => r.intervention.id))).toEqual(new Set([HALLSTAHAMMAR, SURAHAMMAR]));
    const kuratorTotal = kuratorRows.reduce((n: number, r: any) => n + r.fte, 0);
    expect(kuratorTotal).toBe(kurator.fte);
    expect(kurator.fte).toBe(40);
    // Every staffing row is an insats' (none for a post dressed as one).
    expect(year.staffing.every((r: any) => r.intervention?.name && !/kurator/i.test(r.intervention.name))).toBe(true);
  });
});

// --- Västerås 2022: the förbund's money as it happened ---------------------------------------------

const STATEMENT = `{ financialStatement(year: 2022) {
  income openingEquity costs ownCosts interventionCosts sharedPostCosts result closingEquity
  complete unrecordedBudgeted closingEquityIfBudgetHolds
  budgetOutcome { category intervention { id } budgeted recorded state }
  equityCeiling { basisPoints minimumAmount isDefault ceiling exceeded }
  interventions { intervention { id } used } }
  forbund { costs(year: 2022) { bookedOn category amount } budget(year: 2022) { closingEquity } } }`;

describe('Västerås 2022: eget kapital from what was recorded', () => {
  it('is opening + income − the recorded costs (own costs and requisitions), not 14 552 000', async () => {
    const res = await p.gql(STATEMENT, { as: 'vasteras-board' });
    expect(res.errors).toBeUndefined();
    const s = res.data.financialStatement;
    const own = res.data.forbund.costs.reduce((n: number, c: any) => n + c.amount, 0);
    const used = s.interventions.reduce((n: number, r: any) => n + r.used, 0);
    expect(res.data.forbund.costs.length).toBeGreaterThan(0);
    expect(used).toBeGreaterThan(0);
    expect(s.ownCosts).toBe(own);
    expect(s.costs).toBe(own + used + s.sharedPostCosts);
    expect(s.income).toBe(10_996_000);
    expect(s.closingEquity).toBe(s.openingEquity + s.income - s.costs);
    expect(s.closingEquity).not.toBe(14_552_000);
    // Every budget line has costs recorded against it: the year is complete and near the budget's 2 158 000.
    expect(s.complete).toBe(true);
    expect(s.budgetOutcome.every((r: any) => r.state === 'RECORDED' && r.recorded !== null)).toBe(true);
    expect(Math.abs(s.closingEquity - res.data.forbund.budget.closingEquity)).toBeLessThan(1_000_000);
  });

  it('moves with a cost the förbund records', async () => {
    const before = (await p.gql(STATEMENT, { as: 'vasteras-admin' })).data.financialStatement;
    const recorded = await p.gql(
      `mutation { recordForbundCost(input: { bookedOn: "2022-12-20", category: KANSLI,
        description: "Revision 2022", amount: 25000 }) { ${RESULT} ... on MutationRecordForbundCostSuccess {
        data { bookedOn category amount } } } }`,
      { as: 'vasteras-admin' },
    );
    expect(recorded.data.recordForbundCost.data).toEqual({
      bookedOn: '2022-12-20',
      category: 'KANSLI',
      amount: 25_000,
    });
    const after = (await p.gql(STATEMENT, { as: 'vasteras-admin' })).data.financialStatement;
    expect(after.closingEquity).toBe(before.closingEquity - 25_000);
    const kansli = (s: any) => s.budgetOutcome.find((r: any) => r.category === 'KANSLI').recorded;
    expect(kansli(after)).toBe(kansli(before) + 25_000);
  });

  it('compares eget kapital with the ceiling: 20 % of the contributions by default, or the förbund’s own', async () => {
    const s = (await p.gql(STATEMENT, { as: 'vasteras-admin' })).data.financialStatement;
    expect(s.equityCeiling).toMatchObject({ basisPoints: 2000, minimumAmount: 0, isDefault: true });
    expect(s.equityCeiling.ceiling).toBe(Math.floor((s.income * 2000) / 10_000));
    expect(s.equityCeiling.exceeded).toBe(s.closingEquity > s.equityCeiling.ceiling);
    const set = await p.gql(
      `mutation { setEquityCeiling(basisPoints: 3000, minimumAmount: 800000, year: 2022) { ${RESULT}
        ... on MutationSetEquityCeilingSuccess { data { basisPoints minimumAmount isDefault ceiling exceeded } } } }`,
      { as: 'vasteras-admin' },
    );
    const ceiling = Math.floor((s.income * 3000) / 10_000);
    expect(set.data.setEquityCeiling.data).toEqual({
      basisPoints: 3000,
      minimumAmount: 800_000,
      isDefault: false,
      ceiling,
      exceeded: s.closingEquity > ceiling,
    });
    const norra = await p.gql('{ financialStatement(year: 2021) { equityCeiling { isDefault } } }', {
      as: 'norra-vastmanland-admin',
    });
    expect(norra.data.financialStatement.equityCeiling.isDefault).toBe(true);
  });

  it('shows a budgeted year with nothing recorded as NOT_RECORDED, never as 0 kr spent', async () => {
    const budget = (
      await p.gql(
        `{ forbund { budget(year: 2022) { openingEquity contributions { member { id } amount }
          costLines { category intervention { id } description amount } prognosis { income costs } } } }`,
        { as: 'vasteras-admin' },
      )
    ).data.forbund.budget;
    const input = {
      year: 2030,
      openingEquity: budget.openingEquity,
      decidedOn: '2029-11-20',
      contributions: budget.contributions.map((c: any) => ({ memberId: c.member.id, amount: c.amount })),
      costLines: budget.costLines.map((l: any) => ({
        category: l.category,
        interventionId: l.intervention?.id ?? null,
        description: l.description,
        amount: l.amount,
      })),
      prognosis: [
        { year: 2031, ...budget.prognosis[0] },
        { year: 2032, ...budget.prognosis[1] },
      ],
    };
    const set = await p.gql(
      `mutation ($input: SetBudgetInput!) { setBudget(input: $input) { ${RESULT} ... on MutationSetBudgetSuccess {
        data { closingEquity costs } } } }`,
      { as: 'vasteras-admin', variables: { input } },
    );
    const decided = set.data.setBudget.data;
    const s = (await p.gql(STATEMENT.replaceAll('2022', '2030'), { as: 'vasteras-admin' })).data.financialStatement;
    expect(s.budgetOutcome.length).toBeGreaterThan(0);
    expect(s.budgetOutcome.every((r: any) => r.state === 'NOT_RECORDED' && r.recorded === null)).toBe(true);
    expect(s.complete).toBe(false);
    expect(s.unrecordedBudgeted).toBe(decided.costs);
    // Nothing happened yet: eget kapital as recorded is opening + income; if the budget holds, the budget's.
    expect(s.closingEquity).toBe(s.openingEquity + s.income);
    expect(s.closingEquityIfBudgetHolds).toBe(decided.closingEquity);
  });
});

// --- the Uppföljning Finsam file ---------------------------------------------------------------------

const exportOf = async (year: number, as: string) => {
  const res = await fetch(p.gatewayUrl.replace(/\/graphql$/, `/export/uppfoljning-finsam/${year}.csv`), {
    headers: { authorization: `Bearer ${await p.token(as)}` },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};

describe('Uppföljning Finsam for Västerås 2022', () => {
  it('gives the förbund’s allotted funds (10 996 000), eget kapital, each insats’ budget and outcome', async () => {
    const bytes = await exportOf(2022, 'vasteras-admin');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...UPPFOLJNING_COLUMNS]);
    expect(rows.every((r) => r.forbund_allocated === '10996000')).toBe(true);
    const s = (await p.gql(STATEMENT, { as: 'vasteras-admin' })).data.financialStatement;
    expect(rows.every((r) => r.eget_kapital_year_end === String(s.closingEquity))).toBe(true);
    const team = rows.find((r) => r.intervention_id === VASTERAS_TEAM)!;
    const used = s.interventions.find((r: any) => r.intervention.id === VASTERAS_TEAM).used;
    expect(team).toMatchObject({ inriktning: 'individinriktad', allocated: '6700000', used: String(used) });
    expect(rows.find((r) => r.inriktning === 'strukturövergripande')).toBeDefined();
  });

  it('opens in LibreOffice as a Swedish spreadsheet: columns split, å/ä/ö intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-soffice-'));
    try {
      const file = path.join(dir, 'uppfoljning-finsam-2022.csv');
      fs.writeFileSync(file, await exportOf(2022, 'vasteras-admin'));
      // Import as Excel users' Swedish settings read it (`;`, `"`, UTF-8 = 76, from row 1); write it out
      // again with commas, so what LibreOffice made of each cell can be read back.
      await promisify(execFile)(
        'soffice',
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--infilter=CSV:59,34,76,1',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1',
          '--outdir',
          path.join(dir, 'out'),
          file,
        ],
        { timeout: 90_000 },
      );
      const converted = fs.readFileSync(path.join(dir, 'out', 'uppfoljning-finsam-2022.csv'), 'utf8');
      const rows = parseCsv(converted, { bom: true, delimiter: ',', columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0]!)).toEqual([...UPPFOLJNING_COLUMNS]);
      expect(rows.every((r) => r.forbund === 'Samordningsförbundet Västerås')).toBe(true);
      expect(rows.map((r) => r.intervention)).toContain('Samordningsteamet Västerås');
      expect(rows.map((r) => r.inriktning)).toContain('strukturövergripande');
      expect(rows.every((r) => r.forbund_allocated === '10996000')).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

// --- bad input -------------------------------------------------------------------------------------

describe('bad input is a typed error, and nothing is written', () => {
  const TABLES = [
    'insats_budget',
    'insats_budget_line',
    'forbund_cost',
    'shared_post',
    'finance_setting',
    'allocation',
  ];
  const snapshot = async () => Promise.all(TABLES.map(count));

  it.each([
    [
      'lent staff that costs the insats',
      async () => {
        const input = await saterInput('x');
        input.costs[0] = { ...input.costs[0]!, amount: 5 } as never;
        return [SET_INSATS_BUDGET, { input }, ['input', 'costs', 0, 'amount']];
      },
    ],
    [
      'a value noted on a line nobody lends',
      async () => {
        const input = await saterInput('x');
        input.costs[4] = { ...input.costs[4]!, notedValue: 10 } as never;
        return [SET_INSATS_BUDGET, { input }, ['input', 'costs', 4, 'notedValue']];
      },
    ],
    [
      'an insats budget for another förbund’s insats',
      async () => {
        const input = { ...(await saterInput('x')), interventionId: SALA };
        return [SET_INSATS_BUDGET, { input }, ['input', 'interventionId']];
      },
    ],
    [
      'an insats budget without costs',
      async () => {
        const input = { ...(await saterInput('x')), costs: [] };
        return [SET_INSATS_BUDGET, { input }, ['input', 'costs']];
      },
    ],
  ] as [string, () => Promise<[string, Record<string, unknown>, (string | number)[]]>][])(
    'refuses %s',
    async (_name, make) => {
      const [mutation, variables, at] = await make();
      const before = await snapshot();
      const res = await p.gql(mutation, { as: 'sodra-dalarna-admin', variables });
      expect(res.data.setInsatsBudget.__typename).toBe('ValidationError');
      expect(res.data.setInsatsBudget.issues.map((i: any) => i.path)).toContainEqual(at.map(String));
      expect(await snapshot()).toEqual(before);
    },
  );

  it.each([
    ['a cost of 0 kr', 'bookedOn: "2022-05-01", category: OTHER, description: "Noll", amount: 0', 'amount'],
    ['a cost before FINSAM', 'bookedOn: "2003-05-01", category: OTHER, description: "Gammal", amount: 5', 'bookedOn'],
    [
      'a cost without a description',
      'bookedOn: "2022-05-01", category: OTHER, description: " ", amount: 5',
      'description',
    ],
  ])('refuses %s', async (_name, fields, at) => {
    const before = await snapshot();
    const res = await p.gql(`mutation { recordForbundCost(input: { ${fields} }) { ${RESULT} } }`, {
      as: 'vasteras-admin',
    });
    expect(res.data.recordForbundCost.__typename).toBe('ValidationError');
    expect(res.data.recordForbundCost.issues[0].path).toEqual(['input', at]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a shared post serving one insats, a ceiling above 100 % and another förbund’s post', async () => {
    const before = await snapshot();
    const member = await membersOf('norra-vastmanland-admin');
    const post = await p.gql(`mutation ($input: SetSharedPostInput!) { setSharedPost(input: $input) { ${RESULT} } }`, {
      as: 'norra-vastmanland-admin',
      variables: {
        input: {
          name: 'Kurator',
          role: 'KURATOR',
          employerMemberId: member('REGION'),
          services: [{ interventionId: HALLSTAHAMMAR, fte: 20 }],
        },
      },
    });
    expect(post.data.setSharedPost.issues.map((i: any) => i.path)).toEqual([['input', 'services']]);
    const ceiling = await p.gql(
      `mutation { setEquityCeiling(basisPoints: 20000, minimumAmount: 0, year: 2022) { ${RESULT} } }`,
      { as: 'vasteras-admin' },
    );
    expect(ceiling.data.setEquityCeiling.issues.map((i: any) => i.path)).toEqual([['basisPoints']]);
    const posts = await p.gql('{ forbund { sharedPosts { id } } }', { as: 'norra-vastmanland-admin' });
    const foreign = await p.gql(
      `mutation { setSharedPostAllocation(sharedPostId: "${posts.data.forbund.sharedPosts[0].id}", year: 2022,
        amount: 1) { ${RESULT} } }`,
      { as: 'vasteras-admin' },
    );
    expect(foreign.data.setSharedPostAllocation.__typename).toBe('ValidationError');
    expect(await snapshot()).toEqual(before);
  });

  it('leaves the figures unknown rather than 0 in the export of a year without a budget', async () => {
    const rows = parseCsv(await exportOf(2021, 'norra-vastmanland-admin'), {
      bom: true,
      delimiter: ';',
      columns: true,
    }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every((r) => r.forbund_allocated === SUPPRESSED_CELL && r.eget_kapital_year_end === SUPPRESSED_CELL),
    ).toBe(true);
  });
});
