/**
 * Participants' part of a förbund's year (Årsrapport): new and total per hemkommun beside the
 * previous year, and per insats new by referrer and kön, exits by outcome, average age at entry
 * and the share with a step forward. Counted by PostgreSQL (set-based, two statements per
 * year asked, for every förbund at once), never by loading rows; only the förbund's own administrators and board see
 * these unsuppressed figures — the county gets them through `countyReport`, with disclosure control.
 */
import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { periodBounds, REPORT_READERS, type ForbundYearKey, type ReportPeriod, forbundYearEntity } from '@finsam/kit/report-period.js';
import { builder } from './builder.js';
import { InterventionRef } from './Intervention.js';
import { Count, STEP_FORWARD } from './Statistics.js';
import { pgArray } from '@finsam/kit/database.js';


export interface HemkommunRow { scb_code: string; new: number; total: number; new_previous: number; total_previous: number }
export interface InterventionRow {
  intervention_id: string; new: number; total: number; exited: number; age_n: number; average_age: number | null; step_forward: number;
  breakdown: { dim: 'REFERRER' | 'KON' | 'KON_TOTAL' | 'OUTCOME'; key: string; n: number }[];
}
export interface ParticipantYear { hemkommuner: HemkommunRow[]; interventions: InterventionRow[] }

// "New" = enrolled in the year; "total" = enrolled at some time in the year (the Årsrapport's "totalt").
const NEW = `"enrolled_on" between a.y_from and a.y_to`;
const ACTIVE = (from: string, to: string) => `"enrolled_on" <= ${to} and ("exited_on" is null or "exited_on" >= ${from})`;
const EXITED = `"exited_on" between a.y_from and a.y_to`;

// Parameters once, by name: the statements read them from "a".
const ARGS = `with a as (select ?::uuid[] as tenants, ?::date as y_from, ?::date as y_to, ?::date as p_from, ?::date as p_to, ?::text[] as step)`;

const HEMKOMMUN_SQL = `${ARGS}
select "tenant_id", "hemkommun" as scb_code,
  count(*) filter (where ${NEW})::int as new,
  count(*) filter (where ${ACTIVE('a.y_from', 'a.y_to')})::int as total,
  count(*) filter (where "enrolled_on" between a.p_from and a.p_to)::int as new_previous,
  count(*) filter (where ${ACTIVE('a.p_from', 'a.p_to')})::int as total_previous
from "participation", a
where "tenant_id" = any(a.tenants) and "enrolled_on" is not null and "hemkommun" is not null
group by 1, 2 having count(*) filter (where ${ACTIVE('a.p_from', 'a.y_to')}) > 0
order by 1, 2`;

const INTERVENTION_SQL = `${ARGS},
p as (
  select "participation".* from "participation", a where "tenant_id" = any(a.tenants) and "enrolled_on" is not null and ${ACTIVE('a.y_from', 'a.y_to')}
),
breakdown as (
  select "intervention_id", 'REFERRER' as dim, "referrer_unit" as key, count(*)::int as n from p, a where ${NEW} group by 1, 3
  union all
  select "intervention_id", 'KON', "kon", count(*)::int from p, a where ${NEW} group by 1, 3
  union all
  select "intervention_id", 'KON_TOTAL', "kon", count(*)::int from p group by 1, 3
  union all
  select "intervention_id", 'OUTCOME', o, count(*)::int from p cross join lateral unnest(p."outcomes") as o, a where ${EXITED} group by 1, 3
),
counts as (
  select p."tenant_id", p."intervention_id",
    count(*) filter (where ${NEW})::int as new,
    count(*)::int as total,
    count(*) filter (where ${EXITED})::int as exited,
    count("age_at_referral") filter (where ${NEW})::int as age_n,
    round(avg("age_at_referral") filter (where ${NEW}), 1)::float as average_age,
    count(*) filter (where ${EXITED} and "outcomes" && a.step)::int as step_forward
  from p, a group by 1, 2
),
-- Aggregated once per insats and joined: a correlated subquery would rescan it per insats.
bd as (
  select "intervention_id", jsonb_agg(jsonb_build_object('dim', dim, 'key', key, 'n', n) order by dim, key) as breakdown from breakdown group by 1
)
select c.*, coalesce(bd.breakdown, '[]') as breakdown
from counts c left join bd on bd."intervention_id" = c."intervention_id"
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
            const args = [pgArray(tenants), from, to, previous.from, previous.to, pgArray(STEP_FORWARD)];
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

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);
const byDim = (r: InterventionRow, dim: InterventionRow['breakdown'][number]['dim']) =>
  r.breakdown.filter((b) => b.dim === dim).map((b) => ({ key: b.key, count: b.n }));

const HemkommunFigures = builder.objectRef<HemkommunRow>('HemkommunYearFigures').implement({
  description: 'Deltagare per hemkommun: nya and totalt in the year and the year before (consented participations only).',
  fields: (t) => ({
    scbCode: t.exposeString('scb_code', { description: 'SCB kommunkod.' }),
    new: t.exposeInt('new', { description: 'Nya: enrolled in the year.' }),
    total: t.exposeInt('total', { description: 'Totalt: enrolled at some time in the year.' }),
    newPreviousYear: t.exposeInt('new_previous'),
    totalPreviousYear: t.exposeInt('total_previous'),
  }),
});

export const InterventionYearFigures = builder.objectRef<InterventionRow>('InterventionParticipantYear').implement({
  description: 'One insats’ participant figures for the year. A participation with several outcomes counts once in each outcome.',
  fields: (t) => ({
    intervention: t.field({ type: InterventionRef, resolve: (r) => ({ id: r.intervention_id }) }),
    new: t.exposeInt('new', { description: 'Nya deltagare.' }),
    total: t.exposeInt('total', { description: 'Deltagare totalt (enrolled at some time in the year).' }),
    exited: t.exposeInt('exited', { description: 'Avslutade.' }),
    newByReferrer: t.field({ type: [Count], description: 'Nya per remittent.', resolve: (r) => byDim(r, 'REFERRER') }),
    newByKon: t.field({ type: [Count], description: 'Nya per kön.', resolve: (r) => byDim(r, 'KON') }),
    totalByKon: t.field({ type: [Count], description: 'Deltagare totalt per kön (Uppföljning Finsam).', resolve: (r) => byDim(r, 'KON_TOTAL') }),
    exitsByOutcome: t.field({ type: [Count], description: 'Avslut per utfall.', resolve: (r) => byDim(r, 'OUTCOME') }),
    averageAgeAtEntry: t.float({ nullable: true, description: 'Medelålder of new participants with consent.', resolve: (r) => r.average_age }),
    stepForwardShare: t.float({ nullable: true, description: 'Share of exits with a step towards work or studies.', resolve: (r) => share(r.step_forward, r.exited) }),
  }),
});

const ParticipantYearRef = builder.objectRef<ParticipantYear>('ParticipantYear').implement({
  description: 'Deltagare in a förbund’s year (Årsrapport); no person in it.',
  fields: (t) => ({
    hemkommuner: t.field({ type: [HemkommunFigures], resolve: (y) => y.hemkommuner }),
    interventions: t.field({ type: [InterventionYearFigures], resolve: (y) => y.interventions }),
    new: t.int({ resolve: (y) => y.interventions.reduce((a, r) => a + r.new, 0) }),
    total: t.int({ resolve: (y) => y.interventions.reduce((a, r) => a + r.total, 0) }),
    averageAgeAtEntry: t.float({ nullable: true, description: 'Medelålder of all new participants with consent.', resolve: (y) => {
      const n = y.interventions.reduce((a, r) => a + r.age_n, 0);
      return n ? Math.round(y.interventions.reduce((a, r) => a + (r.average_age ?? 0) * r.age_n, 0) / n) : null;
    } }),
  }),
});

export const { ForbundYearRef, Period } = forbundYearEntity(builder);

builder.objectFields(ForbundYearRef, (t) => ({
  participants: t.field({
    type: ParticipantYearRef,
    description: 'Deltagare: the förbund’s own administrators and board (the county reads `countyReport`). HALF_YEAR compares with January–June of the year before.',
    authScopes: { role: [...REPORT_READERS] },
    args: { period: t.arg({ type: Period, defaultValue: 'YEAR', required: true }) },
    resolve: (k, { period }, ctx) => participantYears(ctx).load({ ...k, period }),
  }),
}));

