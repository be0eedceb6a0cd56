import { cell, ratio, repeated, seededRandom, table } from '../stats.js';

describe('repeated cells', () => {
  it('median of three with its range', () => {
    const r = repeated([30, 10, 20]);
    expect(r).toMatchObject({ median: 20, min: 10, max: 30 });
    expect(cell(r, 0)).toBe('20 (10–30)');
    expect(cell(repeated([1.04, 0.97, 1.21]), 2, '×')).toBe('1.04× (0.97–1.21)');
  });

  it('an even count takes the middle two; missing values are left out', () => {
    expect(repeated([4, 1, 3, 2]).median).toBe(2.5);
    expect(repeated([Number.NaN, 5, 7]).median).toBe(6);
    expect(cell(repeated([Number.NaN]))).toBe('–');
  });

  it('one run, or runs that agree, show the value alone', () => {
    expect(cell(repeated([12.34]))).toBe('12.3');
    expect(cell(repeated([5, 5, 5]), 0, ' %')).toBe('5 %');
  });

  it('ratios', () => {
    expect(ratio(3, 2)).toBe('1.50×');
    expect(ratio(3, 0)).toBe('–');
  });
});

describe('tables', () => {
  it('Markdown: header, rule, rows', () => {
    expect(table(['a', 'b'], [[1, 'x']])).toEqual(['| a | b |', '|---|---|', '| 1 | x |']);
  });

  it('refuses a row that does not fit its header', () => {
    expect(() => table(['a', 'b'], [[1]])).toThrow('A row of 1 cells in a table of 2 columns');
  });
});

describe('seeded random', () => {
  it('repeats for a seed, within [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });
});
