/** Deadlines without a database: what a participation owes, by when, and what shows in a window. */
import { type DeadlineState, deadlinesOf, dueWithin } from '../../src/domain/deadlines.js';

const state = (over: Partial<DeadlineState>): DeadlineState => ({
  status: 'ENROLLED',
  enrolledOn: '2026-03-01',
  plannedEnd: '2027-03-01',
  exitedOn: null,
  finalDocumentationSentOn: null,
  level6Months: null,
  level18Months: null,
  lastFollowUp: null,
  ...over,
});

describe('deadlinesOf', () => {
  it('owes a follow-up three months after enrolment, then after the latest follow-up', () => {
    expect(deadlinesOf(state({}), '2026-04-01')).toEqual([{ kind: 'FOLLOW_UP', due: '2026-06-01' }]);
    expect(deadlinesOf(state({ lastFollowUp: '2026-05-15' }), '2026-06-01')).toEqual([
      { kind: 'FOLLOW_UP', due: '2026-08-15' },
    ]);
  });

  it('owes an extension decision once the planned end has passed', () => {
    expect(deadlinesOf(state({ lastFollowUp: '2027-02-20' }), '2027-03-01')).toHaveLength(1);
    expect(deadlinesOf(state({ lastFollowUp: '2027-02-20' }), '2027-03-02')).toEqual([
      { kind: 'FOLLOW_UP', due: '2027-05-20' },
      { kind: 'PLANNED_END', due: '2027-03-01' },
    ]);
  });

  it('after exit owes final documentation in three weeks and the 6- and 18-month follow-ups, until recorded', () => {
    const exited = state({ status: 'EXITED', exitedOn: '2026-09-30' });
    expect(deadlinesOf(exited, '2026-10-01')).toEqual([
      { kind: 'FINAL_DOCUMENTATION', due: '2026-10-21' },
      { kind: 'AFTER_6_MONTHS', due: '2027-03-30' },
      { kind: 'AFTER_18_MONTHS', due: '2028-03-30' },
    ]);
    const recorded = { finalDocumentationSentOn: '2026-10-05', level6Months: 'SAME' as const };
    expect(deadlinesOf({ ...exited, ...recorded }, '2026-10-01')).toEqual([
      { kind: 'AFTER_18_MONTHS', due: '2028-03-30' },
    ]);
    expect(deadlinesOf({ ...exited, ...recorded, level18Months: 'HIGHER' }, '2026-10-01')).toEqual([]);
  });

  it('owes each follow-up after exit until its window closes, two months after its due day', () => {
    const exited = state({ status: 'EXITED', exitedOn: '2026-09-30', finalDocumentationSentOn: '2026-10-05' });
    expect(deadlinesOf(exited, '2027-05-30')).toEqual([
      { kind: 'AFTER_6_MONTHS', due: '2027-03-30' },
      { kind: 'AFTER_18_MONTHS', due: '2028-03-30' },
    ]);
    expect(deadlinesOf(exited, '2027-05-31')).toEqual([{ kind: 'AFTER_18_MONTHS', due: '2028-03-30' }]);
    expect(deadlinesOf(exited, '2028-05-31')).toEqual([]);
  });

  it('owes nothing before enrolment or after rejection', () => {
    for (const status of ['REFERRED', 'ACCEPTED', 'REJECTED'] as const) {
      expect(deadlinesOf(state({ status, enrolledOn: null, plannedEnd: null }), '2026-04-01')).toEqual([]);
    }
  });
});

describe('dueWithin', () => {
  it('shows what falls due within the window (30 days unless told), overdue included and marked', () => {
    const enrolled = state({});
    expect(dueWithin(enrolled, '2026-05-01')).toEqual([]);
    expect(dueWithin(enrolled, '2026-05-02')).toEqual([{ kind: 'FOLLOW_UP', due: '2026-06-01', overdue: false }]);
    expect(dueWithin(enrolled, '2026-05-01', 31)).toHaveLength(1);
    expect(dueWithin(enrolled, '2026-06-15', 0)).toEqual([{ kind: 'FOLLOW_UP', due: '2026-06-01', overdue: true }]);
    expect(dueWithin(enrolled, '2026-06-01', 0)).toEqual([{ kind: 'FOLLOW_UP', due: '2026-06-01', overdue: false }]);
  });
});
