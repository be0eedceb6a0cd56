/**
 * Results per round, insats, statement and indicator: n, mean, distribution, share positive.
 * Computed by PostgreSQL with set-based aggregates, one statement per batch of (round, insats)
 * pairs, whatever the length of the list. Only full batches of answers count, and any figure with
 * fewer respondents than the round's minimum n is withheld in SQL already (marked suppressed, no
 * figures).
 */

import type { SubgraphTypes } from '@finsam/kit/builder.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { parseArgument } from '@finsam/kit/validation.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { distribution, type Figures, indicatorsOf, shown } from '../domain/results.js';
import { isWithin, periodLabel, periodOf, periodSchema } from '../domain/survey-period.js';
import type { Scale } from '../entities/Instrument.js';
import type { InstrumentItem } from '../entities/InstrumentItem.js';
import { SurveyRound } from '../entities/SurveyRound.js';
import { builder } from './builder.js';
import { InstrumentItemRef } from './Instrument.js';
import { InterventionRef, intervention } from './Intervention.js';
import { PeriodInput, SurveyRoundRef, visibleInterventionIds } from './SurveyRound.js';

/** Stands for "every insats of the round" in a batch key: the round total. */
const WHOLE_ROUND = '00000000-0000-0000-0000-000000000000';

interface FigureRow extends Figures {
  round_id: string;
  intervention_id: string;
  kind: 'RESPONDENTS' | 'ITEM' | 'INDICATOR';
  key: string;
}

// The rules of domain/results.ts and domain/publication.ts are applied here, so nothing suppressed or
// unpublished leaves the database: only answers in full batches count (a batch holds the round's
// minimum n); a line is `suppressed` when n < minimum_n, and then has no numbers; a figure is built only
// from cells (an insats × a statement) that reach the minimum n themselves, so a suppressed statement is
// in no indicator and no total; a round total counts only the insatser that reach the minimum n
// themselves: otherwise the total minus the shown insatser would give away a suppressed one. The tenant
// filter's condition on the answers and the rounds (`tenantSql`).
const figuresSql = (keys: string, tenant: (alias: string) => string) => `
with keys as (
  select distinct * from jsonb_to_recordset(${keys}::jsonb) as k("round_id" uuid, "intervention_id" uuid)
),
full_batches as (
  select a."round_id", a."intervention_id", a."batch"
  from "answer" a
  join "survey_round" r on r."id" = a."round_id" and ${tenant('r')}
  where ${tenant('a')} and a."round_id" in (select "round_id" from keys)
  group by 1, 2, 3, r."minimum_n"
  having count(*) >= r."minimum_n"
),
published as (
  select a."id", a."round_id", a."intervention_id", a."values"
  from "answer" a
  join full_batches b using ("round_id", "intervention_id", "batch")
  where ${tenant('a')}
),
per_intervention as (
  select "round_id", "intervention_id", count(*) as n from published group by 1, 2
),
scoped as (
  select k."round_id", k."intervention_id", a."intervention_id" as source, a."id" as answer_id, a."values",
         r."instrument_id", r."minimum_n"
  from keys k
  join "survey_round" r on r."id" = k."round_id" and ${tenant('r')}
  join published a on a."round_id" = k."round_id"
  join per_intervention p on p."round_id" = a."round_id" and p."intervention_id" = a."intervention_id"
  where a."intervention_id" = k."intervention_id"
     or (k."intervention_id" = '${WHOLE_ROUND}' and p.n >= r."minimum_n")
),
answered as (
  select s."round_id", s."intervention_id", s.source, s.answer_id, s."minimum_n",
         i."id"::text as item_id, i."indicator"::text as indicator,
         v.value, (ins."scale"->'positive') @> to_jsonb(v.value) as positive
  from scoped s
  join "instrument" ins on ins."id" = s."instrument_id"
  cross join lateral unnest(s."values") with ordinality as v(value, position)
  join "instrument_item" i on i."instrument_id" = s."instrument_id" and i."position" = v.position
  where v.value is not null
),
cells as (
  select "round_id", source, item_id, count(distinct answer_id) as n, min("minimum_n") as minimum_n
  from answered group by 1, 2, 3
),
vals as (
  select a.* from answered a
  join cells c on c."round_id" = a."round_id" and c.source = a.source and c.item_id = a.item_id
  where c.n >= c.minimum_n
),
by_value as (
  select "round_id", "intervention_id", 'ITEM' as kind, item_id as key, value, positive, count(*) as c
  from vals group by 1, 2, 4, 5, 6
  union all
  select "round_id", "intervention_id", 'INDICATOR', indicator, value, positive, count(*)
  from vals group by 1, 2, 4, 5, 6
),
respondents as (
  select "round_id", "intervention_id", 'RESPONDENTS' as kind, '' as key, count(*) as n, min("minimum_n") as minimum_n
  from scoped group by 1, 2
  union all
  select "round_id", "intervention_id", 'ITEM', item_id, count(distinct answer_id), min("minimum_n")
  from vals group by 1, 2, 4
  union all
  select "round_id", "intervention_id", 'INDICATOR', indicator, count(distinct answer_id), min("minimum_n")
  from vals group by 1, 2, 4
),
figures as (
  select "round_id", "intervention_id", kind, key,
         sum(value * c)::numeric / sum(c) as mean,
         coalesce(sum(c) filter (where positive), 0)::numeric / sum(c) as share_positive,
         jsonb_object_agg(value, c) as distribution
  from by_value group by 1, 2, 3, 4
)
select r."round_id", r."intervention_id", r.kind, r.key, r.n < r.minimum_n as suppressed,
       case when r.n >= r.minimum_n then r.n end::int as n,
       case when r.n >= r.minimum_n then round(f.mean, 2) end::float8 as mean,
       case when r.n >= r.minimum_n then round(f.share_positive, 3) end::float8 as share_positive,
       case when r.n >= r.minimum_n then f.distribution end as distribution
from respondents r left join figures f using ("round_id", "intervention_id", kind, key)`;

const figureKey = (roundId: string, interventionId: string | null) => `${roundId}|${interventionId ?? WHOLE_ROUND}`;

const loaders = createContextCache((ctx: SubgraphContext) => ({
  /** Figure rows per (round, insats) key. */
  figures: new DataLoader<string, FigureRow[]>(async (keys) => {
    const pairs = keys.map((key) => {
      const [round_id, intervention_id] = key.split('|');
      return { round_id, intervention_id };
    });
    const { bind, build, tenant } = tenantSql(ctx.em);
    const { sql, params } = build(figuresSql(bind(JSON.stringify(pairs)), tenant));
    const rows = await ctx.em.execute<FigureRow[]>(sql, params);
    const byKey = new Map<string, FigureRow[]>();
    for (const r of rows) {
      const key = figureKey(r.round_id, r.intervention_id);
      const group = byKey.get(key);
      if (group) {
        group.push(r);
      } else {
        byKey.set(key, [r]);
      }
    }
    return keys.map((key) => byKey.get(key) ?? []);
  }),
  /** Rounds covering each insats (any period; callers narrow it). */
  roundsCovering: new DataLoader<string, SurveyRound[]>(async (ids) => {
    const rounds = await ctx.em.find(
      SurveyRound,
      { interventionIds: { $overlap: [...ids] } },
      { orderBy: { periodFrom: 'asc', id: 'asc' } },
    );
    return ids.map((id) => rounds.filter((r) => r.interventionIds.includes(id)));
  }),
}));

interface SurveyResultData {
  round: SurveyRound;
  interventionId: string | null;
  rows: FigureRow[];
}

async function surveyResult(
  ctx: SubgraphContext,
  round: SurveyRound,
  interventionId: string | null,
): Promise<SurveyResultData> {
  return { round, interventionId, rows: await loaders(ctx).figures.load(figureKey(round.id, interventionId)) };
}

const row = (r: SurveyResultData, kind: FigureRow['kind'], key: string) =>
  r.rows.find((x) => x.kind === kind && x.key === key);

/** One result line: its figures from the database (none when there were no answers) and the scale. */
interface Line {
  scale: Scale;
  row: FigureRow | undefined;
}

const ValueCount = builder
  .objectRef<{ value: number; label: string; positive: boolean; count: number }>('ValueCount')
  .implement({
    description: 'How many answers gave one value of the scale.',
    fields: (t) => ({
      value: t.exposeInt('value', { description: 'The value on the scale.' }),
      label: t.exposeString('label', { description: 'Its label, e.g. "Stämmer helt".' }),
      positive: t.exposeBoolean('positive', { description: 'Counts as a positive answer.' }),
      count: t.exposeInt('count', { description: 'Answers with this value.' }),
    }),
  });

/** The figures every result line has; none of them when it is suppressed. */
function figureFields<T extends Line>(
  t: PothosSchemaTypes.ObjectFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<SubgraphTypes>, T>,
) {
  return {
    suppressed: t.boolean({
      description: "Fewer respondents than the round's minimum n: no figures are shown.",
      resolve: (f) => shown(f.row) === null,
    }),
    n: t.int({ nullable: true, description: 'Respondents who answered.', resolve: (f) => shown(f.row)?.n ?? null }),
    mean: t.float({
      nullable: true,
      description: 'Medelvärde on the scale.',
      resolve: (f) => shown(f.row)?.mean ?? null,
    }),
    sharePositive: t.float({
      nullable: true,
      description: 'Andel positiva svar, 0–1.',
      resolve: (f) => shown(f.row)?.share_positive ?? null,
    }),
    distribution: t.field({
      type: [ValueCount],
      nullable: true,
      description: 'Answers per value of the scale (fördelning).',
      resolve: (f) => distribution(f.scale, f.row),
    }),
  };
}

const ItemResult = builder.objectRef<Line & { item: InstrumentItem }>('ItemResult').implement({
  description: 'Results for one statement.',
  fields: (t) => ({
    item: t.field({ type: InstrumentItemRef, description: 'The statement.', resolve: (f) => f.item }),
    ...figureFields(t),
  }),
});

const IndicatorResult = builder.objectRef<Line & { indicator: number }>('IndicatorResult').implement({
  description: 'Results for one indicator (1–16): its statements together.',
  fields: (t) => ({
    indicator: t.exposeInt('indicator', { description: 'The indicator’s number, 1–16.' }),
    ...figureFields(t),
  }),
});

async function itemsOf(round: SurveyRound) {
  const instrument = await round.instrument.loadOrFail({ dataloader: true });
  return { scale: instrument.scale, items: (await instrument.items.load({ dataloader: true })).getItems() };
}

const SurveyResultRef = builder.objectRef<SurveyResultData>('SurveyResult').implement({
  description: 'Results of a survey round for one insats, or for the whole round. Never a single answer.',
  fields: (t) => ({
    round: t.field({ type: SurveyRoundRef, description: 'The survey round.', resolve: (r) => r.round }),
    period: t.string({ description: 'E.g. 2020-11 – 2021-10.', resolve: (r) => periodLabel(periodOf(r.round)) }),
    intervention: t.field({
      type: InterventionRef,
      nullable: true,
      description: 'The insats; null for the whole round (the insatser that reach the minimum n).',
      resolve: (r) => (r.interventionId ? intervention(r.interventionId) : null),
    }),
    suppressed: t.boolean({
      description: 'Fewer respondents than the minimum n: no figures at all.',
      resolve: (r) => shown(row(r, 'RESPONDENTS', '')) === null,
    }),
    respondents: t.int({
      nullable: true,
      description: 'Antal svarande; null when suppressed.',
      resolve: (r) => row(r, 'RESPONDENTS', '')?.n ?? null,
    }),
    items: t.field({
      type: [ItemResult],
      description: 'Per statement, in order.',
      resolve: async (r) => {
        const { scale, items } = await itemsOf(r.round);
        return items.map((item) => ({ item, scale, row: row(r, 'ITEM', item.id) }));
      },
    }),
    indicators: t.field({
      type: [IndicatorResult],
      description: 'Per indicator its statements measure, in order.',
      resolve: async (r) => {
        const { scale, items } = await itemsOf(r.round);
        return indicatorsOf(items).map((indicator) => ({
          indicator,
          scale,
          row: row(r, 'INDICATOR', String(indicator)),
        }));
      },
    }),
  }),
});

builder.objectFields(SurveyRoundRef, (t) => ({
  results: t.field({
    type: [SurveyResultRef],
    description: 'Results per insats (staff: their own), for comparison across insatser.',
    authScopes: { tenantReader: true },
    resolve: (round, _args, ctx) =>
      Promise.all(visibleInterventionIds(ctx, round).map((id) => surveyResult(ctx, round, id))),
  }),
  total: t.field({
    type: SurveyResultRef,
    description:
      'Results of the whole round: the insatser that reach the minimum n. Förbund administrators and the board.',
    authScopes: { reportReader: true },
    resolve: (round, _args, ctx) => surveyResult(ctx, round, null),
  }),
}));

builder.objectField(InterventionRef, 'indicatorResults', (t) =>
  t.field({
    type: [SurveyResultRef],
    description:
      'Indicator results of the insats per survey round, earliest period first: compare periods. ' +
      'Optionally only rounds within a period.',
    authScopes: (i) => ({ reportReader: true, insatsStaff: i.id }),
    args: {
      period: t.arg({ type: PeriodInput, description: 'Only rounds whose period lies wholly within this one.' }),
    },
    resolve: async (i, { period }, ctx) => {
      const within = period ? parseArgument(periodSchema, period, 'period') : null;
      const rounds = (await loaders(ctx).roundsCovering.load(i.id)).filter(
        (r) => !within || isWithin(periodOf(r), within),
      );
      return Promise.all(rounds.map((round) => surveyResult(ctx, round, i.id)));
    },
  }),
);
