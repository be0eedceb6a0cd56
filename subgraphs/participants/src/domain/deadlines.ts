/**
 * What a participation owes, and by when: a follow-up at least every third month while enrolled,
 * an extension decision once the planned end has passed, and after exit the final documentation
 * within three weeks and the follow-ups at 6 and 18 months — each of those until its window closes
 * (lifecycle.ts's `afterExitWindow`): after that it can no longer be recorded, so it is no longer owed.
 */
import { addDays, addMonths } from '@finsam/kit/dates.js';
import type { Participation } from '../entities/Participation.js';
import { AFTER_EXIT_MONTHS, afterExitWindow } from './lifecycle.js';

export const DEADLINE_KINDS = {
  FOLLOW_UP: 'A follow-up with participant and referrer, at most 3 months after the last',
  PLANNED_END: 'The planned end passed without an extension decision',
  FINAL_DOCUMENTATION: 'Final documentation to participant and referrer within 3 weeks of exit',
  AFTER_6_MONTHS: 'Follow-up 6 months after exit',
  AFTER_18_MONTHS: 'Follow-up 18 months after exit',
} as const;
export type DeadlineKind = keyof typeof DEADLINE_KINDS;

/** What the deadlines read of a participation, with the day of its latest follow-up. */
export type DeadlineState = Pick<
  Participation,
  'status' | 'enrolledOn' | 'plannedEnd' | 'exitedOn' | 'finalDocumentationSentOn' | 'level6Months' | 'level18Months'
> & { lastFollowUp: string | null };

export interface Owed {
  kind: DeadlineKind;
  due: string;
}

/** How far ahead a list of deadlines looks unless told otherwise. */
export const DEFAULT_WITHIN_DAYS = 30;

/** Everything a participation owes next, as of a day. */
export function deadlinesOf(p: DeadlineState, asOf: string): Owed[] {
  const out: Owed[] = [];
  if (p.status === 'ENROLLED' && p.enrolledOn) {
    out.push({ kind: 'FOLLOW_UP', due: addMonths(p.lastFollowUp ?? p.enrolledOn, 3) });
    if (p.plannedEnd && p.plannedEnd < asOf) {
      out.push({ kind: 'PLANNED_END', due: p.plannedEnd });
    }
  }
  if (p.status === 'EXITED' && p.exitedOn) {
    const exit = p.exitedOn;
    if (!p.finalDocumentationSentOn) {
      out.push({ kind: 'FINAL_DOCUMENTATION', due: addDays(exit, 21) });
    }
    const open = (months: number) => asOf <= afterExitWindow(exit, months).closes;
    if (!p.level6Months && open(AFTER_EXIT_MONTHS.level6Months)) {
      out.push({ kind: 'AFTER_6_MONTHS', due: addMonths(exit, AFTER_EXIT_MONTHS.level6Months) });
    }
    if (!p.level18Months && open(AFTER_EXIT_MONTHS.level18Months)) {
      out.push({ kind: 'AFTER_18_MONTHS', due: addMonths(exit, AFTER_EXIT_MONTHS.level18Months) });
    }
  }
  return out;
}

/**
 * What is due by `withinDays` after `asOf`, each marked overdue when its day has passed (with a
 * window of 0 days or more, everything overdue shows).
 */
export function dueWithin(
  p: DeadlineState,
  asOf: string,
  withinDays = DEFAULT_WITHIN_DAYS,
): (Owed & { overdue: boolean })[] {
  const horizon = addDays(asOf, withinDays);
  return deadlinesOf(p, asOf)
    .filter((d) => d.due <= horizon)
    .map((d) => ({ ...d, overdue: d.due < asOf }));
}
