import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { INCOME_SOURCES, INSATS_COST_CATEGORIES } from '../domain/insats-budget.js';
import { InsatsBudget } from './InsatsBudget.js';
import { money } from './money.js';

/** One line of an insats budget: income from a source, or a cost of a category (lent staff at 0 kr). */
const InsatsBudgetLineSchema = defineEntity({
  name: 'InsatsBudgetLine',
  tableName: 'insats_budget_line',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    budget: () => p.manyToOne(InsatsBudget).ref(),
    side: p.enum(['INCOME', 'COST'] as const),
    category: p.enum([...INCOME_SOURCES, ...INSATS_COST_CATEGORIES] as const),
    description: p.string(),
    amount: money(),
    lentByMemberId: p.uuid().nullable(),
    notedValue: p.bigint('bigint').nullable(),
    position: p.integer(),
  },
  filters: tenantFilters,
});

export class InsatsBudgetLine extends InsatsBudgetLineSchema.class {}
InsatsBudgetLineSchema.setClass(InsatsBudgetLine);
