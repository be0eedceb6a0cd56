/** The årshjul's deadlines and how they merge with meetings. */
import { GraphQLError } from 'graphql';
import { deadlines, mergeUpcoming, upcomingLimit } from '../../src/domain/calendar.js';

const BOARD_DEADLINES = ['ANNUAL_REPORT', 'HALF_YEAR_REPORT', 'BUDGET_AND_PLAN'] as const;

describe('deadlines', () => {
  it('gives årsredovisning by 31 March, halvårsrapport by 31 August, budget and verksamhetsplan by 30 November', () => {
    expect(deadlines('2022-01-01', BOARD_DEADLINES, 4)).toEqual([
      { date: '2022-03-31', kind: 'ANNUAL_REPORT', title: 'Årsredovisning 2021' },
      { date: '2022-08-31', kind: 'HALF_YEAR_REPORT', title: 'Halvårsrapport jan–jun 2022' },
      { date: '2022-11-30', kind: 'BUDGET_AND_PLAN', title: 'Budget och verksamhetsplan 2023' },
      { date: '2023-03-31', kind: 'ANNUAL_REPORT', title: 'Årsredovisning 2022' },
    ]);
  });

  it('starts on the day asked: a deadline that day counts, earlier ones do not', () => {
    expect(deadlines('2022-11-30', BOARD_DEADLINES, 1).map((d) => d.date)).toEqual(['2022-11-30']);
    expect(deadlines('2022-12-01', BOARD_DEADLINES, 1).map((d) => d.date)).toEqual(['2023-03-31']);
  });

  it('gives each two-month requisition period one month after it ends (period 6: 31 January)', () => {
    expect(deadlines('2021-10-01', ['REQUISITION'], 3)).toEqual([
      { date: '2021-11-30', kind: 'REQUISITION', title: 'Rekvisition 2021 period 5' },
      { date: '2022-01-31', kind: 'REQUISITION', title: 'Rekvisition 2021 period 6' },
      { date: '2022-03-31', kind: 'REQUISITION', title: 'Rekvisition 2022 period 1' },
    ]);
  });

  it('gives only the kinds asked, and no more than the limit', () => {
    expect(deadlines('2022-01-01', ['HALF_YEAR_REPORT'], 10).map((d) => d.kind)).toEqual(
      Array(3).fill('HALF_YEAR_REPORT'),
    );
    expect(deadlines('2022-01-01', BOARD_DEADLINES, 0)).toEqual([]);
  });
});

describe('merging meetings and deadlines', () => {
  it('orders by date, a meeting before a deadline of the same day, and stops at the limit', () => {
    const due = deadlines('2022-11-01', ['BUDGET_AND_PLAN'], 1);
    const meetings = [
      { id: 'm2', date: '2022-12-09', title: null },
      { id: 'm1', date: '2022-11-30', title: 'Budgetmöte' },
    ];
    expect(mergeUpcoming(meetings, due, 3)).toEqual([
      { date: '2022-11-30', title: 'Budgetmöte', meetingId: 'm1', deadline: null },
      { date: '2022-11-30', title: null, meetingId: null, deadline: due[0] },
      { date: '2022-12-09', title: null, meetingId: 'm2', deadline: null },
    ]);
    expect(mergeUpcoming(meetings, due, 1)).toHaveLength(1);
  });
});

describe('how many items', () => {
  it('gives 10 unless asked, at most 100', () => {
    expect(upcomingLimit(undefined)).toBe(10);
    expect(upcomingLimit(null)).toBe(10);
    expect(upcomingLimit(0)).toBe(0);
    expect(upcomingLimit(500)).toBe(100);
  });

  it('refuses a negative count as a bad argument naming `limit`', () => {
    expect(() => upcomingLimit(-1)).toThrow(GraphQLError);
    try {
      upcomingLimit(-1);
    } catch (error) {
      expect((error as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'limit' });
    }
  });
});
