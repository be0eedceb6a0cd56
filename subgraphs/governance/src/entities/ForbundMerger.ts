import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import type { MergerDecision } from '../domain/merger.js';

/** A merger of förbund, kept by the merged förbund (its tenant): who merged, from when, what was carried. */
const ForbundMergerSchema = defineEntity({
  name: 'ForbundMerger',
  tableName: 'forbund_merger',
  properties: {
    id: p.uuid().primary(),
    /** The merged förbund. */
    ...tenantProperties,
    forbundIds: p.array().columnType('uuid[]'),
    effectiveOn: p.date(),
    decisionReference: p.string(),
    options: p.json<MergerDecision>(),
    /** What was carried over; mergers before seats, invitations, budgets and rounds were carried lack those. */
    carried: p.json<{
      interventions: number;
      participations: number;
      allocations: number;
      grants: number;
      seats?: number;
      invitations?: number;
      budgets?: number;
      surveyRounds?: number;
    }>(),
    createdBy: p.text(),
    createdAt: p.datetime(),
  },
  filters: tenantFilters,
});

export class ForbundMerger extends ForbundMergerSchema.class {}
ForbundMergerSchema.setClass(ForbundMerger);
