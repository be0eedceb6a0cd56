/**
 * CSV for a Swedish spreadsheet (Excel, LibreOffice Calc with Swedish settings): UTF-8 with a byte order
 * mark (without it Excel reads å/ä/ö as Windows-1252), `;` between cells (the comma is the Swedish
 * decimal sign, so Swedish Excel splits on `;`), CRLF line ends, quoting by csv-stringify. A text cell a
 * spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) is
 * neutralised with a leading apostrophe (OWASP's advice against CSV injection); numbers stay numbers.
 */
import { stringify } from 'csv-stringify/sync';

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as written: numbers as they are; text that could start a formula gets a leading `'`. */
export function neutralised(value: unknown): string | number {
  if (value == null) {
    return '';
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return typeof value === 'bigint' ? value.toString() : value;
  }
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The file: a header row of `columns`, then one row per record, each cell neutralised. */
export function spreadsheetCsv<C extends string>(
  columns: readonly C[],
  rows: readonly Partial<Record<C, unknown>>[],
): string {
  return (
    CSV_BOM +
    stringify([[...columns], ...rows.map((r) => columns.map((c) => neutralised(r[c])))], {
      delimiter: CSV_SEPARATOR,
      record_delimiter: 'windows',
      cast: { number: (n) => String(n) },
    })
  );
}
