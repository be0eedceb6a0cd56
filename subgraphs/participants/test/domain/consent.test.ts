/** Consent without a database: when a participation is anonymous, and what a withdrawal removes and keeps. */
import {
  needsConsent,
  REMOVED_BY_WITHDRAWAL,
  WITHDRAWAL,
  withdrawConsent,
  withoutConsent,
} from '../../src/domain/consent.js';

const TODAY = '2026-06-01';

const NO_CONSENT = 'An anonymous participation (no consent) keeps no identifying or background data';

describe('withoutConsent', () => {
  it('is true with no consent, or consent withdrawn; false with consent in force', () => {
    expect(withoutConsent({ consentGivenOn: null, consentWithdrawnOn: null })).toBe(true);
    expect(withoutConsent({ consentGivenOn: '2026-02-01', consentWithdrawnOn: '2026-03-01' })).toBe(true);
    expect(withoutConsent({ consentGivenOn: '2026-02-01', consentWithdrawnOn: null })).toBe(false);
  });
});

describe('needsConsent', () => {
  it('refuses at every path given without consent, and allows with it', () => {
    expect(needsConsent({ consentGivenOn: null, consentWithdrawnOn: null }, [['a'], ['b', 'c']])).toEqual({
      ok: false,
      issues: [
        { path: ['a'], message: NO_CONSENT },
        { path: ['b', 'c'], message: NO_CONSENT },
      ],
    });
    expect(needsConsent({ consentGivenOn: '2026-02-01', consentWithdrawnOn: null }, [['a']]).ok).toBe(true);
  });
});

describe('withdrawConsent', () => {
  it('removes the person and what follows from them, background, support, plan, reason and source key', () => {
    expect(withdrawConsent({ consentGivenOn: '2026-02-01', consentWithdrawnOn: null }, '2026-02-20', TODAY)).toEqual({
      ok: true,
      value: {
        consentWithdrawnOn: '2026-02-20',
        person: null,
        birthYear: null,
        ageAtReferral: null,
        hemkommun: null,
        educationLevel: null,
        supportBefore: null,
        yearsInSupport: null,
        supportAfter: null,
        actionPlan: null,
        decisionReason: null,
        sourceRef: null,
      },
    });
  });

  it('lists every removed field as removed, the screenings too, and keeps kön and start year', () => {
    const removed = Object.entries(WITHDRAWAL).flatMap(([field, fate]) => (fate === 'removed' ? [field] : []));
    expect(removed).toEqual([...Object.keys(REMOVED_BY_WITHDRAWAL), 'screenings']);
    expect(WITHDRAWAL.kon).toBe('kept');
    expect(WITHDRAWAL.startYear).toBe('kept');
  });

  it('may be dated the day consent was given and today, not before the consent nor in the future', () => {
    const given = { consentGivenOn: '2026-02-01', consentWithdrawnOn: null };
    expect(withdrawConsent(given, '2026-02-01', TODAY).ok).toBe(true);
    expect(withdrawConsent(given, TODAY, TODAY).ok).toBe(true);
    expect(withdrawConsent(given, '2026-01-31', TODAY)).toEqual({
      ok: false,
      issues: [{ path: ['withdrawnOn'], message: 'Consent was given on 2026-02-01: a withdrawal is not before that' }],
    });
    expect(withdrawConsent(given, '2026-06-02', TODAY)).toEqual({
      ok: false,
      issues: [{ path: ['withdrawnOn'], message: 'A withdrawal is not dated in the future' }],
    });
  });

  it('keeps kön, start year, the insats, the dates and the outcomes', () => {
    for (const kept of ['kon', 'startYear', 'interventionId', 'status', 'enrolledOn', 'exitedOn', 'outcomes']) {
      expect(Object.keys(REMOVED_BY_WITHDRAWAL)).not.toContain(kept);
    }
  });

  it('refuses when there is no consent to withdraw', () => {
    const refusal = { ok: false, issues: [{ path: ['participationId'], message: 'There is no consent to withdraw' }] };
    expect(withdrawConsent({ consentGivenOn: null, consentWithdrawnOn: null }, '2026-02-20', TODAY)).toEqual(refusal);
  });

  it('calls a second withdrawal a conflict: someone withdrew it first', () => {
    expect(
      withdrawConsent({ consentGivenOn: '2026-02-01', consentWithdrawnOn: '2026-02-10' }, '2026-02-20', TODAY),
    ).toEqual({
      ok: false,
      issues: [{ path: ['participationId'], message: 'Consent was withdrawn already, on 2026-02-10' }],
      conflict: true,
    });
  });
});
