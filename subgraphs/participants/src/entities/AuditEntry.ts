import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';

/** One read of identifying fields. Append-only: the app role can insert and read, never change. */
const AuditEntrySchema = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    at: p.datetime().onCreate(() => new Date()),
    userId: p.string(),
    participationId: p.uuid(),
    fields: p.array(),
    requestId: p.string(),
    /** Why the read was made; required for a protected identity (skyddad personuppgift). */
    reason: p.string().nullable(),
  },
  filters: tenantFilters,
});

export class AuditEntry extends AuditEntrySchema.class {}
AuditEntrySchema.setClass(AuditEntry);
