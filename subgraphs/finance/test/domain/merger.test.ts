/** A merged förbund's budget made from the merging förbund's: sums, members mapped, insats lines on copies. */
import { type BudgetPart, combinedBudgets } from '../../src/domain/merger.js';

const part = (
  year: number,
  member: string,
  amount: bigint,
  insats: string | null,
  category = 'INDIVIDUAL_INTERVENTION',
): BudgetPart => ({
  year,
  openingEquity: 100n,
  prognosisIncome1: 10n,
  prognosisCosts1: 20n,
  prognosisIncome2: 30n,
  prognosisCosts2: 40n,
  contributions: [{ memberId: member, amount }],
  costLines: [{ category, interventionId: insats, description: 'Insats', amount }],
});

describe('combinedBudgets', () => {
  const memberOf = new Map([
    ['a-fk', 'c-fk'],
    ['b-fk', 'c-fk'],
    ['b-sala', 'c-sala'],
  ]);
  const copyOf = new Map([['i1', 'c1']]);

  it('sums each year, adds a member’s contributions at its counterpart, keeps the lines that continue', () => {
    const [y2024, y2025] = combinedBudgets(
      [part(2025, 'b-sala', 5n, null), part(2024, 'a-fk', 1000n, 'i1'), part(2024, 'b-fk', 500n, 'i2')],
      memberOf,
      copyOf,
    );
    expect(y2024).toMatchObject({
      year: 2024,
      decidedOn: null,
      openingEquity: 200n,
      prognosisIncome1: 20n,
      prognosisCosts2: 80n,
      contributions: [{ memberId: 'c-fk', amount: 1500n }],
    });
    // i2 is not carried: its individinsats line is left out.
    expect(y2024?.costLines.map((l) => [l.interventionId, l.amount])).toEqual([['c1', 1000n]]);
    expect(y2025).toMatchObject({ year: 2025, contributions: [{ memberId: 'c-sala', amount: 5n }] });
    const [kansli] = combinedBudgets([part(2024, 'a-fk', 7n, 'i2', 'STRUCTURAL_INTERVENTION')], memberOf, copyOf);
    expect(kansli?.costLines).toEqual([
      { category: 'STRUCTURAL_INTERVENTION', interventionId: null, description: 'Insats', amount: 7n },
    ]);
  });

  it('refuses a member without a counterpart (governance checks that first)', () => {
    expect(() => combinedBudgets([part(2024, 'x', 1n, null)], memberOf, copyOf)).toThrow('has no counterpart');
  });
});
