/**
 * The finance file kind of the import (issue 21): allocations and requisitions, each record checked with the
 * rules the mutations use — `allocationInput` for `setAllocation`; `submitInput`, `submissionIssues` (as a förbund
 * administrator registering a requisition received earlier) and `rejectionIssues` for a requisition and its
 * decision — and across the file: a `sourceRef` once, a period requisitioned once (`periodTaken`). CSV and JSON
 * carry the same fields; a CSV requisition's lines are `CATEGORY:kronor` joined by `;`.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { allocationInput } from './allocations.js';
import { periodTaken, rejectionIssues, submissionIssues, submitInput } from './requisitions.js';

export interface RowIssue {
  row: number;
  field: string;
  message: string;
}

const record = z.discriminatedUnion('kind', [
  allocationInput.extend({ kind: z.literal('ALLOCATION'), sourceRef: z.string().trim().min(1).max(200) }),
  submitInput.extend({
    kind: z.literal('REQUISITION'),
    sourceRef: z.string().trim().min(1).max(200),
    submittedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date is YYYY-MM-DD'),
    status: z.enum(['SUBMITTED', 'APPROVED', 'PAID', 'REJECTED']).default('SUBMITTED'),
    rejectionReason: z.string().max(2000).nullish(),
  }),
]);
export type FinanceRecord = z.infer<typeof record>;

/** A CSV cell as its JSON value. */
function cell(field: string, value: string): unknown {
  const v = value.trim();
  if (v === '') {
    return undefined;
  }
  if (['year', 'period', 'amount'].includes(field)) {
    return /^-?\d+$/.test(v) ? Number(v) : v;
  }
  if (field === 'lines') {
    return v.split(';').map((l) => {
      const [category, amount] = l.split(':').map((x) => x.trim());
      return { category, amount: /^-?\d+$/.test(amount ?? '') ? Number(amount) : amount };
    });
  }
  return v;
}

/** The file's records (or the issue that it cannot be read), each checked in form. */
export function readFinanceFile(
  format: 'CSV' | 'JSON',
  content: string,
): { records: { row: number; record: FinanceRecord }[]; issues: RowIssue[]; rows: number } {
  let rows: Record<string, unknown>[];
  try {
    rows =
      format === 'JSON'
        ? (JSON.parse(content) as Record<string, unknown>[])
        : (parse(content, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[]).map((r) =>
            Object.fromEntries(Object.entries(r).map(([k, v]) => [k.trim(), cell(k.trim(), v)])),
          );
    if (!Array.isArray(rows) || rows.length === 0) {
      throw new Error('no records');
    }
  } catch (error) {
    return {
      rows: 0,
      records: [],
      issues: [{ row: 0, field: 'content', message: `Not a ${format} file of records: ${(error as Error).message}` }],
    };
  }
  const records: { row: number; record: FinanceRecord }[] = [];
  const issues: RowIssue[] = [];
  rows.forEach((value, index) => {
    const row = index + 1;
    const parsed = record.safeParse(value);
    if (parsed.success) {
      records.push({ row, record: parsed.data });
    } else {
      issues.push(...parsed.error.issues.map((i) => ({ row, field: i.path.join('.') || 'kind', message: i.message })));
    }
  });
  return { records, issues, rows: rows.length };
}

/** `path`'s last named part as the record's field. */
const fieldOf = (path: (string | number)[]) => path.filter((p) => p !== 'input').join('.');

/**
 * The rules of each record and across the file. `taken`: periods already held in the förbund
 * (`interventionId:year:period`); `unknown`: insats ids that are not the förbund's; `today` in Sweden.
 */
export function checkFinanceRecords(
  records: readonly { row: number; record: FinanceRecord }[],
  { taken, unknown, today }: { taken: ReadonlySet<string>; unknown: ReadonlySet<string>; today: string },
): RowIssue[] {
  const issues: RowIssue[] = [];
  const refs = new Map<string, number>();
  const periods = new Map<string, number>();
  const allocations = new Map<string, number>();
  for (const { row, record: r } of records) {
    const first = refs.get(r.sourceRef);
    if (first !== undefined) {
      issues.push({ row, field: 'sourceRef', message: `The same sourceRef as row ${first}` });
    }
    refs.set(r.sourceRef, row);
    if (unknown.has(r.interventionId)) {
      issues.push({ row, field: 'interventionId', message: `${r.interventionId} is not an insats of your förbund` });
      continue;
    }
    if (r.kind === 'ALLOCATION') {
      const key = `${r.interventionId}:${r.year}`;
      if (allocations.has(key)) {
        issues.push({
          row,
          field: 'year',
          message: `The insats' allocation for ${r.year} is in row ${allocations.get(key)}`,
        });
      }
      allocations.set(key, row);
      continue;
    }
    for (const i of submissionIssues(r, { today, byTenantAdmin: true })) {
      issues.push({ row, field: fieldOf(i.path), message: i.message });
    }
    if (r.status === 'REJECTED') {
      for (const i of rejectionIssues(r.rejectionReason ?? '')) {
        issues.push({ row, field: 'rejectionReason', message: i.message });
      }
    } else {
      const key = `${r.interventionId}:${r.year}:${r.period}`;
      if (periods.has(key) || taken.has(key)) {
        issues.push({ row, field: 'period', message: periodTaken(r).message });
      }
      periods.set(key, row);
    }
  }
  return issues.sort((a, b) => a.row - b.row);
}
