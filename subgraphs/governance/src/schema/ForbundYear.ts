/**
 * A förbund's year: the report node (Årsrapport) that every subgraph contributes fields to.
 * Governance owns the entry point `Forbund.year(year)` and adds the year's decisions and
 * avvikelser; participants, teams, finance and indicators add theirs through the same key.
 */

import type { SubgraphContext } from '@finsam/kit/context.js';
import {
  type ForbundYearKey,
  forbundYearEntity,
  periodBounds,
  REPORT_YEARS,
  type ReportPeriod,
  reportYear,
} from '@finsam/kit/report-period.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';

const COUNTS_SQL = `
select
  (select count(*) from "decision" d join "meeting" m on m."id" = d."meeting_id"
    where d."tenant_id" = ? and m."date" between ? and ?)::int as decisions,
  (select count(*) from "avvikelse" a
    where a."tenant_id" = ? and a."reported_on" between ? and ?)::int as avvikelser`;

interface Counts {
  decisions: number;
  avvikelser: number;
}

// One statement for both counts of a förbund's period, once per request whichever fields ask.
const counts = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<ForbundYearKey & { period: ReportPeriod }, Counts, string>(
      (keys) =>
        Promise.all(
          keys.map(async ({ forbundId, year, period }) => {
            const { from, to } = periodBounds(year, period);
            const rows = await ctx.em.execute<Counts[]>(COUNTS_SQL, [forbundId, from, to, forbundId, from, to]);
            return rows[0]!;
          }),
        ),
      { cacheKeyFn: (k) => `${k.forbundId}:${k.year}:${k.period}` },
    ),
);

export const { ForbundYearRef, Period } = forbundYearEntity(
  builder,
  'En förbunds år (Årsrapport): every figure of one förbund and calendar year, each contributed by the subgraph that owns it.',
);

builder.objectFields(ForbundYearRef, (t) => ({
  forbund: t.field({ type: ForbundRef, resolve: (k) => k.forbundId }),
  decisions: t.int({
    description: 'Beslut taken at the förbund’s meetings in the year (or its first half).',
    authScopes: { figureReader: true },
    args: { period: t.arg({ type: Period, defaultValue: 'YEAR', required: true }) },
    resolve: async (k, { period }, ctx) => (await counts(ctx).load({ ...k, period })).decisions,
  }),
  avvikelser: t.int({
    description: 'Avvikelser reported in the year (or its first half).',
    authScopes: { figureReader: true },
    args: { period: t.arg({ type: Period, defaultValue: 'YEAR', required: true }) },
    resolve: async (k, { period }, ctx) => (await counts(ctx).load({ ...k, period })).avvikelser,
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
