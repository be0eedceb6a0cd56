/** The handling of an avvikelse: who reports, when it is due, how it moves and closes. */
import {
  ANSWER_DAYS,
  answerDue,
  descriptionIssues,
  handles,
  isOpen,
  isOverdue,
  readableInsatser,
  reporterIssues,
  resolutionIssues,
  summarize,
  transitionIssues,
} from '../../src/domain/avvikelser.js';

const INSATS = 'i0000000-0000-4000-8000-000000000001';
const OTHER = 'i0000000-0000-4000-8000-000000000002';

describe('reporting', () => {
  it('staff report for their own insats, administrators for any', () => {
    expect(reporterIssues({ tenantAdmin: false, interventionIds: [INSATS] }, INSATS)).toEqual([]);
    expect(reporterIssues({ tenantAdmin: true, interventionIds: [] }, OTHER)).toEqual([]);
  });

  it('refuses staff reporting for another insats', () => {
    expect(reporterIssues({ tenantAdmin: false, interventionIds: [INSATS] }, OTHER)).toEqual([
      { path: ['interventionId'], message: 'You report avvikelser for your own insats' },
    ]);
  });

  it('refuses a report that does not say what happened (10 characters, trimmed)', () => {
    expect(descriptionIssues('Remittenten kom inte.')).toEqual([]);
    expect(descriptionIssues('   kort      ')).toEqual([
      { path: ['description'], message: 'Describe what happened (at least 10 characters)' },
    ]);
  });

  it('is due 30 days after it is reported, across months and years', () => {
    expect(ANSWER_DAYS).toBe(30);
    expect(answerDue('2026-01-10')).toBe('2026-02-09');
    expect(answerDue('2025-12-15')).toBe('2026-01-14');
  });
});

describe('open and overdue', () => {
  it('is open while received or being handled', () => {
    expect(isOpen('RECEIVED')).toBe(true);
    expect(isOpen('BEING_HANDLED')).toBe(true);
    expect(isOpen('HANDLED')).toBe(false);
    expect(isOpen('FORWARDED')).toBe(false);
  });

  it('is overdue when still open after its due date, never on it, never once closed', () => {
    expect(isOverdue({ status: 'RECEIVED', dueOn: '2026-02-09' }, '2026-02-10')).toBe(true);
    expect(isOverdue({ status: 'BEING_HANDLED', dueOn: '2026-02-09' }, '2026-02-09')).toBe(false);
    expect(isOverdue({ status: 'HANDLED', dueOn: '2026-02-09' }, '2026-03-01')).toBe(false);
  });
});

describe('moving it on', () => {
  it('moves an open one to being handled, handled or forwarded', () => {
    expect(transitionIssues('RECEIVED', 'BEING_HANDLED')).toEqual([]);
    expect(transitionIssues('BEING_HANDLED', 'HANDLED')).toEqual([]);
    expect(transitionIssues('RECEIVED', 'FORWARDED')).toEqual([]);
  });

  it('refuses to move it back to received', () => {
    expect(transitionIssues('BEING_HANDLED', 'RECEIVED')).toEqual([
      { path: ['status'], message: 'An avvikelse cannot go back to received' },
    ]);
  });

  it.each(['HANDLED', 'FORWARDED'] as const)('refuses to move a closed one (%s)', (closed) => {
    expect(transitionIssues(closed, 'BEING_HANDLED')).toEqual([
      { path: ['id'], message: 'The avvikelse is already closed' },
    ]);
  });

  it('closes as handled only with a decision, as forwarded only to a member', () => {
    expect(resolutionIssues('HANDLED', { decision: true })).toEqual([]);
    expect(resolutionIssues('FORWARDED', { member: true })).toEqual([]);
    expect(resolutionIssues('BEING_HANDLED', {})).toEqual([]);
    expect(resolutionIssues('HANDLED', { decision: false })).toEqual([
      { path: ['decisionId'], message: 'Handled means handled with a decision of your förbund' },
    ]);
    expect(resolutionIssues('FORWARDED', { member: false })).toEqual([
      { path: ['forwardedToMemberId'], message: 'Forwarded means forwarded to a member of your förbund' },
    ]);
  });
});

describe('who reads and handles avvikelser', () => {
  // The whole förbund: its administrators (the board reads the summary below, not the reports).
  const admin = { wholeForbund: true, staffOf: [], steeringOf: [] };
  const styrgrupp = { wholeForbund: false, staffOf: [], steeringOf: [INSATS] };
  const staff = { wholeForbund: false, staffOf: [OTHER], steeringOf: [] };

  it('administrators read every insats’ avvikelser; staff and styrgrupp members their own', () => {
    expect(readableInsatser(admin)).toBeNull();
    expect(readableInsatser(styrgrupp)).toEqual([INSATS]);
    expect(readableInsatser({ ...staff, steeringOf: [INSATS, OTHER] })).toEqual([OTHER, INSATS]);
  });

  it('a styrgrupp handles its own insats’ avvikelser and no other’s; staff handle none', () => {
    expect(handles(styrgrupp, INSATS)).toBe(true);
    expect(handles(styrgrupp, OTHER)).toBe(false);
    expect(handles(staff, OTHER)).toBe(false);
    expect(handles(admin, OTHER)).toBe(true);
  });
});

describe('the board’s summary', () => {
  it('counts by status per insats, with those open after their due date', () => {
    const rows = [
      { interventionId: INSATS, status: 'RECEIVED', dueOn: '2026-01-31' },
      { interventionId: OTHER, status: 'HANDLED', dueOn: '2026-01-01' },
      { interventionId: INSATS, status: 'BEING_HANDLED', dueOn: '2026-03-01' },
      { interventionId: INSATS, status: 'FORWARDED', dueOn: '2026-01-01' },
      { interventionId: INSATS, status: 'RECEIVED', dueOn: '2026-02-01' },
    ] as const;
    expect(summarize(rows, '2026-02-01')).toEqual([
      { interventionId: INSATS, received: 2, beingHandled: 1, handled: 0, forwarded: 1, overdue: 1 },
      { interventionId: OTHER, received: 0, beingHandled: 0, handled: 1, forwarded: 0, overdue: 0 },
    ]);
    expect(summarize([], '2026-02-01')).toEqual([]);
  });
});
