import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { BudgetContribution } from './BudgetContribution.js';
import { BudgetCostLine } from './BudgetCostLine.js';
import { money } from './money.js';

/**
 * A förbund's budget for one calendar year, as the board decided it: what each member pays,
 * what it costs, the eget kapital brought in, and a prognosis for the two years after.
 */
const BudgetSchema = defineEntity({
  name: 'Budget',
  tableName: 'budget',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    year: p.integer(),
    openingEquity: money(),
    decidedOn: p.date().nullable(),
    prognosisIncome1: money(),
    prognosisCosts1: money(),
    prognosisIncome2: money(),
    prognosisCosts2: money(),
    contributions: () => p.oneToMany(BudgetContribution).mappedBy('budget').orderBy({ position: 'asc' }),
    costLines: () => p.oneToMany(BudgetCostLine).mappedBy('budget').orderBy({ position: 'asc' }),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  filters: tenantFilters,
});

export class Budget extends BudgetSchema.class {}
BudgetSchema.setClass(Budget);
