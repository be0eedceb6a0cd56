/**
 * Who may do what, named once. Schema files name these scopes in `authScopes`
 * (`{ tenantReader: true }`, `{ reportReader: true, insatsStaff: id }`); code that must decide
 * outside a scope asks `holds(identity, 'tenantAdmin')`. No role list is written anywhere else.
 */
import type { SubgraphContext } from './context.js';
import { forbidden } from './errors.js';
import type { Identity, Role } from './identity.js';

export const SCOPES = {
  /** Administers a förbund: its registry data, insatser, money, access (förbundsadministratör). */
  tenantAdmin: ['forbund_admin'],
  /** Works inside one förbund: its administrators, board and insats staff. */
  tenantReader: ['forbund_admin', 'board', 'staff'],
  /** Reads a förbund's own unsuppressed figures and reports: its administrators and board. */
  reportReader: ['forbund_admin', 'board'],
  /** Reads figures that reveal no person: a förbund's report readers, and the county and platform. */
  figureReader: ['forbund_admin', 'board', 'county_analyst', 'platform_admin'],
  /** Reads across förbund, aggregates only (länsnivå). */
  countyReader: ['county_analyst', 'platform_admin'],
  /** Registers förbund and national questionnaires. */
  platformAdmin: ['platform_admin'],
  /** Staff of some insats; which ones is `insatsStaff(id)`. */
  staff: ['staff'],
  /** A styrgrupp member of some insats; which ones is `steeringOf(id)`. */
  steering: ['steering'],
  /** The gateway resolving who a signed-in person is (the directory). */
  gateway: ['gateway'],
} as const satisfies Record<string, readonly Role[]>;

export type ScopeName = keyof typeof SCOPES;

/** Whether the identity holds the scope (any of its roles). */
export function holds(identity: Identity, scope: ScopeName): boolean {
  const roles: readonly Role[] = SCOPES[scope];
  return identity.roles.some((role) => roles.includes(role));
}

/** Staff of this insats: the `insatsStaff` scope. */
export function isInsatsStaff(identity: Identity, interventionId: string): boolean {
  return holds(identity, 'staff') && identity.interventionIds.includes(interventionId);
}

/** The verksamhetsledare of this insats (a VERKSAMHETSLEDARE grant for it). */
export function isInsatsLead(identity: Identity, interventionId: string): boolean {
  return isInsatsStaff(identity, interventionId) && identity.leadInterventionIds.includes(interventionId);
}

/** A member of this insats' styrgrupp: the `steeringOf` scope. */
export function isSteeringOf(identity: Identity, interventionId: string): boolean {
  return holds(identity, 'steering') && identity.steeringInterventionIds.includes(interventionId);
}

/** The caller's förbund, or FORBIDDEN for a caller without one (cross-tenant roles, anonymous). */
export function tenantOf(ctx: Pick<SubgraphContext, 'identity'>): string {
  const { tenantId } = ctx.identity;
  if (tenantId === null) {
    throw forbidden();
  }
  return tenantId;
}

/** Every named scope with whether the identity holds it: what the builder's scope-auth is given. */
export function scopeGrants(identity: Identity): Record<ScopeName, boolean> {
  return Object.fromEntries(
    (Object.keys(SCOPES) as ScopeName[]).map((scope) => [scope, holds(identity, scope)]),
  ) as Record<ScopeName, boolean>;
}
