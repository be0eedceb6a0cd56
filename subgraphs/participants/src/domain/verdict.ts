/**
 * What a rule says about a request: allowed (with what follows from it), or refused with the issues
 * the client sees — each a field path and a message. Rules return a verdict rather than throw, so a
 * unit test reads the refusal as data; the schema file turns a refusal into a `ValidationError`, or a
 * `ConflictError` when the refusal is a conflict.
 *
 * A conflict is a request that is fine in itself but that the participation, as it is now, no longer
 * allows: it moved on from the status the step starts from, or its consent is already withdrawn.
 * Someone got there first — a millisecond or a day before, the answer is the same, so a race between
 * two requests gives the answer a serial order would.
 */
import { ConflictError, ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';

export type Verdict<T = undefined> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[]; conflict?: true };

export const allow = <T>(value: T): Verdict<T> => ({ ok: true, value });

/** Allowed, with nothing to add. */
export const OK: Verdict = allow(undefined);

/** Refused at one path. */
export const refuse = (path: ValidationIssue['path'], message: string): Verdict<never> => ({
  ok: false,
  issues: [{ path, message }],
});

/** Refused because the participation is no longer as the request needs it: a `ConflictError`. */
export const conflict = (path: ValidationIssue['path'], message: string): Verdict<never> => ({
  ok: false,
  issues: [{ path, message }],
  conflict: true,
});

/** The allowed value, or the refusal as the `ValidationError` (or `ConflictError`) the client gets. */
export function orRefuse<T>(verdict: Verdict<T>): T {
  if (!verdict.ok) {
    const [first] = verdict.issues;
    throw verdict.conflict && first
      ? new ConflictError(first.path, first.message)
      : new ValidationError(verdict.issues);
  }
  return verdict.value;
}
