/**
 * Done means: dates are calendar-exact within DATE_YEARS, text has no control characters and a bound
 * by kind (overridable), whole numbers are bounded by name, money (`Kronor`) at MONEY_MAX per amount and
 * exact to KRONOR_MAX in a sum, and a bad argument is
 * BAD_USER_INPUT naming it — or, in a mutation with typed errors, a ValidationError at its path.
 */
import { ValidationError } from '@finsam/kit/errors.js';
import {
  checkInput,
  DATE_YEARS,
  dateProblem,
  dateTimeProblem,
  InvalidInput,
  inputIssues,
  KRONOR_MAX,
  MONEY_MAX,
  maxLength,
  parseDate,
  parseDateTime,
  parseKronor,
  serializeKronor,
  TEXT_LIMITS,
  textProblem,
} from '@finsam/kit/input.js';
import { buildSchema, type GraphQLError, type GraphQLField, type GraphQLObjectType } from 'graphql';

describe('Date', () => {
  it.each(['2021-01-01', '2024-02-29', '1900-01-01', '2100-12-31', '2021-04-30'])('accepts %s', (d) => {
    expect(dateProblem(d)).toBeNull();
    expect(parseDate(d)).toBe(d);
  });
  it.each([
    ['2021-02-30', 'No such day'],
    ['2021-04-31', 'No such day'],
    ['2023-02-29', 'No such day'],
    ['2021-13-01', 'No such day'],
    ['2021-00-10', 'No such day'],
    ['0000-01-01', `A date lies in ${DATE_YEARS.first}–${DATE_YEARS.last}`],
    ['1899-12-31', `A date lies in ${DATE_YEARS.first}–${DATE_YEARS.last}`],
    ['2101-01-01', `A date lies in ${DATE_YEARS.first}–${DATE_YEARS.last}`],
    ['2021-1-01', 'Date is YYYY-MM-DD'],
    ['2021-01-01T00:00:00Z', 'Date is YYYY-MM-DD'],
    ['not a date', 'Date is YYYY-MM-DD'],
    [20210101, 'Date is YYYY-MM-DD'],
    [null, 'Date is YYYY-MM-DD'],
  ])('refuses %p: %s', (d, problem) => {
    expect(dateProblem(d)).toBe(problem);
    expect(parseDate(d)).toEqual(new InvalidInput(problem));
  });
});

describe('DateTime', () => {
  it.each(['2026-03-01T09:00:00Z', '2026-03-01T09:00:00.123Z', '2026-03-01T09:00+01:00', '2024-02-29T23:59:59-05:30'])(
    'accepts %s',
    (d) => {
      expect(dateTimeProblem(d)).toBeNull();
      expect((parseDateTime(d) as Date).getTime()).toBe(Date.parse(d));
    },
  );
  it.each([
    '2021-02-30T10:00:00Z',
    '0000-01-01T00:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T09:60:00Z',
    '2026-03-01T09:00:00',
    '2026-03-01',
    'yesterday',
    42,
  ])('refuses %p', (d) => {
    expect(dateTimeProblem(d)).not.toBeNull();
    expect(parseDateTime(d)).toBeInstanceOf(InvalidInput);
  });
});

describe('Kronor', () => {
  it('takes whole kronor in, and nothing else', () => {
    expect(parseKronor(2_147_483_647)).toBe(2_147_483_647);
    expect(parseKronor(-5)).toBe(-5);
    for (const bad of [1.5, '100', 2 ** 53, null]) {
      expect(parseKronor(bad)).toEqual(new InvalidInput('Whole kronor'));
    }
  });
  it('shows a stored bigint sum exactly past 2^31, up to 2^53 − 1, and refuses rather than rounds beyond', () => {
    expect(serializeKronor(6_442_450_941n)).toBe(6_442_450_941);
    expect(serializeKronor(BigInt(KRONOR_MAX))).toBe(9_007_199_254_740_991);
    expect(serializeKronor(-BigInt(KRONOR_MAX))).toBe(-9_007_199_254_740_991);
    expect(serializeKronor(42)).toBe(42);
    expect(() => serializeKronor(BigInt(KRONOR_MAX) + 1n)).toThrow('is not whole kronor');
    expect(() => serializeKronor(0.5)).toThrow('is not whole kronor');
  });
});

describe('text', () => {
  it('refuses NUL and the C0 controls and DEL; free text keeps tab, newline and carriage return', () => {
    for (const c of ['\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u001f', '\u007f']) {
      expect(textProblem(`a${c}b`, 100)).toBe('No control characters');
    }
    expect(textProblem('a\tb\r\nc', 100)).toBeNull();
    expect(textProblem('a\nb', 100, true)).toBe('No control characters');
    expect(textProblem('Åsa Öberg – “Sala”', 100, true)).toBeNull();
  });
  it('bounds the length', () => {
    expect(textProblem('x'.repeat(10), 10)).toBeNull();
    expect(textProblem('x'.repeat(11), 10)).toBe('At most 10 characters');
  });
});

const schema = buildSchema(`
  input Line { amount: Kronor!, description: String!, when: Date }
  input Item { name: String!, email: String, note: String, lines: [Line!] }
  scalar Date
  scalar Kronor
  type Ok { ok: Boolean }
  type ValidationError { message: String }
  union Result = Ok | ValidationError
  type Query {
    find(name: String, year: Int, within: Int, other: Int, on: Date, note: String, id: ID, tags: [String!]): Boolean
  }
  type Mutation { save(item: Item!, reason: String): Result }
`);
const query = (schema.getType('Query') as GraphQLObjectType).getFields().find!;
const mutation = (schema.getType('Mutation') as GraphQLObjectType).getFields().save!;

describe('inputIssues', () => {
  it('accepts good arguments', () => {
    expect(
      inputIssues(query.args, {
        name: 'Sala',
        year: 2026,
        within: 3650,
        other: 2_147_483_647,
        on: '2026-01-01',
        note: 'x'.repeat(TEXT_LIMITS.text),
        id: 'not checked here',
        tags: ['a'],
      }),
    ).toEqual([]);
  });
  it('names each bad argument: years, day windows, names, free text, list items, dates', () => {
    expect(
      inputIssues(query.args, {
        name: 'x'.repeat(TEXT_LIMITS.line + 1),
        year: -1,
        within: 2_147_483_647,
        on: new InvalidInput('No such day'),
        note: 'a\u0000b',
        tags: ['ok', 'x'.repeat(100_000)],
      }),
    ).toEqual([
      { path: ['name'], message: `At most ${TEXT_LIMITS.line} characters` },
      { path: ['year'], message: `Between ${DATE_YEARS.first} and ${DATE_YEARS.last}` },
      { path: ['within'], message: 'Between 0 and 3650' },
      { path: ['on'], message: 'No such day' },
      { path: ['note'], message: 'No control characters' },
      { path: ['tags', 1], message: `At most ${TEXT_LIMITS.text} characters` },
    ]);
  });
  it('walks input objects: money, e-mail and nested dates at their paths', () => {
    expect(
      inputIssues(mutation.args, {
        item: {
          name: 'Sala',
          email: `${'a'.repeat(TEXT_LIMITS.email)}@x.se`,
          lines: [
            { amount: MONEY_MAX, description: 'ok' },
            { amount: MONEY_MAX + 1, description: 'ok', when: new InvalidInput('No such day') },
            { amount: -MONEY_MAX - 1, description: 'ok' },
          ],
        },
      }),
    ).toEqual([
      { path: ['item', 'email'], message: `At most ${TEXT_LIMITS.email} characters` },
      { path: ['item', 'lines', 1, 'amount'], message: `Between ${-MONEY_MAX} and ${MONEY_MAX}` },
      { path: ['item', 'lines', 1, 'when'], message: 'No such day' },
      { path: ['item', 'lines', 2, 'amount'], message: `Between ${-MONEY_MAX} and ${MONEY_MAX}` },
    ]);
  });
  it('lets a field set a longer bound of its own', () => {
    const [note] = query.args.filter((a) => a.name === 'note');
    const longer = { ...note!, extensions: maxLength(100_000) };
    expect(inputIssues([longer], { note: 'x'.repeat(100_000) })).toEqual([]);
    expect(inputIssues([longer], { note: 'x'.repeat(100_001) })).toEqual([
      { path: ['note'], message: 'At most 100000 characters' },
    ]);
  });
});

describe('checkInput', () => {
  it('a query argument is BAD_USER_INPUT naming it', () => {
    const error = catchError(() =>
      checkInput(query as GraphQLField<unknown, unknown>, { on: new InvalidInput('No such day') }),
    );
    expect((error as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'on' });
    expect((error as GraphQLError).message).toBe('`on`: No such day');
  });
  it('a mutation with typed errors gets a ValidationError with every issue', () => {
    const error = catchError(() =>
      checkInput(mutation as GraphQLField<unknown, unknown>, {
        item: { name: 'a\u0000', lines: [{ amount: MONEY_MAX + 1, description: 'x' }] },
        reason: 'x'.repeat(102_400),
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: ['item', 'name'], message: 'No control characters' },
      { path: ['item', 'lines', 0, 'amount'], message: `Between ${-MONEY_MAX} and ${MONEY_MAX}` },
      { path: ['reason'], message: `At most ${TEXT_LIMITS.text} characters` },
    ]);
  });
  it('lets good input through', () => {
    expect(() => checkInput(query as GraphQLField<unknown, unknown>, { name: 'Sala', year: 2026 })).not.toThrow();
  });
});

function catchError(work: () => void): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
