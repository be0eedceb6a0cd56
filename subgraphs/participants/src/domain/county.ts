/**
 * The county's view (länets jämförelse): participant figures per förbund side by side with county
 * totals. Each förbund's figures are its own year's, as the policy published them (year-figures.ts):
 * the same cells, suppressed the same way, whichever förbund a query puts beside it. A county total
 * is the sum of the förbund's published figures, suppressed when any of them is — so it tells nothing
 * they do not, and no choice of förbund can be differenced into a hidden one.
 */
import type { ForbundYearKey } from '@finsam/kit/forbund-year.js';
import { type Published, SUPPRESSED, shown } from './disclosure.js';
import { share } from './figures.js';
import { type DisclosedYear, type KeyCount, sumOfLists, sumOfPublished } from './year-figures.js';

export const MEASURES = ['new', 'total', 'exited'] as const;

export type Figures = Record<(typeof MEASURES)[number], Published>;
/** Kön, outcomes and steps forward: on each förbund's row and, summed, on the totals. */
export interface Breakdowns {
  newByKon: KeyCount[];
  totalByKon: KeyCount[];
  exitsByOutcome: KeyCount[];
  stepForward: Published;
  stepForwardShare: Published;
}
export interface CountyRow extends Breakdowns {
  key: ForbundYearKey;
  figures: Figures;
  averageAgeAtEntry: Published;
  newByHemkommun: { scbCode: string; new: Published }[];
}
export interface County {
  year: number;
  threshold: number;
  rows: CountyRow[];
  totals: { figures: Figures } & Breakdowns;
}

export { sumOfLists, sumOfPublished };

export function countyTables(
  years: { forbundId: string; y: DisclosedYear }[],
  year: number,
  threshold: number,
): County {
  const rows = years.map(({ forbundId, y }) => ({
    key: { forbundId, year },
    figures: { new: y.new, total: y.total, exited: y.exited },
    averageAgeAtEntry: y.averageAgeAtEntry,
    newByHemkommun: y.newByHemkommun,
    newByKon: y.newByKon,
    totalByKon: y.totalByKon,
    exitsByOutcome: y.exitsByOutcome,
    stepForward: y.stepForward,
    stepForwardShare: y.stepForwardShare,
  }));
  const totals = Object.fromEntries(MEASURES.map((m) => [m, sumOfPublished(rows.map((r) => r.figures[m]))]));
  const steps = sumOfPublished(rows.map((r) => r.stepForward));
  const exited = totals.exited as Published;
  return {
    year,
    threshold,
    rows,
    totals: {
      figures: totals as Figures,
      newByKon: sumOfLists(rows.map((r) => r.newByKon)),
      totalByKon: sumOfLists(rows.map((r) => r.totalByKon)),
      exitsByOutcome: sumOfLists(rows.map((r) => r.exitsByOutcome)),
      stepForward: steps,
      stepForwardShare: steps.suppressed || exited.suppressed ? SUPPRESSED : shown(share(steps.value!, exited.value!)),
    },
  };
}
