/**
 * Skyddad personuppgift (protected identity): a participant whose name and personnummer are read only
 * by the staff of their own insats, and only with a stated reason that the audit log keeps beside the
 * read. Exports and county figures never carry identity at all, protected or not.
 */
import { TEXT_LIMITS, textProblem } from '@finsam/kit/input.js';
import { allow, refuse, type Verdict } from './verdict.js';

/** The argument on every identifying field that names why it is read. */
export const REASON_ARGUMENT = 'reason';

/**
 * The reason to record with a read of an identifying field: required (non-blank, one line) when the
 * person is protected; optional otherwise, and kept when given.
 */
export function readReason(isProtected: boolean, reason: string | null | undefined): Verdict<string | null> {
  const text = reason?.trim() ?? '';
  if (!text) {
    return isProtected
      ? refuse([REASON_ARGUMENT], 'A protected identity (skyddad personuppgift) is read only with a reason')
      : allow(null);
  }
  const problem = textProblem(text, TEXT_LIMITS.line, true);
  return problem ? refuse([REASON_ARGUMENT], problem) : allow(text);
}

/** Who may read a protected identity: the staff of the participant's own insats, nobody else. */
export const mayReadProtected = (staffOfInsats: boolean): boolean => staffOfInsats;

/** Marking (or unmarking) needs an identity to protect: none after consent is withdrawn or when anonymous. */
export const markProtected = (hasIdentity: boolean): Verdict =>
  hasIdentity
    ? allow(undefined)
    : refuse(['participationId'], 'The participation holds no identity to protect (anonymous, or consent withdrawn)');
