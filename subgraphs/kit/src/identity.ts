/**
 * The request identity: who is calling, for which förbund (tenant), with which roles.
 * The gateway builds it from the user's token; subgraphs rebuild it from the gateway's
 * internal token. Both read the same claims through `identityFromClaims`.
 */
import { isUuid } from './ids.js';
import { holds } from './scopes.js';

/**
 * `steering`: a styrgrupp member, for the insatser whose styrgrupp seats they hold. `gateway`: the
 * gateway itself resolving who a signed-in person is (the directory); never granted to a person.
 */
export const ROLES = [
  'platform_admin',
  'forbund_admin',
  'staff',
  'board',
  'steering',
  'county_analyst',
  'gateway',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose holder works inside exactly one förbund. */
const TENANT_ROLES: readonly Role[] = ['forbund_admin', 'staff', 'board', 'steering'];
/** Roles that look across förbund: they never carry a tenant. */
export const CROSS_TENANT_ROLES: readonly Role[] = ['platform_admin', 'county_analyst', 'gateway'];

export interface Identity {
  userId: string;
  /** The förbund the caller belongs to; null for anonymous and cross-tenant callers. */
  tenantId: string | null;
  roles: Role[];
  /** Interventions (insatser) a `staff` member works in. */
  interventionIds: string[];
  /** Interventions whose styrgrupp a `steering` member sits in. */
  steeringInterventionIds: string[];
  /** Interventions a `staff` member leads as verksamhetsledare (a subset of `interventionIds`). */
  leadInterventionIds: string[];
  /** The förbund a county analyst's county covers; null for every förbund (and for everyone else). */
  countyForbundIds: string[] | null;
}

export const ANONYMOUS: Identity = Object.freeze({
  userId: 'anonymous',
  tenantId: null,
  roles: [],
  interventionIds: [],
  steeringInterventionIds: [],
  leadInterventionIds: [],
  countyForbundIds: null,
}) as Identity;

/** The claim names both tokens use. */
export interface IdentityClaims {
  sub?: string;
  tenant?: string | null;
  roles?: string[];
  interventions?: string[];
  steering?: string[];
  leads?: string[];
  forbunds?: string[] | null;
}

export class IdentityClaimError extends Error {}

/** Turns verified token claims into an identity, refusing combinations that make no sense. */
export function identityFromClaims(claims: Record<string, unknown>): Identity {
  const { sub, tenant, roles, interventions, steering, leads, forbunds } = claims as IdentityClaims;
  if (typeof sub !== 'string' || sub.length === 0) {
    throw new IdentityClaimError('token has no subject');
  }
  const roleList = roles ?? [];
  if (!Array.isArray(roleList) || !roleList.every((r) => (ROLES as readonly string[]).includes(r))) {
    throw new IdentityClaimError('token has an unknown role');
  }
  const tenantId = tenant ?? null;
  if (tenantId !== null && !isUuid(tenantId)) {
    throw new IdentityClaimError('token tenant is not a förbund id');
  }
  const typedRoles = roleList as Role[];
  if (typedRoles.some((r) => TENANT_ROLES.includes(r)) && tenantId === null) {
    throw new IdentityClaimError('a tenant role needs a tenant');
  }
  if (typedRoles.some((r) => CROSS_TENANT_ROLES.includes(r)) && tenantId !== null) {
    throw new IdentityClaimError('a cross-tenant role cannot carry a tenant');
  }
  const interventionIds = interventions ?? [];
  if (!Array.isArray(interventionIds) || !interventionIds.every(isUuid)) {
    throw new IdentityClaimError('token interventions are not intervention ids');
  }
  const steeringInterventionIds = steering ?? [];
  if (!Array.isArray(steeringInterventionIds) || !steeringInterventionIds.every(isUuid)) {
    throw new IdentityClaimError('token steering groups are not intervention ids');
  }
  const leadInterventionIds = leads ?? [];
  if (
    !Array.isArray(leadInterventionIds) ||
    !leadInterventionIds.every((id) => typeof id === 'string' && interventionIds.includes(id))
  ) {
    throw new IdentityClaimError('token leads insatser it does not work in');
  }
  const countyForbundIds = forbunds ?? null;
  if (countyForbundIds !== null && (!Array.isArray(countyForbundIds) || !countyForbundIds.every(isUuid))) {
    throw new IdentityClaimError('token county förbund are not förbund ids');
  }
  if (countyForbundIds !== null && !typedRoles.includes('county_analyst')) {
    throw new IdentityClaimError('only a county analyst is limited to a county');
  }
  return {
    userId: sub,
    tenantId,
    roles: typedRoles,
    interventionIds,
    steeringInterventionIds,
    leadInterventionIds,
    countyForbundIds,
  };
}

export function claimsFromIdentity(identity: Identity): IdentityClaims {
  return {
    sub: identity.userId,
    tenant: identity.tenantId,
    roles: identity.roles,
    interventions: identity.interventionIds,
    // Only when set, so the tokens of everyone else stay as they were.
    ...(identity.steeringInterventionIds.length ? { steering: identity.steeringInterventionIds } : {}),
    ...(identity.leadInterventionIds.length ? { leads: identity.leadInterventionIds } : {}),
    ...(identity.countyForbundIds ? { forbunds: identity.countyForbundIds } : {}),
  };
}

export function isAnonymous(identity: Identity): boolean {
  return identity === ANONYMOUS || identity.userId === ANONYMOUS.userId;
}

/**
 * The insatser a caller's records are limited to: `null` means the whole förbund (its
 * administrators and board); staff get their own insatser; anyone else none.
 */
export function interventionScope(identity: Identity): string[] | null {
  if (holds(identity, 'reportReader')) {
    return null;
  }
  return holds(identity, 'staff') ? identity.interventionIds : [];
}
