/**
 * Who the participants of a förbund's period are (../domain/profile.ts): persons beside
 * participations, averages per kön, the exit group's support source before and after. Counted in
 * one statement for every förbund and period of a request, per insats and for the förbund (grouping
 * sets); persons are counted by their keyed personnummer hash, which never leaves PostgreSQL. Kept
 * per förbund under the ledger version counted with them (ledger-version.ts), as the published years
 * are: a write that changes what a profile counts bumps the version (migration `ProfileVersion`).
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
import { KeptByVersion, tenantKey, versionsOf } from './ledger-version.js';
import { KonEnum, SupportSourceEnum } from './Participation.js';

/**
 * The profiles of `tenants` for a period, each förbund's ledger version read in the same statement (one
 * snapshot); a förbund with a version and nobody in the period gets one row with only its version.
 */
function profileQuery(ctx: SubgraphContext, tenants: string[], from: string, to: string) {
  const { bind, build, tenant } = tenantSql(ctx.em);
  const [f, t] = [`${bind(from)}::date`, `${bind(to)}::date`];
  const asked = `${bind(pgArray(tenants))}::uuid[]`;
  return build(`
with p as (
  select pa."tenant_id", pa."intervention_id", pa."kon", pa."age_at_referral", pa."years_in_support",
    pa."support_before", pa."support_after", coalesce(pe."person_number_hash", pa."id"::text) as who,
    pa."exited_on" is not null and pa."exited_on" between ${f} and ${t} as is_exit
  from "participation" pa left join "person" pe on pe."id" = pa."person_id"
  where ${tenant('pa')} and pa."tenant_id" = any(${asked})
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
),
v as (
  select v."tenant_id", v."version"::text as version from "participation_ledger_version" v
  where ${tenant('v')} and v."tenant_id" = any(${asked})
)
select coalesce(n."tenant_id", v."tenant_id") as tenant_id, n."intervention_id", n.participations, n.persons,
  n.exited, coalesce(k.by_kon, '[]') as by_kon, coalesce(s.support, '[]') as support, v.version
from n
  full join v on v."tenant_id" = n."tenant_id" and n."intervention_id" is null
  left join k on k."tenant_id" = n."tenant_id" and k."intervention_id" is not distinct from n."intervention_id"
  left join s on s."tenant_id" = n."tenant_id" and s."intervention_id" is not distinct from n."intervention_id"`);
}

type ProfileKey = ForbundYearKey & { period: ReportPeriod };
/** A row as read: the förbund's version beside it; a row with only a version (participations null) says "nobody". */
type VersionedProfileRow = Omit<ProfileRow, 'participations'> & {
  participations: number | null;
  version: string | null;
};

/** Each förbund's profile rows by period (`year:period`), under the ledger version they were counted at. */
const PROFILES = new KeptByVersion<Map<string, ProfileRow[]>>(500);

/**
 * Each förbund's rows (the förbund's, intervention_id null, and one per insats) for a period: kept ones
 * when the version this request read matches, the others counted (one statement per period asked).
 */
export const profileRows = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<ProfileKey, ProfileRow[], string>(
      async (keys) => {
        const periodOf = (k: ProfileKey) => `${k.year}:${k.period}`;
        const idOf = (k: ProfileKey) => `${tenantKey(k.forbundId)}:${periodOf(k)}`;
        const versions = await versionsOf(ctx, [...new Set(keys.map((k) => tenantKey(k.forbundId)))]);
        const found = new Map<string, ProfileRow[]>();
        const missing: ProfileKey[] = [];
        for (const k of keys) {
          const version = versions.get(tenantKey(k.forbundId));
          const kept = PROFILES.at(tenantKey(k.forbundId), version)?.get(periodOf(k));
          if (version === undefined) {
            // No ledger the caller can read (ForbundYear.ts), so no enrolled participation either.
            found.set(idOf(k), []);
          } else if (kept) {
            found.set(idOf(k), kept);
          } else {
            missing.push(k);
          }
        }
        await Promise.all(
          [...new Set(missing.map(periodOf))].map(async (period) => {
            const asked = missing.filter((k) => periodOf(k) === period);
            const tenants = [...new Set(asked.map((k) => tenantKey(k.forbundId)))];
            const { from, to } = periodBounds(asked[0]!.year, asked[0]!.period);
            const { sql, params } = profileQuery(ctx, tenants, from, to);
            const counted = new Map(
              tenants.map((t) => [t, { version: undefined as string | undefined, rows: [] as ProfileRow[] }]),
            );
            for (const { version, ...row } of await ctx.em.execute<VersionedProfileRow[]>(sql, params)) {
              const of = counted.get(row.tenant_id)!;
              of.version ??= version ?? undefined;
              if (row.participations !== null) {
                of.rows.push(row as ProfileRow);
              }
            }
            for (const [t, { version, rows }] of counted) {
              found.set(`${t}:${period}`, rows);
              // Without a version read with them (a förbund without a ledger), nothing is kept.
              if (version !== undefined) {
                const kept = PROFILES.peek(t);
                const periods = kept?.version === version ? kept.value : new Map<string, ProfileRow[]>();
                PROFILES.keep(t, version, periods.set(period, rows));
              }
            }
          }),
        );
        return keys.map((k) => found.get(idOf(k))!);
      },
      { cacheKeyFn: (k) => `${tenantKey(k.forbundId)}:${k.year}:${k.period}` },
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
