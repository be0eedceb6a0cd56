/**
 * A förbund's utfall for a year (Årsrapport), from what happened: income from the budget's
 * contributions; costs = the förbund's own costs as recorded + what the insatser and shared posts
 * used (approved and paid requisitions). A budgeted cost nothing has been recorded against is shown
 * as NOT_RECORDED beside its budgeted amount, never counted as 0 kr spent without saying so.
 */
import type { CostLineCategory } from '../entities/BudgetCostLine.js';
import { differens, type Usage } from './allocations.js';
import { type BudgetFigures, budgetIncome, equityCarriedOver } from './funding-law.js';
import { sum } from './money.js';

type Figures = readonly Pick<Usage, 'allocated' | 'used'>[];

/** Tilldelat: insatser and shared posts. */
export const totalAllocated = (usage: Figures) => sum(usage.map((u) => u.allocated));
/** Förbrukat: insatser and shared posts. */
export const totalUsed = (usage: Figures) => sum(usage.map((u) => u.used));
/** Differens, all of them. */
export const totalDifferens = (usage: Figures) =>
  differens({ allocated: totalAllocated(usage), used: totalUsed(usage) });

/** One of the förbund's own costs as recorded (kansli, arvoden, …). */
export interface OwnCost {
  category: CostLineCategory;
  amount: bigint;
}
export const ownCostsTotal = (ownCosts: readonly OwnCost[]) => sum(ownCosts.map((c) => c.amount));

/** Kostnader: the förbund's own costs as recorded, and what the insatser and shared posts used. */
export const statementCosts = (_b: BudgetFigures, usage: Figures, ownCosts: readonly OwnCost[]) =>
  ownCostsTotal(ownCosts) + totalUsed(usage);
/** Resultat = intäkter − kostnader. */
export const statementResult = (b: BudgetFigures, usage: Figures, ownCosts: readonly OwnCost[]) =>
  budgetIncome(b) - statementCosts(b, usage, ownCosts);
/** Eget kapital at year end = opening + resultat. */
export const statementClosingEquity = (b: BudgetFigures, usage: Figures, ownCosts: readonly OwnCost[]) =>
  equityCarriedOver(b.openingEquity, statementResult(b, usage, ownCosts));

// --- budget against outcome ----------------------------------------------------------------------

export type OutcomeState = 'RECORDED' | 'NOT_RECORDED';

/** A budget line (or the lines of one category) beside what was recorded against it. */
export interface OutcomeRow {
  category: CostLineCategory;
  /** The insats a line names; its costs are its requisitions. */
  interventionId: string | null;
  descriptions: string[];
  budgeted: bigint;
  /** Null while nothing is recorded (state NOT_RECORDED): unknown, not 0 kr. */
  recorded: bigint | null;
  state: OutcomeState;
}

type Line = BudgetFigures['costLines'][number] & { description?: string };
type InsatsUsage = Pick<Usage, 'interventionId' | 'used' | 'periodsCounted'>;

/**
 * The budget's cost lines against the year's records. A line naming an insats is recorded once the
 * insats has an approved or paid requisition in the year; the other lines are grouped by category
 * and recorded once the förbund has recorded a cost of that category. A category recorded without
 * a budget line is a row of its own, budgeted 0.
 */
export function budgetOutcome(
  b: { costLines: readonly Line[] },
  usage: readonly InsatsUsage[],
  ownCosts: readonly OwnCost[],
): OutcomeRow[] {
  const rows = new Map<string, OutcomeRow>();
  const row = (category: CostLineCategory, interventionId: string | null) => {
    const key = interventionId ?? category;
    let r = rows.get(key);
    if (!r) {
      r = { category, interventionId, descriptions: [], budgeted: 0n, recorded: null, state: 'NOT_RECORDED' };
      rows.set(key, r);
    }
    return r;
  };
  for (const l of b.costLines) {
    const r = row(l.category, l.interventionId ?? null);
    r.budgeted += l.amount;
    if (l.description) {
      r.descriptions.push(l.description);
    }
  }
  for (const u of usage) {
    const r = rows.get(u.interventionId);
    if (r && u.periodsCounted > 0) {
      r.recorded = u.used;
    }
  }
  for (const c of ownCosts) {
    const r = row(c.category, null);
    r.recorded = (r.recorded ?? 0n) + c.amount;
  }
  return [...rows.values()].map((r) => ({ ...r, state: r.recorded === null ? 'NOT_RECORDED' : 'RECORDED' }));
}

/** What the budget still expects where nothing is recorded yet. */
export const unrecordedBudgeted = (rows: readonly OutcomeRow[]) =>
  sum(rows.filter((r) => r.state === 'NOT_RECORDED').map((r) => r.budgeted));

/** Eget kapital at year end if every line not yet recorded costs what was budgeted. */
export const closingEquityIfBudgetHolds = (closingEquity: bigint, rows: readonly OutcomeRow[]) =>
  closingEquity - unrecordedBudgeted(rows);
