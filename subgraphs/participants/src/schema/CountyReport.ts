/**
 * The county's view (county_analyst, platform_admin): participant figures per förbund side by
 * side with county totals, under disclosure control (../disclosure.ts). The tables published by
 * one query — new per hemkommun within each förbund, new/total/exited per förbund, and the county
 * totals — are suppressed together, so a hidden cell cannot be had from any total or difference.
 * Reads the same set-based figures as a förbund's own year (ForbundYear.ts).
 */

import type { SubgraphTypes } from '@finsam/kit/builder.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { type ForbundYearKey, REPORT_YEARS, type ReportPeriod, reportYear } from '@finsam/kit/report-period.js';
import type { ObjectRef } from '@pothos/core';
import { type Published, published, type SumConstraint, suppress } from '../disclosure.js';
import { builder } from './builder.js';
import {
  ForbundYearRef,
  type ParticipantYear,
  Period,
  participantYears,
  yearAverageAge,
  yearSum,
} from './ForbundYear.js';

/** The smallest count shown; a caller may ask for more caution, never for less. */
export const DISCLOSURE_THRESHOLD = Number(process.env.FINSAM_DISCLOSURE_THRESHOLD ?? 5);
/** Participants without consent have no hemkommun: their own cell keeps the sums whole. */
const UNKNOWN_KOMMUN = 'OKAND';
const MEASURES = ['new', 'total', 'exited'] as const;

interface CountyRow {
  key: ForbundYearKey;
  figures: Figures;
  averageAgeAtEntry: { suppressed: boolean; value: number | null };
  newByHemkommun: { scbCode: string; new: Published }[];
}
type Figures = Record<(typeof MEASURES)[number], Published>;
interface County {
  year: number;
  threshold: number;
  rows: CountyRow[];
  totals: { figures: Figures };
}

/** Builds every published table of the query, then suppresses them as one. */
export function countyTables(
  years: { forbundId: string; y: ParticipantYear }[],
  year: number,
  threshold: number,
): County {
  const values = new Map<string, number>();
  const sums: SumConstraint[] = [];
  const kommuner = new Map<string, string[]>();
  for (const { forbundId: f, y } of years) {
    for (const m of MEASURES) {
      values.set(`${m}/${f}`, yearSum(y, m));
    }
    const cells = y.hemkommuner.map((h) => [h.scb_code, h.new] as const);
    const unknown = yearSum(y, 'new') - cells.reduce((a, [, n]) => a + n, 0);
    const all = [...cells, [UNKNOWN_KOMMUN, unknown] as const].filter(([, n]) => n > 0);
    for (const [code, n] of all) {
      values.set(`new/${f}/${code}`, n);
    }
    kommuner.set(
      f,
      all.map(([code]) => code),
    );
    sums.push({ total: `new/${f}`, parts: all.map(([code]) => `new/${f}/${code}`) });
  }
  for (const m of MEASURES) {
    values.set(
      `${m}/county`,
      years.reduce((a, { forbundId }) => a + values.get(`${m}/${forbundId}`)!, 0),
    );
    sums.push({ total: `${m}/county`, parts: years.map(({ forbundId }) => `${m}/${forbundId}`) });
  }
  const hidden = suppress(values, sums, threshold);
  const cell = (id: string) => published(id, values, hidden);
  const rows = years.map(({ forbundId: f, y }) => {
    const { n: ageN, average } = yearAverageAge(y);
    const age = average === null ? null : Math.round(average * 10) / 10;
    return {
      key: { forbundId: f, year },
      figures: Object.fromEntries(MEASURES.map((m) => [m, cell(`${m}/${f}`)])) as Figures,
      // An average over fewer than the threshold is withheld like a small count.
      averageAgeAtEntry: ageN < threshold ? { suppressed: true, value: null } : { suppressed: false, value: age },
      newByHemkommun: kommuner.get(f)!.map((code) => ({ scbCode: code, new: cell(`new/${f}/${code}`) })),
    };
  });
  return {
    year,
    threshold,
    rows,
    totals: { figures: Object.fromEntries(MEASURES.map((m) => [m, cell(`${m}/county`)])) as Figures },
  };
}

async function countyReport(
  ctx: SubgraphContext,
  forbundIds: string[],
  year: number,
  period: ReportPeriod,
  threshold: number,
): Promise<County> {
  const ids = [...new Set(forbundIds)].sort();
  const years = await Promise.all(
    ids.map(async (forbundId) => ({ forbundId, y: await participantYears(ctx).load({ forbundId, year, period }) })),
  );
  return countyTables(years, year, threshold);
}

const Figure = builder.objectRef<Published>('DisclosedCount').implement({
  description: 'A count under disclosure control: `suppressed` (value null, never 0) when it could reveal a person.',
  fields: (t) => ({ suppressed: t.exposeBoolean('suppressed'), value: t.exposeInt('value', { nullable: true }) }),
});
const Average = builder.objectRef<{ suppressed: boolean; value: number | null }>('DisclosedAverage').implement({
  description: 'An average over fewer people than the threshold is suppressed.',
  fields: (t) => ({ suppressed: t.exposeBoolean('suppressed'), value: t.exposeFloat('value', { nullable: true }) }),
});
const KommunCell = builder.objectRef<CountyRow['newByHemkommun'][number]>('CountyHemkommunCell').implement({
  fields: (t) => ({
    scbCode: t.exposeString('scbCode', { description: 'SCB kommunkod, or OKAND for participants without consent.' }),
    new: t.field({ type: Figure, resolve: (c) => c.new }),
  }),
});
const Row = builder.objectRef<CountyRow>('CountyForbundRow').implement({
  description: 'One förbund in the county view.',
  fields: (t) => ({
    year: t.field({
      type: ForbundYearRef,
      description: 'The förbund’s year: money and staffing (no person) from their subgraphs.',
      resolve: (r) => r.key,
    }),
    averageAgeAtEntry: t.field({ type: Average, resolve: (r) => r.averageAgeAtEntry }),
    newByHemkommun: t.field({ type: [KommunCell], resolve: (r) => r.newByHemkommun }),
  }),
});
const Totals = builder
  .objectRef<{ figures: Figures }>('CountyTotals')
  .implement({ description: 'The county: all chosen förbund together.', fields: () => ({}) });
/** The same three measures on a förbund's row and on the totals. */
function measures<T extends { figures: Figures }>(
  ref: ObjectRef<PothosSchemaTypes.ExtendDefaultTypes<SubgraphTypes>, T>,
) {
  builder.objectFields(ref, (t) => ({
    new: t.field({ type: Figure, description: 'Nya deltagare.', resolve: (p) => p.figures.new }),
    total: t.field({ type: Figure, description: 'Deltagare totalt.', resolve: (p) => p.figures.total }),
    exited: t.field({ type: Figure, description: 'Avslutade.', resolve: (p) => p.figures.exited }),
  }));
}
measures(Row);
measures(Totals);
const CountyReportRef = builder.objectRef<County>('CountyReport').implement({
  description:
    'Länets jämförelse: förbund side by side with totals; every figure derived from people is under disclosure control.',
  fields: (t) => ({
    year: t.exposeInt('year'),
    threshold: t.exposeInt('threshold', { description: 'Counts below this are suppressed.' }),
    forbund: t.field({ type: [Row], resolve: (c) => c.rows }),
    totals: t.field({ type: Totals, resolve: (c) => c.totals }),
  }),
});

builder.queryField('countyReport', (t) =>
  t.field({
    type: CountyReportRef,
    description:
      'Participant figures per förbund and for the county, suppressed where they could reveal a person (county analysts, platform administrators).',
    authScopes: { countyReader: true },
    args: {
      forbundIds: t.arg.idList({ required: true }),
      year: t.arg.int({ required: true, description: `${REPORT_YEARS.first}–${REPORT_YEARS.last}.` }),
      period: t.arg({ type: Period, defaultValue: 'YEAR', required: true }),
      threshold: t.arg.int({ description: `Suppress counts below this; at least ${DISCLOSURE_THRESHOLD}.` }),
    },
    resolve: (_r, { forbundIds, year, period, threshold }, ctx) =>
      countyReport(
        ctx,
        forbundIds.map(String),
        reportYear(year),
        period,
        Math.max(threshold ?? 0, DISCLOSURE_THRESHOLD),
      ),
  }),
);
