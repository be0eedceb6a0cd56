/**
 * Screenings in the team's work with a participant with consent: the violence questions (frågor om
 * våld: answered, support offered) or a score on KASAM, SRS or ORS, within the instrument's scale.
 */
import type { Participation } from '../entities/Participation.js';
import type { SCREENING_KINDS } from '../entities/Screening.js';
import { needsConsent } from './consent.js';
import { OK, refuse, type Verdict } from './verdict.js';

export type ScreeningKind = (typeof SCREENING_KINDS)[number];

/** Score ranges of the instruments, both ends included. */
export const SCORE_RANGE: Record<Exclude<ScreeningKind, 'VIOLENCE_QUESTIONS'>, [number, number]> = {
  KASAM: [13, 91],
  SRS: [0, 40],
  ORS: [0, 40],
};

export interface ScreeningData {
  kind: ScreeningKind;
  /** The day it was made: not before consent was given. */
  date: string;
  answered?: boolean | null;
  supportOffered?: boolean | null;
  score?: number | null;
}

/** Whether a screening may be recorded for the participation, as given. */
export function checkScreening(
  p: Pick<Participation, 'consentGivenOn' | 'consentWithdrawnOn'>,
  s: ScreeningData,
): Verdict {
  const consent = needsConsent(p, [['participationId']]);
  if (!consent.ok) {
    return consent;
  }
  if (p.consentGivenOn && s.date < p.consentGivenOn) {
    return refuse(['date'], `Consent was given on ${p.consentGivenOn}: a screening is not before that`);
  }
  if (s.kind === 'VIOLENCE_QUESTIONS') {
    return s.answered == null || s.supportOffered == null || s.score != null
      ? refuse(['answered'], 'The violence questions record answered and support offered, no score')
      : OK;
  }
  const [min, max] = SCORE_RANGE[s.kind];
  if (s.score == null || s.score < min || s.score > max) {
    return refuse(['score'], `${s.kind} scores are ${min}–${max}`);
  }
  if (s.answered != null || s.supportOffered != null) {
    return refuse(['answered'], 'Only the violence questions record answered and support offered');
  }
  return OK;
}
