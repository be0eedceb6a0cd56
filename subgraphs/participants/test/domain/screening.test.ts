/** Screenings without a database: consent first, then what each kind records. */
import { checkScreening, type ScreeningData } from '../../src/domain/screening.js';

const consented = { consentGivenOn: '2026-02-01', consentWithdrawnOn: null };
const check = (s: Omit<ScreeningData, 'date'>) => checkScreening(consented, { date: '2026-03-01', ...s });
const refused = (path: string[], message: string) => ({ ok: false, issues: [{ path, message }] });

describe('checkScreening', () => {
  it('needs consent', () => {
    expect(
      checkScreening(
        { consentGivenOn: null, consentWithdrawnOn: null },
        { kind: 'KASAM', score: 50, date: '2026-03-01' },
      ),
    ).toEqual({
      ok: false,
      issues: [{ path: ['participationId'], message: expect.stringMatching(/anonymous/) }],
    });
  });

  it('is made from the day consent was given, not before', () => {
    expect(checkScreening(consented, { kind: 'KASAM', score: 50, date: '2026-02-01' }).ok).toBe(true);
    expect(checkScreening(consented, { kind: 'KASAM', score: 50, date: '2026-01-31' })).toEqual(
      refused(['date'], 'Consent was given on 2026-02-01: a screening is not before that'),
    );
  });

  it('records the violence questions as answered and support offered, without a score', () => {
    expect(check({ kind: 'VIOLENCE_QUESTIONS', answered: true, supportOffered: false }).ok).toBe(true);
    const wrong = refused(['answered'], 'The violence questions record answered and support offered, no score');
    expect(check({ kind: 'VIOLENCE_QUESTIONS', answered: true })).toEqual(wrong);
    expect(check({ kind: 'VIOLENCE_QUESTIONS', supportOffered: true })).toEqual(wrong);
    expect(check({ kind: 'VIOLENCE_QUESTIONS', answered: true, supportOffered: true, score: 3 })).toEqual(wrong);
  });

  it.each([
    ['KASAM', 13, 91],
    ['SRS', 0, 40],
    ['ORS', 0, 40],
  ] as const)('takes a %s score from %i to %i, and nothing else', (kind, min, max) => {
    const outside = refused(['score'], `${kind} scores are ${min}–${max}`);
    expect(check({ kind, score: min }).ok).toBe(true);
    expect(check({ kind, score: max }).ok).toBe(true);
    expect(check({ kind, score: min - 1 })).toEqual(outside);
    expect(check({ kind, score: max + 1 })).toEqual(outside);
    expect(check({ kind })).toEqual(outside);
    expect(check({ kind, score: min, answered: false })).toEqual(
      refused(['answered'], 'Only the violence questions record answered and support offered'),
    );
  });
});
