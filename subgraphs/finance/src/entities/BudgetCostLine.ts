import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { Budget } from './Budget.js';
import { money } from './money.js';

/** Fixed costs (kansli, salaries and fees) and variable ones (insatser, other). */
export const COST_LINE_CATEGORIES = [
  'KANSLI',
  'SALARIES_AND_FEES',
  'INDIVIDUAL_INTERVENTION',
  'STRUCTURAL_INTERVENTION',
  'OTHER',
] as const;
export type CostLineCategory = (typeof COST_LINE_CATEGORIES)[number];
export const FIXED_COST_CATEGORIES: readonly CostLineCategory[] = ['KANSLI', 'SALARIES_AND_FEES'];

/** One cost line of a budget; an insats line names the intervention (teams owns it). */
const BudgetCostLineSchema = defineEntity({
  name: 'BudgetCostLine',
  tableName: 'budget_cost_line',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    budget: () => p.manyToOne(Budget).ref(),
    category: p.enum(COST_LINE_CATEGORIES),
    interventionId: p.uuid().nullable(),
    description: p.string(),
    amount: money(),
    position: p.integer(),
  },
  filters: tenantFilters,
});

export class BudgetCostLine extends BudgetCostLineSchema.class {}
BudgetCostLineSchema.setClass(BudgetCostLine);
