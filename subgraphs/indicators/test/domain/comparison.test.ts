/** Comparing förbund and years: every year asked, every indicator listed, trends only between shown figures. */
import { comparedShown, withTrends, type YearFigures } from '../../src/domain/comparison.js';

const cell = (indicator: number, n: number | null, mean: number | null, share: number | null) => ({
  indicator,
  suppressed: n === null,
  n,
  mean,
  sharePositive: share,
});

describe('trends over years', () => {
  const found: YearFigures[] = [
    {
      year: 2021,
      rounds: 1,
      respondents: { suppressed: false, n: 8 },
      indicators: [cell(1, 8, 3.5, 0.5), cell(2, 8, 4, 0.75)],
    },
    {
      year: 2023,
      rounds: 1,
      respondents: { suppressed: false, n: 6 },
      indicators: [cell(1, 6, 4.25, 0.833), cell(2, null, null, null)],
    },
  ];

  it('lists every year asked, earliest first; a year without rounds is empty, not withheld', () => {
    const years = withTrends([2023, 2022, 2021], found, [1, 2]);
    expect(years.map((y) => y.year)).toEqual([2021, 2022, 2023]);
    expect(years[1]).toMatchObject({ rounds: 0, respondents: { suppressed: false, n: null } });
    expect(years[1]!.indicators.map((i) => i.suppressed)).toEqual([false, false]);
  });

  it('gives the change since the previous year asked, and none across a withheld figure', () => {
    const [first, second] = withTrends([2021, 2023], found, [1, 2]);
    expect(first!.indicators[0]).toMatchObject({ meanChange: null, sharePositiveChange: null });
    expect(second!.indicators[0]).toMatchObject({ mean: 4.25, meanChange: 0.75, sharePositiveChange: 0.333 });
    expect(second!.indicators[1]).toMatchObject({ suppressed: true, mean: null, meanChange: null });
  });

  it('marks an indicator missing from a year with rounds as withheld', () => {
    const [only] = withTrends([2021], found, [1, 2, 3]);
    expect(only!.indicators[2]).toEqual({
      indicator: 3,
      suppressed: true,
      n: null,
      mean: null,
      sharePositive: null,
      meanChange: null,
      sharePositiveChange: null,
    });
  });

  it('shows a compared figure only at or above the largest minimum n of its rounds', () => {
    expect(comparedShown(4, 5)).toBe(false);
    expect(comparedShown(5, 5)).toBe(true);
  });
});
