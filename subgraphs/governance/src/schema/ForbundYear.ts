/**
 * A förbund's year: the report node (Årsrapport) that every subgraph contributes fields to.
 * Governance owns the entry point `Forbund.year(year)` and adds the year's decisions and
 * avvikelser; participants, teams, finance and indicators add theirs through the same key.
 */
import type { SubgraphContext } from '@finsam/kit/context.js';
import { periodBounds, FIGURE_READERS, REPORT_YEARS, reportYear, type ForbundYearKey, type ReportPeriod, forbundYearEntity } from '@finsam/kit/report-period.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';

const COUNTS_SQL = `
select
  (select count(*) from "decision" d join "meeting" m on m."id" = d."meeting_id"
    where d."tenant_id" = ? and m."date" between ? and ?)::int as decisions,
  (select count(*) from "avvikelse" a
    where a."tenant_id" = ? and a."reported_on" between ? and ?)::int as avvikelser`;

// One statement for both counts of a period: the two fields share the parent object.
const asked = new WeakMap<ForbundYearKey, Map<ReportPeriod, Promise<{ decisions: number; avvikelser: number }>>>();
function counts(ctx: SubgraphContext, key: ForbundYearKey, period: ReportPeriod) {
  const byPeriod = asked.get(key) ?? new Map();
  asked.set(key, byPeriod);
  if (!byPeriod.has(period)) {
    const { from, to } = periodBounds(key.year, period);
    byPeriod.set(period, ctx.em.execute<{ decisions: number; avvikelser: number }[]>(COUNTS_SQL, [key.forbundId, from, to, key.forbundId, from, to]).then((rows) => rows[0]!));
  }
  return byPeriod.get(period)!;
}

export const { ForbundYearRef, Period } = forbundYearEntity(builder, 'En förbunds år (Årsrapport): every figure of one förbund and calendar year, each contributed by the subgraph that owns it.');

builder.objectFields(ForbundYearRef, (t) => ({
  forbund: t.field({ type: ForbundRef, resolve: (k) => k.forbundId }),
  decisions: t.int({
    description: 'Beslut taken at the förbund’s meetings in the year (or its first half).',
    authScopes: { role: [...FIGURE_READERS] },
    args: { period: t.arg({ type: Period, defaultValue: 'YEAR', required: true }) },
    resolve: async (k, { period }, ctx) => (await counts(ctx, k, period)).decisions,
  }),
  avvikelser: t.int({
    description: 'Avvikelser reported in the year (or its first half).',
    authScopes: { role: [...FIGURE_READERS] },
    args: { period: t.arg({ type: Period, defaultValue: 'YEAR', required: true }) },
    resolve: async (k, { period }, ctx) => (await counts(ctx, k, period)).avvikelser,
  }),
}));


builder.objectField(ForbundRef, 'year', (t) =>
  t.field({
    type: ForbundYearRef,
    description: 'The förbund’s year (Årsrapport, Uppföljning Finsam): figures from every subgraph.',
    args: { year: t.arg.int({ required: true, description: `${REPORT_YEARS.first}–${REPORT_YEARS.last}.` }) },
    resolve: (f, { year }) => ({ forbundId: f.id, year: reportYear(year) }),
  }),
);
