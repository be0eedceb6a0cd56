/**
 * Samtycke (consent). A participation without consent — never given, or withdrawn — is anonymous:
 * it keeps kön, start year and the insats, and no identifying or background data. Withdrawing consent
 * turns a participation into such a one.
 */
import type { ValidationIssue } from '@finsam/kit/errors.js';
import type { Participation } from '../entities/Participation.js';
import { allow, conflict, refuse, type Verdict } from './verdict.js';

type ConsentState = Pick<Participation, 'consentGivenOn' | 'consentWithdrawnOn'>;

/** No consent given, or given and withdrawn: the participation is anonymous. */
export const withoutConsent = (p: ConsentState): boolean => !p.consentGivenOn || !!p.consentWithdrawnOn;

const NO_CONSENT = 'An anonymous participation (no consent) keeps no identifying or background data';

/** Refuses identifying or background data for a participation without consent: one issue at each path. */
export const consentRefusal = (paths: ValidationIssue['path'][]): Verdict<never> => ({
  ok: false,
  issues: paths.map((path) => ({ path, message: NO_CONSENT })),
});

/** Data that needs consent, given at `paths`: refused without it. */
export const needsConsent = (p: ConsentState, paths: ValidationIssue['path'][]): Verdict =>
  withoutConsent(p) ? consentRefusal(paths) : allow(undefined);

/** A participation's own data, each field named once in the fate tables (`WITHDRAWAL`, gallring's `GALLRING`). */
export type ParticipationField = Exclude<keyof Participation, 'id' | 'tenantId' | symbol>;

/**
 * The one list of what a withdrawal of consent removes and keeps, for every field of a participation
 * (DOMAIN.md: without consent only kön and start year may be kept; the rest that stays says nothing
 * about who the person is and keeps the participation in the figures). `withdrawConsent`
 * (src/schema/Consent.ts) carries it out in one transaction; `test/cross-field.test.ts` reads the
 * remainder back from the database.
 *
 * - Removed: the fields of `REMOVED_BY_WITHDRAWAL`, the person row (when no other participation of the
 *   person remains) and every screening (the violence questions, KASAM, SRS, ORS).
 * - Kept: kön and start year; the insats, the status and the day of each step; the referral in fixed
 *   categories (referring unit and member, coordinated needs, motivation, exclusion grounds, study
 *   visit); the exit outcomes and the 6/18-month levels; the follow-ups (day, referrer present,
 *   decision) and the extension decision.
 */
export const WITHDRAWAL = {
  person: 'removed',
  birthYear: 'removed',
  ageAtReferral: 'removed',
  hemkommun: 'removed',
  educationLevel: 'removed',
  supportBefore: 'removed',
  yearsInSupport: 'removed',
  supportAfter: 'removed',
  actionPlan: 'removed',
  decisionReason: 'removed',
  sourceRef: 'removed',
  screenings: 'removed',
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
} as const satisfies Record<ParticipationField, 'removed' | 'kept'>;

/**
 * The `removed` fields of a fate table, each set to null: what is written onto the participation itself
 * (its screenings, a relation, are deleted apart).
 */
export function removedFields<T extends Partial<Record<ParticipationField, 'removed' | 'kept'>>>(fates: T) {
  return Object.fromEntries(
    Object.entries(fates).flatMap(([field, fate]) =>
      fate === 'removed' && field !== 'screenings' ? [[field, null]] : [],
    ),
  ) as { [K in keyof T as T[K] extends 'removed' ? Exclude<K, 'screenings'> : never]: null };
}

/**
 * What a withdrawal removes from the participation itself: the person (personnummer, name — the person
 * row goes too when no other participation rests on it), what follows from them (birth year, age,
 * hemkommun), the background and support data, the handlingsplan, and the free-text reason of the
 * referral decision (it may describe the person's situation).
 */
export const REMOVED_BY_WITHDRAWAL = removedFields(WITHDRAWAL);

/**
 * Withdrawing consent on a day: the changes to make to the participation (its screenings go as well),
 * or a refusal — no consent to withdraw, or a day before the consent was given or after `today`; a conflict
 * when it was withdrawn already (someone got there first).
 */
export function withdrawConsent(
  p: ConsentState,
  withdrawnOn: string,
  today: string,
): Verdict<typeof REMOVED_BY_WITHDRAWAL & { consentWithdrawnOn: string }> {
  if (p.consentGivenOn && p.consentWithdrawnOn) {
    return conflict(['participationId'], `Consent was withdrawn already, on ${p.consentWithdrawnOn}`);
  }
  if (withoutConsent(p)) {
    return refuse(['participationId'], 'There is no consent to withdraw');
  }
  if (p.consentGivenOn && withdrawnOn < p.consentGivenOn) {
    return refuse(['withdrawnOn'], `Consent was given on ${p.consentGivenOn}: a withdrawal is not before that`);
  }
  if (withdrawnOn > today) {
    return refuse(['withdrawnOn'], 'A withdrawal is not dated in the future');
  }
  return allow({ consentWithdrawnOn: withdrawnOn, ...REMOVED_BY_WITHDRAWAL });
}
