/**
 * Who the participants of a förbund's period are (../domain/profile.ts): persons beside
 * participations, averages per kön, the exit group's support source before and after. One
 * statement for every förbund and period of a request, per insats and for the förbund (grouping
 * sets); persons are counted by their keyed personnummer hash, which never leaves PostgreSQL.
 */

import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { type ForbundYearKey, periodBounds, type ReportPeriod } from '@finsam/kit/forbund-year.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import {
  EMPTY_PROFILE_ROW,
  type KonAverages,
  type Profile,
  type ProfileRow,
  type SupportChange,
} from '../domain/profile.js';
import { builder } from './builder.js';
import { DisclosedAverage, DisclosedCount } from './Disclosed.js';
import { KonEnum, SupportSourceEnum } from './Participation.js';

function profileQuery(ctx: SubgraphContext, tenants: string[], from: string, to: string) {
  const { bind, build, tenant } = tenantSql(ctx.em);
  const [f, t] = [`${bind(from)}::date`, `${bind(to)}::date`];
  return build(`
with p as (
  select pa."tenant_id", pa."intervention_id", pa."kon", pa."age_at_referral", pa."years_in_support",
    pa."support_before", pa."support_after", coalesce(pe."person_number_hash", pa."id"::text) as who,
    pa."exited_on" is not null and pa."exited_on" between ${f} and ${t} as is_exit
  from "participation" pa left join "person" pe on pe."id" = pa."person_id"
  where ${tenant('pa')} and pa."tenant_id" = any(${bind(pgArray(tenants))}::uuid[])
    and pa."enrolled_on" is not null and pa."enrolled_on" <= ${t} and (pa."exited_on" is null or pa."exited_on" >= ${f})
),
n as (
  select "tenant_id", "intervention_id", count(*)::int as participations, count(distinct who)::int as persons,
    count(*) filter (where is_exit)::int as exited
  from p group by grouping sets (("tenant_id", "intervention_id"), ("tenant_id"))
),
k as (
  select "tenant_id", "intervention_id", jsonb_agg(jsonb_build_object('kon', "kon", 'n', c, 'age_n', age_n,
    'age_sum', age_sum, 'years_n', years_n, 'years_sum', years_sum) order by "kon") as by_kon
  from (
    select "tenant_id", "intervention_id", "kon", count(*)::int as c, count("age_at_referral")::int as age_n,
      coalesce(sum("age_at_referral"), 0)::int as age_sum, count("years_in_support")::int as years_n,
      coalesce(sum("years_in_support"), 0)::int as years_sum
    from p group by grouping sets (("tenant_id", "intervention_id", "kon"), ("tenant_id", "kon"))
  ) x group by 1, 2
),
s as (
  select "tenant_id", "intervention_id",
    jsonb_agg(jsonb_build_object('source', src, 'before', b, 'after', a) order by src) as support
  from (
    select "tenant_id", "intervention_id", src, sum(b)::int as b, sum(a)::int as a from (
      select "tenant_id", "intervention_id", unnest("support_before") as src, 1 as b, 0 as a from p where is_exit
      union all select "tenant_id", "intervention_id", unnest("support_after"), 0, 1 from p where is_exit
    ) u group by grouping sets (("tenant_id", "intervention_id", src), ("tenant_id", src))
  ) x group by 1, 2
)
select n."tenant_id", n."intervention_id", n.participations, n.persons, n.exited,
  coalesce(k.by_kon, '[]') as by_kon, coalesce(s.support, '[]') as support
from n
  left join k on k."tenant_id" = n."tenant_id" and k."intervention_id" is not distinct from n."intervention_id"
  left join s on s."tenant_id" = n."tenant_id" and s."intervention_id" is not distinct from n."intervention_id"`);
}

type ProfileKey = ForbundYearKey & { period: ReportPeriod };

/** Each förbund's rows (the förbund's, intervention_id null, and one per insats) for a period. */
export const profileRows = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<ProfileKey, ProfileRow[], string>(
      async (keys) => {
        const periodOf = (k: ProfileKey) => `${k.year}:${k.period}`;
        const tenantOf = (k: ProfileKey) => k.forbundId.toLowerCase();
        const found = new Map<string, ProfileRow[]>();
        await Promise.all(
          [...new Set(keys.map(periodOf))].map(async (period) => {
            const asked = keys.filter((k) => periodOf(k) === period);
            const { from, to } = periodBounds(asked[0]!.year, asked[0]!.period);
            const { sql, params } = profileQuery(ctx, [...new Set(asked.map(tenantOf))], from, to);
            for (const row of await ctx.em.execute<ProfileRow[]>(sql, params)) {
              const id = `${row.tenant_id}:${period}`;
              found.set(id, [...(found.get(id) ?? []), row]);
            }
          }),
        );
        return keys.map((k) => found.get(`${tenantOf(k)}:${periodOf(k)}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.forbundId.toLowerCase()}:${k.year}:${k.period}` },
    ),
);

/** The förbund's row (or one insats'), zero when nobody took part in the period. */
export async function profileRow(ctx: SubgraphContext, key: ProfileKey, interventionId: string | null) {
  const rows = await profileRows(ctx).load(key);
  return rows.find((r) => r.intervention_id === interventionId) ?? EMPTY_PROFILE_ROW(key.forbundId, interventionId);
}

const KonAveragesRef = builder.objectRef<KonAverages>('ParticipantAveragesByKon').implement({
  description: 'Averages of one kön’s participations in the period (one decimal; suppressed below the minimum n).',
  fields: (t) => ({
    kon: t.field({ type: KonEnum, description: 'Kön.', resolve: (k) => k.kon as never }),
    averageAge: t.field({
      type: DisclosedAverage,
      description: 'Medelålder at referral, of the participations with an age (consent).',
      resolve: (k) => k.averageAge,
    }),
    averageYearsInSupport: t.field({
      type: DisclosedAverage,
      description: 'Genomsnittligt antal år i offentlig försörjning before entry, as recorded at enrolment.',
      resolve: (k) => k.averageYearsInSupport,
    }),
  }),
});

const SupportChangeRef = builder.objectRef<SupportChange>('SupportSourceBeforeAfter').implement({
  description:
    'One support source (försörjning) of the exit group: how many of the period’s exits had it at enrolment and ' +
    'at exit. A participation is counted under each source it had.',
  fields: (t) => ({
    source: t.field({ type: SupportSourceEnum, description: 'The support source.', resolve: (s) => s.source as never }),
    before: t.field({
      type: DisclosedCount,
      description: 'Exits that had the source at enrolment (försörjning före).',
      resolve: (s) => s.before,
    }),
    after: t.field({
      type: DisclosedCount,
      description: 'Exits that had the source at exit (försörjning efter).',
      resolve: (s) => s.after,
    }),
  }),
});

export const ProfileRef = builder.objectRef<Profile>('ParticipantProfile').implement({
  description:
    'Who took part in the period, as the Årsrapport describes them: persons and participations, averages per ' +
    'kön, support source before and after for the exit group. Averages to one decimal (the one rounding rule, ' +
    'participants README); under the disclosure policy.',
  fields: (t) => ({
    participations: t.field({
      type: DisclosedCount,
      description: 'Participations (deltagaranden) enrolled at some time in the period: one person twice counts 2.',
      resolve: (p) => p.participations,
    }),
    persons: t.field({
      type: DisclosedCount,
      description:
        'Persons (personer) behind those participations: one person twice counts 1 (a participation without ' +
        'consent counts as one person). Suppressed when it would tell how many came back, 1 to the minimum n − 1.',
      resolve: (p) => p.persons,
    }),
    averageAge: t.field({
      type: DisclosedAverage,
      description: 'Medelålder at referral of all the participations with an age (one decimal).',
      resolve: (p) => p.averageAge,
    }),
    averageYearsInSupport: t.field({
      type: DisclosedAverage,
      description: 'Average years in public support before entry, all the participations (one decimal).',
      resolve: (p) => p.averageYearsInSupport,
    }),
    byKon: t.field({
      type: [KonAveragesRef],
      description: 'Averages per kön; a kön is listed when someone of it took part.',
      resolve: (p) => p.byKon,
    }),
    exited: t.field({
      type: DisclosedCount,
      description: 'The exit group: participations ended in the period (avslutade).',
      resolve: (p) => p.exited,
    }),
    supportBeforeAfter: t.field({
      type: [SupportChangeRef],
      description: 'The exit group’s support sources at enrolment and at exit; sources someone had, by name.',
      resolve: (p) => p.supportBeforeAfter,
    }),
  }),
});
