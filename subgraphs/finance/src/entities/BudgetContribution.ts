import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { Budget } from './Budget.js';
import { money } from './money.js';

/** What one member pays in a budget year (medlemsbidrag). Governance owns the member. */
const BudgetContributionSchema = defineEntity({
  name: 'BudgetContribution',
  tableName: 'budget_contribution',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    budget: () => p.manyToOne(Budget).ref(),
    memberId: p.uuid(),
    amount: money(),
    position: p.integer(),
  },
  filters: tenantFilters,
});

export class BudgetContribution extends BudgetContributionSchema.class {}
BudgetContributionSchema.setClass(BudgetContribution);
