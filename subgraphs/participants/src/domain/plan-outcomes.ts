/**
 * The outcomes a verksamhetsplan goal is followed up with (governance's `PlanGoal.outcomeMeasure`),
 * computed from a förbund's records for the goal's year. The cohort is the year's exits (avslut):
 * - STEP_FORWARD_SHARE: of those exits, the share with a stegförflyttning (figures.ts's STEP_FORWARD,
 *   the one definition; an exit with several outcomes counts once);
 * - SAME_OR_HIGHER_6_MONTHS / _18_MONTHS: of those exits whose 6- (18-) month follow-up is recorded,
 *   the share at the same level as at exit or higher. Exits not yet followed up are not counted, so the
 *   18-month outcome of a year fills in during the year and a half after it.
 * Published under the disclosure policy: a share over fewer than the minimum n is suppressed, and the
 * count behind it is not published.
 */
import type { LEVELS } from '../entities/Participation.js';
import { average, type Published } from './disclosure.js';
import { STEP_FORWARD, share } from './figures.js';

export const PLAN_OUTCOME_MEASURES = [
  'STEP_FORWARD_SHARE',
  'SAME_OR_HIGHER_6_MONTHS',
  'SAME_OR_HIGHER_18_MONTHS',
] as const;
export type PlanOutcomeMeasure = (typeof PLAN_OUTCOME_MEASURES)[number];

type Level = (typeof LEVELS)[number];

/** What the outcomes read of one exit of the year. */
export interface ExitRecord {
  outcomes: readonly string[];
  level6Months: Level | null;
  level18Months: Level | null;
}

export interface PlanOutcome {
  /** The share, 0–1 to three decimals; suppressed under the policy; null value when nobody is counted. */
  share: Published;
  /** Whether the share reaches the target; null when it is suppressed or nobody is counted. */
  met: boolean | null;
}

const kept = (level: Level | null) => level === 'SAME' || level === 'HIGHER';

/** The outcome of a measure over a year's exits, against a target in per cent. */
export function planOutcome(
  exits: readonly ExitRecord[],
  measure: PlanOutcomeMeasure,
  targetPercent: number | null,
  threshold: number,
): PlanOutcome {
  let counted: readonly ExitRecord[];
  let hits: number;
  if (measure === 'STEP_FORWARD_SHARE') {
    counted = exits;
    hits = exits.filter((e) => e.outcomes.some((o) => STEP_FORWARD.includes(o))).length;
  } else {
    const field = measure === 'SAME_OR_HIGHER_6_MONTHS' ? 'level6Months' : 'level18Months';
    counted = exits.filter((e) => e[field] !== null);
    hits = counted.filter((e) => kept(e[field])).length;
  }
  const published = average(share(hits, counted.length), counted.length, threshold);
  const { value } = published;
  return { share: published, met: value === null || targetPercent === null ? null : value * 100 >= targetPercent };
}
