/**
 * A förbund's year: the report node (Årsrapport) that every subgraph contributes fields to.
 * Governance owns the entry point `Forbund.year(year)` and adds the year's decisions and
 * avvikelser; participants, teams, finance and indicators add theirs through the same key.
 */

import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import {
  type ForbundYearKey,
  forbundYearEntity,
  periodBounds,
  REPORT_YEARS,
  type ReportPeriod,
  reportYear,
} from '@finsam/kit/forbund-year.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';

interface Counts {
  decisions: number;
  avvikelser: number;
}

type CountKey = ForbundYearKey & { period: ReportPeriod };

/**
 * The year's decisions (by meeting date) and avvikelser (by report date) of every förbund asked,
 * in one statement for the period; the tenant filter's condition on every table, so a förbund
 * user counts only their own and the county every förbund.
 */
async function countsFor(ctx: SubgraphContext, forbundIds: string[], from: string, to: string) {
  const { bind, build, tenant } = tenantSql(ctx.em);
  const forbunds = bind(pgArray(forbundIds));
  const [start, end] = [bind(from), bind(to)];
  const { sql, params } = build(`
    select "forbund_id",
      (count(*) filter (where "counts" = 'decision'))::int as "decisions",
      (count(*) filter (where "counts" = 'avvikelse'))::int as "avvikelser"
    from (
      select d."tenant_id" as "forbund_id", 'decision' as "counts"
      from "decision" d join "meeting" m on m."id" = d."meeting_id" and ${tenant('m')}
      where ${tenant('d')} and d."tenant_id" = any(${forbunds}::uuid[])
        and m."date" between ${start}::date and ${end}::date
      union all
      select a."tenant_id", 'avvikelse'
      from "avvikelse" a
      where ${tenant('a')} and a."tenant_id" = any(${forbunds}::uuid[])
        and a."reported_on" between ${start}::date and ${end}::date
    ) as "counted"
    group by "forbund_id"`);
  const rows = await ctx.em.execute<(Counts & { forbund_id: string })[]>(sql, params);
  return new Map(rows.map(({ forbund_id, ...counts }) => [forbund_id, counts]));
}

const countKey = (k: CountKey) => `${k.forbundId}:${k.year}:${k.period}`;

// Both counts, once per request whichever fields ask: one statement per period asked (a report asks
// one or two), each for every förbund of the batch (a county report lists many).
const counts = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<CountKey, Counts, string>(
      async (keys) => {
        const periods = new Map<string, CountKey[]>();
        for (const k of keys) {
          const period = `${k.year}:${k.period}`;
          periods.set(period, [...(periods.get(period) ?? []), k]);
        }
        const found = new Map<string, Counts>();
        await Promise.all(
          [...periods.values()].map(async (asked) => {
            const { from, to } = periodBounds(asked[0]!.year, asked[0]!.period);
            const rows = await countsFor(ctx, [...new Set(asked.map((k) => k.forbundId))], from, to);
            for (const k of asked) {
              found.set(countKey(k), rows.get(k.forbundId) ?? { decisions: 0, avvikelser: 0 });
            }
          }),
        );
        return keys.map((k) => found.get(countKey(k))!);
      },
      { cacheKeyFn: countKey },
    ),
);

const PERIOD = 'The calendar year (Årsrapport) or January–June (halvårsrapport).';

export const { ForbundYearRef, Period } = forbundYearEntity(
  builder,
  'Ett förbunds år (Årsrapport): every figure of one förbund and calendar year, ' +
    'each contributed by the subgraph that owns it.',
);

builder.objectFields(ForbundYearRef, (t) => ({
  forbund: t.field({ type: ForbundRef, description: 'The förbund whose year it is.', resolve: (k) => k.forbundId }),
  decisions: t.int({
    description: 'Beslut taken at the förbund’s meetings in the year (or its first half).',
    authScopes: { figureReader: true },
    args: { period: t.arg({ type: Period, defaultValue: 'YEAR', required: true, description: PERIOD }) },
    resolve: async (k, { period }, ctx) => (await counts(ctx).load({ ...k, period })).decisions,
  }),
  avvikelser: t.int({
    description: 'Avvikelser reported in the year (or its first half).',
    authScopes: { figureReader: true },
    args: { period: t.arg({ type: Period, defaultValue: 'YEAR', required: true, description: PERIOD }) },
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
