/**
 * The disclosure-control algorithm alone: primary and complementary suppression, and an attacker
 * who looks for another table, consistent with everything published, in which a hidden cell differs.
 */

import { alternatives, recovered } from '../../../../test/support/disclosure-attack.js';
import {
  type Cell,
  checkWindow,
  protect,
  type SumConstraint,
  suppress,
  thresholdFromEnvironment,
} from '../../src/domain/disclosure.js';
import { disclosedYear, type LedgerRow, protectedYears, yearTables } from '../../src/domain/year-figures.js';

const sumsOf = (rows: LedgerRow[], year: number) => yearTables(rows, year).counts.sums;

/** Förbund × hemkommun: parts per förbund, a total per förbund, a county total. */
function county(rows: Record<string, Record<string, number>>) {
  const values = new Map<string, number>();
  const sums: SumConstraint[] = [];
  for (const [f, cells] of Object.entries(rows)) {
    for (const [k, v] of Object.entries(cells)) {
      values.set(`${f}/${k}`, v);
    }
    values.set(
      f,
      Object.values(cells).reduce((a, b) => a + b, 0),
    );
    sums.push({ total: f, parts: Object.keys(cells).map((k) => `${f}/${k}`) });
  }
  values.set(
    'county',
    Object.keys(rows).reduce((a, f) => a + values.get(f)!, 0),
  );
  sums.push({ total: 'county', parts: Object.keys(rows) });
  return { values, sums };
}

describe('suppression', () => {
  it('hides a 3 and a complement; no hidden value can be recovered from the totals', () => {
    const { values, sums } = county({
      norra: { fagersta: 14, hallsta: 15, norberg: 3, sala: 18, skb: 5, sura: 13 },
      vasteras: { vasteras: 40 },
    });
    const hidden = suppress(values, sums, 5);
    expect(hidden.has('norra/norberg')).toBe(true);
    expect(hidden.size).toBeGreaterThanOrEqual(2);
    expect(hidden.has('norra')).toBe(false); // totals stay published when parts can protect
    expect(alternatives(values, sums, hidden)).toEqual(hidden);
  });

  it('protects through chains of sums: a förbund with one small cell and one other förbund', () => {
    const { values, sums } = county({ a: { x: 2 }, b: { y: 30, z: 40 } });
    const hidden = suppress(values, sums, 5);
    // a/x = a, so a is hidden; the county total would give a away unless b is hidden, and b
    // then needs one of its parts hidden.
    expect([...hidden].sort()).toEqual(['a', 'a/x', 'b', 'b/y']);
    expect(alternatives(values, sums, hidden)).toEqual(hidden);
  });

  it('is needed: without complements the attacker recovers the hidden cell', () => {
    const { values, sums } = county({ norra: { norberg: 3, sala: 18 } });
    expect(alternatives(values, sums, new Set(['norra/norberg']))).toEqual(new Set());
    expect(alternatives(values, sums, suppress(values, sums, 5)).has('norra/norberg')).toBe(true);
  });

  it('publishes zeros and counts at the threshold', () => {
    const { values, sums } = county({ a: { x: 0, y: 5, z: 9 } });
    expect(suppress(values, sums, 5)).toEqual(new Set());
  });
});

describe('lower bounds', () => {
  it('hides more when two listed cells (each at least 1) sum to 2 beside a published cell', () => {
    // a + b + c = 12 with c = 10 shown: a + b = 2, and a listed cell is at least 1, so a = b = 1.
    const cells = new Map<string, Cell>([
      ['t', { value: 12 }],
      ['a', { value: 1, lower: 1 }],
      ['b', { value: 1, lower: 1 }],
      ['c', { value: 10, lower: 1 }],
    ]);
    const sums = [{ total: 't', parts: ['a', 'b', 'c'] }];
    const values = new Map([...cells].map(([id, c]) => [id, c.value]));
    const lower = (id: string) => cells.get(id)!.lower ?? 0;
    // The old check (rank only) was satisfied with a and b: the attacker still recovers both.
    expect(recovered(values, sums, new Set(['a', 'b']), 5, lower)).toEqual(['a', 'b']);
    const hidden = protect({ cells, sums }, 5);
    expect([...hidden].sort()).toEqual(['a', 'b', 'c']);
    expect(recovered(values, sums, hidden, 5, lower)).toEqual([]);
  });
});

/** Ledger rows of one insats: [year, half, dim, key, new, exited]. */
const ledger = (rows: [number, 1 | 2, LedgerRow['dim'], string, number, number][]): LedgerRow[] =>
  rows.map(([year, half, dim, key, n, x]) => ({
    intervention_id: 'sala',
    year,
    half,
    dim,
    key,
    new: n,
    exited: x,
    age_n: dim === 'ALL' ? n : 0,
    age_sum: dim === 'ALL' ? n * 30 : 0,
    step_forward: 0,
  }));

/** The case: 3 and 4 new in the second half-year from two kommuner. */
const TWO_KOMMUNER = ledger([
  [2021, 1, 'ALL', '', 22, 0],
  [2021, 1, 'KON', 'KVINNA', 11, 0],
  [2021, 1, 'KON', 'MAN', 11, 0],
  [2021, 1, 'REFERRER', 'AF', 22, 0],
  [2021, 1, 'HEMKOMMUN', '1981', 10, 0],
  [2021, 1, 'HEMKOMMUN', '1962', 12, 0],
  [2021, 2, 'ALL', '', 7, 0],
  [2021, 2, 'KON', 'KVINNA', 3, 0],
  [2021, 2, 'KON', 'MAN', 4, 0],
  [2021, 2, 'REFERRER', 'AF', 7, 0],
  [2021, 2, 'HEMKOMMUN', '1981', 3, 0],
  [2021, 2, 'HEMKOMMUN', '1962', 4, 0],
]);

describe('a year, its half-years and the year before, protected together', () => {
  it('lets no one difference the year and its first half into small second-half cells', () => {
    const { cells, hidden } = protectedYears(TWO_KOMMUNER, 2021, 5);
    const values = new Map([...cells].map(([id, c]) => [id, c.value]));
    const unknown = new Set([...cells].filter(([id, c]) => c.published === false || hidden.has(id)).map(([id]) => id));
    const lower = (id: string) => cells.get(id)!.lower ?? 0;
    // Without the joint table the year and the half-year give 3 and 4 exactly.
    const apart = new Set([...cells].filter(([, c]) => c.published === false).map(([id]) => id));
    expect(recovered(values, [...sumsOf(TWO_KOMMUNER, 2021)], apart, 5, lower)).toEqual(
      expect.arrayContaining(['F|HK|1962|2021|new|H2', 'F|HK|1981|2021|new|H2']),
    );
    expect(recovered(values, [...sumsOf(TWO_KOMMUNER, 2021)], unknown, 5, lower)).toEqual([]);
  });

  it('publishes cells at or above the threshold exactly, suppressed ones as suppressed', () => {
    const half = disclosedYear(TWO_KOMMUNER, 2021, 'HALF_YEAR', 5);
    const year = disclosedYear(TWO_KOMMUNER, 2021, 'YEAR', 5);
    expect(half.new).toEqual({ suppressed: false, value: 22 });
    const kommun = (y: typeof half, scb: string) => y.hemkommuner.find((h) => h.scbCode === scb)!.new;
    // Each kommun is shown in one period at most: the other is hidden, never 0.
    for (const scb of ['1981', '1962']) {
      const shownIn = [kommun(half, scb), kommun(year, scb)].filter((c) => !c.suppressed);
      expect(shownIn.length).toBeLessThan(2);
      expect([kommun(half, scb), kommun(year, scb)]).toContainEqual({ suppressed: true, value: null });
    }
    expect(year.averageAgeAtEntry).toEqual({ suppressed: false, value: 30 });
  });

  it('suppresses an average over fewer than the threshold', () => {
    const rows = ledger([
      [2021, 1, 'ALL', '', 3, 0],
      [2021, 1, 'KON', 'MAN', 3, 0],
      [2021, 1, 'REFERRER', 'AF', 3, 0],
    ]);
    expect(disclosedYear(rows, 2021, 'YEAR', 5).interventions[0]!.averageAgeAtEntry).toEqual({
      suppressed: true,
      value: null,
    });
  });

  it('treats the year before as fixed: its cells look the same in both years’ answers', () => {
    const rows = [
      ...TWO_KOMMUNER,
      ...ledger([
        [2022, 1, 'ALL', '', 9, 2],
        [2022, 1, 'KON', 'MAN', 9, 2],
        [2022, 1, 'REFERRER', 'AF', 9, 0],
        [2022, 1, 'HEMKOMMUN', '1981', 9, 2],
      ]),
    ];
    const before = disclosedYear(rows, 2021, 'YEAR', 5);
    const after = disclosedYear(rows, 2022, 'YEAR', 5);
    for (const h of after.hemkommuner) {
      const then = before.hemkommuner.find((b) => b.scbCode === h.scbCode)!;
      expect([h.newPrevious, h.totalPrevious]).toEqual([then.new, then.total]);
    }
  });
});

describe('windows', () => {
  it('refuses a window of statistics shorter than a month, naming the argument', () => {
    expect(() => checkWindow('2021-03-01', '2021-03-01')).toThrow(/at least a month: to 2021-03-31/);
    expect(() => checkWindow('2021-01-31', '2021-02-27')).toThrow(/2021-02-28/);
    expect(() => checkWindow('2021-03-01', '2021-03-31')).not.toThrow();
    expect(() => checkWindow('2021-03-15', '2021-04-14')).not.toThrow();
  });

  it('reads the threshold from the environment: a whole number of at least 2, else 5', () => {
    expect(thresholdFromEnvironment(undefined)).toBe(5);
    expect(thresholdFromEnvironment('10')).toBe(10);
    expect(thresholdFromEnvironment('1')).toBe(5);
    expect(thresholdFromEnvironment('x')).toBe(5);
  });
});
