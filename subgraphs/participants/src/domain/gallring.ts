/**
 * Gallring: records removed under a retention policy (gallringsbeslut) the förbund decided. A policy
 * keeps a kind of record for `retentionYears` whole calendar years after the year the participation
 * ended (exit, or a rejected referral); from 1 January after that the records are due.
 *
 * What a run does to a due participation is one list, `GALLRING`, as `WITHDRAWAL` is for consent. It
 * anonymises: everything that names or describes the person goes (the person row with personnummer and
 * name, birth year, years on support, the handlingsplan, the free-text reason of the decision, every
 * screening). What stays are the coded facts every published figure counts — kön, age at referral,
 * hemkommun, education, support before and after, referrer, the day of each step, outcomes, the
 * 6/18-month levels, follow-ups — so the year reports (the half-year ledger) and the statistics of
 * closed years read the same after a run as before: a run changes no column either counts.
 * Only participations that ended before 1 January of the current year can be due, so a run never
 * touches an open year.
 */
import type { ValidationIssue } from '@finsam/kit/errors.js';
import type { Participation } from '../entities/Participation.js';
import type { RECORD_TYPES } from '../entities/RetentionPolicy.js';
import { type ParticipationField, removedFields } from './consent.js';
import { allow, type Verdict } from './verdict.js';

export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * Every field of a participation and what gallring of the PARTICIPATION type does to it. `kept` fields
 * are the ones the ledger or the statistics count (src/schema/Statistics.ts, migration
 * ParticipationLedger) or that say only when something happened.
 */
export const GALLRING = {
  person: 'removed',
  birthYear: 'removed',
  yearsInSupport: 'removed',
  actionPlan: 'removed',
  decisionReason: 'removed',
  screenings: 'removed',
  ageAtReferral: 'kept',
  hemkommun: 'kept',
  educationLevel: 'kept',
  supportBefore: 'kept',
  supportAfter: 'kept',
  kon: 'kept',
  startYear: 'kept',
  interventionId: 'kept',
  status: 'kept',
  referredOn: 'kept',
  referrerUnit: 'kept',
  referringMemberId: 'kept',
  needsTwoMembers: 'kept',
  motivated: 'kept',
  exclusionGrounds: 'kept',
  studyVisit: 'kept',
  decidedOn: 'kept',
  consentGivenOn: 'kept',
  consentWithdrawnOn: 'kept',
  enrolledOn: 'kept',
  plannedEnd: 'kept',
  extensionDecisionId: 'kept',
  exitedOn: 'kept',
  outcomes: 'kept',
  finalDocumentationSentOn: 'kept',
  level6Months: 'kept',
  level18Months: 'kept',
  followUps: 'kept',
  culledOn: 'kept',
  carriedOverTo: 'kept',
  // The source system's key leads back to the person there.
  sourceRef: 'removed',
} as const satisfies Record<ParticipationField, 'removed' | 'kept'>;

/** What a gallring run removes from a due participation (its screenings go too). */
export const REMOVED_BY_GALLRING = removedFields(GALLRING);

/** What a förbund administrator enters for a policy. */
export interface PolicyDraft {
  recordType: RecordType;
  retentionYears: number;
  decisionReference: string;
  decidedOn: string;
}

export const MAX_RETENTION_YEARS = 100;

/**
 * A policy as stored, or the issues at each input field: years 1–100, a decision reference, a decision
 * day not ahead.
 */
export function checkPolicy(draft: PolicyDraft, today: string): Verdict<PolicyDraft> {
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(draft.retentionYears) || draft.retentionYears < 1) {
    issues.push({ path: ['input', 'retentionYears'], message: 'Records are kept at least 1 year after they ended' });
  } else if (draft.retentionYears > MAX_RETENTION_YEARS) {
    issues.push({ path: ['input', 'retentionYears'], message: `At most ${MAX_RETENTION_YEARS} years` });
  }
  const reference = draft.decisionReference.trim();
  if (reference.length === 0) {
    issues.push({ path: ['input', 'decisionReference'], message: 'Name the decision (e.g. its paragraph, § 12/2026)' });
  }
  if (draft.decidedOn > today) {
    issues.push({ path: ['input', 'decidedOn'], message: 'A policy is decided on a day that has come' });
  }
  return issues.length ? { ok: false, issues } : allow({ ...draft, decisionReference: reference });
}

/** The first day of the current year (in Sweden) minus the retention: participations that ended before it are due. */
export function gallringCutoff(retentionYears: number, today: string): string {
  return `${Number(today.slice(0, 4)) - retentionYears}-01-01`;
}

type Ending = Pick<Participation, 'status' | 'exitedOn' | 'decidedOn'>;

/** The day a participation ended: its exit, or the decision that rejected the referral; null while open. */
export function endedOn(p: Ending): string | null {
  if (p.status === 'EXITED') {
    return p.exitedOn ?? null;
  }
  return p.status === 'REJECTED' ? (p.decidedOn ?? null) : null;
}

/** Whether a policy with this cutoff makes the participation due; one already anonymised is not due again. */
export function isDue(p: Ending & Pick<Participation, 'culledOn'>, cutoff: string): boolean {
  const ended = endedOn(p);
  return p.culledOn == null && ended !== null && ended < cutoff;
}
