import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';

export const RECORD_TYPES = ['PARTICIPATION', 'SCREENING'] as const;

/**
 * A retention policy (gallringsbeslut) the förbund decided for one kind of record: how many whole
 * calendar years after the year a participation ended its records are kept, and which decision says so.
 */
const RetentionPolicySchema = defineEntity({
  name: 'RetentionPolicy',
  tableName: 'retention_policy',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    recordType: p.enum(RECORD_TYPES),
    retentionYears: p.integer(),
    decisionReference: p.string(),
    decidedOn: p.date(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  filters: tenantFilters,
});

export class RetentionPolicy extends RetentionPolicySchema.class {}
RetentionPolicySchema.setClass(RetentionPolicy);
