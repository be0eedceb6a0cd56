import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import type { MergerOptions } from '../domain/merger.js';

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
    options: p.json<MergerOptions>(),
    /** What the other subgraphs carried over: insatser, participations, allocations, grants. */
    carried: p.json<{ interventions: number; participations: number; allocations: number; grants: number }>(),
    createdBy: p.text(),
    createdAt: p.datetime(),
  },
  filters: tenantFilters,
});

export class ForbundMerger extends ForbundMergerSchema.class {}
ForbundMergerSchema.setClass(ForbundMerger);
