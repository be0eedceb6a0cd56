/** Gallring without a database: policies, the cutoff, which participations are due, what a run removes. */
import { REMOVED_BY_WITHDRAWAL } from '../../src/domain/consent.js';
import {
  checkPolicy,
  endedOn,
  GALLRING,
  gallringCutoff,
  isDue,
  REMOVED_BY_GALLRING,
} from '../../src/domain/gallring.js';

const TODAY = '2026-06-01';
const policy = {
  recordType: 'PARTICIPATION' as const,
  retentionYears: 3,
  decisionReference: '§ 12/2026',
  decidedOn: '2026-02-01',
};

describe('checkPolicy', () => {
  it('accepts a decided policy, trimming the reference', () => {
    expect(checkPolicy({ ...policy, decisionReference: '  § 12/2026 ' }, TODAY)).toEqual({
      ok: true,
      value: policy,
    });
  });

  it('refuses each bad field at its path', () => {
    const verdict = checkPolicy(
      { ...policy, retentionYears: 0, decisionReference: ' ', decidedOn: '2026-06-02' },
      TODAY,
    );
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.issues.map((i) => i.path)).toEqual([
      ['input', 'retentionYears'],
      ['input', 'decisionReference'],
      ['input', 'decidedOn'],
    ]);
    expect(checkPolicy({ ...policy, retentionYears: 101 }, TODAY)).toMatchObject({
      ok: false,
      issues: [{ path: ['input', 'retentionYears'], message: 'At most 100 years' }],
    });
  });
});

describe('which participations are due', () => {
  it('keeps whole years after the year a participation ended', () => {
    expect(gallringCutoff(3, TODAY)).toBe('2023-01-01');
    expect(gallringCutoff(1, '2026-12-31')).toBe('2025-01-01');
  });

  it('counts an exit or a rejection as the end; an open participation never ends', () => {
    expect(endedOn({ status: 'EXITED', exitedOn: '2021-05-03', decidedOn: '2021-01-01' })).toBe('2021-05-03');
    expect(endedOn({ status: 'REJECTED', exitedOn: null, decidedOn: '2020-02-02' })).toBe('2020-02-02');
    expect(endedOn({ status: 'ENROLLED', exitedOn: null, decidedOn: '2020-02-02' })).toBeNull();
  });

  it('is due only when it ended before the cutoff and was not anonymised already', () => {
    const exited = { status: 'EXITED' as const, exitedOn: '2022-12-31', decidedOn: null, culledOn: null };
    expect(isDue(exited, '2023-01-01')).toBe(true);
    expect(isDue({ ...exited, exitedOn: '2023-01-01' }, '2023-01-01')).toBe(false);
    expect(isDue({ ...exited, culledOn: '2026-01-01' }, '2023-01-01')).toBe(false);
    expect(isDue({ ...exited, status: 'ENROLLED', exitedOn: null }, '2023-01-01')).toBe(false);
  });
});

describe('GALLRING', () => {
  it('removes what it lists and keeps every field a figure counts', () => {
    const removed = Object.entries(GALLRING)
      .filter(([, fate]) => fate === 'removed')
      .map(([field]) => field);
    expect(removed.sort()).toEqual([...Object.keys(REMOVED_BY_GALLRING), 'screenings'].sort());
    // What the ledger and the statistics count stays (a withdrawal of consent removes some of it).
    for (const field of ['ageAtReferral', 'hemkommun', 'educationLevel', 'supportBefore', 'supportAfter', 'kon']) {
      expect(GALLRING[field as keyof typeof GALLRING]).toBe('kept');
    }
    expect(Object.keys(REMOVED_BY_WITHDRAWAL)).toEqual(expect.arrayContaining(Object.keys(REMOVED_BY_GALLRING)));
  });
});
