/**
 * Years published one after another and kept (issue 23): the same figures as a year protected from
 * scratch, for every year and period; an earlier answer's years reused while the ledger up to them is
 * unchanged, and protected again from the first year that changed.
 */
import {
  disclosedYear,
  keptYears,
  type LedgerRow,
  protectedYears,
  publishYears,
} from '../../src/domain/year-figures.js';

const THRESHOLD = 5;

const row = (over: Partial<LedgerRow>): LedgerRow => ({
  intervention_id: 'a',
  year: 2021,
  half: 1,
  dim: 'ALL',
  key: '',
  new: 0,
  exited: 0,
  age_n: 0,
  age_sum: 0,
  step_forward: 0,
  ...over,
});

/** An insats' year: new in each half, by kön and hemkommun, and exits in the second half. */
function year(id: string, y: number, n: [number, number], exited: number): LedgerRow[] {
  return [1, 2].flatMap((half) => {
    const h = half as 1 | 2;
    const nw = n[h - 1]!;
    const x = h === 2 ? exited : 0;
    return [
      row({ intervention_id: id, year: y, half: h, new: nw, exited: x, age_n: nw, age_sum: nw * 35, step_forward: x }),
      row({ intervention_id: id, year: y, half: h, dim: 'KON', key: 'KVINNA', new: nw - 1, exited: x }),
      row({ intervention_id: id, year: y, half: h, dim: 'KON', key: 'MAN', new: 1 }),
      row({ intervention_id: id, year: y, half: h, dim: 'REFERRER', key: 'AF', new: nw }),
      row({ intervention_id: id, year: y, half: h, dim: 'HEMKOMMUN', key: '1961', new: nw, exited: x }),
      row({ intervention_id: id, year: y, half: h, dim: 'OUTCOME', key: 'STUDIER', exited: x }),
    ];
  });
}

const LEDGER = [
  ...year('a', 2021, [9, 3], 4),
  ...year('b', 2021, [12, 8], 2),
  ...year('a', 2022, [7, 6], 11),
  ...year('b', 2022, [3, 10], 9),
  ...year('a', 2023, [8, 2], 3),
  ...year('b', 2023, [6, 6], 6),
];

describe('years published one after another', () => {
  it('are the figures of each year protected from scratch, both periods, and empty before the first', () => {
    const years = publishYears(LEDGER, { from: 2020, last: 2023 }, THRESHOLD);
    expect([...years.keys()]).toEqual([2020, 2021, 2022, 2023]);
    for (const y of [2020, 2021, 2022, 2023]) {
      const fresh = protectedYears(LEDGER, y, THRESHOLD);
      for (const period of ['YEAR', 'HALF_YEAR'] as const) {
        expect(years.get(y)!.periods[period]).toEqual(disclosedYear(LEDGER, y, period, THRESHOLD, fresh));
      }
      expect(years.get(y)!.protection.hidden).toEqual(fresh.hidden);
    }
    // Something is withheld: the comparison is about suppression, not only sums.
    expect(years.get(2022)!.protection.hidden.size).toBeGreaterThan(0);
    expect(years.get(2020)!.periods.YEAR.interventions).toEqual([]);
  });

  it('reuses the years before a change and protects the rest again', () => {
    const kept = publishYears(LEDGER, { from: 2021, last: 2023 }, THRESHOLD);
    const changed = LEDGER.map((r) =>
      r.year === 2022 && r.half === 2 && r.dim === 'ALL' ? { ...r, new: r.new + 1 } : r,
    );
    const again = publishYears(changed, { from: 2021, last: 2023 }, THRESHOLD, kept);
    expect(again.get(2021)).toBe(kept.get(2021));
    expect(again.get(2022)).not.toBe(kept.get(2022));
    expect(again.get(2023)).not.toBe(kept.get(2023));
    for (const y of [2021, 2022, 2023]) {
      expect(again.get(y)!.periods.YEAR).toEqual(disclosedYear(changed, y, 'YEAR', THRESHOLD));
    }
    // Nothing changed: every year reused.
    const same = publishYears(LEDGER, { from: 2021, last: 2023 }, THRESHOLD, kept);
    expect([2021, 2022, 2023].every((y) => same.get(y) === kept.get(y))).toBe(true);
    // Another threshold is another table: nothing reused.
    const other = publishYears(LEDGER, { from: 2021, last: 2023 }, 3, kept);
    expect(other.get(2021)).not.toBe(kept.get(2021));
    expect(other.get(2021)!.periods.YEAR).toEqual(disclosedYear(LEDGER, 2021, 'YEAR', 3));
  });

  it('answer from kept years: a year before the first kept is empty, a later one is not there', () => {
    const kept = publishYears(LEDGER, { from: 2023, last: 2023 }, THRESHOLD);
    expect([...kept.keys()]).toEqual([2021, 2022, 2023]);
    const earlier = keptYears(kept, [2018, 2022], THRESHOLD)!;
    expect(earlier.get(2022)).toBe(kept.get(2022));
    expect(earlier.get(2018)!.periods).toEqual(
      publishYears(LEDGER, { from: 2018, last: 2023 }, THRESHOLD).get(2018)!.periods,
    );
    expect(earlier.get(2018)!.periods.YEAR.total).toEqual({ suppressed: false, value: 0 });
    expect(keptYears(kept, [2023], THRESHOLD)).toBe(kept);
    expect(keptYears(kept, [2022, 2024], THRESHOLD)).toBeNull();
  });
});
