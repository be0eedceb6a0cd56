/**
 * The årshjul: the deadlines FINSAM and the förbund's own rules fix, merged with the planned
 * meetings. Deadlines are computed, never stored: they follow from the date.
 */
import { badArgument } from '@finsam/kit/errors.js';
import { dueDate, PERIODS_PER_YEAR } from '@finsam/kit/requisition-periods.js';

export const DEADLINES = {
  BUDGET_AND_PLAN: 'Budget och verksamhetsplan for next year decided by the board (30 November)',
  ANNUAL_REPORT: 'Årsredovisning for last year (within 3 months of year end)',
  HALF_YEAR_REPORT: 'Halvårsrapport January–June (by 31 August)',
  REQUISITION: 'Rekvisitioner for the last two-month period (one month after it ends)',
} as const;
export type DeadlineKind = keyof typeof DEADLINES;

export interface Deadline {
  date: string;
  kind: DeadlineKind;
  title: string;
}

/** The deadlines of kinds `kinds` from `from` (YYYY-MM-DD) onwards, in date order, at most `limit`. */
export function deadlines(from: string, kinds: readonly DeadlineKind[], limit: number): Deadline[] {
  const year = Number(from.slice(0, 4));
  const out: Deadline[] = [];
  // This year and the next two: the årshjul looks that far ahead, however many items are asked for.
  for (let y = year; y <= year + 2; y++) {
    if (kinds.includes('ANNUAL_REPORT')) {
      out.push({ date: `${y}-03-31`, kind: 'ANNUAL_REPORT', title: `Årsredovisning ${y - 1}` });
    }
    if (kinds.includes('HALF_YEAR_REPORT')) {
      out.push({ date: `${y}-08-31`, kind: 'HALF_YEAR_REPORT', title: `Halvårsrapport jan–jun ${y}` });
    }
    if (kinds.includes('BUDGET_AND_PLAN')) {
      out.push({ date: `${y}-11-30`, kind: 'BUDGET_AND_PLAN', title: `Budget och verksamhetsplan ${y + 1}` });
    }
    if (kinds.includes('REQUISITION')) {
      // Periods Jan–Feb, Mar–Apr, …; each is due on the last day of the month after it ends.
      for (let period = 1; period <= PERIODS_PER_YEAR; period++) {
        out.push({ date: dueDate(y, period), kind: 'REQUISITION', title: `Rekvisition ${y} period ${period}` });
      }
    }
  }
  return out
    .filter((d) => d.date >= from)
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, limit);
}

/** A meeting as the calendar lists it. */
export interface UpcomingMeeting {
  id: string;
  date: string;
  title: string | null;
}

/** One line of the årshjul: a meeting (by id) or a deadline. */
export interface Upcoming {
  date: string;
  title: string | null;
  meetingId: string | null;
  deadline: Deadline | null;
}

/** Meetings and deadlines in date order, a meeting before a deadline of the same day; at most `limit`. */
export function mergeUpcoming(
  meetings: readonly UpcomingMeeting[],
  due: readonly Deadline[],
  limit: number,
): Upcoming[] {
  return [
    ...meetings.map((m) => ({ date: m.date, title: m.title, meetingId: m.id, deadline: null })),
    ...due.map((d) => ({ date: d.date, title: null, meetingId: null, deadline: d })),
  ]
    .sort((a, b) => a.date.localeCompare(b.date) || (a.deadline ? 1 : -1))
    .slice(0, limit);
}

/** How many calendar items to give: 10 unless asked, at most 100; a negative count is the caller's mistake. */
export function upcomingLimit(limit: number | null | undefined): number {
  if (limit != null && limit < 0) {
    throw badArgument('limit', 'limit is 0 or more');
  }
  return Math.min(limit ?? 10, 100);
}
