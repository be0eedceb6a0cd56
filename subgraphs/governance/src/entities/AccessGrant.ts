import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';

/** What a person may be in one förbund. */
export const GRANT_ROLES = ['FORBUND_ADMIN', 'VERKSAMHETSLEDARE', 'STAFF', 'BOARD', 'STYRGRUPP'] as const;
export type GrantRole = (typeof GRANT_ROLES)[number];

/**
 * Access to one förbund: held by a user, or by an invitation until it is claimed (exactly one of
 * the two). Ended by validity or revocation; never deleted, so the history stays.
 */
const AccessGrantSchema = defineEntity({
  name: 'AccessGrant',
  tableName: 'access_grant',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    userId: p.uuid().nullable(),
    invitationId: p.uuid().nullable(),
    role: p.enum(GRANT_ROLES),
    /** VERKSAMHETSLEDARE and STAFF: the insatser they work in. */
    interventionIds: p.array().columnType('uuid[]'),
    /** STYRGRUPP: the seat (in a styrgrupp) the person holds. */
    seatId: p.uuid().nullable(),
    validFrom: p.date().nullable(),
    validTo: p.date().nullable(),
    revokedAt: p.datetime().nullable(),
    /** Who granted it (the actor's user id). */
    createdBy: p.text(),
    createdAt: p.datetime(),
  },
  filters: tenantFilters,
});

export class AccessGrant extends AccessGrantSchema.class {}
AccessGrantSchema.setClass(AccessGrant);
