import { tenantFilters } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';

/** Every kind of change to access. */
export const ACCESS_EVENT_ACTIONS = [
  'USER_INVITED',
  'ACCESS_GRANTED',
  'ACCESS_REVOKED',
  'VALIDITY_CHANGED',
  'INVITATION_CLAIMED',
  'PLATFORM_ACCESS_GRANTED',
  'PLATFORM_ACCESS_REVOKED',
  'PLATFORM_INVITATION_CLAIMED',
  'COUNTY_CREATED',
  'ISSUER_REGISTERED',
] as const;
export type AccessEventAction = (typeof ACCESS_EVENT_ACTIONS)[number];

/**
 * One change to access: who did what, when, to whom. A förbund's events carry its tenant; platform
 * events (counties, issuers, platform access) have none. Append-only.
 */
const AccessEventSchema = defineEntity({
  name: 'AccessEvent',
  tableName: 'access_event',
  properties: {
    id: p.uuid().primary(),
    /** Null for a platform event. */
    tenantId: p.uuid().fieldName('tenant_id').nullable(),
    at: p.datetime(),
    /** The user id of whoever made the change. */
    actor: p.text(),
    action: p.enum(ACCESS_EVENT_ACTIONS),
    /** What it concerns, e.g. `grant:<id>`, `invitation:<id>`, `county:<id>`. */
    subject: p.text(),
    detail: p.json<Record<string, unknown>>(),
  },
  filters: tenantFilters,
});

export class AccessEvent extends AccessEventSchema.class {}
AccessEventSchema.setClass(AccessEvent);
