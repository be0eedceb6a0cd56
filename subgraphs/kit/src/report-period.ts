/**
 * The report node every subgraph contributes to: `ForbundYear @key(fields: "forbundId year")`.
 * Governance owns the entry point (`Forbund.year`); the others resolve their own fields from a
 * bare key, so each must check that the caller may see that förbund — a representation is
 * client-shaped input, and the tenant comes only from the verified identity.
 */
import { CROSS_TENANT_ROLES, type Identity } from './identity.js';

export interface ForbundYearKey {
  forbundId: string;
  year: number;
}

/** Readers of a förbund's own report: its administrators and board. */
export const REPORT_READERS = ['forbund_admin', 'board'] as const;

/** The caller's own förbund, or any förbund for the read-only cross-tenant roles. */
export function seesForbund(identity: Identity, forbundId: string): boolean {
  return identity.tenantId === forbundId || (identity.tenantId === null && identity.roles.some((r) => CROSS_TENANT_ROLES.includes(r)));
}

/** The key if the caller may see it; null otherwise (an `_entities` probe learns nothing). */
export function visibleForbundYear(identity: Identity, key: ForbundYearKey): ForbundYearKey | null {
  return seesForbund(identity, key.forbundId) && Number.isInteger(key.year) ? { forbundId: key.forbundId, year: key.year } : null;
}

/** First and last day of a calendar year, for date-range SQL. */
export function yearBounds(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
