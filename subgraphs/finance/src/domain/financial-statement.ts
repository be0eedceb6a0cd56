/**
 * A förbund's utfall for a year (Årsrapport): income from the budget's contributions; costs = the
 * cost lines no requisition accounts for (fixed ones, and variable ones that name no insats), as
 * budgeted since no actuals are recorded for them, plus what the insatser used.
 */
import { differens, type Usage } from './allocations.js';
import { type BudgetFigures, budgetIncome, equityCarriedOver, fixedCosts, otherCosts } from './funding-law.js';
import { sum } from './money.js';

type Figures = readonly Pick<Usage, 'allocated' | 'used'>[];

/** Tilldelat, all insatser. */
export const totalAllocated = (usage: Figures) => sum(usage.map((u) => u.allocated));
/** Förbrukat, all insatser. */
export const totalUsed = (usage: Figures) => sum(usage.map((u) => u.used));
/** Differens, all insatser. */
export const totalDifferens = (usage: Figures) =>
  differens({ allocated: totalAllocated(usage), used: totalUsed(usage) });

/** Kostnader: fixed and other costs as budgeted, and what the insatser used. */
export const statementCosts = (b: BudgetFigures, usage: Figures) => fixedCosts(b) + otherCosts(b) + totalUsed(usage);
/** Resultat = intäkter − kostnader. */
export const statementResult = (b: BudgetFigures, usage: Figures) => budgetIncome(b) - statementCosts(b, usage);
/** Eget kapital at year end = opening + resultat. */
export const statementClosingEquity = (b: BudgetFigures, usage: Figures) =>
  equityCarriedOver(b.openingEquity, statementResult(b, usage));
