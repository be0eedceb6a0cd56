import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';

/**
 * An invitation of a person by e-mail to one förbund, carrying access grants. The person claims it
 * at a sign-in with that address verified by an issuer trusted for the förbund; the grants become theirs.
 */
const InvitationSchema = defineEntity({
  name: 'Invitation',
  tableName: 'invitation',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    /** Lower-case. */
    email: p.text(),
    createdBy: p.text(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    claimedBy: p.uuid().nullable(),
    claimedAt: p.datetime().nullable(),
  },
  filters: tenantFilters,
});

export class Invitation extends InvitationSchema.class {}
InvitationSchema.setClass(Invitation);
