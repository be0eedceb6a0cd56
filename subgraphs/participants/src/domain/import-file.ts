/**
 * Reading an import file (the format is documented in the subgraph's README): CSV with a header row,
 * or JSON (an array of objects), both with the same field names. A CSV cell holds one value; lists are
 * separated by `;`, booleans are `true`/`false` (or `ja`/`nej`), follow-ups are `date:DECISION:present`
 * joined by `;`. What comes out is the JSON shape for every row, so one set of rules checks both.
 */
import { parse as parseInParts } from 'csv-parse';
import { parse } from 'csv-parse/sync';

export const IMPORT_FORMATS = ['CSV', 'JSON'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The most characters one stage or append call carries (the gateway takes 256 kB per request). */
export const IMPORT_PART_CHARS = 100_000;

/**
 * Rows a run writes per batch, one transaction each (all or nothing per batch): large enough to be set-based, small
 * enough that the audit chain's per-row step (each walks the versions of the chain's head its transaction left
 * behind) stays cheap.
 */
export const IMPORT_BATCH = 1000;

/** A check or run whose heartbeat is older than this counts as interrupted: it may be checked or run again. */
export const IMPORT_LEASE_SECONDS = 60;

/** One problem of one row: the row's number (1 = the first record after a CSV header), the field, what is wrong. */
export interface RowIssue {
  row: number;
  field: string;
  message: string;
}

/** CSV columns that hold a list (`;`-separated). */
const LISTS = new Set(['exclusionGrounds', 'supportBefore', 'outcomes', 'supportAfter']);
const BOOLEANS = new Set(['needsTwoMembers', 'motivated']);
const INTEGERS = new Set(['age', 'yearsInSupport']);
const TRUE = new Set(['true', 'ja', 'yes', '1']);
const FALSE = new Set(['false', 'nej', 'no', '0']);

/** A CSV cell as its JSON value; an unreadable one stays a string, for the row check to name. */
function cell(field: string, raw: string): unknown {
  const value = raw.trim();
  if (LISTS.has(field)) {
    return value === '' ? [] : value.split(';').map((v) => v.trim());
  }
  if (value === '') {
    return undefined;
  }
  if (BOOLEANS.has(field)) {
    const lower = value.toLowerCase();
    return TRUE.has(lower) ? true : FALSE.has(lower) ? false : value;
  }
  if (INTEGERS.has(field)) {
    return /^-?\d+$/.test(value) ? Number(value) : value;
  }
  if (field === 'followUps') {
    return value.split(';').map((f) => {
      const [date, decision, present] = f.split(':').map((v) => v.trim());
      return {
        date,
        decision,
        referrerPresent: TRUE.has(present?.toLowerCase() ?? '')
          ? true
          : FALSE.has(present?.toLowerCase() ?? '')
            ? false
            : present,
      };
    });
  }
  return value;
}

export type ReadFile = { ok: true; rows: Record<string, unknown>[] } | { ok: false; issues: RowIssue[] };

const CSV_OPTIONS = { columns: true, skip_empty_lines: true, bom: true, trim: false } as const;

/** A CSV record (cells as text, by header) as the JSON shape. */
const csvRow = (record: Record<string, string>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k.trim(), cell(k.trim(), v)]));

const notCsv = (error: unknown): ReadFile => ({
  ok: false,
  issues: [{ row: 0, field: 'content', message: `Not CSV: ${(error as Error).message}` }],
});

/** Characters of CSV parsed between two pauses of `readImportFileInParts`. */
const CSV_PART_CHARS = 256 * 1024;

/** The rows of a file, each as JSON; a file that cannot be read at all is one issue at row 0. */
export function readImportFile(format: ImportFormat, content: string): ReadFile {
  if (format === 'JSON') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch (error) {
      return { ok: false, issues: [{ row: 0, field: 'content', message: `Not JSON: ${(error as Error).message}` }] };
    }
    if (!Array.isArray(data) || data.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
      return { ok: false, issues: [{ row: 0, field: 'content', message: 'A JSON import is an array of objects' }] };
    }
    return { ok: true, rows: data as Record<string, unknown>[] };
  }
  let records: Record<string, string>[];
  try {
    records = parse(content, CSV_OPTIONS);
  } catch (error) {
    return notCsv(error);
  }
  return { ok: true, rows: records.map(csvRow) };
}

/**
 * As `readImportFile`, but a CSV is parsed a part at a time with `pause()` between parts, so a server reading a file
 * of 100 000 rows keeps answering other requests meanwhile (one parse of 20 MB holds it for seconds).
 */
export async function readImportFileInParts(
  format: ImportFormat,
  content: string,
  pause: () => Promise<unknown>,
): Promise<ReadFile> {
  if (format === 'JSON') {
    return readImportFile(format, content);
  }
  const parser = parseInParts(CSV_OPTIONS);
  const rows: Record<string, unknown>[] = [];
  let failure: unknown = null;
  parser.on('readable', () => {
    for (let record = parser.read(); record !== null; record = parser.read()) {
      rows.push(csvRow(record));
    }
  });
  parser.on('error', (error) => {
    failure = error;
  });
  const ended = new Promise<void>((resolve) => parser.on('close', resolve));
  for (let at = 0; at < content.length && failure === null; at += CSV_PART_CHARS) {
    parser.write(content.slice(at, at + CSV_PART_CHARS));
    await pause();
  }
  if (failure === null) {
    parser.end();
  }
  await ended;
  return failure === null ? { ok: true, rows } : notCsv(failure);
}
