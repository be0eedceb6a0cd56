/** The issues of the ValidationError a rule throws; fails the test when it throws none, or something else. */
import { ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';

export function issuesOf(rule: () => unknown): ValidationIssue[] {
  try {
    rule();
  } catch (error) {
    if (error instanceof ValidationError) {
      return error.issues;
    }
    throw error;
  }
  throw new Error('expected a ValidationError, and the rule passed');
}
