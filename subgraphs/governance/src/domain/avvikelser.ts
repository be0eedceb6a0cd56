/**
 * The handling of an avvikelse (a deviation in the collaboration of an insats). Staff report for
 * their own insats (administrators for any); the styrgrupp answers within 30 days: its members
 * receive, read and handle the avvikelser of their insats, and no other's ("avvikelserapporter
 * hanteras av styrgruppen", Verksamhetsplan 2022 Västerås; the insatsbeskrivningar). The förbund's
 * administrators read and handle every one (the kansli, and while a styrgrupp's members cannot log
 * in). The board follows them as a summary — counts by status per insats (`summarize`) — and never
 * reads a report's text, which is about named people's collaboration. It moves from
 * received (mottagen) to being handled, and closes either handled with a decision of the förbund
 * or forwarded to a member's own organisation; it never goes back to received, and a closed one
 * stays closed.
 */
import { addDays } from '@finsam/kit/dates.js';
import type { ValidationIssue } from '@finsam/kit/errors.js';
import type { AVVIKELSE_STATUSES } from '../entities/Avvikelse.js';

export type AvvikelseStatus = (typeof AVVIKELSE_STATUSES)[number];

/** The styrgrupp answers an avvikelse within this many days. */
export const ANSWER_DAYS = 30;

/** The day the styrgrupp's answer is due. */
export const answerDue = (reportedOn: string): string => addDays(reportedOn, ANSWER_DAYS);

/** Received or being handled: the styrgrupp still owes an answer. */
export const isOpen = (status: AvvikelseStatus): boolean => status === 'RECEIVED' || status === 'BEING_HANDLED';

/** Still open after its due date, on the day `on` (YYYY-MM-DD). */
export const isOverdue = (a: { status: AvvikelseStatus; dueOn: string }, on: string): boolean =>
  isOpen(a.status) && a.dueOn < on;

/** Who reports: staff for an insats they work in, förbund administrators for any. */
export function reporterIssues(
  caller: { tenantAdmin: boolean; interventionIds: readonly string[] },
  interventionId: string,
): ValidationIssue[] {
  return caller.tenantAdmin || caller.interventionIds.includes(interventionId)
    ? []
    : [{ path: ['interventionId'], message: 'You report avvikelser for your own insats' }];
}

/** The report says what happened, in at least 10 characters (after trimming). */
export function descriptionIssues(description: string): ValidationIssue[] {
  return description.trim().length < 10
    ? [{ path: ['description'], message: 'Describe what happened (at least 10 characters)' }]
    : [];
}

/** A move from `current` to `next`: only an open avvikelse moves, and never back to received. */
export function transitionIssues(current: AvvikelseStatus, next: AvvikelseStatus): ValidationIssue[] {
  if (!isOpen(current)) {
    return [{ path: ['id'], message: 'The avvikelse is already closed' }];
  }
  if (next === 'RECEIVED') {
    return [{ path: ['status'], message: 'An avvikelse cannot go back to received' }];
  }
  return [];
}

/** Closing it: handled needs a decision of the förbund, forwarded a member of it (each as found). */
export function resolutionIssues(
  next: AvvikelseStatus,
  found: { decision?: boolean; member?: boolean },
): ValidationIssue[] {
  if (next === 'HANDLED' && !found.decision) {
    return [{ path: ['decisionId'], message: 'Handled means handled with a decision of your förbund' }];
  }
  if (next === 'FORWARDED' && !found.member) {
    return [{ path: ['forwardedToMemberId'], message: 'Forwarded means forwarded to a member of your förbund' }];
  }
  return [];
}

/** Who reads and handles avvikelser: the whole förbund (its administrators), or by insats. */
export interface AvvikelseReader {
  wholeForbund: boolean;
  /** Insatser they work in as staff. */
  staffOf: readonly string[];
  /** Insatser whose styrgrupp they sit in. */
  steeringOf: readonly string[];
}

/** The insatser whose avvikelser they read; null for every insats of the förbund. */
export function readableInsatser(reader: AvvikelseReader): string[] | null {
  return reader.wholeForbund ? null : [...new Set([...reader.staffOf, ...reader.steeringOf])];
}

/** Whether they handle the avvikelser of this insats: the whole förbund, or its styrgrupp (not its staff). */
export function handles(reader: AvvikelseReader, interventionId: string): boolean {
  return reader.wholeForbund || reader.steeringOf.includes(interventionId);
}

/** The avvikelser of one insats by where they are (the board's summary): counts, no text. */
export interface AvvikelseSummary {
  interventionId: string;
  received: number;
  beingHandled: number;
  handled: number;
  forwarded: number;
  /** Open after their due date, on the day asked. */
  overdue: number;
}

const SUMMARY_FIELD = {
  RECEIVED: 'received',
  BEING_HANDLED: 'beingHandled',
  HANDLED: 'handled',
  FORWARDED: 'forwarded',
} as const satisfies Record<AvvikelseStatus, keyof AvvikelseSummary>;

/** Counts by status per insats, insatser in the order first met; overdue as of `on`. */
export function summarize(
  rows: readonly { interventionId: string; status: AvvikelseStatus; dueOn: string }[],
  on: string,
): AvvikelseSummary[] {
  const by = new Map<string, AvvikelseSummary>();
  for (const a of rows) {
    let s = by.get(a.interventionId);
    if (!s) {
      s = { interventionId: a.interventionId, received: 0, beingHandled: 0, handled: 0, forwarded: 0, overdue: 0 };
      by.set(a.interventionId, s);
    }
    s[SUMMARY_FIELD[a.status]]++;
    if (isOverdue(a, on)) {
      s.overdue++;
    }
  }
  return [...by.values()];
}
