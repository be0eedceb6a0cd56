/**
 * Answering with a svarskod: one value per statement, on the questionnaire's scale, every required
 * statement answered, none twice. The values are stored in statement order (null where an optional
 * statement was skipped), with nothing that ties them to the code or the respondent.
 */
import { ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import type { Scale } from '../entities/Instrument.js';

/** Why a code cannot be used; nothing is stored. */
export const RESPONSE_CODE_ERRORS = {
  INVALID_CODE: 'The code is unknown or already used',
  ROUND_CLOSED: 'The survey round does not take answers now',
} as const;

export class ResponseCodeError extends Error {
  constructor(readonly code: keyof typeof RESPONSE_CODE_ERRORS) {
    super(RESPONSE_CODE_ERRORS[code]);
    this.name = 'ResponseCodeError';
  }
}

/** A code opens its questionnaire once issued (its round is found) while its round is open; otherwise why not. */
export function usableCode<C extends { is_open: boolean }>(found: C | undefined): C | ResponseCodeError {
  if (!found) {
    return new ResponseCodeError('INVALID_CODE');
  }
  return found.is_open ? found : new ResponseCodeError('ROUND_CLOSED');
}

const answerSchema = z
  .array(z.object({ itemId: z.string(), value: z.number().int() }))
  .min(1, 'Answer the questionnaire');

export type ItemAnswer = z.infer<typeof answerSchema>[number];

/** The answers as given; or a ValidationError at `answers`. */
export function parseAnswers(answers: unknown): ItemAnswer[] {
  return parseInput(answerSchema, answers, ['answers']);
}

/** The statements of a questionnaire, in order. */
export type Statement = { id: string; position: number; required: boolean };

/** The values in statement order, or every problem with the answer at its input path (a ValidationError). */
export function valuesInItemOrder(
  items: readonly Statement[],
  scale: Pick<Scale, 'min' | 'max'>,
  answers: readonly ItemAnswer[],
): (number | null)[] {
  const { min, max } = scale;
  const values: (number | null)[] = items.map(() => null);
  const issues: ValidationIssue[] = [];
  answers.forEach(({ itemId, value }, i) => {
    const index = items.findIndex((item) => item.id === itemId);
    if (index < 0) {
      issues.push({ path: ['answers', i, 'itemId'], message: 'Not a statement of this questionnaire' });
    } else if (values[index] !== null) {
      issues.push({ path: ['answers', i, 'itemId'], message: 'Answered twice' });
    } else if (value < min || value > max) {
      issues.push({ path: ['answers', i, 'value'], message: `The scale is ${min}–${max}` });
    } else {
      values[index] = value;
    }
  });
  items.forEach((item, index) => {
    if (item.required && values[index] === null && !answers.some((a) => a.itemId === item.id)) {
      issues.push({ path: ['answers'], message: `Statement ${item.position} needs an answer` });
    }
  });
  if (issues.length) {
    throw new ValidationError(issues);
  }
  return values;
}

/**
 * What the database's `submit_answer` said: stored, a code it refuses, or (it re-checks the
 * values itself) an answer that does not fit the questionnaire after all.
 */
export function submitOutcome(status: string | undefined): { accepted: true } {
  if (status === 'ACCEPTED') {
    return { accepted: true };
  }
  if (status === 'INVALID_CODE' || status === 'ROUND_CLOSED') {
    throw new ResponseCodeError(status);
  }
  throw new ValidationError([{ path: ['answers'], message: 'The answer does not fit the questionnaire' }]);
}
