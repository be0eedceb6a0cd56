/** Survey rounds (enkätomgångar) alone: planning, the minimum n, status, closing and issuing codes. */
import {
  assertClosable,
  assertIssuable,
  assertRoundUnits,
  FORBUND_UNIT,
  parseCodeCount,
  parseNewRound,
  roundStatus,
} from '../../src/domain/survey-round.js';
import { issuesOf } from './issues.js';

const INSTRUMENT = '00000000-0000-4000-8000-00000000000a';
const SALA = '00000000-0000-4000-8000-00000000000b';
const FNS = '00000000-0000-4000-8000-00000000000c';

const input = (change: Record<string, unknown> = {}) => ({
  instrumentId: INSTRUMENT,
  period: { from: '2025-01', to: '2025-12' },
  interventionIds: [SALA, FNS],
  opensAt: new Date('2025-01-01T00:00:00Z'),
  closesAt: new Date('2025-12-31T00:00:00Z'),
  ...change,
});

describe('planning a round', () => {
  it('hides results below 5 respondents unless it says otherwise', () => {
    expect(parseNewRound(input()).minimumN).toBe(5);
    expect(parseNewRound(input({ minimumN: null })).minimumN).toBe(5);
    expect(parseNewRound(input({ minimumN: 3 })).minimumN).toBe(3);
  });

  it('refuses a minimum n that cannot keep answers anonymous, and one past 100', () => {
    expect(issuesOf(() => parseNewRound(input({ minimumN: 2 })))).toEqual([
      { path: ['input', 'minimumN'], message: 'Fewer than 3 respondents cannot be anonymous' },
    ]);
    expect(issuesOf(() => parseNewRound(input({ minimumN: 101 })))).toEqual([
      { path: ['input', 'minimumN'], message: expect.any(String) },
    ]);
  });

  it('gives every problem at once, each at its field', () => {
    const bad = input({
      period: { from: '2025-13', to: '2025-01' },
      closesAt: new Date('2024-12-31T00:00:00Z'),
      minimumN: 2,
    });
    expect(issuesOf(() => parseNewRound(bad))).toEqual([
      { path: ['input', 'period', 'from'], message: 'A month is YYYY-MM' },
      { path: ['input', 'period', 'to'], message: 'The period ends before it starts' },
      { path: ['input', 'minimumN'], message: 'Fewer than 3 respondents cannot be anonymous' },
      { path: ['input', 'closesAt'], message: 'The round closes before it opens' },
    ]);
  });

  it.each([
    ['an insats twice', { interventionIds: [SALA, SALA] }, ['input', 'interventionIds'], 'An insats is listed twice'],
    ['an insats that is no id', { interventionIds: ['Sala'] }, ['input', 'interventionIds', 0], 'Not an insats id'],
    ['a questionnaire that is no id', { instrumentId: 'v1' }, ['input', 'instrumentId'], 'Not a questionnaire id'],
    [
      'closing as it opens',
      { closesAt: new Date('2025-01-01T00:00:00Z') },
      ['input', 'closesAt'],
      'The round closes before it opens',
    ],
  ])('refuses %s', (_name, change, path, message) => {
    expect(issuesOf(() => parseNewRound(input(change)))).toEqual([{ path, message }]);
  });
});

describe('who a round is for (respondent groups)', () => {
  it('a participant or staff round covers one or more insatser and names no body', () => {
    for (const group of ['PARTICIPANT_ONGOING', 'PARTICIPANT_AT_EXIT', 'INTERVENTION_STAFF'] as const) {
      expect(() => assertRoundUnits(group, parseNewRound(input()))).not.toThrow();
      expect(issuesOf(() => assertRoundUnits(group, parseNewRound(input({ interventionIds: [] }))))).toEqual([
        { path: ['input', 'interventionIds'], message: 'A round covers at least one insats' },
      ]);
    }
    expect(
      issuesOf(() => assertRoundUnits('INTERVENTION_STAFF', parseNewRound(input({ body: 'Styrgruppen' })))),
    ).toEqual([
      { path: ['input', 'body'], message: 'A participant or staff round belongs to its insatser, not a body' },
    ]);
  });

  it('a board, managers’ or referrers’ round belongs to the förbund or a named body, never to an insats', () => {
    for (const group of ['BOARD_MEMBER', 'MANAGER', 'REFERRER'] as const) {
      expect(() => assertRoundUnits(group, parseNewRound(input({ interventionIds: undefined })))).not.toThrow();
      const body = parseNewRound(input({ interventionIds: [], body: ' Beredningsgruppen ' }));
      expect(body.body).toBe('Beredningsgruppen');
      expect(() => assertRoundUnits(group, body)).not.toThrow();
      expect(issuesOf(() => assertRoundUnits(group, parseNewRound(input())))).toEqual([
        {
          path: ['input', 'interventionIds'],
          message: "A board, managers' or referrers' round belongs to the förbund (or a named body), not to an insats",
        },
      ]);
    }
  });

  it('issues a förbund round’s codes for the förbund as one unit, never for an insats', () => {
    const forbundRound = {
      interventionIds: [],
      opensAt: new Date('2025-01-01T00:00:00Z'),
      closesAt: new Date('2025-02-01T00:00:00Z'),
    };
    const open = new Date('2025-01-15T00:00:00Z');
    expect(assertIssuable(forbundRound, null, open)).toBe(FORBUND_UNIT);
    expect(issuesOf(() => assertIssuable(forbundRound, SALA, open))).toEqual([
      { path: ['interventionId'], message: 'The round belongs to the förbund: issue its codes without an insats' },
    ]);
    expect(issuesOf(() => assertIssuable(forbundRound, null, new Date('2025-03-01T00:00:00Z')))).toEqual([
      { path: ['roundId'], message: 'The round is closed' },
    ]);
  });
});

describe('a round over time', () => {
  const round = { opensAt: new Date('2025-01-01T00:00:00Z'), closesAt: new Date('2025-02-01T00:00:00Z') };
  const at = (iso: string) => new Date(iso);

  it('is planned until it opens, open until it closes, then closed', () => {
    expect(roundStatus(round, at('2024-12-31T23:59:59Z'))).toBe('PLANNED');
    expect(roundStatus(round, at('2025-01-01T00:00:00Z'))).toBe('OPEN');
    expect(roundStatus(round, at('2025-01-31T23:59:59Z'))).toBe('OPEN');
    expect(roundStatus(round, at('2025-02-01T00:00:00Z'))).toBe('CLOSED');
  });

  it('can be closed early only while open', () => {
    expect(() => assertClosable(round, at('2025-01-15T00:00:00Z'))).not.toThrow();
    for (const when of ['2024-12-01T00:00:00Z', '2025-03-01T00:00:00Z']) {
      expect(issuesOf(() => assertClosable(round, at(when)))).toEqual([
        { path: ['id'], message: 'Only an open round can be closed' },
      ]);
    }
  });
});

describe('issuing svarskoder', () => {
  const round = {
    interventionIds: [SALA],
    opensAt: new Date('2025-01-01T00:00:00Z'),
    closesAt: new Date('2025-02-01T00:00:00Z'),
  };

  it('issues 1–500 at a time', () => {
    expect(parseCodeCount(1)).toBe(1);
    expect(parseCodeCount(500)).toBe(500);
    expect(issuesOf(() => parseCodeCount(0))).toEqual([{ path: ['count'], message: 'Issue at least one code' }]);
    expect(issuesOf(() => parseCodeCount(501))).toEqual([{ path: ['count'], message: 'At most 500 codes at a time' }]);
  });

  it('issues for an insats the round covers, before and while it is open', () => {
    expect(() => assertIssuable(round, SALA, new Date('2024-12-01T00:00:00Z'))).not.toThrow();
    expect(() => assertIssuable(round, SALA, new Date('2025-01-15T00:00:00Z'))).not.toThrow();
  });

  it('refuses codes without an insats for an insats round', () => {
    expect(assertIssuable(round, SALA, new Date('2025-01-15T00:00:00Z'))).toBe(SALA);
    expect(issuesOf(() => assertIssuable(round, null, new Date('2025-01-15T00:00:00Z')))).toEqual([
      { path: ['interventionId'], message: 'Name the insats the codes are for' },
    ]);
  });

  it('refuses another insats, then a closed round', () => {
    const closed = new Date('2025-03-01T00:00:00Z');
    expect(issuesOf(() => assertIssuable(round, FNS, closed))).toEqual([
      { path: ['interventionId'], message: 'The round does not cover this insats' },
    ]);
    expect(issuesOf(() => assertIssuable(round, SALA, closed))).toEqual([
      { path: ['roundId'], message: 'The round is closed' },
    ]);
  });
});
