/** Survey periods (mätperioder) alone. */
import { parseInput } from '@finsam/kit/validation.js';
import { isWithin, periodDates, periodLabel, periodOf, periodSchema } from '../../src/domain/survey-period.js';
import { issuesOf } from './issues.js';

const parse = (p: unknown) => parseInput(periodSchema, p, ['period']);

describe('a survey period', () => {
  it('is whole months, from one to another (one month is a period too)', () => {
    expect(parse({ from: '2020-11', to: '2021-10' })).toEqual({ from: '2020-11', to: '2021-10' });
    expect(parse({ from: '2021-01', to: '2021-01' })).toEqual({ from: '2021-01', to: '2021-01' });
  });

  it('refuses what is no month, and an end before the start', () => {
    expect(issuesOf(() => parse({ from: '2025-13', to: '2026-1' }))).toEqual([
      { path: ['period', 'from'], message: 'A month is YYYY-MM' },
      { path: ['period', 'to'], message: 'A month is YYYY-MM' },
    ]);
    expect(issuesOf(() => parse({ from: '2021-10', to: '2020-11' }))).toEqual([
      { path: ['period', 'to'], message: 'The period ends before it starts' },
    ]);
  });

  it('is stored as the first days of its first and last month, and read back', () => {
    const dates = periodDates({ from: '2020-11', to: '2021-10' });
    expect(dates).toEqual({ periodFrom: '2020-11-01', periodTo: '2021-10-01' });
    expect(periodOf(dates)).toEqual({ from: '2020-11', to: '2021-10' });
  });

  it('is written as reports write it', () => {
    expect(periodLabel({ from: '2020-11', to: '2021-10' })).toBe('2020-11 – 2021-10');
  });

  it('lies within another only wholly', () => {
    const year = { from: '2021-01', to: '2021-12' };
    expect(isWithin({ from: '2021-01', to: '2021-12' }, year)).toBe(true);
    expect(isWithin({ from: '2021-03', to: '2021-05' }, year)).toBe(true);
    expect(isWithin({ from: '2020-11', to: '2021-10' }, year)).toBe(false);
    expect(isWithin({ from: '2021-11', to: '2022-01' }, year)).toBe(false);
  });
});
