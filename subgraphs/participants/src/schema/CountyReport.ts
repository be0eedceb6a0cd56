/**
 * The county's view (county_analyst, platform_admin): participant figures per förbund side by
 * side with county totals, under disclosure control (tables and suppression in ../domain/county.ts).
 * Reads the same set-based figures as a förbund's own year (ForbundYear.ts).
 */

import type { SubgraphTypes } from '@finsam/kit/builder.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { forbidden } from '@finsam/kit/errors.js';
import { REPORT_YEARS, type ReportPeriod, reportYear, seesForbund } from '@finsam/kit/forbund-year.js';
import type { ObjectRef } from '@pothos/core';
import { type Breakdowns, type County, type CountyRow, countyTables, type Figures } from '../domain/county.js';
import { DISCLOSURE_THRESHOLD } from '../domain/disclosure.js';
import { disclosedProfile, sumProfileRows } from '../domain/profile.js';
import { builder } from './builder.js';
import { Count, DisclosedAverage, DisclosedCount } from './Disclosed.js';
import { ForbundYearRef, Period, participantYears } from './ForbundYear.js';
import { ProfileRef, profileRow } from './Profile.js';

/** The county's answer with the period asked, so each row's profile is counted for the same period. */
type Asked = County & { period: ReportPeriod };

async function countyReport(
  ctx: SubgraphContext,
  forbundIds: string[],
  year: number,
  period: ReportPeriod,
): Promise<Asked> {
  const ids = [...new Set(forbundIds)].sort();
  const years = await Promise.all(
    ids.map(async (forbundId) => ({ forbundId, y: await participantYears(ctx).load({ forbundId, year, period }) })),
  );
  return { ...countyTables(years, year, DISCLOSURE_THRESHOLD), period };
}

const KommunCell = builder.objectRef<CountyRow['newByHemkommun'][number]>('CountyHemkommunCell').implement({
  description: 'New participants of one förbund from one hemkommun.',
  fields: (t) => ({
    scbCode: t.exposeString('scbCode', { description: 'SCB kommunkod, or OKAND for participants without consent.' }),
    new: t.field({ type: DisclosedCount, description: 'Nya deltagare from the kommun.', resolve: (c) => c.new }),
  }),
});
const Row = builder.objectRef<CountyRow & { period: ReportPeriod }>('CountyForbundRow').implement({
  description: 'One förbund in the county view.',
  fields: (t) => ({
    year: t.field({
      type: ForbundYearRef,
      description: 'The förbund’s year: money and staffing (no person) from their subgraphs.',
      resolve: (r) => r.key,
    }),
    averageAgeAtEntry: t.field({
      type: DisclosedAverage,
      description: 'Medelålder of new participants with consent.',
      resolve: (r) => r.averageAgeAtEntry,
    }),
    newByHemkommun: t.field({
      type: [KommunCell],
      description: 'Nya deltagare per hemkommun, participants without consent under OKAND.',
      resolve: (r) => r.newByHemkommun,
    }),
    profile: t.field({
      type: ProfileRef,
      description: 'Persons and participations, averages per kön, support source before and after.',
      resolve: async (r, _a, ctx) =>
        disclosedProfile(await profileRow(ctx, { ...r.key, period: r.period }, null), DISCLOSURE_THRESHOLD, {
          participations: r.figures.total,
          exited: r.figures.exited,
        }),
    }),
  }),
});
const Totals = builder
  .objectRef<County['totals'] & { rows: CountyRow[]; period: ReportPeriod }>('CountyTotals')
  .implement({
    description: 'The county: all chosen förbund together (sums of what each förbund publishes).',
    fields: (t) => ({
      profile: t.field({
        type: ProfileRef,
        description:
          'Persons and participations, averages per kön and support source before and after, all the förbund ' +
          'together (a person in two förbund is two persons: their identities are not comparable).',
        resolve: async (c, _a, ctx) => {
          const rows = await Promise.all(c.rows.map((r) => profileRow(ctx, { ...r.key, period: c.period }, null)));
          return disclosedProfile(sumProfileRows(rows), DISCLOSURE_THRESHOLD, {
            participations: c.figures.total,
            exited: c.figures.exited,
          });
        },
      }),
    }),
  });
/** The same measures and breakdowns on a förbund's row and on the totals. */
function measures<T extends { figures: Figures } & Breakdowns>(
  ref: ObjectRef<PothosSchemaTypes.ExtendDefaultTypes<SubgraphTypes>, T>,
) {
  builder.objectFields(ref, (t) => ({
    new: t.field({ type: DisclosedCount, description: 'Nya deltagare.', resolve: (p) => p.figures.new }),
    total: t.field({ type: DisclosedCount, description: 'Deltagare totalt.', resolve: (p) => p.figures.total }),
    exited: t.field({ type: DisclosedCount, description: 'Avslutade.', resolve: (p) => p.figures.exited }),
    newByKon: t.field({ type: [Count], description: 'Nya deltagare per kön.', resolve: (p) => p.newByKon }),
    totalByKon: t.field({ type: [Count], description: 'Deltagare totalt per kön.', resolve: (p) => p.totalByKon }),
    exitsByOutcome: t.field({
      type: [Count],
      description: 'Avslut per utfall; an exit with several outcomes counts under each.',
      resolve: (p) => p.exitsByOutcome,
    }),
    stepForward: t.field({
      type: DisclosedCount,
      description: 'Exits with a stegförflyttning (work, studies, seeking work, continued rehabilitation), once each.',
      resolve: (p) => p.stepForward,
    }),
    stepForwardShare: t.field({
      type: DisclosedAverage,
      description: 'Stegförflyttning: `stepForward` of all exits (three decimals).',
      resolve: (p) => p.stepForwardShare,
    }),
  }));
}
measures(Row);
measures(Totals);
const CountyReportRef = builder.objectRef<Asked>('CountyReport').implement({
  description:
    'Länets jämförelse: förbund side by side with totals; every figure derived from people is under ' +
    'disclosure control.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year reported.' }),
    threshold: t.exposeInt('threshold', { description: 'The minimum n: counts below it are suppressed.' }),
    forbund: t.field({
      type: [Row],
      description: 'One row per förbund asked, by id.',
      resolve: (c) => c.rows.map((r) => ({ ...r, period: c.period })),
    }),
    totals: t.field({
      type: Totals,
      description: 'All the förbund asked together.',
      resolve: (c) => ({ ...c.totals, rows: c.rows, period: c.period }),
    }),
  }),
});

builder.queryField('countyReport', (t) =>
  t.field({
    type: CountyReportRef,
    description:
      'Participant figures per förbund and for the county, suppressed where they could reveal a person ' +
      '(county analysts, platform administrators).',
    authScopes: { countyReader: true },
    args: {
      forbundIds: t.arg.idList({ required: true, description: 'The förbund to compare (each once).' }),
      year: t.arg.int({ required: true, description: `${REPORT_YEARS.first}–${REPORT_YEARS.last}.` }),
      period: t.arg({
        type: Period,
        defaultValue: 'YEAR',
        required: true,
        description: 'The whole year or January–June.',
      }),
    },
    resolve: (_r, { forbundIds, year, period }, ctx) => {
      const unseen = forbundIds.map(String).filter((id) => !seesForbund(ctx.identity, id));
      if (unseen.length) {
        // A county analyst asks for their county's förbund only; saying which is no secret.
        throw forbidden(`Not in your county: ${unseen.join(', ')}`);
      }
      return countyReport(ctx, forbundIds.map(String), reportYear(year), period);
    },
  }),
);
