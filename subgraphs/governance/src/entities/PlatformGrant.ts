import { defineEntity, p } from '@mikro-orm/core';

/** Access above the förbund. */
export const PLATFORM_ROLES = ['PLATFORM_ADMIN', 'COUNTY_ANALYST'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/**
 * Platform administrator or county analyst (of one county). Given by e-mail like an invitation
 * and claimed the same way (by an issuer trusted for platform access); `userId` is set once claimed.
 * Platform-level: no tenant, reached only through the gateway and platform administrators.
 */
const PlatformGrantSchema = defineEntity({
  name: 'PlatformGrant',
  tableName: 'platform_grant',
  properties: {
    id: p.uuid().primary(),
    /** The address it was given to, lower-case. */
    email: p.text(),
    /** Until then it is an invitation. */
    expiresAt: p.datetime(),
    userId: p.uuid().nullable(),
    claimedAt: p.datetime().nullable(),
    role: p.enum(PLATFORM_ROLES),
    /** COUNTY_ANALYST: the county. */
    countyId: p.uuid().nullable(),
    validFrom: p.date().nullable(),
    validTo: p.date().nullable(),
    revokedAt: p.datetime().nullable(),
    createdBy: p.text(),
    createdAt: p.datetime(),
  },
});

export class PlatformGrant extends PlatformGrantSchema.class {}
PlatformGrantSchema.setClass(PlatformGrant);
