import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';

export const RECORDS_EVENT_KINDS = ['REGISTER_EXTRACT', 'GALLRING_RUN'] as const;

/**
 * One register extract or gallring run, in a tamper-evident log (kit audit-log.ts): written only by
 * `record_records_event`, which the database stamps with the time and the acting user; never changed.
 */
const RecordsEventSchema = defineEntity({
  name: 'RecordsEvent',
  tableName: 'records_event',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    at: p.datetime(),
    userId: p.string(),
    kind: p.enum(RECORDS_EVENT_KINDS),
    reason: p.string().nullable(),
    personHash: p.string().nullable(),
    details: p.json<Record<string, unknown>>(),
    requestId: p.string(),
  },
  filters: tenantFilters,
});

export class RecordsEvent extends RecordsEventSchema.class {}
RecordsEventSchema.setClass(RecordsEvent);
