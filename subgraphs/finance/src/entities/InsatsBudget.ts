import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { InsatsBudgetLine } from './InsatsBudgetLine.js';

/** An insats' own budget for a year (insatsbudget, as in an insatsplan): its income and cost lines. */
const InsatsBudgetSchema = defineEntity({
  name: 'InsatsBudget',
  tableName: 'insats_budget',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    interventionId: p.uuid(),
    year: p.integer(),
    note: p.text().nullable(),
    lines: () => p.oneToMany(InsatsBudgetLine).mappedBy('budget').orderBy({ position: 'asc' }),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  filters: tenantFilters,
});

export class InsatsBudget extends InsatsBudgetSchema.class {}
InsatsBudgetSchema.setClass(InsatsBudget);
