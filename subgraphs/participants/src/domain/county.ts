/**
 * The county's view (länets jämförelse): participant figures per förbund side by side with county
 * totals. Each förbund's figures are its own year's, as the policy published them (year-figures.ts):
 * the same cells, suppressed the same way, whichever förbund a query puts beside it. A county total
 * is the sum of the förbund's published figures, suppressed when any of them is — so it tells nothing
 * they do not, and no choice of förbund can be differenced into a hidden one.
 */
import type { ForbundYearKey } from '@finsam/kit/forbund-year.js';
import { type Published, SUPPRESSED, shown } from './disclosure.js';
import type { DisclosedYear } from './year-figures.js';

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

/** A sum of published counts: suppressed when any part is. */
export const sumOfPublished = (parts: readonly Published[]): Published =>
  parts.some((p) => p.suppressed) ? SUPPRESSED : shown(parts.reduce((a, p) => a + p.value!, 0));

export function countyTables(
  years: { forbundId: string; y: DisclosedYear }[],
  year: number,
  threshold: number,
): County {
  const rows = years.map(({ forbundId, y }) => ({
    key: { forbundId, year },
    figures: { new: y.new, total: y.total, exited: y.exited },
    averageAgeAtEntry:
      y.averageAgeAtEntry.value === null
        ? y.averageAgeAtEntry
        : { ...y.averageAgeAtEntry, value: Math.round(y.averageAgeAtEntry.value * 10) / 10 },
    newByHemkommun: y.newByHemkommun,
  }));
  const totals = Object.fromEntries(MEASURES.map((m) => [m, sumOfPublished(rows.map((r) => r.figures[m]))]));
  return { year, threshold, rows, totals: { figures: totals as Figures } };
}
