/**
 * What a rule says about a request: allowed (with what follows from it), or refused with the issues
 * the client sees — each a field path and a message. Rules return a verdict rather than throw, so a
 * unit test reads the refusal as data; the schema file turns a refusal into a `ValidationError`.
 */
import { ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';

export type Verdict<T = undefined> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export const allow = <T>(value: T): Verdict<T> => ({ ok: true, value });

/** Allowed, with nothing to add. */
export const OK: Verdict = allow(undefined);

/** Refused at one path. */
export const refuse = (path: ValidationIssue['path'], message: string): Verdict<never> => ({
  ok: false,
  issues: [{ path, message }],
});

/** The allowed value, or the refusal as the `ValidationError` the client gets. */
export function orRefuse<T>(verdict: Verdict<T>): T {
  if (!verdict.ok) {
    throw new ValidationError(verdict.issues);
  }
  return verdict.value;
}
