/**
 * Participant figures of an insats for a period — counted by PostgreSQL in one statement for every
 * insats and period a request asks for; no row is loaded to be counted, nothing identifying is read.
 */

import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { dateRange } from '@finsam/kit/dates.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { builder } from './builder.js';
import { InterventionRef } from './Intervention.js';

/** Outcomes that count as a step towards work or studies (Västerås' goal: 80 %). */
export const STEP_FORWARD = ['ARBETE_UTAN_STOD', 'ARBETE_MED_STOD', 'STUDIER', 'AKTIVT_ARBETSSOKANDE'];

export const Count = builder.objectRef<{ key: string; count: number }>('CountByKey').implement({
  fields: (t) => ({ key: t.exposeString('key'), count: t.exposeInt('count') }),
});

type Dim =
  | 'NEW_KON'
  | 'NEW_HEMKOMMUN'
  | 'ACTIVE_HEMKOMMUN'
  | 'NEW_REFERRER'
  | 'NEW_REFERRING_MEMBER'
  | 'NEW_AGE_BAND'
  | 'NEW_EDUCATION'
  | 'NEW_SUPPORT_BEFORE'
  | 'EXIT_OUTCOME'
  | 'EXIT_SUPPORT_AFTER'
  | 'AFTER_6'
  | 'AFTER_18';

interface StatsRow {
  intervention_id: string;
  new: number;
  active: number;
  exited: number;
  average_age: number | null;
  average_days: number | null;
  step_forward: number;
  breakdown: { dim: Dim; key: string; n: number }[];
}

// "New": enrolled in the period; "active": enrolled at some time in it; "exited": left in it.
function statsQuery(ctx: SubgraphContext, ids: string[], from: string, to: string) {
  const { bind, build, tenant } = tenantSql(ctx.em);
  return build(`
with a as (select ${bind(pgArray(ids))}::uuid[] as ids, ${bind(from)}::date as f, ${bind(to)}::date as t, ${bind(pgArray(STEP_FORWARD))}::text[] as step),
p as (
  select p.*, p."enrolled_on" between a.f and a.t as is_new, p."exited_on" is not null and p."exited_on" between a.f and a.t as is_exit
  from "participation" p, a
  where ${tenant('p')} and p."intervention_id" = any(a.ids) and p."enrolled_on" is not null and p."enrolled_on" <= a.t and (p."exited_on" is null or p."exited_on" >= a.f)
),
dims as (
  select "intervention_id", 'NEW_KON' as dim, "kon" as key, count(*)::int as n from p where is_new group by 1, 3
  union all select "intervention_id", 'NEW_HEMKOMMUN', "hemkommun", count(*)::int from p where is_new and "hemkommun" is not null group by 1, 3
  union all select "intervention_id", 'ACTIVE_HEMKOMMUN', "hemkommun", count(*)::int from p where "hemkommun" is not null group by 1, 3
  union all select "intervention_id", 'NEW_REFERRER', "referrer_unit", count(*)::int from p where is_new group by 1, 3
  union all select "intervention_id", 'NEW_REFERRING_MEMBER', "referring_member_id"::text, count(*)::int from p where is_new and "referring_member_id" is not null group by 1, 3
  union all select "intervention_id", 'NEW_AGE_BAND', case
      when "age_at_referral" between 16 and 19 then '16-19' when "age_at_referral" between 20 and 24 then '20-24'
      when "age_at_referral" between 25 and 29 then '25-29' when "age_at_referral" between 30 and 39 then '30-39'
      when "age_at_referral" between 40 and 49 then '40-49' when "age_at_referral" between 50 and 67 then '50-67' end, count(*)::int
    from p where is_new and "age_at_referral" between 16 and 67 group by 1, 3
  union all select "intervention_id", 'NEW_EDUCATION', "education_level", count(*)::int from p where is_new and "education_level" is not null group by 1, 3
  union all select "intervention_id", 'NEW_SUPPORT_BEFORE', s, count(*)::int from p cross join lateral unnest(p."support_before") s where is_new group by 1, 3
  union all select "intervention_id", 'EXIT_OUTCOME', o, count(*)::int from p cross join lateral unnest(p."outcomes") o where is_exit group by 1, 3
  union all select "intervention_id", 'EXIT_SUPPORT_AFTER', s, count(*)::int from p cross join lateral unnest(p."support_after") s where is_exit group by 1, 3
  union all select "intervention_id", 'AFTER_6', "level_6_months", count(*)::int from p where is_exit and "level_6_months" is not null group by 1, 3
  union all select "intervention_id", 'AFTER_18', "level_18_months", count(*)::int from p where is_exit and "level_18_months" is not null group by 1, 3
),
counts as (
  select "intervention_id",
    count(*) filter (where is_new)::int as new,
    count(*)::int as active,
    count(*) filter (where is_exit)::int as exited,
    round(avg("age_at_referral") filter (where is_new), 1)::float as average_age,
    round(avg("exited_on" - "enrolled_on") filter (where is_exit))::float as average_days,
    count(*) filter (where is_exit and "outcomes" && a.step)::int as step_forward
  from p, a group by 1
),
bd as (select "intervention_id", jsonb_agg(jsonb_build_object('dim', dim, 'key', key, 'n', n) order by dim, key) as breakdown from dims group by 1)
select c.*, coalesce(bd.breakdown, '[]') as breakdown from counts c left join bd on bd."intervention_id" = c."intervention_id"`);
}

interface StatsKey {
  interventionId: string;
  from: string;
  to: string;
}
interface Stats extends StatsRow {
  from: string;
  to: string;
}

const empty = (interventionId: string): StatsRow => ({
  intervention_id: interventionId,
  new: 0,
  active: 0,
  exited: 0,
  average_age: null,
  average_days: null,
  step_forward: 0,
  breakdown: [],
});

/** Every (insats, period) of a request: one statement per period asked. */
const statistics = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<StatsKey, Stats, string>(
      async (keys) => {
        const periods = [...new Set(keys.map((k) => `${k.from}|${k.to}`))];
        const rows = new Map<string, StatsRow>();
        await Promise.all(
          periods.map(async (period) => {
            const [from, to] = period.split('|') as [string, string];
            const ids = [...new Set(keys.filter((k) => `${k.from}|${k.to}` === period).map((k) => k.interventionId))];
            const { sql, params } = statsQuery(ctx, ids, from, to);
            const found = await ctx.em.execute<StatsRow[]>(sql, params);
            for (const row of found) {
              rows.set(`${row.intervention_id}|${period}`, row);
            }
          }),
        );
        return keys.map((k) => ({
          ...(rows.get(`${k.interventionId}|${k.from}|${k.to}`) ?? empty(k.interventionId)),
          from: k.from,
          to: k.to,
        }));
      },
      { cacheKeyFn: (k) => `${k.interventionId}|${k.from}|${k.to}` },
    ),
);

/** One dimension of a row's breakdown, as `CountByKey`s. */
export const countsBy = <D extends string>(
  row: { breakdown: readonly { dim: D; key: string; n: number }[] },
  dim: NoInfer<D>,
) => row.breakdown.filter((b) => b.dim === dim).map((b) => ({ key: b.key, count: b.n }));

/** `part` of `whole` to three decimals; null when the whole is 0. */
export const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

const StatisticsRef = builder.objectRef<Stats>('ParticipantStatistics').implement({
  description:
    'Figures for a period; no person in them. A participation with several outcomes counts once in each outcome; `exited` counts participations.',
  fields: (t) => ({
    from: t.field({ type: 'Date', resolve: (s) => s.from }),
    to: t.field({ type: 'Date', resolve: (s) => s.to }),
    new: t.int({ description: 'Enrolled in the period.', resolve: (s) => s.new }),
    active: t.int({ description: 'Enrolled at some time in the period.', resolve: (s) => s.active }),
    exited: t.int({ resolve: (s) => s.exited }),
    newByKon: t.field({ type: [Count], resolve: (s) => countsBy(s, 'NEW_KON') }),
    newByHemkommun: t.field({
      type: [Count],
      description: 'Consented participations only.',
      resolve: (s) => countsBy(s, 'NEW_HEMKOMMUN'),
    }),
    activeByHemkommun: t.field({
      type: [Count],
      description: 'Consented participations only.',
      resolve: (s) => countsBy(s, 'ACTIVE_HEMKOMMUN'),
    }),
    newByReferrer: t.field({ type: [Count], resolve: (s) => countsBy(s, 'NEW_REFERRER') }),
    newByReferringMember: t.field({
      type: [Count],
      description: 'Member ids; referrals that named their member.',
      resolve: (s) => countsBy(s, 'NEW_REFERRING_MEMBER'),
    }),
    newByAgeBand: t.field({
      type: [Count],
      description: 'Age at referral, consented participations: 16-19, 20-24, 25-29, 30-39, 40-49, 50-67.',
      resolve: (s) => countsBy(s, 'NEW_AGE_BAND'),
    }),
    newByEducation: t.field({ type: [Count], resolve: (s) => countsBy(s, 'NEW_EDUCATION') }),
    newBySupportBefore: t.field({ type: [Count], resolve: (s) => countsBy(s, 'NEW_SUPPORT_BEFORE') }),
    exitsByOutcome: t.field({ type: [Count], resolve: (s) => countsBy(s, 'EXIT_OUTCOME') }),
    exitsBySupportAfter: t.field({ type: [Count], resolve: (s) => countsBy(s, 'EXIT_SUPPORT_AFTER') }),
    averageAgeAtEntry: t.float({
      nullable: true,
      description: 'Of new participants with consent.',
      resolve: (s) => s.average_age,
    }),
    averageDaysInIntervention: t.float({
      nullable: true,
      description: 'Of those who exited in the period.',
      resolve: (s) => s.average_days,
    }),
    stepTowardsWorkShare: t.float({
      nullable: true,
      description: 'Share of exits with an outcome towards work or studies.',
      resolve: (s) => share(s.step_forward, s.exited),
    }),
    after6Months: t.field({
      type: [Count],
      description: 'Levels 6 months after exit.',
      resolve: (s) => countsBy(s, 'AFTER_6'),
    }),
    after18Months: t.field({
      type: [Count],
      description: 'Levels 18 months after exit.',
      resolve: (s) => countsBy(s, 'AFTER_18'),
    }),
  }),
});

builder.objectField(InterventionRef, 'participantStatistics', (t) =>
  t.field({
    type: StatisticsRef,
    description: 'Participant figures for a period (board, förbund administrators, the insats’ staff).',
    authScopes: { tenantReader: true },
    args: { from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
    resolve: (i, { from, to }, ctx) => statistics(ctx).load({ interventionId: i.id, ...dateRange(from, to) }),
  }),
);
