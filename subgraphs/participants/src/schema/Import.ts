/**
 * The import of participations with their history (issue 21): a förbund administrator stages a file
 * (CSV or JSON, format in the README), appends further parts of a large one, checks it (the dry run:
 * every row through the mutations' rules, a per-row report, nothing written) and commits it (all
 * rows or none, idempotent by each record's `sourceRef`). Checking and committing run after the
 * mutation answers, in the subgraph, so a file of 100 000 rows is not bound by a request's timeout;
 * the client follows `participationImport(id)` (status, rows processed) until it is CHECKED, DONE or
 * FAILED. Writes are set-based: a batch of rows is one INSERT … SELECT from JSON per table, and each batch
 * commits on its own (all or nothing per batch), with its count, so a run stopped by a crash goes on from the
 * next batch when it is run again (`INTERRUPTED` once its heartbeat is older than the lease).
 */
import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { todayInSweden } from '@finsam/kit/dates.js';
import { ownMembers } from '@finsam/kit/directory.js';
import { ConflictError, NotFoundError, ValidationError } from '@finsam/kit/errors.js';
import { dateProblem, maxLength, textProblem } from '@finsam/kit/input.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { TransactionPropagation } from '@mikro-orm/core';
import { z } from 'zod';
import {
  acrossRows,
  type ImportFacts,
  type ImportRecord,
  type PlannedParticipation,
  planParticipation,
} from '../domain/import.js';
import {
  IMPORT_BATCH,
  IMPORT_LEASE_SECONDS,
  IMPORT_PART_CHARS,
  type ImportFormat,
  type RowIssue,
  readImportFileInParts,
} from '../domain/import-file.js';
import { FOLLOW_UP_DECISIONS } from '../entities/FollowUp.js';
import { LEVELS, OUTCOMES, SUPPORT_SOURCES } from '../entities/Participation.js';
import { encrypt, personHash, personKeys } from '../person-crypto.js';
import { builder } from './builder.js';
import { backgroundSchema } from './Enrolment.js';
import { referralSchema } from './Referral.js';

/** Rows checked between two progress updates. */
const CHECK_PROGRESS_ROWS = 5000;
/** How often a running check or run says it is alive (well inside the lease). */
const HEARTBEAT_MS = 10_000;
/** The most rows one file holds. */
export const IMPORT_MAX_ROWS = 200_000;

const STATUSES = ['STAGED', 'CHECKING', 'CHECKED', 'RUNNING', 'DONE', 'FAILED', 'INTERRUPTED'] as const;
type Status = (typeof STATUSES)[number];

interface ImportSummary {
  rows: number;
  created: number;
  unchanged: number;
  followUps: number;
}

interface ImportRow {
  id: string;
  name: string;
  format: ImportFormat;
  status: Status;
  total_rows: number;
  processed_rows: number;
  written_rows: number;
  issues: RowIssue[];
  summary: ImportSummary | null;
}

const ImportFormatEnum = builder.enumType('ImportFormat', {
  description: 'The form of an import file (the subgraph README documents both).',
  values: {
    CSV: { description: 'Comma-separated, a header row naming the fields; lists separated by `;`.' },
    JSON: { description: 'An array of objects with the same field names.' },
  } satisfies Record<ImportFormat, { description: string }>,
});

const ImportStatusEnum = builder.enumType('ImportStatus', {
  description: 'Where a staged import is.',
  values: {
    STAGED: { description: 'The file is stored (further parts may be appended); not yet checked.' },
    CHECKING: { description: 'The dry run is running.' },
    CHECKED: { description: 'The dry run is done: `issues` lists every problem, nothing was written.' },
    RUNNING: { description: 'The import is being written; `processedRows` grows.' },
    DONE: { description: 'Every row is in (or was already): see `summary`.' },
    FAILED: {
      description:
        'The import found problems (`issues`) and wrote nothing, or a batch failed (`issues` says so; the batches ' +
        'before it are in, `writtenRows`): run it again to go on.',
    },
    INTERRUPTED: {
      description:
        'Checking or running stopped without finishing (the subgraph stopped mid-run): the batches written are in ' +
        '(`writtenRows`); check or run it again — a run goes on from the next batch.',
    },
  } satisfies Record<Status, { description: string }>,
});

const ImportIssueRef = builder.objectRef<RowIssue>('ImportIssue').implement({
  description: 'One problem of one row of an import file.',
  fields: (t) => ({
    row: t.exposeInt('row', {
      description: 'The record’s number: 1 is the first record (after the CSV header); 0 is the file as a whole.',
    }),
    field: t.exposeString('field', {
      description: 'The field (column) at fault, e.g. `exitedOn`, `followUps.1.date`.',
    }),
    message: t.exposeString('message', { description: 'What is wrong, as the mutation would say it.' }),
  }),
});

const ImportSummaryRef = builder.objectRef<ImportSummary>('ImportSummary').implement({
  description: 'What an import did (or, after a dry run, would do).',
  fields: (t) => ({
    rows: t.exposeInt('rows', { description: 'Records in the file.' }),
    created: t.exposeInt('created', { description: 'Participations written (or to be written).' }),
    unchanged: t.exposeInt('unchanged', {
      description: 'Records already imported (same `sourceRef`): left as they are.',
    }),
    followUps: t.exposeInt('followUps', { description: 'Follow-ups written (or to be written).' }),
  }),
});

const ParticipationImportRef = builder.objectRef<ImportRow>('ParticipationImport').implement({
  description: 'A staged import of participations with their history, for the förbund’s administrators.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The import’s id.' }),
    name: t.exposeString('name', { description: 'The file’s name, as given.' }),
    format: t.field({ type: ImportFormatEnum, description: 'CSV or JSON.', resolve: (i) => i.format }),
    status: t.field({ type: ImportStatusEnum, description: 'Where the import is.', resolve: (i) => i.status }),
    totalRows: t.exposeInt('total_rows', { description: 'Records in the file (known once checking starts).' }),
    processedRows: t.exposeInt('processed_rows', {
      description: 'Records checked or written so far: the progress of a running check or import.',
    }),
    writtenRows: t.exposeInt('written_rows', {
      description: 'Participations this import has written, in committed batches, over all its runs.',
    }),
    issues: t.field({
      type: [ImportIssueRef],
      description: 'Every problem the last check or run found, by row and field; empty when none.',
      resolve: (i) => i.issues,
    }),
    summary: t.field({
      type: ImportSummaryRef,
      nullable: true,
      description: 'After a clean check: what a run would do; after the run: what it did.',
      resolve: (i) => i.summary,
    }),
  }),
});

// --- the rows' form ------------------------------------------------------------------------

const date = z.string().superRefine((value, c) => {
  const problem = dateProblem(value);
  if (problem) {
    c.addIssue({ code: 'custom', message: problem });
  }
});
const line = (max: number) =>
  z.string().superRefine((value, c) => {
    const problem = textProblem(value, max, true);
    if (problem) {
      c.addIssue({ code: 'custom', message: problem });
    }
  });

/** A record's form: the referral's as `referParticipant` checks it, then the later steps' fields. */
const recordSchema = referralSchema.extend({
  sourceRef: line(200).pipe(z.string().trim().min(1, 'Give the record’s reference in the source system')),
  referredOn: date,
  consentGivenOn: date.nullish(),
  name: line(200).pipe(z.string().trim().min(1)).nullish(),
  exclusionGrounds: referralSchema.shape.exclusionGrounds.default([]),
  decision: z.enum(['ACCEPTED', 'REJECTED']).nullish(),
  decidedOn: date.nullish(),
  decisionReason: line(2000).nullish(),
  enrolledOn: date.nullish(),
  educationLevel: z.string().nullish(),
  supportBefore: z.array(z.string()).nullish(),
  yearsInSupport: z.unknown().optional(),
  followUps: z
    .array(z.object({ date, decision: z.enum(FOLLOW_UP_DECISIONS), referrerPresent: z.boolean() }))
    .default([]),
  exitedOn: date.nullish(),
  outcomes: z.array(z.enum(OUTCOMES)).default([]),
  supportAfter: z.array(z.enum(SUPPORT_SOURCES)).nullish(),
  finalDocumentationSentOn: date.nullish(),
  level6Months: z.enum(LEVELS).nullish(),
  level18Months: z.enum(LEVELS).nullish(),
});

/** The record in a row, or its form's issues (each named by the field). */
function formOf(
  row: number,
  value: Record<string, unknown>,
): { ok: true; record: ImportRecord } | { ok: false; issues: RowIssue[] } {
  const named = (issues: z.core.$ZodIssue[], prefix: string[] = []) =>
    issues.map((i) => ({
      row,
      field: [...prefix, ...i.path.map(String)].join('.') || 'sourceRef',
      message: i.message,
    }));
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, issues: named(parsed.error.issues) };
  }
  const { educationLevel, supportBefore, yearsInSupport, ...rest } = parsed.data;
  const given = educationLevel != null || (supportBefore?.length ?? 0) > 0 || yearsInSupport != null;
  if (!given) {
    return { ok: true, record: { ...rest, background: null } };
  }
  const background = backgroundSchema.safeParse({ educationLevel, supportBefore: supportBefore ?? [], yearsInSupport });
  return background.success
    ? { ok: true, record: { ...rest, background: background.data } }
    : { ok: false, issues: named(background.error.issues) };
}

// --- checking ------------------------------------------------------------------------------

/** Lets the subgraph answer other requests (the client's polls) between two pieces of an import's work. */
const breathe = () => new Promise((resolve) => setImmediate(resolve));

/**
 * `breathe` once some milliseconds of work have passed since the last time: a request waiting on this process needs
 * several turns of its event loop, each of which would otherwise wait for a slice of rows.
 */
function pacer(ms = 10) {
  let last = performance.now();
  return async () => {
    if (performance.now() - last > ms) {
      await breathe();
      last = performance.now();
    }
  };
}

interface Checked {
  issues: RowIssue[];
  planned: { row: number; plan: PlannedParticipation; personKey: string | null }[];
  unchanged: number;
}

/** What the rules need beyond the file, asked once per file of governance and teams (on the caller's behalf). */
async function factsFor(ctx: SubgraphContext, rows: readonly Record<string, unknown>[]): Promise<ImportFacts> {
  // The distinct values first: a file of 100 000 rows names a handful of insatser.
  const uuid = z.uuid();
  const ids = [...new Set(rows.map((r) => r.interventionId))].filter((v): v is string => uuid.safeParse(v).success);
  const insatser = new Map<
    string,
    NonNullable<ImportFacts['insatser'] extends ReadonlyMap<string, infer V> ? V : never> | null
  >();
  await Promise.all(
    ids.map(async (id) => {
      const data = await ctx.services.query<{
        intervention: { startDate: string; endDate: string | null; targetAgeMin: number; targetAgeMax: number } | null;
      }>('teams', 'query ($id: ID!) { intervention(id: $id) { startDate endDate targetAgeMin targetAgeMax } }', { id });
      const i = data.intervention;
      insatser.set(id, i ? { target: i, period: i } : null);
    }),
  );
  return { identity: ctx.identity, members: await ownMembers(ctx), insatser, today: todayInSweden() };
}

/** Every row through the rules; the rows already imported (by `sourceRef`) are left out and counted. */
async function check(
  ctx: SubgraphContext,
  rows: readonly Record<string, unknown>[],
  facts: ImportFacts,
  progress: (done: number) => Promise<void>,
): Promise<Checked> {
  const tenantId = tenantOf(ctx);
  const keys = personKeys(ctx.secrets);
  const refs = rows.map((r) => (typeof r.sourceRef === 'string' ? r.sourceRef.trim() : '')).filter(Boolean);
  const { bind, build, tenant } = tenantSql(ctx.em);
  const existing = build(`select p."source_ref" from "participation" p
    where ${tenant('p')} and p."source_ref" = any(${bind(pgArray(refs))}::text[])`);
  const done = new Set(
    (await ctx.em.execute<{ source_ref: string }[]>(existing.sql, existing.params)).map((r) => r.source_ref),
  );
  const issues: RowIssue[] = [];
  const planned: Checked['planned'] = [];
  let unchanged = 0;
  const pace = pacer();
  for (const [index, value] of rows.entries()) {
    const row = index + 1;
    const form = formOf(row, value);
    if (!form.ok) {
      issues.push(...form.issues);
    } else if (done.has(form.record.sourceRef)) {
      unchanged += 1;
    } else {
      const plan = planParticipation(row, form.record, facts);
      if (plan.ok) {
        const personKey = plan.value.person ? personHash(keys, tenantId, plan.value.person.value) : null;
        planned.push({ row, plan: plan.value, personKey });
      } else {
        issues.push(...plan.issues);
      }
    }
    if (row % CHECK_PROGRESS_ROWS === 0) {
      await progress(row);
    } else {
      // Checking is CPU work: let the subgraph answer other requests (the client's polls) meanwhile.
      await pace();
    }
  }
  const hashes = planned.flatMap((p) => (p.personKey ? [p.personKey] : []));
  const open = tenantSql(ctx.em);
  const openRows = open.build(`select pa."intervention_id", pe."person_number_hash" from "participation" pa
    join "person" pe on pe."id" = pa."person_id"
    where ${open.tenant('pa')} and pa."status" in ('REFERRED', 'ACCEPTED', 'ENROLLED')
      and pe."person_number_hash" = any(${open.bind(pgArray(hashes))}::text[])`);
  const openInDatabase = new Set(
    (
      await ctx.em.execute<{ intervention_id: string; person_number_hash: string }[]>(openRows.sql, openRows.params)
    ).map((r) => `${r.intervention_id}:${r.person_number_hash}`),
  );
  issues.push(...acrossRows(planned, openInDatabase));
  issues.sort((a, b) => a.row - b.row);
  return { issues, planned, unchanged };
}

// --- writing -------------------------------------------------------------------------------

/** A participation's property as its column (`level6Months` → `level_6_months`). */
const column = (property: string) => property.replace(/(\d+)/g, '_$1').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * One batch, set-based: the persons (found or created within their insats, as a referral does), the
 * participations (skipping a `sourceRef` another import wrote meanwhile), their follow-ups, and one
 * audit row per participation whose identity came in, through the log's own function.
 */
async function writeBatch(ctx: SubgraphContext, batch: Checked['planned'], importName: string) {
  const tenantId = tenantOf(ctx);
  const keys = personKeys(ctx.secrets);
  const persons = batch.flatMap(({ plan, personKey }) =>
    plan.person && personKey
      ? [
          {
            id: randomUUID(),
            tenant_id: tenantId,
            intervention_id: plan.fields.interventionId,
            person_number_hash: personKey,
            person_number_cipher: encrypt(keys, plan.person.value),
            name_cipher: plan.name ? encrypt(keys, plan.name) : null,
            protected_identity: false,
          },
        ]
      : [],
  );
  const { bind, build, tenant } = tenantSql(ctx.em);
  const personIds = new Map<string, string>();
  if (persons.length) {
    type Found = { id: string; intervention_id: string; person_number_hash: string };
    const key = (p: Omit<Found, 'id'>) => `${p.intervention_id}:${p.person_number_hash}`;
    const inserted = await ctx.em.execute<Found[]>(
      `insert into "person" select * from jsonb_populate_recordset(null::"person", ?::jsonb)
        on conflict ("tenant_id", "intervention_id", "person_number_hash") do nothing
        returning "id", "intervention_id", "person_number_hash"`,
      [JSON.stringify(persons)],
    );
    for (const p of inserted) {
      personIds.set(key(p), p.id);
    }
    // Those already there (or twice in the batch): one probe of the unique index (förbund, insats, hash) each, kept
    // apart by `offset 0`. As a join, it was planned from statistics taken before the import (a handful of
    // persons) as a pass over every person of the förbund: each batch took longer than the one before.
    const missing = persons.filter((p) => !personIds.has(key(p)));
    if (missing.length) {
      const found = build(`select p."id", p."intervention_id", p."person_number_hash"
        from unnest(${bind(pgArray(missing.map((p) => p.intervention_id)))}::uuid[],
            ${bind(pgArray(missing.map((p) => p.person_number_hash)))}::text[]) as k("intervention_id", "hash")
          cross join lateral (select p."id", p."intervention_id", p."person_number_hash" from "person" p
            where ${tenant('p')} and p."intervention_id" = k."intervention_id" and p."person_number_hash" = k."hash"
            offset 0) p`);
      for (const p of await ctx.em.execute<Found[]>(found.sql, found.params)) {
        personIds.set(key(p), p.id);
      }
    }
  }
  const participations = batch.map(({ plan, personKey }) => ({
    ...Object.fromEntries(Object.entries(plan.fields).map(([k, v]) => [column(k), v])),
    id: randomUUID(),
    tenant_id: tenantId,
    person_id: personKey ? personIds.get(`${plan.fields.interventionId}:${personKey}`) : null,
    source_ref: plan.sourceRef,
  }));
  const written = await ctx.em.execute<{ id: string; source_ref: string; person_id: string | null }[]>(
    `insert into "participation" select * from jsonb_populate_recordset(null::"participation", ?::jsonb)
      on conflict ("tenant_id", "source_ref") do nothing returning "id", "source_ref", "person_id"`,
    [JSON.stringify(participations)],
  );
  const idOf = new Map(written.map((w) => [w.source_ref, w.id]));
  const followUps = batch.flatMap(({ plan }) => {
    const participationId = idOf.get(plan.sourceRef);
    return participationId
      ? plan.followUps.map((f) => ({
          id: randomUUID(),
          tenant_id: tenantId,
          participation_id: participationId,
          date: f.date,
          referrer_present: f.referrerPresent,
          decision: f.decision,
        }))
      : [];
  });
  if (followUps.length) {
    await ctx.em.execute(
      `insert into "follow_up" select * from jsonb_populate_recordset(null::"follow_up", ?::jsonb)`,
      [JSON.stringify(followUps)],
    );
  }
  const identities = written.filter((w) => w.person_id);
  if (identities.length) {
    const reads = identities.map((w) => ({
      participationId: w.id,
      fields: ['name', 'personnummer'],
      reason: `import: ${importName}`,
    }));
    const audit = build(`select "record_audit_reads"(${bind(JSON.stringify(reads))}::jsonb, ${bind(ctx.requestId)})`);
    await ctx.em.execute(audit.sql, audit.params);
  }
  return { created: written.length, followUps: followUps.length };
}

// --- the staged import ---------------------------------------------------------------------

/** A check or run whose heartbeat stopped: reported as INTERRUPTED, and another may take it over. */
const STALE = `i."status" in ('CHECKING', 'RUNNING')
  and i."updated_at" < now() - interval '${IMPORT_LEASE_SECONDS} seconds'`;

async function load(ctx: SubgraphContext, id: string): Promise<ImportRow | null> {
  const { bind, build, tenant } = tenantSql(ctx.em);
  const { sql, params } = build(`select i."id", i."name", i."format",
      case when ${STALE} then 'INTERRUPTED' else i."status" end as "status",
      i."total_rows", i."processed_rows", i."written_rows", i."issues", i."summary"
    from "participation_import" i where ${tenant('i')} and i."id" = ${bind(id)}`);
  const [row] = await ctx.em.execute<ImportRow[]>(sql, params);
  return row ?? null;
}

/** The attempt lost the import (its heartbeat was late and another attempt took it over): it stops, writing nothing. */
class Superseded extends Error {}

/**
 * Sets fields of the import (and its heartbeat) in a transaction of its own, so a client sees them while a batch's is
 * open; only while attempt `runId` holds it.
 */
async function update(ctx: SubgraphContext, id: string, runId: string, set: Record<string, unknown>) {
  const [held] = await ctx.em.transactional(
    async (tx) => {
      const { bind, build, tenant } = tenantSql(tx);
      const assignments = Object.entries(set).map(
        ([k, v]) => `"${k}" = ${bind(typeof v === 'object' && v !== null ? JSON.stringify(v) : v)}`,
      );
      const { sql, params } = build(`update "participation_import" i
        set ${[...assignments, '"updated_at" = now()'].join(', ')}
        where ${tenant('i')} and i."id" = ${bind(id)} and i."run_id" = ${bind(runId)} returning i."id"`);
      return tx.execute<{ id: string }[]>(sql, params);
    },
    { propagation: TransactionPropagation.REQUIRES_NEW },
  );
  if (!held) {
    throw new Superseded(`import ${id}: attempt ${runId} no longer holds it`);
  }
}

/**
 * Moves an import from one of `from` (or from an interrupted check or run) to `to` for attempt `runId`, or says why
 * not (it is running, or done). What earlier runs wrote (`written_*`) stays: a run goes on from it.
 */
async function claim(ctx: SubgraphContext, id: string, runId: string, from: Status[], to: Status): Promise<void> {
  const { bind, build, tenant } = tenantSql(ctx.em);
  const { sql, params } = build(`update "participation_import" i set "status" = ${bind(to)}, "run_id" = ${bind(runId)},
      "updated_at" = now(), "processed_rows" = 0, "total_rows" = 0, "issues" = '[]', "summary" = null
    where ${tenant('i')} and i."id" = ${bind(id)} and (i."status" = any(${bind(pgArray(from))}::text[]) or ${STALE})
    returning i."id"`);
  const [row] = await ctx.em.execute<{ id: string }[]>(sql, params);
  if (!row) {
    const existing = await load(ctx, id);
    if (!existing) {
      throw new NotFoundError(['id'], `No import ${id} in your förbund`);
    }
    throw new ConflictError(
      ['id'],
      `The import is ${existing.status}; it cannot be ${to === 'RUNNING' ? 'run' : 'checked'} now`,
    );
  }
}

/** The file's text: its parts in order. */
async function contentOf(ctx: SubgraphContext, id: string): Promise<string> {
  const parts = tenantSql(ctx.em);
  const text = parts.build(`select p."content" from "participation_import_part" p
    where ${parts.tenant('p')} and p."import_id" = ${parts.bind(id)} order by p."seq"`);
  return (await ctx.em.execute<{ content: string }[]>(text.sql, text.params)).map((p) => p.content).join('');
}

/** The file's rows, or its issues as a FAILED (or checked) import. */
async function rowsOf(
  format: ImportFormat,
  content: string,
): Promise<{ rows: Record<string, unknown>[]; issues: RowIssue[] }> {
  const read = await readImportFileInParts(format, content, breathe);
  if (!read.ok) {
    return { rows: [], issues: read.issues };
  }
  if (read.rows.length > IMPORT_MAX_ROWS) {
    return { rows: [], issues: [{ row: 0, field: 'content', message: `At most ${IMPORT_MAX_ROWS} records per file` }] };
  }
  if (read.rows.length === 0) {
    return { rows: [], issues: [{ row: 0, field: 'content', message: 'The file holds no records' }] };
  }
  return { rows: read.rows, issues: [] };
}

/**
 * Runs after the mutation has answered, beating the import's heartbeat meanwhile: a failure is recorded on the
 * import (FAILED, with the request id to find it in the log and what committed batches hold) and logged, never lost.
 * An attempt that lost the import to another stops quietly: the other records the outcome.
 */
function inBackground(ctx: SubgraphContext, id: string, runId: string, work: () => Promise<void>) {
  const heartbeat = setInterval(() => {
    update(ctx, id, runId, {}).catch((error: unknown) =>
      ctx.log.error('import heartbeat not recorded', { importId: id, error: String(error) }),
    );
  }, HEARTBEAT_MS);
  work()
    .catch(async (error: unknown) => {
      if (error instanceof Superseded) {
        ctx.log.warn('import taken over by another attempt', { importId: id, runId });
        return;
      }
      ctx.log.error('import failed', { importId: id, error: (error as Error).message });
      try {
        const written = (await load(ctx, id))?.written_rows ?? 0;
        await update(ctx, id, runId, {
          status: 'FAILED',
          issues: [
            {
              row: 0,
              field: 'content',
              message: written
                ? `The import failed (request ${ctx.requestId}) after ${written} participations were written in ` +
                  'whole batches; run it again to go on from there'
                : `The import failed (request ${ctx.requestId}); nothing was written`,
            },
          ],
        });
      } catch (second: unknown) {
        ctx.log.error('import status not recorded', { importId: id, error: String(second) });
      }
    })
    .finally(() => clearInterval(heartbeat));
}

/**
 * The run's writing: batch after batch, each in a transaction of its own with the import's counts and progress, and
 * only while this attempt holds the import. A batch is all or nothing; rows of committed batches are found again by
 * their `sourceRef` when the import is run again, so it goes on from the next batch.
 */
async function writeBatches(ctx: SubgraphContext, id: string, runId: string, checked: Checked, importName: string) {
  for (let i = 0; i < checked.planned.length; i += IMPORT_BATCH) {
    const batch = checked.planned.slice(i, i + IMPORT_BATCH);
    await ctx.em.transactional(async (tx) => {
      const written = await writeBatch({ ...ctx, em: tx }, batch, importName);
      const { bind, build, tenant } = tenantSql(tx);
      const { sql, params } = build(`update "participation_import" i
        set "written_rows" = i."written_rows" + ${bind(written.created)},
          "written_follow_ups" = i."written_follow_ups" + ${bind(written.followUps)},
          "written_batches" = i."written_batches" + 1,
          "processed_rows" = ${bind(checked.unchanged + i + batch.length)}, "updated_at" = now()
        where ${tenant('i')} and i."id" = ${bind(id)} and i."run_id" = ${bind(runId)} returning i."id"`);
      if (!(await tx.execute<{ id: string }[]>(sql, params)).length) {
        throw new Superseded(`import ${id}: attempt ${runId} no longer holds it`);
      }
    });
    await breathe();
  }
}

async function start(ctx: SubgraphContext, id: string, commit: boolean): Promise<ImportRow> {
  const before = await load(ctx, id);
  if (!before) {
    throw new NotFoundError(['id'], `No import ${id} in your förbund`);
  }
  const runId = randomUUID();
  await claim(ctx, id, runId, ['STAGED', 'CHECKED', 'FAILED'], commit ? 'RUNNING' : 'CHECKING');
  // Everything after the claim runs on after the answer: reading 100 000 rows alone may outlast a request.
  inBackground(ctx, id, runId, async () => {
    const { rows, issues: fileIssues } = await rowsOf(before.format, await contentOf(ctx, id));
    await update(ctx, id, runId, { total_rows: rows.length });
    const facts = rows.length ? await factsFor(ctx, rows) : null;
    const progress = (n: number) => update(ctx, id, runId, { processed_rows: n });
    const checked = facts ? await check(ctx, rows, facts, progress) : { issues: [], planned: [], unchanged: 0 };
    const issues = [...fileIssues, ...checked.issues];
    if (issues.length) {
      await update(ctx, id, runId, { status: commit ? 'FAILED' : 'CHECKED', issues, processed_rows: rows.length });
      return;
    }
    if (!commit) {
      const summary: ImportSummary = {
        rows: rows.length,
        created: checked.planned.length,
        unchanged: checked.unchanged,
        followUps: checked.planned.reduce((n, p) => n + p.plan.followUps.length, 0),
      };
      await update(ctx, id, runId, { status: 'CHECKED', summary, processed_rows: rows.length });
      return;
    }
    await writeBatches(ctx, id, runId, checked, before.name);
    // What this import wrote over all its runs (an interrupted one's batches too); the rest was there before it.
    const { bind, build, tenant } = tenantSql(ctx.em);
    const { sql, params } = build(`update "participation_import" i set "status" = 'DONE',
        "processed_rows" = ${bind(rows.length)}, "updated_at" = now(),
        "summary" = jsonb_build_object('rows', ${bind(rows.length)}::int, 'created', i."written_rows",
          'unchanged', ${bind(rows.length)}::int - i."written_rows", 'followUps', i."written_follow_ups")
      where ${tenant('i')} and i."id" = ${bind(id)} and i."run_id" = ${bind(runId)} returning i."id"`);
    if (!(await ctx.em.execute<{ id: string }[]>(sql, params)).length) {
      throw new Superseded(`import ${id}: attempt ${runId} no longer holds it`);
    }
  });
  return (await load(ctx, id)) as ImportRow;
}

const content = (description: string) =>
  ({ required: true, description, extensions: maxLength(IMPORT_PART_CHARS) }) as const;

const StageImportInput = builder.inputType('StageParticipationImportInput', {
  description: 'A file to import, or its first part.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The file’s name, for the summary and the audit log.' }),
    format: t.field({ type: ImportFormatEnum, required: true, description: 'CSV or JSON.' }),
    content: t.string(content(`The file's text, or its first part (at most ${IMPORT_PART_CHARS} characters).`)),
  }),
});

builder.queryField('participationImport', (t) =>
  t.field({
    type: ParticipationImportRef,
    nullable: true,
    description: 'A staged import of your förbund, with its status and progress; null when there is none by that id.',
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true, description: 'The import’s id.' }) },
    resolve: (_r, args, ctx) => load(ctx, String(args.id)),
  }),
);

builder.mutationFields((t) => ({
  stageParticipationImport: t.field({
    type: ParticipationImportRef,
    description:
      'Stores an import file of participations with their history (format: the participants README); ' +
      'append further parts of a large file, then check it and run it. Förbund administrators.',
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: StageImportInput, required: true, description: 'The file.' }) },
    errors: {},
    resolve: async (_r, { input }, ctx) => {
      if (!input.name.trim()) {
        throw new ValidationError([{ path: ['input', 'name'], message: 'Name the file' }]);
      }
      const id = randomUUID();
      const { bind, build } = tenantSql(ctx.em);
      const tenantId = tenantOf(ctx);
      const { sql, params } = build(`with staged as (
          insert into "participation_import" ("id", "tenant_id", "name", "format", "status", "created_by")
          values (${bind(id)}, ${bind(tenantId)}, ${bind(input.name.trim())}, ${bind(input.format)}, 'STAGED',
            ${bind(ctx.identity.userId)}) returning "id")
        insert into "participation_import_part" ("import_id", "tenant_id", "seq", "content")
        select "id", ${bind(tenantId)}, 0, ${bind(input.content)} from staged`);
      await ctx.em.execute(sql, params);
      return (await load(ctx, id)) as ImportRow;
    },
  }),
  appendParticipationImport: t.field({
    type: ParticipationImportRef,
    description: 'Appends the next part of a large file to a staged import (parts are joined as they are).',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true, description: 'The import’s id.' }),
      content: t.arg.string(content(`The next part (at most ${IMPORT_PART_CHARS} characters).`)),
    },
    errors: {},
    resolve: async (_r, args, ctx) => {
      const id = String(args.id);
      const { bind, build, tenant } = tenantSql(ctx.em);
      // Each part is a row of its own: appending never rewrites what came before.
      const { sql, params } = build(`with staged as (
          update "participation_import" i set "status" = 'STAGED', "summary" = null, "issues" = '[]',
            "updated_at" = now()
          where ${tenant('i')} and i."id" = ${bind(id)} and i."status" in ('STAGED', 'CHECKED', 'FAILED')
          returning i."id", i."tenant_id")
        insert into "participation_import_part" ("import_id", "tenant_id", "seq", "content")
        select s."id", s."tenant_id",
          (select coalesce(max(p."seq"), -1) + 1 from "participation_import_part" p where p."import_id" = s."id"),
          ${bind(args.content)}
        from staged s returning "import_id" as "id"`);
      const [row] = await ctx.em.execute<{ id: string }[]>(sql, params);
      if (!row) {
        const existing = await load(ctx, id);
        throw existing
          ? new ConflictError(['id'], `The import is ${existing.status}; nothing can be appended`)
          : new NotFoundError(['id'], `No import ${id} in your förbund`);
      }
      return (await load(ctx, id)) as ImportRow;
    },
  }),
  checkParticipationImport: t.field({
    type: ParticipationImportRef,
    description:
      'The dry run: checks every row with the rules the mutations apply and lists each problem by row and field; ' +
      'writes nothing. Runs on after the answer: follow `participationImport(id)` until CHECKED.',
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true, description: 'The import’s id.' }) },
    errors: {},
    resolve: (_r, args, ctx) => start(ctx, String(args.id), false),
  }),
  runParticipationImport: t.field({
    type: ParticipationImportRef,
    description:
      'Imports the file: every row is checked again, and only a file without problems is written, all rows in one ' +
      'transaction; records already imported (same sourceRef) are left as they are. Runs on after the answer: ' +
      'follow `participationImport(id)` (processedRows) until DONE or FAILED.',
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true, description: 'The import’s id.' }) },
    errors: {},
    resolve: (_r, args, ctx) => start(ctx, String(args.id), true),
  }),
}));
