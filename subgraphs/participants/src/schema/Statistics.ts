/**
 * Participant figures of an insats for a period — counted by PostgreSQL in one statement for every
 * insats and period a request asks for; no row is loaded to be counted, nothing identifying is read.
 */

import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { dateRange } from '@finsam/kit/dates.js';
import { isInsatsStaff } from '@finsam/kit/scopes.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { checkWindow, DISCLOSURE_THRESHOLD } from '../domain/disclosure.js';
import { STEP_FORWARD } from '../domain/figures.js';
import { type Dim, type DisclosedStatistics, disclosedStatistics, type StatsRow } from '../domain/statistics.js';
import { builder } from './builder.js';
import { Count, DisclosedAverage, DisclosedCount } from './Disclosed.js';
import { InterventionRef } from './Intervention.js';

const AGE_BAND = `case
  when "age_at_referral" between 16 and 19 then '16-19' when "age_at_referral" between 20 and 24 then '20-24'
  when "age_at_referral" between 25 and 29 then '25-29' when "age_at_referral" between 30 and 39 then '30-39'
  when "age_at_referral" between 40 and 49 then '40-49' when "age_at_referral" between 50 and 67 then '50-67' end`;

/** Each breakdown: what it counts by, of which participations in the period, and a list to unnest first. */
const BREAKDOWNS: [Dim, string, string, string?][] = [
  ['NEW_KON', '"kon"', 'is_new'],
  ['NEW_HEMKOMMUN', '"hemkommun"', 'is_new and "hemkommun" is not null'],
  ['ACTIVE_HEMKOMMUN', '"hemkommun"', '"hemkommun" is not null'],
  ['NEW_REFERRER', '"referrer_unit"', 'is_new'],
  ['NEW_REFERRING_MEMBER', '"referring_member_id"::text', 'is_new and "referring_member_id" is not null'],
  ['NEW_AGE_BAND', AGE_BAND, 'is_new and "age_at_referral" between 16 and 67'],
  ['NEW_EDUCATION', '"education_level"', 'is_new and "education_level" is not null'],
  ['NEW_SUPPORT_BEFORE', 'l', 'is_new', '"support_before"'],
  ['EXIT_OUTCOME', 'l', 'is_exit', '"outcomes"'],
  ['EXIT_SUPPORT_AFTER', 'l', 'is_exit', '"support_after"'],
  ['AFTER_6', '"level_6_months"', 'is_exit and "level_6_months" is not null'],
  ['AFTER_18', '"level_18_months"', 'is_exit and "level_18_months" is not null'],
];
const breakdown = ([dim, key, which, list]: (typeof BREAKDOWNS)[number]) =>
  `select "intervention_id", '${dim}' as dim, ${key} as key, count(*)::int as n
  from p${list ? ` cross join lateral unnest(p.${list}) l` : ''} where ${which} group by 1, 3`;

// "New": enrolled in the period; "active": enrolled at some time in it; "exited": left in it.
function statsQuery(ctx: SubgraphContext, ids: string[], from: string, to: string) {
  const { bind, build, tenant } = tenantSql(ctx.em);
  const [f, t] = [`${bind(from)}::date`, `${bind(to)}::date`];
  return build(`
with p as (
  select p.*, p."enrolled_on" between ${f} and ${t} as is_new,
    p."exited_on" is not null and p."exited_on" between ${f} and ${t} as is_exit
  from "participation" p
  where ${tenant('p')} and p."intervention_id" = any(${bind(pgArray(ids))}::uuid[])
    and p."enrolled_on" is not null and p."enrolled_on" <= ${t} and (p."exited_on" is null or p."exited_on" >= ${f})
),
dims as (${BREAKDOWNS.map(breakdown).join('\nunion all ')}),
counts as (
  select "intervention_id",
    count(*) filter (where is_new)::int as new,
    count(*)::int as active,
    count(*) filter (where is_exit)::int as exited,
    count("age_at_referral") filter (where is_new)::int as age_n,
    avg("age_at_referral") filter (where is_new)::float as average_age,
    avg("exited_on" - "enrolled_on") filter (where is_exit)::float as average_days,
    count(*) filter (where is_exit and "outcomes" && ${bind(pgArray(STEP_FORWARD))}::text[])::int as step_forward
  from p group by 1
),
bd as (
  select "intervention_id", jsonb_agg(jsonb_build_object('dim', dim, 'key', key, 'n', n) order by dim, key) as breakdown
  from dims group by 1
)
select c.*, coalesce(bd.breakdown, '[]') as breakdown
from counts c left join bd on bd."intervention_id" = c."intervention_id"`);
}

interface StatsKey {
  interventionId: string;
  from: string;
  to: string;
}
type Counted = StatsRow & { from: string; to: string };

const empty = (interventionId: string): StatsRow => ({
  intervention_id: interventionId,
  new: 0,
  active: 0,
  exited: 0,
  age_n: 0,
  average_age: null,
  average_days: null,
  step_forward: 0,
  breakdown: [],
});

/** Every (insats, period) of a request: one statement per period asked. */
const statistics = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<StatsKey, Counted, string>(
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

type Stats = DisclosedStatistics & { from: string; to: string };
const by = (dim: Dim) => (s: Stats) => s.by(dim);

const StatisticsRef = builder.objectRef<Stats>('ParticipantStatistics').implement({
  description:
    'Figures for a period; no person in them. A participation with several outcomes counts once in each outcome; ' +
    '`exited` counts participations. Under the disclosure policy, except for the staff of the insats.',
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'First day of the period.', resolve: (s) => s.from }),
    to: t.field({ type: 'Date', description: 'Last day of the period.', resolve: (s) => s.to }),
    new: t.field({ type: DisclosedCount, description: 'Enrolled in the period.', resolve: (s) => s.new }),
    active: t.field({
      type: DisclosedCount,
      description: 'Enrolled at some time in the period.',
      resolve: (s) => s.active,
    }),
    exited: t.field({
      type: DisclosedCount,
      description: 'Exited (avslutade) in the period.',
      resolve: (s) => s.exited,
    }),
    newByKon: t.field({ type: [Count], description: 'New per kön.', resolve: by('NEW_KON') }),
    newByHemkommun: t.field({
      type: [Count],
      description: 'Consented participations only.',
      resolve: by('NEW_HEMKOMMUN'),
    }),
    activeByHemkommun: t.field({
      type: [Count],
      description: 'Consented participations only.',
      resolve: by('ACTIVE_HEMKOMMUN'),
    }),
    newByReferrer: t.field({
      type: [Count],
      description: 'New per referrer unit (ReferrerUnit).',
      resolve: by('NEW_REFERRER'),
    }),
    newByReferringMember: t.field({
      type: [Count],
      description: 'Member ids; referrals that named their member.',
      resolve: by('NEW_REFERRING_MEMBER'),
    }),
    newByAgeBand: t.field({
      type: [Count],
      description: 'Age at referral, consented participations: 16-19, 20-24, 25-29, 30-39, 40-49, 50-67.',
      resolve: by('NEW_AGE_BAND'),
    }),
    newByEducation: t.field({
      type: [Count],
      description: 'New per education level at entry; consented participations with a background only.',
      resolve: by('NEW_EDUCATION'),
    }),
    newBySupportBefore: t.field({
      type: [Count],
      description: 'New per försörjning before entry (one count per source); consented participations only.',
      resolve: by('NEW_SUPPORT_BEFORE'),
    }),
    exitsByOutcome: t.field({
      type: [Count],
      description: 'Exits per outcome (avslutsorsak).',
      resolve: by('EXIT_OUTCOME'),
    }),
    exitsBySupportAfter: t.field({
      type: [Count],
      description: 'Exits per försörjning after exit (one count per source); consented participations only.',
      resolve: by('EXIT_SUPPORT_AFTER'),
    }),
    averageAgeAtEntry: t.field({
      type: DisclosedAverage,
      description: 'Of new participants with consent (one decimal, the one rounding rule).',
      resolve: (s) => s.averageAgeAtEntry,
    }),
    averageDaysInIntervention: t.field({
      type: DisclosedAverage,
      description: 'Of those who exited in the period (one decimal, the one rounding rule).',
      resolve: (s) => s.averageDaysInIntervention,
    }),
    stepTowardsWorkShare: t.field({
      type: DisclosedAverage,
      description: 'Stegförflyttning: share of exits with a step towards work (STEP_FORWARD), three decimals.',
      resolve: (s) => s.stepTowardsWorkShare,
    }),
    after6Months: t.field({ type: [Count], description: 'Levels 6 months after exit.', resolve: by('AFTER_6') }),
    after18Months: t.field({ type: [Count], description: 'Levels 18 months after exit.', resolve: by('AFTER_18') }),
  }),
});

builder.objectField(InterventionRef, 'participantStatistics', (t) =>
  t.field({
    type: StatisticsRef,
    description:
      'Participant figures for a period: the board and förbund administrators (a window of at least a month, ' +
      'under the disclosure policy), and the staff of this insats (any window, as they are).',
    // Whatever path led here (a decision, `_entities`): staff read only the insatser they work in.
    authScopes: (i) => ({ reportReader: true, insatsStaff: i.id }),
    args: {
      from: t.arg({ type: 'Date', required: true, description: 'First day of the period.' }),
      to: t.arg({
        type: 'Date',
        required: true,
        description:
          'Last day of the period; not before `from`, and at least a month after it unless you staff the insats.',
      }),
    },
    resolve: async (i, { from, to }, ctx) => {
      const window = dateRange(from, to);
      // Staff of the insats read its participants one by one anyway: nothing to protect from them.
      const exact = isInsatsStaff(ctx.identity, i.id);
      if (!exact) {
        checkWindow(window.from, window.to, 'to');
      }
      const row = await statistics(ctx).load({ interventionId: i.id, ...window });
      return { ...disclosedStatistics(row, DISCLOSURE_THRESHOLD, exact), from: row.from, to: row.to };
    },
  }),
);
