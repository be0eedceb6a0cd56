import { type ConflictError, ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';

/** Throws what a rule found as one ValidationError (nothing is written); no issues, no error. */
export function refuse(issues: readonly ValidationIssue[]): void {
  if (issues.length) {
    throw new ValidationError([...issues]);
  }
}

/** Throws what a rule found to conflict with the stored state (someone got there first); none, nothing. */
export function refuseConflict(conflict: ConflictError | null): void {
  if (conflict) {
    throw conflict;
  }
}
