/**
 * The finance file kind of the import (issue 21; the participations' kind is participants'): allocations and
 * requisitions from a CSV or JSON file (format in the finance README), checked with the mutations' rules
 * (../domain/finance-import.ts) — a dry run reports every problem by row and field and writes nothing; a run
 * writes a file without problems in one transaction, set-based, and leaves records already imported (same
 * `sourceRef`) as they are. A förbund's finance records of a year are tens, not thousands: one request carries
 * the file, so there is no staging.
 */
import { randomUUID } from 'node:crypto';
import { pgArray } from '@finsam/kit/database.js';
import { todayInSweden } from '@finsam/kit/dates.js';
import { unknownInterventionIssues } from '@finsam/kit/directory.js';
import { ValidationError } from '@finsam/kit/errors.js';
import { maxLength } from '@finsam/kit/input.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { checkFinanceRecords, type RowIssue, readFinanceFile } from '../domain/finance-import.js';
import { PERIOD_HOLDING_STATUSES } from '../domain/requisitions.js';
import { builder } from './builder.js';

interface Report {
  dryRun: boolean;
  issues: RowIssue[];
  rows: number;
  created: number;
  unchanged: number;
}

const FinanceImportIssueRef = builder.objectRef<RowIssue>('FinanceImportIssue').implement({
  description: 'One problem of one record of a finance import file.',
  fields: (t) => ({
    row: t.exposeInt('row', { description: 'The record’s number (1 = the first record); 0 is the whole file.' }),
    field: t.exposeString('field', { description: 'The field at fault, e.g. `period`, `lines.0.amount`.' }),
    message: t.exposeString('message', { description: 'What is wrong, as the mutation would say it.' }),
  }),
});

const FinanceImportRef = builder.objectRef<Report>('FinanceImport').implement({
  description: 'What a finance import found and did (or, in a dry run, would do).',
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was to be written.' }),
    issues: t.field({
      type: [FinanceImportIssueRef],
      description: 'Every problem by row and field; with any, nothing was written.',
      resolve: (r) => r.issues,
    }),
    rows: t.exposeInt('rows', { description: 'Records in the file.' }),
    created: t.exposeInt('created', { description: 'Allocations and requisitions written (or to be written).' }),
    unchanged: t.exposeInt('unchanged', {
      description: 'Records already imported (same sourceRef): left as they are.',
    }),
  }),
});

const FinanceImportFormatEnum = builder.enumType('FinanceImportFormat', {
  description: 'The form of a finance import file.',
  values: {
    CSV: { description: 'Comma-separated with a header row; a requisition’s lines as `CATEGORY:kronor;…`.' },
    JSON: { description: 'An array of objects with the same fields; lines as `[{ category, amount }]`.' },
  },
});

const FinanceImportInput = builder.inputType('FinanceImportInput', {
  description: 'A file of allocations and requisitions to import.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The file’s name.' }),
    format: t.field({ type: FinanceImportFormatEnum, required: true, description: 'CSV or JSON.' }),
    content: t.string({
      required: true,
      description: 'The file’s text (at most 100 000 characters).',
      extensions: maxLength(100_000),
    }),
    dryRun: t.boolean({ required: true, description: 'True to check only: report every problem, write nothing.' }),
  }),
});

builder.mutationField('importFinanceRecords', (t) =>
  t.field({
    type: FinanceImportRef,
    description:
      'Imports allocations and requisitions from a file (format: the finance README), checked with the mutations’ ' +
      'rules; all records or none, records already imported (same sourceRef) left as they are. Förbund administrators.',
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: FinanceImportInput, required: true, description: 'The file.' }) },
    errors: {},
    resolve: async (_r, { input }, ctx) => {
      const { records, issues, rows } = readFinanceFile(input.format, input.content);
      const ids = [...new Set(records.map((r) => r.record.interventionId))];
      const unknown = new Set(
        (
          await unknownInterventionIssues(
            ctx,
            ids.map((id) => ({ id, path: [id] })),
          )
        ).map((i) => String(i.path[0])),
      );
      return ctx.em.transactional(async (tx) => {
        const { bind, build, tenant } = tenantSql(tx);
        const refs = pgArray(records.map((r) => r.record.sourceRef));
        const existing = build(`select "source_ref" from "allocation" a where ${tenant('a')}
            and a."source_ref" = any(${bind(refs)}::text[])
          union select "source_ref" from "requisition" r
            where ${tenant('r')} and r."source_ref" = any(${bind(refs)}::text[])`);
        const done = new Set(
          (await tx.execute<{ source_ref: string }[]>(existing.sql, existing.params)).map((r) => r.source_ref),
        );
        const fresh = records.filter((r) => !done.has(r.record.sourceRef));
        const held = tenantSql(tx);
        const takenSql = held.build(`select r."intervention_id", r."year", r."period" from "requisition" r
          where ${held.tenant('r')} and r."status" = any(${held.bind(pgArray([...PERIOD_HOLDING_STATUSES]))}::text[])`);
        const taken = new Set(
          (
            await tx.execute<{ intervention_id: string; year: number; period: number }[]>(takenSql.sql, takenSql.params)
          ).map((r) => `${r.intervention_id}:${r.year}:${r.period}`),
        );
        const all = [...issues, ...checkFinanceRecords(fresh, { taken, unknown, today: todayInSweden() })];
        const report = {
          issues: all,
          rows,
          unchanged: records.length - fresh.length,
        };
        if (all.length) {
          if (!input.dryRun) {
            throw new ValidationError(
              all.map((i) => ({ path: ['input', 'content', i.row, i.field], message: i.message })),
            );
          }
          return { ...report, dryRun: true, created: 0 };
        }
        if (input.dryRun) {
          return { ...report, dryRun: true, created: fresh.length };
        }
        const tenantId = tenantOf(ctx);
        const allocations = fresh.flatMap(({ record: r }) =>
          r.kind === 'ALLOCATION'
            ? [
                {
                  id: randomUUID(),
                  tenant_id: tenantId,
                  intervention_id: r.interventionId,
                  year: r.year,
                  amount: r.amount,
                  updated_at: new Date().toISOString(),
                  source_ref: r.sourceRef,
                },
              ]
            : [],
        );
        if (allocations.length) {
          // As `setAllocation`: a decision replaces the year's earlier one.
          await tx.execute(
            `insert into "allocation" select * from jsonb_populate_recordset(null::"allocation", ?::jsonb)
              on conflict ("tenant_id", "intervention_id", "year") do update
              set "amount" = excluded."amount", "updated_at" = excluded."updated_at",
                "source_ref" = excluded."source_ref"`,
            [JSON.stringify(allocations)],
          );
        }
        const VERSION = { SUBMITTED: 1, APPROVED: 2, REJECTED: 2, PAID: 3 } as const;
        const requisitions = fresh.flatMap(({ record: r }) =>
          r.kind === 'REQUISITION'
            ? [
                {
                  id: randomUUID(),
                  tenant_id: tenantId,
                  intervention_id: r.interventionId,
                  year: r.year,
                  period: r.period,
                  submitted_on: r.submittedOn,
                  status: r.status,
                  rejection_reason: r.status === 'REJECTED' ? r.rejectionReason?.trim() : null,
                  version: VERSION[r.status],
                  created_at: new Date().toISOString(),
                  source_ref: r.sourceRef,
                  lines: r.lines,
                },
              ]
            : [],
        );
        if (requisitions.length) {
          await tx.execute(
            `insert into "requisition" select * from jsonb_populate_recordset(null::"requisition", ?::jsonb)`,
            [JSON.stringify(requisitions.map(({ lines: _lines, ...r }) => r))],
          );
          const lines = requisitions.flatMap((r) =>
            r.lines.map((l, position) => ({
              id: randomUUID(),
              tenant_id: tenantId,
              requisition_id: r.id,
              category: l.category,
              amount: l.amount,
              position,
            })),
          );
          await tx.execute(
            `insert into "requisition_line" select * from jsonb_populate_recordset(null::"requisition_line", ?::jsonb)`,
            [JSON.stringify(lines)],
          );
        }
        return { ...report, dryRun: false, created: fresh.length };
      });
    },
  }),
);
