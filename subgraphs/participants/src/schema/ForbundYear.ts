/**
 * Participants' part of a förbund's year (Årsrapport): new and total per hemkommun beside the
 * previous year, and per insats new by referrer and kön, exits by outcome, average age at entry
 * and the share with a step forward. Read from the half-year ledger PostgreSQL keeps up to date
 * (two statements per period asked, for every förbund at once), never by loading rows; only the
 * förbund's own administrators and board see
 * these unsuppressed figures — the county gets them through `countyReport`, with disclosure control.
 */

import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { type ForbundYearKey, forbundYearEntity, periodBounds, type ReportPeriod } from '@finsam/kit/report-period.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { builder } from './builder.js';
import { InterventionRef } from './Intervention.js';
import { Count, countsBy, share } from './Statistics.js';

export interface HemkommunRow {
  scb_code: string;
  new: number;
  total: number;
  new_previous: number;
  total_previous: number;
}
export interface InterventionRow {
  intervention_id: string;
  new: number;
  total: number;
  exited: number;
  age_n: number;
  average_age: number | null;
  step_forward: number;
  breakdown: { dim: 'REFERRER' | 'KON' | 'KON_TOTAL' | 'OUTCOME'; key: string; n: number }[];
}
export interface ParticipantYear {
  hemkommuner: HemkommunRow[];
  interventions: InterventionRow[];
}

// Read from the ledger the triggers keep (migration ParticipationLedger): a few rows per insats
// and half-year, however many participations. Periods are whole half-years, so for [from, to]:
// "new" = enrolled in it; "total" (the Årsrapport's "totalt": enrolled at some time in it) =
// enrolled by its end − exited before its start; "exited" = exited in it.
const NEW = (from: string, to: string) =>
  `coalesce(sum("new") filter (where "half_year" between ${from} and ${to}), 0)::int`;
const EXITED = (from: string, to: string) =>
  `coalesce(sum("exited") filter (where "half_year" between ${from} and ${to}), 0)::int`;
const ACTIVE = (from: string, to: string) =>
  `(coalesce(sum("new") filter (where "half_year" <= ${to}), 0) - coalesce(sum("exited") filter (where "half_year" < ${from}), 0))::int`;
const IN_PERIOD = (column: string) => `coalesce(sum("${column}") filter (where "half_year" >= a.y_from), 0)::int`;

// Parameters once, by name: the statements read them from "a".
const ARGS = `with a as (select ?::uuid[] as tenants, ?::date as y_from, ?::date as y_to, ?::date as p_from, ?::date as p_to)`;
const LEDGER = (dims: string) =>
  `from "participation_half_year", a where "tenant_id" = any(a.tenants) and "half_year" <= a.y_to and "dim" in (${dims})`;

const HEMKOMMUN_SQL = `${ARGS}
select "tenant_id", "key" as scb_code,
  ${NEW('a.y_from', 'a.y_to')} as new, ${ACTIVE('a.y_from', 'a.y_to')} as total,
  ${NEW('a.p_from', 'a.p_to')} as new_previous, ${ACTIVE('a.p_from', 'a.p_to')} as total_previous
${LEDGER(`'HEMKOMMUN'`)}
group by 1, 2 having ${ACTIVE('a.p_from', 'a.y_to')} > 0
order by 1, 2`;

// One aggregation over the grouped ledger, no join: under RLS the planner expects a handful of
// rows, and a join on its estimate became a nested loop (19 s at national scale).
const ALL = (column: string) => `max(g.${column}) filter (where g."dim" = 'ALL')`;
const INTERVENTION_SQL = `${ARGS},
g as (
  select "tenant_id", "intervention_id", "dim", "key",
    ${NEW('a.y_from', 'a.y_to')} as new, ${ACTIVE('a.y_from', 'a.y_to')} as total, ${EXITED('a.y_from', 'a.y_to')} as exited,
    ${IN_PERIOD('age_n')} as age_n, ${IN_PERIOD('age_sum')} as age_sum, ${IN_PERIOD('step_forward')} as step_forward
  ${LEDGER(`'ALL', 'KON', 'REFERRER', 'OUTCOME'`)}
    -- Referrers and outcomes are only counted within the period; ALL and KON need the years before for "total".
    and ("dim" in ('ALL', 'KON') or "half_year" >= a.y_from)
  group by 1, 2, 3, 4
)
select g."tenant_id", g."intervention_id", ${ALL('new')} as new, ${ALL('total')} as total, ${ALL('exited')} as exited, ${ALL('age_n')} as age_n,
  round(${ALL('age_sum')}::numeric / nullif(${ALL('age_n')}, 0), 1)::float as average_age, ${ALL('step_forward')} as step_forward,
  coalesce(jsonb_agg(jsonb_build_object('dim', b.dim, 'key', g."key", 'n', b.n) order by b.dim, g."key") filter (where b.n > 0), '[]') as breakdown
from g cross join lateral (values
  ('REFERRER', case when g."dim" = 'REFERRER' then g.new end),
  ('KON', case when g."dim" = 'KON' then g.new end),
  ('KON_TOTAL', case when g."dim" = 'KON' then g.total end),
  ('OUTCOME', case when g."dim" = 'OUTCOME' then g.exited end)
) as b(dim, n)
group by 1, 2 having ${ALL('total')} > 0
order by 1, 2`;

/**
 * Both tables for every (förbund, year) asked in one request: two statements per year asked,
 * however many förbund (the county view asks for all of them). Keys are already visibility-checked.
 */
export const participantYears = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<ForbundYearKey & { period?: ReportPeriod }, ParticipantYear, string>(
      async (keys) => {
        const periodOf = (k: { year: number; period?: ReportPeriod }) => `${k.year}:${k.period ?? 'YEAR'}`;
        const periods = [...new Set(keys.map(periodOf))];
        const byKey = new Map<string, ParticipantYear>();
        await Promise.all(
          periods.map(async (p) => {
            const [year, period] = [Number(p.split(':')[0]), p.split(':')[1] as ReportPeriod];
            const tenants = [...new Set(keys.filter((k) => periodOf(k) === p).map((k) => k.forbundId))];
            const { from, to } = periodBounds(year, period);
            // The same months of the year before, for the comparison column.
            const previous = periodBounds(year - 1, period);
            const args = [pgArray(tenants), from, to, previous.from, previous.to];
            const [hemkommuner, interventions] = await Promise.all([
              ctx.em.execute<(HemkommunRow & { tenant_id: string })[]>(HEMKOMMUN_SQL, args),
              ctx.em.execute<(InterventionRow & { tenant_id: string })[]>(INTERVENTION_SQL, args),
            ]);
            for (const tenant of tenants) {
              byKey.set(`${tenant}:${p}`, {
                hemkommuner: hemkommuner.filter((r) => r.tenant_id === tenant),
                interventions: interventions.filter((r) => r.tenant_id === tenant),
              });
            }
          }),
        );
        return keys.map((k) => byKey.get(`${k.forbundId}:${periodOf(k)}`)!);
      },
      { cacheKeyFn: (k) => `${k.forbundId}:${k.year}:${k.period ?? 'YEAR'}` },
    ),
);

/** A measure summed over the förbund's insatser. */
export const yearSum = (y: ParticipantYear, m: 'new' | 'total' | 'exited') =>
  y.interventions.reduce((a, r) => a + r[m], 0);

/** Average age at entry over the förbund's insatser, weighted by how many had an age (`n`); unrounded, null when none had. */
export function yearAverageAge(y: ParticipantYear): { n: number; average: number | null } {
  const n = y.interventions.reduce((a, r) => a + r.age_n, 0);
  return { n, average: n ? y.interventions.reduce((a, r) => a + (r.average_age ?? 0) * r.age_n, 0) / n : null };
}

const HemkommunFigures = builder.objectRef<HemkommunRow>('HemkommunYearFigures').implement({
  description:
    'Deltagare per hemkommun: nya and totalt in the year and the year before (consented participations only).',
  fields: (t) => ({
    scbCode: t.exposeString('scb_code', { description: 'SCB kommunkod.' }),
    new: t.exposeInt('new', { description: 'Nya: enrolled in the year.' }),
    total: t.exposeInt('total', { description: 'Totalt: enrolled at some time in the year.' }),
    newPreviousYear: t.exposeInt('new_previous'),
    totalPreviousYear: t.exposeInt('total_previous'),
  }),
});

export const InterventionYearFigures = builder.objectRef<InterventionRow>('InterventionParticipantYear').implement({
  description:
    'One insats’ participant figures for the year. A participation with several outcomes counts once in each outcome.',
  fields: (t) => ({
    intervention: t.field({ type: InterventionRef, resolve: (r) => ({ id: r.intervention_id }) }),
    new: t.exposeInt('new', { description: 'Nya deltagare.' }),
    total: t.exposeInt('total', { description: 'Deltagare totalt (enrolled at some time in the year).' }),
    exited: t.exposeInt('exited', { description: 'Avslutade.' }),
    newByReferrer: t.field({
      type: [Count],
      description: 'Nya per remittent.',
      resolve: (r) => countsBy(r, 'REFERRER'),
    }),
    newByKon: t.field({ type: [Count], description: 'Nya per kön.', resolve: (r) => countsBy(r, 'KON') }),
    totalByKon: t.field({
      type: [Count],
      description: 'Deltagare totalt per kön (Uppföljning Finsam).',
      resolve: (r) => countsBy(r, 'KON_TOTAL'),
    }),
    exitsByOutcome: t.field({
      type: [Count],
      description: 'Avslut per utfall.',
      resolve: (r) => countsBy(r, 'OUTCOME'),
    }),
    averageAgeAtEntry: t.float({
      nullable: true,
      description: 'Medelålder of new participants with consent.',
      resolve: (r) => r.average_age,
    }),
    stepForwardShare: t.float({
      nullable: true,
      description: 'Share of exits with a step towards work or studies.',
      resolve: (r) => share(r.step_forward, r.exited),
    }),
  }),
});

const ParticipantYearRef = builder.objectRef<ParticipantYear>('ParticipantYear').implement({
  description: 'Deltagare in a förbund’s year (Årsrapport); no person in it.',
  fields: (t) => ({
    hemkommuner: t.field({ type: [HemkommunFigures], resolve: (y) => y.hemkommuner }),
    interventions: t.field({ type: [InterventionYearFigures], resolve: (y) => y.interventions }),
    new: t.int({ resolve: (y) => yearSum(y, 'new') }),
    total: t.int({ resolve: (y) => yearSum(y, 'total') }),
    averageAgeAtEntry: t.float({
      nullable: true,
      description: 'Medelålder of all new participants with consent.',
      resolve: (y) => {
        const { average } = yearAverageAge(y);
        return average === null ? null : Math.round(average);
      },
    }),
  }),
});

export const { ForbundYearRef, Period } = forbundYearEntity(builder);

builder.objectFields(ForbundYearRef, (t) => ({
  participants: t.field({
    type: ParticipantYearRef,
    description:
      'Deltagare: the förbund’s own administrators and board (the county reads `countyReport`). HALF_YEAR compares with January–June of the year before.',
    authScopes: { reportReader: true },
    args: { period: t.arg({ type: Period, defaultValue: 'YEAR', required: true }) },
    resolve: (k, { period }, ctx) => participantYears(ctx).load({ ...k, period }),
  }),
}));
