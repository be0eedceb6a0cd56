/**
 * The directory's rules: when a grant is in force, which identity roles grants give, which förbund
 * a person works in, who may grant what, and when an invitation is claimed.
 *
 * - A grant is active from `validFrom` to `validTo` (both days included, each optional) unless revoked.
 * - An issuer is trusted for a förbund when it is registered for it (or for every förbund); its users'
 *   grants count only there. Platform access needs an issuer registered for platform access.
 * - A person works in one förbund at a time: the one asked for among their own, else the first by
 *   name; "platform" asks for their platform access instead.
 * - A förbund's administrators grant access in their own förbund; the platform administrator invites
 *   into any förbund, but insats access is the förbund's own to give (it knows its insatser).
 * - A förbund keeps at least one active administrator.
 */

import { addDays } from '@finsam/kit/dates.js';
import type { ValidationIssue } from '@finsam/kit/errors.js';
import type { Role } from '@finsam/kit/identity.js';
import type { GrantRole } from '../entities/AccessGrant.js';
import type { PlatformRole } from '../entities/PlatformGrant.js';

/** How long an invitation can be claimed. */
export const INVITATION_DAYS = 30;

/** What the gateway passes to choose platform access instead of a förbund. */
export const PLATFORM_CHOICE = 'platform';

/** Each part optional: null (or left out) means no bound, not revoked. */
export interface Validity {
  validFrom?: string | null;
  validTo?: string | null;
  revokedAt?: Date | null;
}

/** In force on `on` (YYYY-MM-DD): not revoked, and within its validity. */
export function isActive(grant: Validity, on: string): boolean {
  return (
    grant.revokedAt == null &&
    (grant.validFrom == null || grant.validFrom <= on) &&
    (grant.validTo == null || on <= grant.validTo)
  );
}

/** Ended for good: revoked, or its validity is over. (A grant not yet valid has not ended.) */
export function hasEnded(grant: Validity, on: string): boolean {
  return grant.revokedAt != null || (grant.validTo != null && grant.validTo < on);
}

/**
 * The first day after `on` on which one of these grants starts or stops being in force by itself
 * (its `validFrom`, or the day after its `validTo`); null when none will. Until that day a person's
 * access stays as it is unless someone changes it, so the gateway may keep its answer until then.
 */
export function nextValidityChange(grants: readonly Validity[], on: string): string | null {
  let next: string | null = null;
  for (const grant of grants) {
    if (grant.revokedAt != null) {
      continue;
    }
    for (const day of [grant.validFrom, grant.validTo == null ? null : addDays(grant.validTo, 1)]) {
      if (day != null && day > on && (next === null || day < next)) {
        next = day;
      }
    }
  }
  return next;
}

export interface IssuerTrust {
  /** null: every förbund. */
  forbundIds: readonly string[] | null;
  platform: boolean;
}

/** Whether the users of this issuer (undefined: not registered) may hold access in the förbund. */
export function trustedFor(issuer: IssuerTrust | undefined, forbundId: string): boolean {
  return !!issuer && (issuer.forbundIds === null || issuer.forbundIds.includes(forbundId));
}

export interface ForbundGrant extends Validity {
  tenantId: string;
  role: GrantRole;
  interventionIds: readonly string[];
  seatId?: string | null;
}

export interface PlatformAccess extends Validity {
  role: PlatformRole;
  countyId?: string | null;
}

/** The förbund a person may work in: those with an active grant, from an issuer trusted for them. */
export function workableForbundIds(
  grants: readonly ForbundGrant[],
  issuer: IssuerTrust | undefined,
  on: string,
): string[] {
  const ids = grants.filter((g) => isActive(g, on) && trustedFor(issuer, g.tenantId)).map((g) => g.tenantId);
  return [...new Set(ids)];
}

/** The platform grants in force, when the issuer is trusted for platform access. */
export function activePlatformGrants(
  grants: readonly PlatformAccess[],
  issuer: IssuerTrust | undefined,
  on: string,
): PlatformAccess[] {
  return issuer?.platform ? grants.filter((g) => isActive(g, on)) : [];
}

export type TenantChoice = { tenantId: string | null; platform: boolean } | 'refused';

/**
 * The förbund a request works in. `requested`: a förbund id, "platform", or null (the default).
 * `forbunds` are the person's own (`workableForbundIds`) with their names.
 */
export function chooseTenant(
  requested: string | null,
  forbunds: readonly { id: string; name: string }[],
  hasPlatformAccess: boolean,
): TenantChoice {
  if (requested === PLATFORM_CHOICE) {
    return hasPlatformAccess ? { tenantId: null, platform: true } : 'refused';
  }
  if (requested !== null) {
    return forbunds.some((f) => f.id === requested) ? { tenantId: requested, platform: false } : 'refused';
  }
  const [first] = [...forbunds].sort((a, b) => a.name.localeCompare(b.name, 'sv') || a.id.localeCompare(b.id));
  return first ? { tenantId: first.id, platform: false } : { tenantId: null, platform: hasPlatformAccess };
}

export interface ForbundAccess {
  roles: Role[];
  interventionIds: string[];
  steeringInterventionIds: string[];
  /** The insatser a VERKSAMHETSLEDARE grant gives: they decide on referrals there (see participants). */
  leadInterventionIds: string[];
}

const GRANT_ROLE_TO_ROLE: Record<GrantRole, Role> = {
  FORBUND_ADMIN: 'forbund_admin',
  VERKSAMHETSLEDARE: 'staff',
  STAFF: 'staff',
  BOARD: 'board',
  STYRGRUPP: 'steering',
};

/**
 * The identity roles a person's active grants give in one förbund. `seatInsats` gives the insats
 * whose styrgrupp each seat sits in (a seat no longer there gives nothing).
 */
export function forbundAccess(
  grants: readonly ForbundGrant[],
  tenantId: string,
  seatInsats: ReadonlyMap<string, string>,
  on: string,
): ForbundAccess {
  const active = grants.filter((g) => g.tenantId === tenantId && isActive(g, on));
  const roles = new Set<Role>();
  const interventionIds = new Set<string>();
  const steeringInterventionIds = new Set<string>();
  const leadInterventionIds = new Set<string>();
  for (const g of active) {
    if (g.role === 'STYRGRUPP') {
      const insats = g.seatId ? seatInsats.get(g.seatId) : undefined;
      if (!insats) {
        continue;
      }
      steeringInterventionIds.add(insats);
    }
    roles.add(GRANT_ROLE_TO_ROLE[g.role]);
    for (const id of g.interventionIds) {
      interventionIds.add(id);
      if (g.role === 'VERKSAMHETSLEDARE') {
        leadInterventionIds.add(id);
      }
    }
  }
  return {
    roles: [...roles].sort(),
    interventionIds: [...interventionIds].sort(),
    steeringInterventionIds: [...steeringInterventionIds].sort(),
    leadInterventionIds: [...leadInterventionIds].sort(),
  };
}

export interface PlatformRoles {
  roles: Role[];
  /** The förbund of the analyst's counties; null for a platform administrator (every förbund) and the rest. */
  countyForbundIds: string[] | null;
}

/**
 * The roles of active platform grants. A platform administrator is not limited to a county, nor is
 * an analyst whose grant names no county (a national analyst, across every förbund).
 */
export function platformRoles(
  grants: readonly PlatformAccess[],
  countyForbund: ReadonlyMap<string, readonly string[]>,
): PlatformRoles {
  const admin = grants.some((g) => g.role === 'PLATFORM_ADMIN');
  const analyst = grants.filter((g) => g.role === 'COUNTY_ANALYST');
  const counties = analyst.filter((g) => g.countyId != null);
  const roles: Role[] = [
    ...(admin ? (['platform_admin'] as const) : []),
    ...(analyst.length ? (['county_analyst'] as const) : []),
  ];
  if (admin || counties.length === 0 || counties.length < analyst.length) {
    return { roles, countyForbundIds: null };
  }
  const ids = counties.flatMap((g) => countyForbund.get(g.countyId!) ?? []);
  return { roles, countyForbundIds: [...new Set(ids)] };
}

export interface ResolvedAccess extends ForbundAccess {
  tenantId: string | null;
  forbundIds: string[];
  countyForbundIds: string[] | null;
}

/**
 * Everything the gateway needs to know about a person for one request: their förbund, the one
 * chosen, and the roles in it (or their platform roles); 'refused' when they asked for a förbund
 * (or platform access) they do not have.
 */
export function resolveAccess(person: {
  grants: readonly ForbundGrant[];
  platformGrants: readonly PlatformAccess[];
  issuer: IssuerTrust | undefined;
  forbundNames: ReadonlyMap<string, string>;
  seatInsats: ReadonlyMap<string, string>;
  countyForbund: ReadonlyMap<string, readonly string[]>;
  requested: string | null;
  on: string;
}): ResolvedAccess | 'refused' {
  const { grants, issuer, on } = person;
  const forbundIds = workableForbundIds(grants, issuer, on);
  const platform = activePlatformGrants(person.platformGrants, issuer, on);
  const named = forbundIds.map((id) => ({ id, name: person.forbundNames.get(id) ?? id }));
  const choice = chooseTenant(person.requested, named, platform.length > 0);
  if (choice === 'refused') {
    return 'refused';
  }
  if (choice.tenantId !== null) {
    return {
      tenantId: choice.tenantId,
      forbundIds,
      ...forbundAccess(grants, choice.tenantId, person.seatInsats, on),
      countyForbundIds: null,
    };
  }
  // Without a förbund only platform grants give roles: förbund grants never work outside their förbund.
  const { roles, countyForbundIds } = choice.platform
    ? platformRoles(platform, person.countyForbund)
    : { roles: [], countyForbundIds: null };
  return {
    tenantId: null,
    forbundIds,
    roles,
    interventionIds: [],
    steeringInterventionIds: [],
    leadInterventionIds: [],
    countyForbundIds,
  };
}

/** An invitation (or a platform grant given by e-mail) as a sign-in finds it. */
export interface OpenInvitation {
  email: string;
  expiresAt: Date;
  claimed: boolean;
}

/** The verified address of a sign-in, lower-case; null when the issuer did not verify one. */
export function verifiedEmail(email: string | null, emailVerified: boolean): string | null {
  const trimmed = email?.trim().toLowerCase() ?? '';
  return emailVerified && trimmed.length > 0 ? trimmed : null;
}

/**
 * Whether a sign-in claims the invitation: still open and unexpired, for the very address the
 * issuer verified, and from an issuer trusted where the invitation leads (`trusted`).
 */
export function claims(invitation: OpenInvitation, email: string | null, trusted: boolean, now: Date): boolean {
  return (
    trusted &&
    email !== null &&
    !invitation.claimed &&
    invitation.expiresAt.getTime() > now.getTime() &&
    invitation.email.toLowerCase() === email
  );
}

export interface GrantDraft {
  role: GrantRole;
  interventionIds: readonly string[];
  seatId?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

/**
 * What is wrong with a grant in itself (paths under `path`): insats roles name at least one insats
 * and other roles none; a styrgrupp member names their seat and nobody else does; validity runs
 * forwards. Only a förbund's own administrators give insats access.
 */
export function grantIssues(
  grant: GrantDraft,
  path: (string | number)[],
  granter: { platformAdmin: boolean },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const insatsRole = grant.role === 'VERKSAMHETSLEDARE' || grant.role === 'STAFF';
  if (insatsRole && granter.platformAdmin) {
    issues.push({
      path: [...path, 'role'],
      message: 'Insats access is given by the förbund’s own administrators',
    });
  }
  if (insatsRole && grant.interventionIds.length === 0) {
    issues.push({ path: [...path, 'interventionIds'], message: 'Name at least one insats' });
  }
  if (!insatsRole && grant.interventionIds.length > 0) {
    issues.push({ path: [...path, 'interventionIds'], message: 'Only verksamhetsledare and staff work in insatser' });
  }
  if (grant.role === 'STYRGRUPP' && grant.seatId == null) {
    issues.push({ path: [...path, 'seatId'], message: 'A styrgrupp member holds a seat: name it' });
  }
  if (grant.role !== 'STYRGRUPP' && grant.seatId != null) {
    issues.push({ path: [...path, 'seatId'], message: 'Only a styrgrupp member holds a seat' });
  }
  issues.push(...validityIssues(grant, path));
  return issues;
}

/** Validity runs forwards: `validTo` is not before `validFrom`. */
export function validityIssues(
  validity: { validFrom?: string | null; validTo?: string | null },
  path: (string | number)[],
): ValidationIssue[] {
  return validity.validFrom != null && validity.validTo != null && validity.validTo < validity.validFrom
    ? [{ path: [...path, 'validTo'], message: 'validTo is before validFrom' }]
    : [];
}

/**
 * The förbund an invitation leads to: a förbund administrator's own (naming another is refused);
 * a platform administrator names one.
 */
export function invitationForbund(
  inviter: { tenantId: string | null; platformAdmin: boolean },
  forbundId: string | null,
): { forbundId: string } | { issues: ValidationIssue[] } {
  const path = ['input', 'forbundId'];
  if (inviter.tenantId !== null) {
    return forbundId === null || forbundId === inviter.tenantId
      ? { forbundId: inviter.tenantId }
      : { issues: [{ path, message: 'You invite to your own förbund only' }] };
  }
  if (inviter.platformAdmin && forbundId !== null) {
    return { forbundId };
  }
  return { issues: [{ path, message: 'Name the förbund to invite to' }] };
}

/**
 * The last-administrator rule: a change that leaves a förbund without an active administrator
 * (a grant held by a person, in force today) is refused. `admins` are the förbund's
 * FORBUND_ADMIN grants as they would be after the change.
 */
export function lastAdminIssues(
  admins: readonly (Validity & { userId?: string | null })[],
  on: string,
  path: (string | number)[],
): ValidationIssue[] {
  return admins.some((g) => g.userId != null && isActive(g, on))
    ? []
    : [{ path, message: 'The förbund’s last active administrator keeps their access: appoint another first' }];
}

/** A county analyst names their county, or none to analyse every förbund; a platform administrator none. */
export function platformGrantIssues(grant: { role: PlatformRole; countyId?: string | null }): ValidationIssue[] {
  if (grant.role === 'PLATFORM_ADMIN' && grant.countyId != null) {
    return [{ path: ['input', 'countyId'], message: 'A platform administrator has no county' }];
  }
  return [];
}

/** Token signature algorithms an issuer may use: asymmetric only (a shared secret would let us mint tokens). */
export const ISSUER_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

/**
 * An issuer URL as OIDC discovery needs it: https, or http on this machine (development); no query
 * or fragment. Returns the message, or null when it is fine.
 */
export function issuerUrlIssue(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'The issuer is a URL';
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return 'The issuer is an https URL (http only on this machine)';
  }
  if (url.search || url.hash || url.username || url.password) {
    return 'The issuer URL has no query, fragment or credentials';
  }
  return null;
}
