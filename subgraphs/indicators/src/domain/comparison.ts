/**
 * Comparing indicator results across förbund and years (issue 20): for the county analyst, the förbund of the
 * county side by side; for whoever sees every förbund, a national-style aggregate. Figures are built as the
 * round's own results are (domain/publication.ts): only answers in full batches, only units (an insats, or the
 * förbund in a round without insatser) that reach their round's minimum n themselves, and only cells (a unit ×
 * a statement) that reach it too; so nothing shown across förbund is an insats-level figure below the minimum n,
 * and nothing suppressed in a förbund's own results can be recovered from a comparison. A compared figure is
 * suppressed when it has fewer respondents than the largest minimum n of the rounds in it. The SQL in
 * `schema/Comparison.ts` applies these rules; the functions here state what is shown and the trends.
 */

/** A period of the comparison is a year: the rounds whose period (mätperiod) ends in it, as ForbundYear counts. */
export const comparisonYear = (periodTo: string) => Number(periodTo.slice(0, 4));

/** Years compared at once, at most. */
export const MOST_YEARS = 10;

/** One indicator's figures for one förbund (or the nation) and year, as the database gives them. */
export interface IndicatorFigures {
  indicator: number;
  suppressed: boolean;
  n: number | null;
  mean: number | null;
  sharePositive: number | null;
}

/** An indicator's figures with their change since the previous year compared. */
export interface IndicatorTrend extends IndicatorFigures {
  /** Mean now minus mean in the previous year compared; null unless both are shown. */
  meanChange: number | null;
  /** Share positive now minus then (0–1 scale); null unless both are shown. */
  sharePositiveChange: number | null;
}

export interface YearFigures<I extends IndicatorFigures = IndicatorFigures> {
  year: number;
  /** Rounds of the respondent group whose period ends in the year. */
  rounds: number;
  respondents: { suppressed: boolean; n: number | null };
  indicators: I[];
}

/** Whether a compared figure with `n` respondents is shown, given the largest minimum n of its rounds. */
export const comparedShown = (n: number, threshold: number) => n >= threshold;

const difference = (now: number | null, before: number | null, decimals: number) =>
  now === null || before === null ? null : Number((now - before).toFixed(decimals));

/**
 * Every year asked, earliest first, with every indicator listed (a year without figures for one has it
 * suppressed when the year had rounds, empty otherwise), each with its change since the year before it in the
 * list: the trend.
 */
export function withTrends(
  years: readonly number[],
  found: readonly YearFigures[],
  indicators: readonly number[],
): YearFigures<IndicatorTrend>[] {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  let previous: YearFigures | undefined;
  return sorted.map((year) => {
    const y = found.find((f) => f.year === year) ?? {
      year,
      rounds: 0,
      respondents: { suppressed: false, n: null },
      indicators: [],
    };
    const cells = indicators.map((indicator): IndicatorTrend => {
      const cell = y.indicators.find((i) => i.indicator === indicator) ?? {
        indicator,
        suppressed: y.rounds > 0,
        n: null,
        mean: null,
        sharePositive: null,
      };
      const before = previous?.indicators.find((i) => i.indicator === indicator);
      return {
        ...cell,
        meanChange: difference(cell.mean, before?.mean ?? null, 2),
        sharePositiveChange: difference(cell.sharePositive, before?.sharePositive ?? null, 3),
      };
    });
    previous = y;
    return { ...y, indicators: cells };
  });
}
