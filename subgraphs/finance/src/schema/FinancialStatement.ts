import type { SubgraphContext } from '@finsam/kit/context.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import type { Usage } from '../domain/allocations.js';
import {
  statementClosingEquity,
  statementCosts,
  statementResult,
  totalAllocated,
  totalDifferens,
  totalUsed,
} from '../domain/financial-statement.js';
import { type BudgetFigures, budgetIncome, fixedCosts, otherCosts } from '../domain/funding-law.js';
import type { Budget } from '../entities/Budget.js';
import { BudgetRef, budgetFigures, findBudget } from './Budget.js';
import { BudgetUsageRef, forbundUsage } from './BudgetUsage.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';

interface Statement {
  year: number;
  budget: Budget | null;
  interventions: Usage[];
}

/** A förbund's year: its budget (if decided) and every insats with an allocation or a requisition that year (by id). */
export async function statementFor(
  ctx: SubgraphContext,
  tenantId: string,
  year: number,
  untilPeriod?: number,
): Promise<Statement> {
  const [budget, interventions] = await Promise.all([
    findBudget(ctx, tenantId, year),
    forbundUsage(ctx, tenantId, year, untilPeriod),
  ]);
  return { year, budget, interventions };
}

/** A figure that needs the year's budget: null without one. */
const withBudget = (s: Statement, figure: (b: BudgetFigures) => bigint) =>
  s.budget ? figure(budgetFigures(s.budget)) : null;

export const StatementRef = builder.objectRef<Statement>('FinancialStatement').implement({
  description:
    'Utfall for a förbund and year, computed from its records: income from the budget’s contributions; ' +
    'costs = fixed and other costs as budgeted (no actuals are recorded for them) + what the insatser used ' +
    '(approved and paid requisitions). Figures that need the budget are null without one.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The calendar year.' }),
    budget: t.field({
      type: BudgetRef,
      nullable: true,
      description: "The year's budget; null when none is decided.",
      resolve: (s) => s.budget,
    }),
    income: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Intäkter, kronor.',
      resolve: (s) => withBudget(s, budgetIncome),
    }),
    fixedCosts: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Fasta kostnader as budgeted.',
      resolve: (s) => withBudget(s, fixedCosts),
    }),
    otherCosts: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Rörliga kostnader that name no insats, as budgeted.',
      resolve: (s) => withBudget(s, otherCosts),
    }),
    interventionCosts: t.field({
      type: 'Kronor',
      description: 'What the insatser used, kronor.',
      resolve: (s) => totalUsed(s.interventions),
    }),
    costs: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Kostnader, kronor.',
      resolve: (s) => withBudget(s, (b) => statementCosts(b, s.interventions)),
    }),
    result: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Resultat = intäkter − kostnader.',
      resolve: (s) => withBudget(s, (b) => statementResult(b, s.interventions)),
    }),
    openingEquity: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Eget kapital at the start of the year.',
      resolve: (s) => withBudget(s, (b) => b.openingEquity),
    }),
    closingEquity: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Eget kapital at year end = opening + resultat.',
      resolve: (s) => withBudget(s, (b) => statementClosingEquity(b, s.interventions)),
    }),
    interventions: t.field({
      type: [BudgetUsageRef],
      description: 'Per insats: tilldelat, förbrukat, differens (the Årsrapport’s budget table).',
      resolve: (s) => s.interventions,
    }),
    allocated: t.field({
      type: 'Kronor',
      description: 'Tilldelat, all insatser.',
      resolve: (s) => totalAllocated(s.interventions),
    }),
    used: t.field({
      type: 'Kronor',
      description: 'Förbrukat, all insatser.',
      resolve: (s) => totalUsed(s.interventions),
    }),
    differens: t.field({
      type: 'Kronor',
      description: 'Tilldelat − förbrukat, all insatser.',
      resolve: (s) => totalDifferens(s.interventions),
    }),
  }),
});

builder.objectFields(ForbundRef, (t) => ({
  financialStatement: t.field({
    type: StatementRef,
    description: "The förbund's result and eget kapital for a year, and its insatser's money.",
    authScopes: { reportReader: true },
    args: { year: t.arg.int({ required: true, description: 'The calendar year.' }) },
    resolve: (forbund, { year }, ctx) => statementFor(ctx, forbund.id, year),
  }),
}));

builder.queryFields((t) => ({
  financialStatement: t.field({
    type: StatementRef,
    description: "Your förbund's result and eget kapital for a year, and its insatser's money.",
    authScopes: { reportReader: true },
    args: { year: t.arg.int({ required: true, description: 'The calendar year.' }) },
    resolve: (_root, { year }, ctx) => statementFor(ctx, tenantOf(ctx), year),
  }),
}));
