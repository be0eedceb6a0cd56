/**
 * The county's view (länets jämförelse): participant figures per förbund side by side with county
 * totals, under disclosure control (disclosure.ts). The tables published by one query — new per
 * hemkommun within each förbund, new/total/exited per förbund, and the county totals — are
 * suppressed together, so a hidden cell cannot be had from any total or difference.
 */
import type { ForbundYearKey } from '@finsam/kit/forbund-year.js';
import { type Published, published, type SumConstraint, suppress } from './disclosure.js';
import { type ParticipantYear, yearAverageAge, yearSum } from './figures.js';

/** Participants without consent have no hemkommun: their own cell keeps the sums whole. */
export const UNKNOWN_KOMMUN = 'OKAND';
export const MEASURES = ['new', 'total', 'exited'] as const;

export type Figures = Record<(typeof MEASURES)[number], Published>;
export interface CountyRow {
  key: ForbundYearKey;
  figures: Figures;
  averageAgeAtEntry: Published;
  newByHemkommun: { scbCode: string; new: Published }[];
}
export interface County {
  year: number;
  threshold: number;
  rows: CountyRow[];
  totals: { figures: Figures };
}

/** The threshold a query uses: a caller may ask for more caution than `floor`, never for less. */
export const thresholdFor = (asked: number | null | undefined, floor: number) => Math.max(asked ?? 0, floor);

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
