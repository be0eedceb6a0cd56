/**
 * Indicator results compared across förbund and years (county analysts, platform administrators), and a
 * national-style aggregate over every förbund (whoever sees them all). The rules are domain/comparison.ts's: only
 * full batches, units and cells that reach their round's minimum n, and a compared figure withheld below the
 * largest minimum n of its rounds — decided in SQL, so nothing withheld leaves the database. One statement per
 * question, whatever the number of förbund and years.
 */
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { forbidden } from '@finsam/kit/errors.js';
import { seesForbund } from '@finsam/kit/forbund-year.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { parseArgument } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { type IndicatorTrend, MOST_YEARS, withTrends, type YearFigures } from '../domain/comparison.js';
import type { RespondentGroup } from '../entities/Instrument.js';
import { builder } from './builder.js';
import { RespondentGroupEnum } from './Instrument.js';

interface Row {
  tenant_id: string | null;
  year: number;
  kind: 'ROUNDS' | 'RESPONDENTS' | 'INDICATOR';
  key: string;
  suppressed: boolean;
  n: number | null;
  mean: number | null;
  share_positive: number | null;
  forbund: number | null;
}

/**
 * The figures per (förbund, year), or per year over every förbund the caller reads (`national`). `tenant(alias)`
 * is the tenant filter's condition (a county analyst reads their county's förbund only).
 */
const comparisonSql = (
  p: { group: string; years: string; ids: string | null; national: boolean },
  tenant: (alias: string) => string,
) => {
  const who = p.national ? 'null::uuid' : '"tenant_id"';
  return `
with rounds as (
  select r."id", r."tenant_id", r."instrument_id", r."minimum_n", extract(year from r."period_to")::int as year
  from "survey_round" r join "instrument" i on i."id" = r."instrument_id"
  where ${tenant('r')} and i."respondent_group" = ${p.group}
    and extract(year from r."period_to")::int = any(${p.years}::int[])
    ${p.ids ? `and r."tenant_id" = any(${p.ids}::uuid[])` : ''}
),
full_batches as (
  select a."round_id", a."intervention_id", a."batch"
  from "answer" a join rounds r on r."id" = a."round_id"
  where ${tenant('a')}
  group by 1, 2, 3, r."minimum_n"
  having count(*) >= r."minimum_n"
),
published as (
  select a."id", a."round_id", a."intervention_id", a."values"
  from "answer" a join full_batches b using ("round_id", "intervention_id", "batch")
  where ${tenant('a')}
),
units as (
  select p."round_id", p."intervention_id", count(*) as n
  from published p join rounds r on r."id" = p."round_id"
  group by 1, 2, r."minimum_n"
  having count(*) >= r."minimum_n"
),
answered as (
  select r."tenant_id", r.year, r."minimum_n", p."round_id", p."intervention_id", p."id" as answer_id,
         i."id" as item_id, i."indicator", v.value, (ins."scale"->'positive') @> to_jsonb(v.value) as positive
  from published p
  join units u using ("round_id", "intervention_id")
  join rounds r on r."id" = p."round_id"
  join "instrument" ins on ins."id" = r."instrument_id"
  cross join lateral unnest(p."values") with ordinality as v(value, position)
  join "instrument_item" i on i."instrument_id" = r."instrument_id" and i."position" = v.position
  where v.value is not null
),
cells as (
  select "round_id", "intervention_id", item_id from answered
  group by 1, 2, 3, "minimum_n" having count(*) >= "minimum_n"
),
vals as (
  select a.* from answered a join cells c using ("round_id", "intervention_id", item_id)
),
lines as (
  select ${who} as tenant_id, year, 'ROUNDS' as kind, '' as key, count(*) as n, 0 as threshold,
         null::numeric as mean, null::numeric as share_positive, count(distinct "tenant_id") as forbund
  from rounds group by 1, 2
  union all
  select ${who}, r.year, 'RESPONDENTS', '', sum(u.n), max(r."minimum_n"), null, null, count(distinct r."tenant_id")
  from units u join rounds r on r."id" = u."round_id" group by 1, 2
  union all
  select ${who}, year, 'INDICATOR', "indicator"::text, count(distinct answer_id), max("minimum_n"),
         avg(value), avg(case when positive then 1 else 0 end), count(distinct "tenant_id")
  from vals group by 1, 2, 4
)
select tenant_id, year, kind, key,
       kind <> 'ROUNDS' and n < threshold as suppressed,
       case when n >= threshold then n end::int as n,
       case when n >= threshold then round(mean, 2) end::float8 as mean,
       case when n >= threshold then round(share_positive, 3) end::float8 as share_positive,
       case when n >= threshold then forbund end::int as forbund
from lines`;
};

async function comparisonRows(
  ctx: SubgraphContext,
  group: RespondentGroup,
  years: number[],
  forbundIds: string[] | null,
): Promise<Row[]> {
  const { bind, build, tenant } = tenantSql(ctx.em);
  const { sql, params } = build(
    comparisonSql(
      {
        group: bind(group),
        years: bind(pgArray(years)),
        ids: forbundIds ? bind(pgArray(forbundIds)) : null,
        national: forbundIds === null,
      },
      tenant,
    ),
  );
  return ctx.em.execute<Row[]>(sql, params);
}

/** The rows of one förbund (or of the nation) as years of figures. */
function yearsOf(rows: readonly Row[]): YearFigures[] {
  const years = [...new Set(rows.map((r) => r.year))];
  return years.map((year) => {
    const of = rows.filter((r) => r.year === year);
    const respondents = of.find((r) => r.kind === 'RESPONDENTS');
    return {
      year,
      rounds: of.find((r) => r.kind === 'ROUNDS')?.n ?? 0,
      // Rounds without a single shown unit have no respondents line: withheld, as any figure below the minimum.
      respondents: respondents
        ? { suppressed: respondents.suppressed, n: respondents.n }
        : { suppressed: true, n: null },
      indicators: of
        .filter((r) => r.kind === 'INDICATOR')
        .map((r) => ({
          indicator: Number(r.key),
          suppressed: r.suppressed,
          n: r.n,
          mean: r.mean,
          sharePositive: r.share_positive,
        })),
    };
  });
}

const indicatorsIn = (rows: readonly Row[]) =>
  [...new Set(rows.filter((r) => r.kind === 'INDICATOR').map((r) => Number(r.key)))].sort((a, b) => a - b);

const yearsSchema = z
  .array(z.number().int().min(2004, 'From 2004').max(2100, 'At most 2100'))
  .min(1, 'Name at least one year')
  .max(MOST_YEARS, `At most ${MOST_YEARS} years`);

// --- types -------------------------------------------------------------------------------------

const Respondents = builder.objectRef<YearFigures['respondents']>('ComparedRespondents').implement({
  description: 'Respondents counted in a compared year: withheld below the minimum n.',
  fields: (t) => ({
    suppressed: t.exposeBoolean('suppressed', {
      description: 'Fewer respondents than the minimum n (or none in a full batch yet): no number is shown.',
    }),
    n: t.exposeInt('n', { nullable: true, description: 'Respondents in the shown units; null when withheld.' }),
  }),
});

const IndicatorCell = builder.objectRef<IndicatorTrend>('ComparedIndicator').implement({
  description: 'One indicator in one compared year: mean and share positive with n, and the change since before.',
  fields: (t) => ({
    indicator: t.exposeInt('indicator', { description: 'The indicator’s number, 1–16.' }),
    suppressed: t.exposeBoolean('suppressed', {
      description:
        'Withheld: fewer respondents than the largest minimum n of the rounds in it, or nothing that reaches its ' +
        'round’s minimum n. False with no figures when the year had no round.',
    }),
    n: t.exposeInt('n', { nullable: true, description: 'Respondents who answered its statements.' }),
    mean: t.exposeFloat('mean', { nullable: true, description: 'Medelvärde on the scale.' }),
    sharePositive: t.exposeFloat('sharePositive', { nullable: true, description: 'Andel positiva svar, 0–1.' }),
    meanChange: t.exposeFloat('meanChange', {
      nullable: true,
      description: 'Trend: the mean minus the previous compared year’s; null unless both are shown.',
    }),
    sharePositiveChange: t.exposeFloat('sharePositiveChange', {
      nullable: true,
      description: 'Trend: the share positive minus the previous compared year’s; null unless both are shown.',
    }),
  }),
});

const YearRef = builder.objectRef<YearFigures<IndicatorTrend>>('ComparedYear').implement({
  description: 'The rounds of a respondent group whose period ends in one year, their results together.',
  fields: (t) => ({
    year: t.exposeInt('year', {
      description: 'The year the rounds’ periods end in (e.g. 2021 for 2020-11 – 2021-10).',
    }),
    rounds: t.exposeInt('rounds', { description: 'How many rounds there were; 0: none to compare.' }),
    respondents: t.field({ type: Respondents, description: 'Respondents.', resolve: (y) => y.respondents }),
    indicators: t.field({
      type: [IndicatorCell],
      description: 'Every indicator of the comparison, in order.',
      resolve: (y) => y.indicators,
    }),
  }),
});

interface Series {
  forbundId: string;
  years: YearFigures<IndicatorTrend>[];
}

const SeriesRef = builder.objectRef<Series>('ForbundIndicatorSeries').implement({
  description: 'One förbund’s indicator results over the compared years, with trends.',
  fields: (t) => ({
    forbundId: t.exposeID('forbundId', { description: 'The förbund.' }),
    years: t.field({ type: [YearRef], description: 'Each compared year, earliest first.', resolve: (s) => s.years }),
  }),
});

interface Comparison {
  respondentGroup: RespondentGroup;
  indicators: number[];
  forbund: Series[];
}

const ComparisonRef = builder.objectRef<Comparison>('SurveyComparison').implement({
  description:
    'Indikatorer compared across förbund and years (länets jämförelse): förbund-level figures only, each under ' +
    'the minimum n.',
  fields: (t) => ({
    respondentGroup: t.field({
      type: RespondentGroupEnum,
      description: 'The questionnaire’s respondent group.',
      resolve: (c) => c.respondentGroup,
    }),
    indicators: t.exposeIntList('indicators', {
      description: 'The indicators with shown or withheld figures in any förbund and year, in order.',
    }),
    forbund: t.field({
      type: [SeriesRef],
      description: 'One per förbund asked, in the order asked.',
      resolve: (c) => c.forbund,
    }),
  }),
});

interface National {
  respondentGroup: RespondentGroup;
  indicators: number[];
  years: (YearFigures<IndicatorTrend> & { forbund: number | null })[];
}

const NationalYear = builder
  .objectRef<YearFigures<IndicatorTrend> & { forbund: number | null }>('NationalSurveyYear')
  .implement({
    description: 'One year over every förbund: the national-style aggregate.',
    fields: (t) => ({
      year: t.exposeInt('year', { description: 'The year the rounds’ periods end in.' }),
      forbund: t.exposeInt('forbund', {
        nullable: true,
        description: 'Förbund with shown answers in it; null when the whole year is withheld.',
      }),
      rounds: t.exposeInt('rounds', { description: 'Rounds of the respondent group in the year, in all förbund.' }),
      respondents: t.field({ type: Respondents, description: 'Respondents.', resolve: (y) => y.respondents }),
      indicators: t.field({
        type: [IndicatorCell],
        description: 'Every indicator of the aggregate, in order, with the change since the previous year asked.',
        resolve: (y) => y.indicators,
      }),
    }),
  });

const NationalRef = builder.objectRef<National>('NationalSurveyResults').implement({
  description: 'Indikatorer over every förbund on the platform, per year (a national-style aggregate).',
  fields: (t) => ({
    respondentGroup: t.field({
      type: RespondentGroupEnum,
      description: 'The questionnaire’s respondent group.',
      resolve: (c) => c.respondentGroup,
    }),
    indicators: t.exposeIntList('indicators', { description: 'The indicators with figures, in order.' }),
    years: t.field({ type: [NationalYear], description: 'Each year asked, earliest first.', resolve: (c) => c.years }),
  }),
});

builder.queryFields((t) => ({
  surveyComparison: t.field({
    type: ComparisonRef,
    description:
      'Indicator results of förbund side by side per year with trends: county analysts (their county’s förbund) ' +
      'and platform administrators. Förbund-level figures only, never a single insats; withheld below the minimum n.',
    authScopes: { countyReader: true },
    args: {
      respondentGroup: t.arg({ type: RespondentGroupEnum, required: true, description: 'The questionnaire compared.' }),
      forbundIds: t.arg.idList({ required: true, description: 'The förbund to compare (each once).' }),
      years: t.arg.intList({ required: true, description: `The years to compare, 1–${MOST_YEARS}.` }),
    },
    resolve: async (_root, { respondentGroup, forbundIds, years }, ctx) => {
      const ids = [...new Set(forbundIds.map(String))];
      const unseen = ids.filter((id) => !seesForbund(ctx.identity, id));
      if (unseen.length) {
        throw forbidden(`Not in your county: ${unseen.join(', ')}`);
      }
      const asked = parseArgument(yearsSchema, years, 'years');
      const rows = await comparisonRows(ctx, respondentGroup, asked, ids);
      const indicators = indicatorsIn(rows);
      return {
        respondentGroup,
        indicators,
        forbund: ids.map((forbundId) => ({
          forbundId,
          years: withTrends(asked, yearsOf(rows.filter((r) => r.tenant_id === forbundId)), indicators),
        })),
      };
    },
  }),
  nationalSurveyResults: t.field({
    type: NationalRef,
    description:
      'A national-style aggregate of a respondent group’s indicator results over every förbund, per year, with ' +
      'trends: platform administrators and analysts who see every förbund. Withheld below the minimum n.',
    authScopes: { countyReader: true },
    args: {
      respondentGroup: t.arg({ type: RespondentGroupEnum, required: true, description: 'The questionnaire.' }),
      years: t.arg.intList({ required: true, description: `The years, 1–${MOST_YEARS}.` }),
    },
    resolve: async (_root, { respondentGroup, years }, ctx) => {
      if (ctx.identity.countyForbundIds !== null) {
        // A county's sum would pass for the nation's: only a reader of every förbund gets the aggregate.
        throw forbidden('The national aggregate is for readers of every förbund');
      }
      const asked = parseArgument(yearsSchema, years, 'years');
      const rows = await comparisonRows(ctx, respondentGroup, asked, null);
      const indicators = indicatorsIn(rows);
      const found = yearsOf(rows);
      return {
        respondentGroup,
        indicators,
        years: withTrends(asked, found, indicators).map((y) => ({
          ...y,
          forbund: rows.find((r) => r.year === y.year && r.kind === 'RESPONDENTS')?.forbund ?? null,
        })),
      };
    },
  }),
}));
