/**
 * A förbund merger's budget (governance's domain/merger.ts, `forbundBudget: CARRY_OVER`): the merged
 * förbund's budget for a year is the sum of the merging förbund's budgets for it. Each member's
 * contribution goes to its counterpart in the merged förbund (two kommuner's shares of one region add up),
 * cost lines are kept one by one, an insats line on the insats' copy; the line of an individinsats that is
 * not carried is left out (it ends with the old förbund: the merged one has nothing to spend on it), another
 * line keeps its cost without the insats. The budget is undecided (`decidedOn` null) until the merged
 * förbund's board decides it.
 */
export interface BudgetPart {
  year: number;
  openingEquity: bigint;
  prognosisIncome1: bigint;
  prognosisCosts1: bigint;
  prognosisIncome2: bigint;
  prognosisCosts2: bigint;
  contributions: { memberId: string; amount: bigint }[];
  costLines: { category: string; interventionId?: string | null; description: string; amount: bigint }[];
}

export type CombinedBudget = Omit<BudgetPart, 'costLines'> & {
  decidedOn: null;
  costLines: { category: string; interventionId: string | null; description: string; amount: bigint }[];
};

/**
 * The merged budget of each year the parts cover. `memberOf` maps an old member to its counterpart,
 * `copyOf` a carried insats to its copy. A contribution of a member without a counterpart is an error:
 * governance checked every member has one before asking.
 */
export function combinedBudgets(
  parts: readonly BudgetPart[],
  memberOf: ReadonlyMap<string, string>,
  copyOf: ReadonlyMap<string, string>,
): CombinedBudget[] {
  const byYear = new Map<number, CombinedBudget>();
  for (const b of [...parts].sort((x, y) => x.year - y.year)) {
    const into = byYear.get(b.year) ?? {
      year: b.year,
      decidedOn: null,
      openingEquity: 0n,
      prognosisIncome1: 0n,
      prognosisCosts1: 0n,
      prognosisIncome2: 0n,
      prognosisCosts2: 0n,
      contributions: [],
      costLines: [],
    };
    into.openingEquity += b.openingEquity;
    into.prognosisIncome1 += b.prognosisIncome1;
    into.prognosisCosts1 += b.prognosisCosts1;
    into.prognosisIncome2 += b.prognosisIncome2;
    into.prognosisCosts2 += b.prognosisCosts2;
    for (const c of b.contributions) {
      const memberId = memberOf.get(c.memberId);
      if (!memberId) {
        throw new Error(`Member ${c.memberId} has no counterpart in the merged förbund`);
      }
      const same = into.contributions.find((x) => x.memberId === memberId);
      if (same) {
        same.amount += c.amount;
      } else {
        into.contributions.push({ memberId, amount: c.amount });
      }
    }
    for (const l of b.costLines) {
      const interventionId = l.interventionId ? (copyOf.get(l.interventionId) ?? null) : null;
      if (l.category === 'INDIVIDUAL_INTERVENTION' && !interventionId) {
        continue;
      }
      into.costLines.push({ category: l.category, interventionId, description: l.description, amount: l.amount });
    }
    byYear.set(b.year, into);
  }
  return [...byYear.values()];
}
