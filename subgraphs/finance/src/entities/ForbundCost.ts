import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { OWN_COST_CATEGORIES } from '../domain/forbund-costs.js';
import { money } from './money.js';

/** One of the förbund's own costs (kansli, arvoden, …) as it occurred. */
const ForbundCostSchema = defineEntity({
  name: 'ForbundCost',
  tableName: 'forbund_cost',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    year: p.integer(),
    bookedOn: p.date(),
    category: p.enum(OWN_COST_CATEGORIES),
    description: p.string(),
    amount: money(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  filters: tenantFilters,
});

export class ForbundCost extends ForbundCostSchema.class {}
ForbundCostSchema.setClass(ForbundCost);
