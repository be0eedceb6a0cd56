/**
 * The report node every subgraph contributes to: `ForbundYear @key(fields: "forbundId year")`.
 * Governance owns the entry point (`Forbund.year`); the others resolve their own fields from a
 * bare key, so each must check that the caller may see that förbund — a representation is
 * client-shaped input, and the tenant comes only from the verified identity.
 */

import type { SubgraphBuilder } from './builder.js';
import { badArgument } from './errors.js';
import { CROSS_TENANT_ROLES, type Identity } from './identity.js';

export interface ForbundYearKey {
  forbundId: string;
  year: number;
}

/** The caller's own förbund, or any förbund for the read-only cross-tenant roles. */
export function seesForbund(identity: Identity, forbundId: string): boolean {
  return (
    identity.tenantId === forbundId ||
    (identity.tenantId === null &&
      identity.roles.some((r) => CROSS_TENANT_ROLES.includes(r)) &&
      (identity.countyForbundIds === null || identity.countyForbundIds.includes(forbundId)))
  );
}

/** Years a report can cover: the FINSAM law (2003:1210) came into force in 2004. */
export const REPORT_YEARS = { first: 2004, last: 2100 } as const;

const isReportYear = (year: number) =>
  Number.isInteger(year) && year >= REPORT_YEARS.first && year <= REPORT_YEARS.last;

/** A report's `year` argument, or BAD_USER_INPUT naming it. */
export function reportYear(year: number, argument = 'year'): number {
  if (!isReportYear(year)) {
    throw badArgument(argument, `A report year is ${REPORT_YEARS.first}–${REPORT_YEARS.last}`);
  }
  return year;
}

/** The key if the caller may see it; null otherwise (an `_entities` probe learns nothing). */
export function visibleForbundYear(identity: Identity, key: ForbundYearKey): ForbundYearKey | null {
  return seesForbund(identity, key.forbundId) && isReportYear(key.year)
    ? { forbundId: key.forbundId, year: key.year }
    : null;
}

/** A report covers the calendar year (Årsrapport) or its first half (halvårsrapport, January–June). */
export const REPORT_PERIODS = { YEAR: 12, HALF_YEAR: 6 } as const;
export type ReportPeriod = keyof typeof REPORT_PERIODS;

/** First and last day of the period of a year. */
export function periodBounds(year: number, period: ReportPeriod = 'YEAR'): { from: string; to: string } {
  const last = new Date(Date.UTC(year, REPORT_PERIODS[period], 0)).toISOString().slice(0, 10);
  return { from: `${year}-01-01`, to: last };
}

/** The `ReportPeriod` enum a subgraph's report fields take as `period`: defined alike in every subgraph. */
export function reportPeriodEnum(builder: SubgraphBuilder) {
  return builder.enumType('ReportPeriod', {
    description: 'What a report covers: the calendar year (Årsrapport) or January–June (halvårsrapport).',
    values: { YEAR: { description: 'The calendar year.' }, HALF_YEAR: { description: 'January–June.' } } as const,
  });
}

/**
 * The `ForbundYear` entity as every contributing subgraph declares it: its key fields, the key,
 * and a reference check against the caller. Each subgraph then adds its own fields with
 * `builder.objectFields(ForbundYearRef, …)`. Also gives the `ReportPeriod` enum.
 */
export function forbundYearEntity(builder: SubgraphBuilder, description?: string) {
  const ForbundYearRef = builder.objectRef<ForbundYearKey>('ForbundYear').implement({
    description,
    fields: (t) => ({
      forbundId: t.exposeID('forbundId', { description: 'The förbund (samordningsförbund) the report is about.' }),
      year: t.exposeInt('year', { description: 'The calendar year the report covers.' }),
    }),
  });
  builder.asEntity(ForbundYearRef, {
    key: builder.selection<ForbundYearKey>('forbundId year'),
    resolveReference: (key, ctx) => visibleForbundYear(ctx.identity, key),
  });
  return { ForbundYearRef, Period: reportPeriodEnum(builder) };
}
