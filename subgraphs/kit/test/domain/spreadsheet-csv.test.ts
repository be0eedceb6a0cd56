/** CSV for Swedish spreadsheets: BOM, `;`, quoting by csv-stringify, formula-like text neutralised. */
import { parse } from 'csv-parse/sync';
import { CSV_BOM, neutralised, spreadsheetCsv } from '../../src/spreadsheet-csv.js';

describe('a spreadsheet CSV', () => {
  const csv = spreadsheetCsv(['namn', 'belopp', 'not'] as const, [
    { namn: 'Västerås; Spira', belopp: -4920, not: 'sa "hej"' },
    { namn: '=HYPERLINK("http://x")', belopp: 10_996_000, not: '@SUM(A1)' },
  ]);

  it('starts with a BOM and splits on ; with CRLF line ends', () => {
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe('namn;belopp;not');
  });

  it('quotes what needs quoting and reads back as written', () => {
    const rows = parse(csv, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows[0]).toEqual({ namn: 'Västerås; Spira', belopp: '-4920', not: 'sa "hej"' });
    expect(rows[1]).toEqual({ namn: '\'=HYPERLINK("http://x")', belopp: '10996000', not: "'@SUM(A1)" });
  });

  it('neutralises text a spreadsheet would run, and leaves numbers as numbers', () => {
    expect(['=1+1', '+1', '-1', '@A1', '\tx', '\rx'].map(neutralised)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@A1",
      "'\tx",
      "'\rx",
    ]);
    expect([neutralised(-4920), neutralised(null), neutralised('Säter')]).toEqual([-4920, '', 'Säter']);
  });
});
