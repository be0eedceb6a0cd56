/**
 * Results under the minimum n (minsta antal svarande): a figure with fewer respondents than its
 * round's minimum n is never shown — it is `suppressed` and every number of it is null. PostgreSQL
 * applies the rule already (`schema/SurveyResult.ts`: a suppressed row leaves the database without
 * its figures); these functions are what the API shows from such a row. The round total counts only
 * the insatser that reach the minimum themselves, or the total minus the shown insatser would give
 * a suppressed one away (also decided in SQL).
 */
import type { Scale } from '../entities/Instrument.js';
import { scaleLabels } from './instrument.js';

/** The figures of one line (the respondents, a statement or an indicator) as the database gives them. */
export interface Figures {
  suppressed: boolean;
  n: number | null;
  mean: number | null;
  share_positive: number | null;
  /** Answers per value of the scale, keyed by the value. */
  distribution: Record<string, number> | null;
}

/** The figures to show, or null: a line without answers, or below the minimum n, shows nothing. */
export function shown<F extends Figures>(figures: F | undefined): F | null {
  return figures && !figures.suppressed ? figures : null;
}

/** Answers per value, every value of the scale listed (0 where none); null when nothing is shown. */
export function distribution(
  scale: Scale,
  figures: Figures | undefined,
): { value: number; label: string; positive: boolean; count: number }[] | null {
  const show = shown(figures);
  return show ? scaleLabels(scale).map((l) => ({ ...l, count: show.distribution?.[String(l.value)] ?? 0 })) : null;
}

/** The indicators a questionnaire's statements measure, in order, each once. */
export function indicatorsOf(items: readonly { indicator: number }[]): number[] {
  return [...new Set(items.map((i) => i.indicator))].sort((a, b) => a - b);
}
