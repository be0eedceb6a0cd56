/**
 * The statement's arithmetic: the Årsrapport 2021 Norra Västmanland budget table (allocated / used /
 * differens per insats and in total), and result and eget kapital against a budget (Västerås 2022's).
 */
import type { Usage } from '../../src/domain/allocations.js';
import {
  statementClosingEquity,
  statementCosts,
  statementResult,
  totalAllocated,
  totalDifferens,
  totalUsed,
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

  it('costs the fixed and other lines as budgeted, and the insatser as used (not as budgeted)', () => {
    expect(statementCosts(budget, usage)).toBe(1_600_000n + 2_050_000n + 9_400_000n);
    expect(statementCosts(budget, [])).toBe(3_650_000n);
  });

  it('result = intäkter − kostnader; eget kapital at year end = opening + result', () => {
    const result = 10_996_000n - 13_050_000n;
    expect(statementResult(budget, usage)).toBe(result);
    expect(statementClosingEquity(budget, usage)).toBe(7_206_000n + result);
  });
});
