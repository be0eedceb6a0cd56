/** Staff positions alone: the position's rules, its employer, and FTE on a date. */
import { employerIssues, fteOn, heldOn, parseStaffPosition, staffPosition } from '../../src/domain/staff.js';
import { issuesOf } from './issues.js';

const REGION = '00000000-0000-4000-8000-00000000000a';
const KOMMUN = '00000000-0000-4000-8000-00000000000b';
const OTHER = '00000000-0000-4000-8000-00000000000c';

const input = (change: Record<string, unknown> = {}) => ({
  role: 'KURATOR',
  employerMemberId: REGION,
  fte: 50,
  financing: 'LENT_BY_MEMBER',
  from: '2026-01-01',
  to: null,
  ...change,
});

describe('a staff position', () => {
  it('is stored as its role, employer, FTE percent, financing and dates', () => {
    expect(staffPosition(parseStaffPosition(input()), [REGION, KOMMUN])).toEqual({
      role: 'KURATOR',
      employerMemberId: REGION,
      ftePercent: 50,
      financing: 'LENT_BY_MEMBER',
      fromDate: '2026-01-01',
      toDate: null,
    });
  });

  it.each([
    ['no FTE', { fte: 0 }, ['input', 'fte'], 'FTE is 1–100 %'],
    ['more than one full-time person', { fte: 120 }, ['input', 'fte'], 'FTE is 1–100 % (one position per person)'],
    ['an end before the start', { to: '2025-12-31' }, ['input', 'to'], 'The position ends before it starts'],
    ['an employer that is no id', { employerMemberId: 'Region' }, ['input', 'employerMemberId'], 'Not a member id'],
  ])('refuses %s', (_name, change, path, message) => {
    expect(issuesOf(() => parseStaffPosition(input(change)))).toEqual([{ path, message }]);
  });

  it('takes full time, and an end on the day it starts', () => {
    expect(parseStaffPosition(input({ fte: 100, to: '2026-01-01' }))).toMatchObject({ fte: 100 });
  });

  it('refuses an employer from outside the förbund', () => {
    const data = parseStaffPosition(input({ employerMemberId: OTHER }));
    const issue = { path: ['input', 'employerMemberId'], message: `${OTHER} is not a member of your förbund` };
    expect(employerIssues(data, [REGION, KOMMUN])).toEqual([issue]);
    expect(issuesOf(() => staffPosition(data, [REGION, KOMMUN]))).toEqual([issue]);
  });
});

describe('FTE on a date', () => {
  const positions = [
    { employerMemberId: KOMMUN, ftePercent: 40, fromDate: '2020-01-01', toDate: null },
    { employerMemberId: REGION, ftePercent: 100, fromDate: '2020-01-01', toDate: '2021-06-30' },
    { employerMemberId: KOMMUN, ftePercent: 20, fromDate: '2021-01-01', toDate: null },
    { employerMemberId: REGION, ftePercent: 20, fromDate: '2022-01-01', toDate: null },
  ];

  it('holds a position from its first to its last day; without a date, every position', () => {
    expect(heldOn(positions[1]!, '2019-12-31')).toBe(false);
    expect(heldOn(positions[1]!, '2020-01-01')).toBe(true);
    expect(heldOn(positions[1]!, '2021-06-30')).toBe(true);
    expect(heldOn(positions[1]!, '2021-07-01')).toBe(false);
    expect(heldOn(positions[1]!, null)).toBe(true);
  });

  it('sums the positions held that day, in total and per employer', () => {
    expect(fteOn(positions, '2021-06-30')).toEqual({
      total: 160,
      byEmployer: [
        { employer: KOMMUN, fte: 60 },
        { employer: REGION, fte: 100 },
      ],
    });
    expect(fteOn(positions, '2021-07-01')).toEqual({ total: 60, byEmployer: [{ employer: KOMMUN, fte: 60 }] });
    expect(fteOn(positions, '2019-01-01')).toEqual({ total: 0, byEmployer: [] });
  });
});
