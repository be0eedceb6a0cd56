/**
 * Participants' part of a förbund's year (Årsrapport, halvårsrapport): new and total per hemkommun
 * beside the year before, and per insats new by referrer and kön, exits by outcome, average age at
 * entry and the share with a step forward. Read from the half-year ledger PostgreSQL keeps up to date
 * (one statement for every förbund a request asks about), never by loading rows; published under the
 * disclosure policy, a year, its half-years and the year before protected together
 * (../domain/year-figures.ts). The förbund's administrators and board read it here, the county through
 * `countyReport`, Uppföljning Finsam through the export: the same cells, suppressed the same way.
 */

import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { todayInSweden } from '@finsam/kit/dates.js';
import { type ForbundYearKey, forbundYearEntity, periodBounds, type ReportPeriod } from '@finsam/kit/forbund-year.js';
import { ANONYMOUS, type Identity } from '@finsam/kit/identity.js';
import { scopeToIdentity, tenantSql } from '@finsam/kit/tenant.js';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { DISCLOSURE_THRESHOLD } from '../domain/disclosure.js';
import { disclosedProfile } from '../domain/profile.js';
import {
  type DisclosedYear,
  type HemkommunYear,
  type InterventionYear,
  keptYears,
  type LedgerRow,
  type PublishedYears,
  publishYears,
} from '../domain/year-figures.js';
import { builder } from './builder.js';
import { Count, DisclosedAverage, DisclosedCount } from './Disclosed.js';
import { InterventionRef } from './Intervention.js';
import { KeptByVersion, readLedgerVersions, tenantKey, versionsOf } from './ledger-version.js';
import { ProfileRef, profileRow } from './Profile.js';

/** Where a published year came from: its profile (Profile.ts) is counted for the same key. */
type At = { at: ForbundYearKey & { period: ReportPeriod } };

/** Who the warm-up reads as: a cross-tenant reader (reads only, of figures that name no one). */
const WARM_UP_READER: Identity = { ...ANONYMOUS, userId: 'participants-warm-up', roles: ['platform_admin'] };

type VersionedRow = LedgerRow & { tenant_id: string; version: string };

/**
 * Every half-year of the förbund asked, up to the end of the latest year asked, each row with its
 * förbund's ledger version read in the same statement (one snapshot: the rows are the version's).
 * The policy protects each year beside the one before, from the first half-year with participants.
 * The förbund are visibility-checked already; the tenant condition holds besides.
 */
async function ledgerRows(em: EntityManager, tenants: string[], lastYear: number) {
  const { bind, build, tenant } = tenantSql(em);
  const { sql, params } = build(`
select l."tenant_id", l."intervention_id", extract(year from l."half_year")::int as year,
  case when extract(month from l."half_year") <= 6 then 1 else 2 end as half, l."dim", l."key",
  l."new"::int as new, l."exited"::int as exited, l."age_n"::int as age_n, l."age_sum"::float8 as age_sum,
  l."step_forward"::int as step_forward, v."version"::text as version
from "participation_half_year" l
  join "participation_ledger_version" v on v."tenant_id" = l."tenant_id" and ${tenant('v')}
where ${tenant('l')} and l."tenant_id" = any(${bind(pgArray(tenants))}::uuid[])
  and l."half_year" <= ${bind(periodBounds(lastYear).to)}::date
  and (l."new" <> 0 or l."exited" <> 0)
order by 1, 2, 3, 4, 5, 6`);
  return em.execute<VersionedRow[]>(sql, params);
}

/**
 * What each förbund published, by year, under the ledger version it was computed from (ledger-version.ts).
 * A request answers from here when the version it read matches; otherwise it reads the förbund's ledger
 * with its version and protects the years again — only from the first year whose ledger changed (`digest`:
 * that year's rows and every earlier year's), since a year is protected beside the one before as that one
 * was published. Memory: O(förbund × years × published cells).
 */
const PUBLISHED = new KeptByVersion<PublishedYears>(500);
/** Förbund whose ledger is read in one statement when they are not kept: bounds the rows held at once. */
const LEDGER_CHUNK = 8;

/**
 * The published years of each förbund, at least the years asked (`asked`, by förbund), given the versions
 * the caller read: kept ones as they are, the others published from their ledger (one statement per
 * `LEDGER_CHUNK` förbund) and kept.
 */
async function publishedYears(
  em: EntityManager,
  asked: Map<string, number[]>,
  versions: Map<string, string | undefined>,
): Promise<Map<string, PublishedYears>> {
  const found = new Map<string, PublishedYears>();
  const missing: string[] = [];
  for (const [t, years] of asked) {
    const kept = PUBLISHED.at(t, versions.get(t));
    const reused = kept && keptYears(kept, years, DISCLOSURE_THRESHOLD);
    if (versions.get(t) === undefined) {
      // No version the caller can read: no ledger row it could read either (a ledger row comes with its
      // förbund's version, under the same row-level security), so nothing to read and nothing to keep.
      found.set(t, publishYears([], { from: Math.min(...years), last: Math.max(...years) }, DISCLOSURE_THRESHOLD));
    } else if (reused) {
      found.set(t, reused);
    } else {
      missing.push(t);
    }
  }
  for (let i = 0; i < missing.length; i += LEDGER_CHUNK) {
    const chunk = missing.slice(i, i + LEDGER_CHUNK);
    const rows = await ledgerRows(em, chunk, Math.max(...chunk.flatMap((t) => asked.get(t)!)));
    const byTenant = new Map<string, VersionedRow[]>(chunk.map((t) => [t, []]));
    for (const r of rows) {
      byTenant.get(r.tenant_id)!.push(r);
    }
    for (const [t, ledger] of byTenant) {
      const version = ledger[0]?.version;
      const entry = PUBLISHED.peek(t);
      const years = publishYears(
        ledger.map(({ tenant_id: _, version: __, ...r }) => r),
        { from: Math.min(...asked.get(t)!), last: Math.max(...asked.get(t)!) },
        DISCLOSURE_THRESHOLD,
        entry?.value,
      );
      found.set(t, years);
      // Without rows there is no version read with them, and nothing worth keeping.
      if (version !== undefined) {
        const kept = entry?.version === version ? entry.value : [];
        PUBLISHED.keep(t, version, new Map([...kept, ...years]));
      }
    }
  }
  return found;
}

/** A förbund's published figures for each (förbund, year, period) of a request: one statement when kept. */
export const participantYears = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<ForbundYearKey & { period?: ReportPeriod }, DisclosedYear, string>(
      async (keys) => {
        const tenants = [...new Set(keys.map((k) => tenantKey(k.forbundId)))];
        const asked = new Map(
          tenants.map((t) => [t, keys.filter((k) => tenantKey(k.forbundId) === t).map((k) => k.year)]),
        );
        const found = await publishedYears(ctx.em, asked, await versionsOf(ctx, tenants));
        return keys.map((k) => found.get(tenantKey(k.forbundId))!.get(k.year)!.periods[k.period ?? 'YEAR']);
      },
      { cacheKeyFn: (k) => `${tenantKey(k.forbundId)}:${k.year}:${k.period ?? 'YEAR'}` },
    ),
);

/** Förbund published at once by the warm-up: the event loop answers requests in between. */
const WARM_UP_CONCURRENCY = 2;

/**
 * After a start, every förbund's years up to the current one published in the background (at most as
 * many förbund as are kept), so the first county report does not publish hundreds of years at once.
 * A cross-tenant reader: the versions and ledgers of every förbund. Kept years are skipped; what fails
 * stops the warm-up (the server logs it) and is published by the first request that asks, as before.
 */
export async function warmPublishedYears(orm: MikroORM): Promise<void> {
  const em = scopeToIdentity(orm.em as EntityManager, WARM_UP_READER);
  const versions = [...(await readLedgerVersions(em, 'every'))].slice(0, PUBLISHED.bound);
  const year = Number(todayInSweden().slice(0, 4));
  let next = 0;
  const worker = async () => {
    while (next < versions.length) {
      const [t, version] = versions[next++]!;
      await publishedYears(em, new Map([[t, [year]]]), new Map([[t, version]]));
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: WARM_UP_CONCURRENCY }, worker));
}

const HemkommunFigures = builder.objectRef<HemkommunYear>('HemkommunYearFigures').implement({
  description:
    'Deltagare per hemkommun: nya and totalt in the year and the year before (consented participations only).',
  fields: (t) => ({
    scbCode: t.exposeString('scbCode', { description: 'SCB kommunkod.' }),
    new: t.field({ type: DisclosedCount, description: 'Nya: enrolled in the year.', resolve: (h) => h.new }),
    total: t.field({
      type: DisclosedCount,
      description: 'Totalt: enrolled at some time in the year.',
      resolve: (h) => h.total,
    }),
    newPreviousYear: t.field({
      type: DisclosedCount,
      description: 'Nya in the same months of the year before.',
      resolve: (h) => h.newPrevious,
    }),
    totalPreviousYear: t.field({
      type: DisclosedCount,
      description: 'Totalt in the same months of the year before.',
      resolve: (h) => h.totalPrevious,
    }),
  }),
});

export const InterventionYearFigures = builder
  .objectRef<InterventionYear & At>('InterventionParticipantYear')
  .implement({
    description:
      'One insats’ participant figures for the year. A participation with several outcomes counts once in each ' +
      'outcome.',
    fields: (t) => ({
      intervention: t.field({
        type: InterventionRef,
        description: 'The insats.',
        resolve: (r) => ({ id: r.interventionId }),
      }),
      new: t.field({ type: DisclosedCount, description: 'Nya deltagare.', resolve: (r) => r.new }),
      total: t.field({
        type: DisclosedCount,
        description: 'Deltagare totalt (enrolled at some time in the year).',
        resolve: (r) => r.total,
      }),
      exited: t.field({ type: DisclosedCount, description: 'Avslutade.', resolve: (r) => r.exited }),
      newByReferrer: t.field({ type: [Count], description: 'Nya per remittent.', resolve: (r) => r.newByReferrer }),
      newByKon: t.field({ type: [Count], description: 'Nya per kön.', resolve: (r) => r.newByKon }),
      totalByKon: t.field({
        type: [Count],
        description: 'Deltagare totalt per kön (Uppföljning Finsam).',
        resolve: (r) => r.totalByKon,
      }),
      exitsByOutcome: t.field({ type: [Count], description: 'Avslut per utfall.', resolve: (r) => r.exitsByOutcome }),
      averageAgeAtEntry: t.field({
        type: DisclosedAverage,
        description: 'Medelålder of new participants with consent (one decimal).',
        resolve: (r) => r.averageAgeAtEntry,
      }),
      stepForwardShare: t.field({
        type: DisclosedAverage,
        description:
          'Stegförflyttning: share of exits with a step towards work (work with or without subsidy, studies, ' +
          'actively seeking work, continued active rehabilitation); an exit counts once. Three decimals.',
        resolve: (r) => r.stepForwardShare,
      }),
      profile: t.field({
        type: ProfileRef,
        description: 'Persons and participations, averages per kön, support source before and after.',
        resolve: async (r, _a, ctx) =>
          disclosedProfile(await profileRow(ctx, r.at, r.interventionId), DISCLOSURE_THRESHOLD, {
            participations: r.total,
            exited: r.exited,
          }),
      }),
    }),
  });

const ParticipantYearRef = builder.objectRef<DisclosedYear & At>('ParticipantYear').implement({
  description: 'Deltagare in a förbund’s year (Årsrapport); no person in it, and no figure that could reveal one.',
  fields: (t) => ({
    hemkommuner: t.field({
      type: [HemkommunFigures],
      description:
        'Per hemkommun, with the year before: kommuner with someone enrolled from the start of the comparison ' +
        'period to the end of this one. Consented participations only.',
      resolve: (y) => y.hemkommuner,
    }),
    interventions: t.field({
      type: [InterventionYearFigures],
      description: 'Per insats; insatser with someone enrolled at some time in the period.',
      resolve: (y) => y.interventions.map((i) => ({ ...i, at: y.at })),
    }),
    new: t.field({
      type: DisclosedCount,
      description: 'Nya deltagare: enrolled in the period, all insatser.',
      resolve: (y) => y.new,
    }),
    total: t.field({
      type: DisclosedCount,
      description: 'Deltagare totalt: enrolled at some time in the period, all insatser.',
      resolve: (y) => y.total,
    }),
    averageAgeAtEntry: t.field({
      type: DisclosedAverage,
      description: 'Medelålder of all new participants with consent (one decimal, the one rounding rule).',
      resolve: (y) => y.averageAgeAtEntry,
    }),
    exited: t.field({ type: DisclosedCount, description: 'Avslutade, all insatser.', resolve: (y) => y.exited }),
    newByKon: t.field({ type: [Count], description: 'Nya per kön, all insatser.', resolve: (y) => y.newByKon }),
    totalByKon: t.field({
      type: [Count],
      description: 'Deltagare totalt per kön, all insatser.',
      resolve: (y) => y.totalByKon,
    }),
    exitsByOutcome: t.field({
      type: [Count],
      description: 'Avslut per utfall, all insatser; an exit with several outcomes counts under each.',
      resolve: (y) => y.exitsByOutcome,
    }),
    stepForward: t.field({
      type: DisclosedCount,
      description: 'Exits with a stegförflyttning (each exit once), all insatser.',
      resolve: (y) => y.stepForward,
    }),
    stepForwardShare: t.field({
      type: DisclosedAverage,
      description: 'Stegförflyttning: `stepForward` of all exits, all insatser (three decimals).',
      resolve: (y) => y.stepForwardShare,
    }),
    profile: t.field({
      type: ProfileRef,
      description: 'Persons and participations, averages per kön, support source before and after; all insatser.',
      resolve: async (y, _a, ctx) =>
        disclosedProfile(await profileRow(ctx, y.at, null), DISCLOSURE_THRESHOLD, {
          participations: y.total,
          exited: y.exited,
        }),
    }),
  }),
});

export const { ForbundYearRef, Period } = forbundYearEntity(builder);

builder.objectFields(ForbundYearRef, (t) => ({
  participants: t.field({
    type: ParticipantYearRef,
    description:
      'Deltagare: the förbund’s own administrators and board (the county reads `countyReport`), under the ' +
      'disclosure policy. HALF_YEAR compares with January–June of the year before.',
    authScopes: { reportReader: true },
    args: {
      period: t.arg({
        type: Period,
        defaultValue: 'YEAR',
        required: true,
        description: 'The whole year (Årsrapport) or January–June.',
      }),
    },
    resolve: async (k, { period }, ctx) => ({
      ...(await participantYears(ctx).load({ ...k, period })),
      at: { ...k, period },
    }),
  }),
}));
