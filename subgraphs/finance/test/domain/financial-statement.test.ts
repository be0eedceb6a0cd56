/**
 * The statement's arithmetic: the Årsrapport 2021 Norra Västmanland budget table (allocated / used /
 * differens per insats and in total), and result and eget kapital against a budget (Västerås 2022's).
 */
import type { Usage } from '../../src/domain/allocations.js';
import {
  budgetOutcome,
  closingEquityIfBudgetHolds,
  statementClosingEquity,
  statementCosts,
  statementResult,
  totalAllocated,
  totalDifferens,
  totalUsed,
  unrecordedBudgeted,
} from '../../src/domain/financial-statement.js';
import type { BudgetFigures } from '../../src/domain/funding-law.js';

const row = (allocated: number, used: number) => ({ allocated: BigInt(allocated), used: BigInt(used) });
/** Hallstahammar, Surahammar, FNS, Sala (used 1 535 642: the reading under which the table adds up), Kurator Region. */
const NORRA_2021 = [
  row(1_060_000, 1_044_493),
  row(958_000, 962_920),
  row(1_457_000, 1_401_914),
  row(1_590_000, 1_535_642),
  row(235_000, 129_829),
];

describe('the Årsrapport budget table', () => {
  it('totals 5 300 000 allocated and 5 074 798 used', () => {
    expect(totalAllocated(NORRA_2021)).toBe(5_300_000n);
    expect(totalUsed(NORRA_2021)).toBe(5_074_798n);
    expect(totalDifferens(NORRA_2021)).toBe(5_300_000n - 5_074_798n);
  });

  it('is 0 for a year without insatser', () => {
    expect([totalAllocated([]), totalUsed([]), totalDifferens([])]).toEqual([0n, 0n, 0n]);
  });
});

describe('result and eget kapital', () => {
  const budget: BudgetFigures = {
    openingEquity: 7_206_000n,
    contributions: [5_498_000n, 0n, 2_749_000n, 2_749_000n].map((amount) => ({ amount })),
    costLines: [
      { category: 'KANSLI', amount: 200_000n },
      { category: 'SALARIES_AND_FEES', amount: 1_400_000n },
      { category: 'INDIVIDUAL_INTERVENTION', interventionId: 'team', amount: 6_700_000n },
      { category: 'OTHER', amount: 2_050_000n },
      { category: 'STRUCTURAL_INTERVENTION', interventionId: 'structural', amount: 2_850_000n },
    ],
  };
  const usage: Pick<Usage, 'allocated' | 'used'>[] = [row(6_700_000, 6_500_000), row(2_850_000, 2_900_000)];

  const own = [
    { category: 'KANSLI' as const, amount: 190_000n },
    { category: 'SALARIES_AND_FEES' as const, amount: 1_380_000n },
  ];

  it('costs what was recorded: own costs as booked and the insatser as used, never a budgeted line', () => {
    expect(statementCosts(budget, usage, own)).toBe(1_570_000n + 9_400_000n);
    expect(statementCosts(budget, [], [])).toBe(0n);
  });

  it('result = intäkter − recorded kostnader; eget kapital at year end = opening + result', () => {
    const result = 10_996_000n - 10_970_000n;
    expect(statementResult(budget, usage, own)).toBe(result);
    expect(statementClosingEquity(budget, usage, own)).toBe(7_206_000n + result);
  });
});

describe('budget against outcome', () => {
  const budget = {
    costLines: [
      { category: 'KANSLI' as const, description: 'Kansli', amount: 200_000n },
      { category: 'SALARIES_AND_FEES' as const, description: 'Löner och arvoden', amount: 1_400_000n },
      { category: 'INDIVIDUAL_INTERVENTION' as const, interventionId: 'team', description: 'Team', amount: 6_700_000n },
      {
        category: 'INDIVIDUAL_INTERVENTION' as const,
        interventionId: 'spira',
        description: 'Spira',
        amount: 1_919_000n,
      },
      { category: 'OTHER' as const, description: 'Övrigt a', amount: 50_000n },
      { category: 'OTHER' as const, description: 'Övrigt b', amount: 2_000_000n },
    ],
  };
  const usage = [
    { interventionId: 'team', used: 6_500_000n, periodsCounted: 6 },
    { interventionId: 'spira', used: 0n, periodsCounted: 0 },
  ];
  const own = [
    { category: 'KANSLI' as const, amount: 120_000n },
    { category: 'KANSLI' as const, amount: 70_000n },
    { category: 'STRUCTURAL_INTERVENTION' as const, amount: 30_000n },
  ];
  const rows = budgetOutcome(budget, usage, own);
  const byKey = (key: string) => rows.find((r) => (r.interventionId ?? r.category) === key)!;

  it('shows a line with nothing recorded as NOT_RECORDED with recorded null, never 0', () => {
    expect(byKey('SALARIES_AND_FEES')).toMatchObject({ budgeted: 1_400_000n, recorded: null, state: 'NOT_RECORDED' });
    expect(byKey('spira')).toMatchObject({ budgeted: 1_919_000n, recorded: null, state: 'NOT_RECORDED' });
  });

  it('sums own costs by category and takes an insats from its counted requisitions', () => {
    expect(byKey('KANSLI')).toMatchObject({ budgeted: 200_000n, recorded: 190_000n, state: 'RECORDED' });
    expect(byKey('team')).toMatchObject({ recorded: 6_500_000n, state: 'RECORDED' });
  });

  it('groups a category’s lines and shows a recorded category without a line as budgeted 0', () => {
    expect(byKey('OTHER')).toMatchObject({ budgeted: 2_050_000n, descriptions: ['Övrigt a', 'Övrigt b'] });
    expect(byKey('STRUCTURAL_INTERVENTION')).toMatchObject({ budgeted: 0n, recorded: 30_000n, state: 'RECORDED' });
  });

  it('expects the budgeted amount where nothing is recorded', () => {
    expect(unrecordedBudgeted(rows)).toBe(1_400_000n + 1_919_000n + 2_050_000n);
    expect(closingEquityIfBudgetHolds(1_000_000n, rows)).toBe(1_000_000n - 5_369_000n);
  });
});
