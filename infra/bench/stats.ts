/**
 * The bench's arithmetic and tables, apart from any process or server so they have unit tests
 * (infra/bench/test/): a cell repeated n times reads as its median with the range beside it, and
 * every table is Markdown.
 */

/** Each value a cell took over its repeats. */
export interface Repeated {
  median: number;
  min: number;
  max: number;
  values: number[];
}

/** The median (the mean of the middle two for an even count), least and most of a cell's repeats. */
export function repeated(values: readonly number[]): Repeated {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) {
    return { median: NaN, min: NaN, max: NaN, values: [...values] };
  }
  const mid = finite.length >> 1;
  const median = finite.length % 2 === 1 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
  return { median, min: finite[0]!, max: finite.at(-1)!, values: [...values] };
}

/** A number with `digits` decimals, or – when there is none. */
export const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/**
 * A repeated cell: "median (min–max)", or the value alone when it was measured once or never
 * varied; `unit` follows the median ("2.41×", "35 %").
 */
export function cell(r: Repeated, digits = 1, unit = ''): string {
  const median = `${fixed(r.median, digits)}${Number.isFinite(r.median) ? unit : ''}`;
  if (r.values.length < 2 || !Number.isFinite(r.median) || fixed(r.min, digits) === fixed(r.max, digits)) {
    return median;
  }
  return `${median} (${fixed(r.min, digits)}–${fixed(r.max, digits)})`;
}

/** `a / b` as a ratio cell, "2.41×"; – when either is missing. */
export const ratio = (a: number, b: number): string =>
  Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '–';

/** One Markdown table: a header row, its rule and the rows. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  for (const r of rows) {
    if (r.length !== headers.length) {
      throw new Error(`A row of ${r.length} cells in a table of ${headers.length} columns: ${line(r)}`);
    }
  }
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)];
}

/** A small seeded pseudo-random generator (mulberry32): the same mix and arrivals for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
