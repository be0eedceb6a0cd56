/**
 * Issue 21, import at scale: a run writes batch by batch (each batch one transaction, one multi-row insert per table,
 * the ledger's statement trigger applied once per batch, the batch's audit rows in one call). A multi-batch import
 * must give exactly what the per-row path gives: the ledger equals the one the same participations build when
 * written one statement per step (referral, enrolment, exit, as the mutations write them) and a count from the rows
 * themselves, the year report equals the file's own figures, and there is one chained audit row per imported identity.
 * Not timed: the bench measures (infra/bench/README.md#import).
 */
import { graph, importFile } from '@finsam/infra/import.js';
import { checkAuditChain } from '@finsam/kit/audit-log.js';
import { IMPORT_BATCH } from '@finsam/participants/domain/import-file.js';
import { type NewForbund, newForbund, toCsv, yearFigures, yearOfPersons } from './support/import-records.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
let forbund: NewForbund;
// Three batches, the last one short.
const persons = yearOfPersons(2 * IMPORT_BATCH + 250);

beforeAll(async () => {
  p = await startTestPlatform();
  forbund = await newForbund(p, 'import-scale', 301);
  // Staged in parts, checked and run as `npm run import` does.
  const done = await importFile(graph(p.gatewayUrl, forbund.admin), {
    name: 'scale.csv',
    format: 'CSV',
    content: toCsv(persons, forbund.interventionId),
  });
  expect(done).toMatchObject({ status: 'DONE', issues: [], processedRows: persons.length });
}, 300_000);
afterAll(() => p?.close());

const LEDGER = `select half_year::text, dim, key, new, exited, age_n, age_sum, step_forward
  from participation_half_year where tenant_id = $1 order by 1, 2, 3`;

it('wrote the file in batches of its documented size, each counted', async () => {
  const [run] = await p.rows(
    'participants',
    'select written_rows, written_batches from participation_import where tenant_id = $1',
    [forbund.id],
  );
  expect(run).toEqual({ written_rows: persons.length, written_batches: Math.ceil(persons.length / IMPORT_BATCH) });
});

it('builds the ledger the per-row path builds, and the one the rows themselves give', async () => {
  const [imported, perRow, counted] = await p.asSuperuser('participants', async (client) => {
    const ledger = async (tenantId: string) => (await client.query(LEDGER, [tenantId])).rows;
    const fromImport = await ledger(forbund.id);
    // The per-row path, in a transaction rolled back: each participation written again for another förbund as the
    // mutations write it, one statement per step — decided, then enrolled (with its background), then exited — so
    // the ledger's trigger sees each row change by itself.
    await client.query('begin');
    try {
      const other = '00000000-0000-4000-8000-00000000a001';
      await client.query(
        `do $$
        declare r participation; copy uuid;
        begin
          for r in select * from participation where tenant_id = '${forbund.id}' order by source_ref loop
            copy := gen_random_uuid();
            insert into participation select (jsonb_populate_record(r, jsonb_build_object(
              'id', copy, 'tenant_id', '${other}', 'person_id', null, 'source_ref', null,
              'status', case when r.status = 'REJECTED' then 'REJECTED' else 'ACCEPTED' end,
              'enrolled_on', null, 'education_level', null, 'support_before', null, 'years_in_support', null,
              'planned_end', null, 'exited_on', null, 'outcomes', '{}'::text[], 'support_after', null))).*;
            if r.enrolled_on is not null then
              update participation set status = 'ENROLLED', enrolled_on = r.enrolled_on, planned_end = r.planned_end,
                education_level = r.education_level, support_before = r.support_before,
                years_in_support = r.years_in_support
              where id = copy;
            end if;
            if r.exited_on is not null then
              update participation set status = r.status, exited_on = r.exited_on, outcomes = r.outcomes,
                support_after = r.support_after
              where id = copy;
            end if;
          end loop;
        end $$`,
      );
      const fromRows = await ledger(other);
      // The same figures counted from the rows: each enrolment, and each exit, in its half-year.
      const { rows: count } = await client.query(
        `select half_year::text, sum(new)::int as new, sum(exited)::int as exited from (
            select participation_half_year_of(enrolled_on) as half_year, 1 as new, 0 as exited
              from participation where tenant_id = $1 and enrolled_on is not null
            union all select participation_half_year_of(exited_on), 0, 1
              from participation where tenant_id = $1 and exited_on is not null) c
          group by 1 order by 1`,
        [forbund.id],
      );
      return [fromImport, fromRows, count];
    } finally {
      await client.query('rollback');
    }
  });
  expect(imported.length).toBeGreaterThan(0);
  expect(imported).toEqual(perRow);
  expect(
    imported.filter((r) => r.dim === 'ALL').map((r) => ({ half_year: r.half_year, new: r.new, exited: r.exited })),
  ).toEqual(counted);
});

it('gives the year report the file’s own records give', async () => {
  const report = await yearFigures(p, forbund.admin);
  const enrolled = persons.filter((x) => x.enrolledOn);
  const exited = enrolled.filter((x) => x.exitedOn);
  const [insats] = report.interventions;
  expect(insats.new.value).toBe(enrolled.length);
  expect(insats.total.value).toBe(enrolled.length);
  expect(insats.exited.value).toBe(exited.length);
  const byOutcome = new Map<string, number>();
  for (const x of exited) {
    for (const outcome of x.outcomes) {
      byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
    }
  }
  expect(
    Object.fromEntries(
      insats.exitsByOutcome.map((e: { key: string; count: { value: number } }) => [e.key, e.count.value]),
    ),
  ).toEqual(Object.fromEntries(byOutcome));
  const byReferrer = new Map<string, number>();
  for (const x of enrolled) {
    byReferrer.set(x.referrerUnit, (byReferrer.get(x.referrerUnit) ?? 0) + 1);
  }
  expect(
    Object.fromEntries(
      insats.newByReferrer.map((e: { key: string; count: { value: number } }) => [e.key, e.count.value]),
    ),
  ).toEqual(Object.fromEntries(byReferrer));
});

it('audits each imported identity once, in one chain, as the run’s administrator', async () => {
  const audit = await p.rows(
    'participants',
    `select pa.source_ref, a.fields, a.reason, a.user_id, a.request_id
      from participation pa left join audit_entry a on a.participation_id = pa.id
      where pa.tenant_id = $1 and pa.person_id is not null order by pa.source_ref`,
    [forbund.id],
  );
  const identified = persons.filter((x) => x.personnummer).map((x) => x.sourceRef);
  expect(audit.map((a) => a.source_ref)).toEqual(identified);
  for (const a of audit) {
    expect(a).toMatchObject({ fields: ['name', 'personnummer'], reason: 'import: scale.csv' });
  }
  expect(new Set(audit.map((a) => a.user_id))).toEqual(new Set([audit[0]!.user_id]));
  expect(audit[0]!.user_id).not.toBe('');
  expect(new Set(audit.map((a) => a.request_id)).size).toBe(1);
  const [all] = await p.rows('participants', 'select count(*)::int as n from audit_entry where tenant_id = $1', [
    forbund.id,
  ]);
  expect(all).toEqual({ n: identified.length });
  const chain = await p.asSuperuser('participants', (client) => checkAuditChain(client, 'audit_entry'));
  expect(chain.broken).toBeNull();
});
