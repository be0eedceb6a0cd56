import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { money } from './money.js';

/** Tilldelade medel: what the förbund grants one insats for one year. */
const AllocationSchema = defineEntity({
  name: 'Allocation',
  tableName: 'allocation',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    interventionId: p.uuid(),
    year: p.integer(),
    amount: money(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  filters: tenantFilters,
});

export class Allocation extends AllocationSchema.class {}
AllocationSchema.setClass(Allocation);
