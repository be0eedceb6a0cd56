/** Report figures without a database: shares, a förbund's year, and the county tables under disclosure control. */
import { countyTables, thresholdFor } from '../../src/domain/county.js';
import {
  countsBy,
  type InterventionRow,
  type ParticipantYear,
  STEP_FORWARD,
  share,
  yearAverageAge,
  yearSum,
} from '../../src/domain/figures.js';

const insats = (over: Partial<InterventionRow>): InterventionRow => ({
  intervention_id: 'i',
  new: 0,
  total: 0,
  exited: 0,
  age_n: 0,
  average_age: null,
  step_forward: 0,
  breakdown: [],
  ...over,
});
const year = (interventions: Partial<InterventionRow>[], hemkommuner: [string, number][] = []): ParticipantYear => ({
  interventions: interventions.map(insats),
  hemkommuner: hemkommuner.map(([scb_code, n]) => ({
    scb_code,
    new: n,
    total: n,
    new_previous: 0,
    total_previous: 0,
  })),
});

describe('figures', () => {
  it('counts work, supported work, studies and active job seeking as a step forward', () => {
    expect([...STEP_FORWARD].sort()).toEqual([
      'AKTIVT_ARBETSSOKANDE',
      'ARBETE_MED_STOD',
      'ARBETE_UTAN_STOD',
      'STUDIER',
    ]);
  });

  it('gives a share to three decimals, and none of nothing', () => {
    expect(share(2, 3)).toBe(0.667);
    expect(share(0, 5)).toBe(0);
    expect(share(0, 0)).toBeNull();
  });

  it('picks one dimension of a breakdown', () => {
    const row = {
      breakdown: [
        { dim: 'KON', key: 'MAN', n: 2 },
        { dim: 'OUTCOME', key: 'STUDIER', n: 1 },
      ],
    };
    expect(countsBy(row, 'KON')).toEqual([{ key: 'MAN', count: 2 }]);
  });

  it('sums a förbund’s insatser, and weighs their average ages by how many had one', () => {
    const y = year([
      { new: 3, total: 5, exited: 1, age_n: 1, average_age: 20 },
      { new: 2, total: 4, exited: 2, age_n: 3, average_age: 40 },
    ]);
    expect([yearSum(y, 'new'), yearSum(y, 'total'), yearSum(y, 'exited')]).toEqual([5, 9, 3]);
    expect(yearAverageAge(y)).toEqual({ n: 4, average: 35 });
    expect(yearAverageAge(year([{ new: 1 }]))).toEqual({ n: 0, average: null });
  });
});

describe('the county tables', () => {
  it('never lets a caller lower the threshold', () => {
    expect(thresholdFor(undefined, 5)).toBe(5);
    expect(thresholdFor(3, 5)).toBe(5);
    expect(thresholdFor(10, 5)).toBe(10);
  });

  it('hides a small hemkommun cell and a complement; participants without consent under OKAND', () => {
    const county = countyTables(
      [
        {
          forbundId: 'a',
          y: year(
            [{ new: 30, total: 40, exited: 10, age_n: 30, average_age: 33.33 }],
            [
              ['1981', 3],
              ['1982', 20],
            ],
          ),
        },
        { forbundId: 'b', y: year([{ new: 12, total: 12, exited: 6, age_n: 4, average_age: 50 }], [['1980', 12]]) },
      ],
      2021,
      5,
    );
    const a = county.rows[0]!;
    expect(a.key).toEqual({ forbundId: 'a', year: 2021 });
    expect(a.newByHemkommun.map((c) => c.scbCode)).toEqual(['1981', '1982', 'OKAND']);
    const cells = Object.fromEntries(a.newByHemkommun.map((c) => [c.scbCode, c.new]));
    expect(cells['1981']).toEqual({ suppressed: true, value: null });
    expect(Object.values(cells).filter((c) => c.suppressed)).toHaveLength(2);
    expect(a.figures.new).toEqual({ suppressed: false, value: 30 });
    expect(a.averageAgeAtEntry).toEqual({ suppressed: false, value: 33.3 });
    // Four ages are fewer than the threshold: the average is withheld like a small count.
    expect(county.rows[1]!.averageAgeAtEntry).toEqual({ suppressed: true, value: null });
    expect(county.totals.figures.exited).toEqual({ suppressed: false, value: 16 });
    expect(county.threshold).toBe(5);
  });
});
