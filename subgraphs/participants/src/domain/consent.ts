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

/**
 * What a withdrawal removes: the person (personnummer, name), what follows from them (birth year,
 * age, hemkommun) and the background and support data. Kön, start year, the insats, the dates and
 * outcomes stay, so the participation still counts in the figures.
 */
export const REMOVED_BY_WITHDRAWAL = {
  person: null,
  birthYear: null,
  ageAtReferral: null,
  hemkommun: null,
  educationLevel: null,
  supportBefore: null,
  yearsInSupport: null,
  supportAfter: null,
} as const satisfies Partial<Record<keyof Participation, null>>;

/**
 * Withdrawing consent on a day: the changes to make, or a refusal when there is no consent to withdraw —
 * a conflict when it was withdrawn already (someone got there first).
 */
export function withdrawConsent(
  p: ConsentState,
  withdrawnOn: string,
): Verdict<typeof REMOVED_BY_WITHDRAWAL & { consentWithdrawnOn: string }> {
  if (p.consentGivenOn && p.consentWithdrawnOn) {
    return conflict(['participationId'], `Consent was withdrawn already, on ${p.consentWithdrawnOn}`);
  }
  if (withoutConsent(p)) {
    return refuse(['participationId'], 'There is no consent to withdraw');
  }
  return allow({ consentWithdrawnOn: withdrawnOn, ...REMOVED_BY_WITHDRAWAL });
}
