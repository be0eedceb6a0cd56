/** An answer given with a svarskod, alone: its values against the questionnaire, and the code's state. */
import { ValidationError } from '@finsam/kit/errors.js';
import {
  parseAnswers,
  ResponseCodeError,
  submitOutcome,
  usableCode,
  valuesInItemOrder,
} from '../../src/domain/answers.js';
import { issuesOf } from './issues.js';

const items = [
  { id: 'a', position: 1, required: true },
  { id: 'b', position: 2, required: true },
  { id: 'c', position: 3, required: false },
];
const scale = { min: 1, max: 5 };
const values = (answers: { itemId: string; value: number }[]) => () => valuesInItemOrder(items, scale, answers);

describe('an answer', () => {
  it('is stored in statement order, whatever order it came in; a skipped optional statement is null', () => {
    expect(
      values([
        { itemId: 'b', value: 5 },
        { itemId: 'a', value: 1 },
      ])(),
    ).toEqual([1, 5, null]);
  });

  it('refuses a value off the scale, at its place', () => {
    expect(
      issuesOf(
        values([
          { itemId: 'a', value: 1 },
          { itemId: 'b', value: 6 },
        ]),
      ),
    ).toEqual([{ path: ['answers', 1, 'value'], message: 'The scale is 1–5' }]);
  });

  it('refuses a statement of another questionnaire, and one answered twice', () => {
    const answers = [
      { itemId: 'a', value: 1 },
      { itemId: 'b', value: 2 },
      { itemId: 'x', value: 3 },
      { itemId: 'a', value: 4 },
    ];
    expect(issuesOf(values(answers))).toEqual([
      { path: ['answers', 2, 'itemId'], message: 'Not a statement of this questionnaire' },
      { path: ['answers', 3, 'itemId'], message: 'Answered twice' },
    ]);
  });

  it('refuses a required statement left out (once: a wrong value is named at the value)', () => {
    expect(issuesOf(values([{ itemId: 'b', value: 3 }]))).toEqual([
      { path: ['answers'], message: 'Statement 1 needs an answer' },
    ]);
    expect(
      issuesOf(
        values([
          { itemId: 'a', value: 0 },
          { itemId: 'b', value: 3 },
        ]),
      ),
    ).toEqual([{ path: ['answers', 0, 'value'], message: 'The scale is 1–5' }]);
  });

  it('needs at least one value', () => {
    expect(issuesOf(() => parseAnswers([]))).toEqual([{ path: ['answers'], message: 'Answer the questionnaire' }]);
  });
});

describe('the svarskod', () => {
  it('works while unused and its round is open', () => {
    const found = { instrument_id: 'i', is_open: true };
    expect(usableCode(found)).toBe(found);
  });

  it('is refused when unknown or used, or when its round is not open', () => {
    expect(usableCode(undefined)).toMatchObject({
      code: 'INVALID_CODE',
      message: 'The code is unknown or already used',
    });
    expect(usableCode({ is_open: false })).toMatchObject({
      code: 'ROUND_CLOSED',
      message: 'The survey round does not take answers now',
    });
  });

  it('reads what the database said when storing', () => {
    expect(submitOutcome('ACCEPTED')).toEqual({ accepted: true });
    expect(() => submitOutcome('INVALID_CODE')).toThrow(ResponseCodeError);
    expect(() => submitOutcome('ROUND_CLOSED')).toThrow(new ResponseCodeError('ROUND_CLOSED'));
    expect(issuesOf(() => submitOutcome('BAD_VALUES'))).toEqual([
      { path: ['answers'], message: 'The answer does not fit the questionnaire' },
    ]);
    expect(() => submitOutcome(undefined)).toThrow(ValidationError);
  });
});
