/**
 * Corrections without a database: which fields in which states, a reason, something that differs, and the
 * rules of every step taken, replayed on the corrected values.
 */
import { type CorrectedState, type CorrectionFacts, correct } from '../../src/domain/correction.js';

const exited: CorrectedState = {
  interventionId: '00000000-0000-4000-8000-000000000001',
  status: 'EXITED',
  referredOn: '2021-02-01',
  referrerUnit: 'FORSAKRINGSKASSAN',
  referringMemberId: null,
  hemkommun: '1980',
  decidedOn: '2021-02-10',
  decisionReason: null,
  needsTwoMembers: true,
  motivated: true,
  exclusionGrounds: [],
  consentGivenOn: '2021-02-01',
  consentWithdrawnOn: null,
  enrolledOn: '2021-03-01',
  plannedEnd: '2022-03-01',
  educationLevel: 'GYMNASIUM',
  supportBefore: ['SJUKPENNING'],
  yearsInSupport: 2,
  exitedOn: '2021-11-30',
  outcomes: ['STUDIER'],
  supportAfter: null,
  finalDocumentationSentOn: '2021-12-10',
  level6Months: null,
  level18Months: null,
};
const facts: CorrectionFacts = {
  insats: { startDate: '2020-01-01', endDate: null },
  members: [{ id: '00000000-0000-4000-8000-0000000000m1'.replace('m1', '01') }],
  followUpDates: ['2021-05-01'],
  today: '2026-12-01',
};
const issue = (v: ReturnType<typeof correct>) => (v.ok ? null : v.issues[0]);

describe('correct', () => {
  it('gives the changed fields with their old values', () => {
    expect(correct(exited, { outcomes: ['AVBROTT', 'AVBROTT'], exitedOn: '2021-11-30' }, 'Fel orsak', facts)).toEqual({
      ok: true,
      value: {
        set: { outcomes: ['AVBROTT'] },
        changes: [{ field: 'outcomes', from: ['STUDIER'], to: ['AVBROTT', 'AVBROTT'] }],
      },
    });
  });

  it('needs a reason and a value that differs', () => {
    expect(issue(correct(exited, { outcomes: ['AVBROTT'] }, ' ', facts))?.path).toEqual(['reason']);
    expect(issue(correct(exited, { outcomes: ['STUDIER'] }, 'x', facts))?.path).toEqual(['changes']);
  });

  it('corrects a field only once the participation has it', () => {
    const enrolled = { ...exited, status: 'ENROLLED' as const, exitedOn: null, outcomes: [] };
    expect(issue(correct(enrolled, { exitedOn: '2021-12-01' }, 'x', facts))).toEqual({
      path: ['changes', 'exitedOn'],
      message: expect.stringMatching(/once the participation has it/),
    });
    const referred = { ...exited, status: 'REFERRED' as const };
    expect(issue(correct(referred, { enrolledOn: '2021-03-02' }, 'x', facts))?.path).toEqual(['changes', 'enrolledOn']);
  });

  const broken: [string, Parameters<typeof correct>[1], string, RegExp][] = [
    ['an exit before enrolment', { exitedOn: '2021-02-15' }, 'exitedOn', /before enrolment/],
    ['an enrolment after a follow-up and the exit', { enrolledOn: '2021-12-01' }, 'enrolledOn', /before enrolment/],
    ['an enrolment after a follow-up', { enrolledOn: '2021-06-01', exitedOn: '2021-12-01' }, 'enrolledOn', /follow-up/],
    ['an enrolment before the referral', { enrolledOn: '2021-01-15' }, 'enrolledOn', /before the referral/],
    ['a referral after the decision', { referredOn: '2021-02-20' }, 'decidedOn', /before the referral/],
    ['no outcome', { outcomes: [] }, 'outcomes', /at least one outcome/],
    ['an exit after the final documentation', { exitedOn: '2021-12-20' }, 'exitedOn', /before the exit/],
    [
      'an unknown referring member',
      { referringMemberId: '00000000-0000-4000-8000-000000000099' },
      'referringMemberId',
      /not a member/,
    ],
  ];
  it.each(broken)('refuses %s, as the step would', (_name, change, field, message) => {
    expect(issue(correct(exited, change, 'x', facts))).toEqual({
      path: ['changes', field],
      message: expect.stringMatching(message),
    });
  });

  it('refuses background for an anonymous participation', () => {
    const anonymous = { ...exited, consentGivenOn: null, hemkommun: null, educationLevel: null, supportBefore: null };
    expect(issue(correct(anonymous, { educationLevel: 'GRUNDSKOLA' }, 'x', facts))?.path).toEqual([
      'changes',
      'educationLevel',
    ]);
  });
});
