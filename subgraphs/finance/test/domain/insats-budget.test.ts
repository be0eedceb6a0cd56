/** An insats' own budget: the Säter insatsplan 2018 (seed 002), and what a budget line may say. */
import {
  type InsatsBudgetInput,
  insatsBalance,
  insatsBudgetInput,
  insatsBudgetIssues,
  insatsCosts,
  insatsIncome,
  lentValueNoted,
} from '../../src/domain/insats-budget.js';

const AF = '00000000-0000-4000-8000-00000000000a';
const FK = '00000000-0000-4000-8000-00000000000f';
const members = new Set([AF, FK]);

/** Seed 002 in kronor: income förbund 600 + Kraften 300 tkr; personnel 620, premises 80, other 200 (seven lines). */
const SATER_2018 = {
  income: [
    { source: 'FORBUND' as const, amount: 600_000n },
    { source: 'CO_FINANCING' as const, amount: 300_000n },
  ],
  costs: [
    { category: 'PERSONNEL' as const, amount: 0n, notedValue: 150_000n },
    { category: 'PERSONNEL' as const, amount: 300_000n },
    { category: 'PERSONNEL' as const, amount: 320_000n },
    { category: 'PREMISES' as const, amount: 80_000n },
    ...[30, 20, 20, 40, 10, 60, 20].map((k) => ({ category: 'OTHER' as const, amount: BigInt(k * 1000) })),
  ],
};

describe('the Säter insatsplan 2018', () => {
  it('has income 900 000 by source and costs 900 000 by category: it balances', () => {
    expect(insatsIncome(SATER_2018)).toBe(900_000n);
    expect(insatsIncome(SATER_2018, 'CO_FINANCING')).toBe(300_000n);
    expect(insatsCosts(SATER_2018, 'PERSONNEL')).toBe(620_000n);
    expect(insatsCosts(SATER_2018, 'PREMISES')).toBe(80_000n);
    expect(insatsCosts(SATER_2018, 'OTHER')).toBe(200_000n);
    expect(insatsBalance(SATER_2018)).toBe(0n);
  });

  it('keeps the value noted for lent staff outside the totals', () => {
    expect(lentValueNoted(SATER_2018)).toBe(150_000n);
    expect(insatsCosts(SATER_2018)).toBe(900_000n);
  });
});

describe('what a line may say', () => {
  const base = (costs: InsatsBudgetInput['costs']): InsatsBudgetInput => ({
    interventionId: '00000000-0000-4000-8000-000000000001',
    year: 2018,
    income: [{ source: 'FORBUND', description: 'Förbundet', amount: 600_000 }],
    costs,
  });
  const lent = { category: 'PERSONNEL' as const, description: 'Arbetsförmedlare 20 %', lentByMemberId: AF };

  it('accepts staff lent at 0 kr with a noted value', () => {
    expect(insatsBudgetIssues(base([{ ...lent, amount: 0, notedValue: 120_000 }]), members)).toEqual([]);
  });

  it('refuses lent staff that costs, a lender that is no member, and a value noted on a paid line', () => {
    expect(insatsBudgetIssues(base([{ ...lent, amount: 5 }]), members)[0]!.path).toEqual([
      'input',
      'costs',
      0,
      'amount',
    ]);
    const stranger = { ...lent, amount: 0, lentByMemberId: '00000000-0000-4000-8000-0000000000ee' };
    expect(insatsBudgetIssues(base([stranger]), members)[0]!.path).toEqual(['input', 'costs', 0, 'lentByMemberId']);
    const paid = { category: 'OTHER' as const, description: 'Material', amount: 20_000, notedValue: 1 };
    expect(insatsBudgetIssues(base([paid]), members)[0]!.path).toEqual(['input', 'costs', 0, 'notedValue']);
  });

  it('needs income and costs, whole non-negative kronor', () => {
    expect(insatsBudgetInput.safeParse({ ...base([]), costs: [] }).success).toBe(false);
    const negative = base([{ category: 'OTHER', description: 'Material', amount: -1 }]);
    expect(insatsBudgetInput.safeParse(negative).success).toBe(false);
  });
});
