/**
 * Done means (issue 21, import): a year of a new förbund from a CSV of 200 persons takes one dry run and
 * one run, and gives the same year report as entering the same records by hand through the mutations;
 * importing the same file again changes nothing; a file with one bad row gets a dry-run report naming
 * that row and field, and a real run writes nothing. Bad input to the import is a typed error.
 */

import {
  type NewForbund,
  newForbund,
  type Person,
  RESULT,
  stageAndRun,
  toCsv,
  yearFigures,
  yearOfPersons,
} from './support/import-records.js';
import { codes, startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
let imported: NewForbund;
let byHand: NewForbund;
const persons = yearOfPersons(200);

beforeAll(async () => {
  p = await startTestPlatform();
  imported = await newForbund(p, 'import-a', 101);
  byHand = await newForbund(p, 'import-b', 102);
}, 60_000);
afterAll(() => p.close());

/** Everything the participants subgraph holds for a förbund, read as the superuser. */
function snapshot(tenantId: string) {
  return p.asSuperuser('participants', async (client) => {
    const rows = await Promise.all(
      ['participation', 'person', 'follow_up', 'participation_half_year'].map(
        async (table) =>
          (await client.query(`select * from "${table}" where tenant_id = $1 order by 1, 2, 3`, [tenantId])).rows,
      ),
    );
    return JSON.stringify(rows);
  });
}

/**
 * Runs mutations 5 to a request (the gateway sends one subgraph's mutations of a request in one fetch, which
 * must answer within its timeout), three requests at a time (each person's steps are independent of
 * another's), each alias's result checked.
 */
async function inBatches<T>(items: readonly T[], token: string, field: string, args: (item: T) => string) {
  const success = `Mutation${field[0]!.toUpperCase()}${field.slice(1)}Success`;
  const batches = Array.from({ length: Math.ceil(items.length / 5) }, (_, i) => items.slice(i * 5, i * 5 + 5));
  const send = async (batch: readonly T[]) => {
    const body = batch
      .map((item, n) => `m${n}: ${field}(${args(item)}) { ${RESULT} ... on ${success} { data { id } } }`)
      .join('\n');
    const res = await p.gql(`mutation { ${body} }`, { token });
    expect(res.errors).toBeUndefined();
    for (const n of batch.keys()) {
      expect(res.data[`m${n}`].__typename).toBe(success);
    }
    if (field === 'referParticipant') {
      batch.forEach((item, n) => ids.set(item as Person, res.data[`m${n}`].data.id));
    }
  };
  for (let i = 0; i < batches.length; i += 3) {
    await Promise.all(batches.slice(i, i + 3).map(send));
  }
}
const ids = new Map<Person, string>();
const lit = (value: unknown) => JSON.stringify(value);
const enumList = (values: readonly string[]) => `[${values.join(', ')}]`;

/** The persons entered by hand, step by step, as the insats' staff would. */
async function enterByHand(forbund: NewForbund, all: readonly Person[]) {
  await inBatches(all, forbund.staff, 'referParticipant', (x) => {
    const input = [
      `interventionId: ${lit(forbund.interventionId)}`,
      `referredOn: ${lit(x.referredOn)}`,
      `referrerUnit: ${x.referrerUnit}`,
      `needsTwoMembers: ${x.needsTwoMembers}`,
      `motivated: ${x.motivated}`,
      `exclusionGrounds: []`,
      `studyVisit: ${x.studyVisit}`,
      ...(x.consentGivenOn
        ? [
            `consentGivenOn: ${lit(x.consentGivenOn)}`,
            `personnummer: ${lit(x.personnummer)}`,
            `name: ${lit(x.name)}`,
            `hemkommun: ${lit(x.hemkommun)}`,
          ]
        : [`kon: ${x.kon}`]),
    ];
    return `input: { ${input.join(', ')} }`;
  });
  await inBatches(all, forbund.staff, 'decideReferral', (x) =>
    [
      `participationId: ${lit(ids.get(x))}`,
      `accept: ${x.decision === 'ACCEPTED'}`,
      `decidedOn: ${lit(x.decidedOn)}`,
      ...(x.decisionReason ? [`reason: ${lit(x.decisionReason)}`] : []),
    ].join(', '),
  );
  const enrolled = all.filter((x) => x.enrolledOn);
  await inBatches(enrolled, forbund.staff, 'enrolParticipant', (x) =>
    [
      `participationId: ${lit(ids.get(x))}`,
      `enrolledOn: ${lit(x.enrolledOn)}`,
      ...(x.educationLevel
        ? [
            `background: { educationLevel: ${x.educationLevel}, supportBefore: ${enumList(x.supportBefore ?? [])}, ` +
              `yearsInSupport: ${x.yearsInSupport} }`,
          ]
        : []),
    ].join(', '),
  );
  const followUps = enrolled.flatMap((x) => x.followUps.map((f) => ({ x, f })));
  await inBatches(
    followUps,
    forbund.staff,
    'recordFollowUp',
    ({ x, f }) =>
      `participationId: ${lit(ids.get(x))}, date: ${lit(f.date)}, referrerPresent: ${f.referrerPresent}, ` +
      `decision: ${f.decision}`,
  );
  await inBatches(
    enrolled.filter((x) => x.exitedOn),
    forbund.staff,
    'exitParticipation',
    (x) => `participationId: ${lit(ids.get(x))}, exitedOn: ${lit(x.exitedOn)}, outcomes: ${enumList(x.outcomes)}`,
  );
}

describe('a year of a new förbund from a CSV of 200 persons', () => {
  const file = () => ({
    name: 'sus-2021.csv',
    format: 'CSV' as const,
    content: toCsv(persons, imported.interventionId),
  });

  it('takes one dry run and one run, and gives the year report that entering the records by hand gives', async () => {
    const [checked, done] = await stageAndRun(p, imported.admin, file(), ['check', 'run']);
    expect(checked).toMatchObject({ status: 'CHECKED', issues: [], totalRows: 200 });
    const followUps = persons.reduce((n, x) => n + x.followUps.length, 0);
    expect(checked.summary).toEqual({ rows: 200, created: 200, unchanged: 0, followUps });
    expect(done).toMatchObject({ status: 'DONE', issues: [], processedRows: 200 });
    expect(done.summary).toEqual({ rows: 200, created: 200, unchanged: 0, followUps });

    await enterByHand(byHand, persons);
    const fromImport = await yearFigures(p, imported.admin);
    const fromHand = await yearFigures(p, byHand.admin);
    expect(fromImport.interventions[0].new.value).toBe(persons.filter((x) => x.enrolledOn).length);
    expect(fromImport).toEqual(fromHand);
    expect(await yearFigures(p, imported.admin, 2022)).toEqual(await yearFigures(p, byHand.admin, 2022));
  }, 240_000);

  it('stores every identity encrypted and audits it as an import', async () => {
    const stored = await p.asSuperuser('participants', async (client) => {
      const persons = await client.query('select person_number_cipher, name_cipher from person where tenant_id = $1', [
        imported.id,
      ]);
      const audit = await client.query(
        `select count(*)::int as n, min(reason) as reason, min(user_id) as user_id
          from audit_entry where tenant_id = $1`,
        [imported.id],
      );
      return { persons: persons.rows, audit: audit.rows[0] };
    });
    const withIdentity = persons.filter((x) => x.personnummer);
    expect(stored.persons).toHaveLength(withIdentity.length);
    const plain = new Set(withIdentity.flatMap((x) => [x.personnummer, x.name]));
    for (const row of stored.persons) {
      expect(plain.has(row.person_number_cipher)).toBe(false);
      expect(row.person_number_cipher).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    }
    expect(stored.audit).toMatchObject({ n: withIdentity.length, reason: 'import: sus-2021.csv' });
    expect(stored.audit.user_id).not.toBe('');
  });

  it('imports the same file again and changes nothing', async () => {
    const before = await snapshot(imported.id);
    const [checked, done] = await stageAndRun(p, imported.admin, file(), ['check', 'run']);
    expect(checked.summary).toEqual({ rows: 200, created: 0, unchanged: 200, followUps: 0 });
    expect(done).toMatchObject({ status: 'DONE', summary: { rows: 200, created: 0, unchanged: 200, followUps: 0 } });
    expect(await snapshot(imported.id)).toBe(before);
  });
});

describe('a file with one bad row', () => {
  it('gets a dry-run report naming that row and field, and a real run writes nothing', async () => {
    const forbund = await newForbund(p, 'import-c', 103);
    const rows = yearOfPersons(30).map((x) => ({ ...x, sourceRef: `C-${x.sourceRef}` }));
    // Row 12 ends before it was enrolled: the exit rule of `exitParticipation` refuses it.
    const bad = rows[11]!;
    rows[11] = { ...bad, enrolledOn: bad.enrolledOn, exitedOn: '2021-01-02', outcomes: ['STUDIER'] };
    expect(bad.enrolledOn).toBeDefined();
    const before = await snapshot(forbund.id);
    const [checked, failed] = await stageAndRun(
      p,
      forbund.admin,
      {
        name: 'bad.json',
        format: 'JSON',
        content: JSON.stringify(rows.map((x) => ({ ...x, interventionId: forbund.interventionId }))),
      },
      ['check', 'run'],
    );
    expect(checked).toMatchObject({ status: 'CHECKED', summary: null });
    expect(checked.issues).toEqual([{ row: 12, field: 'exitedOn', message: 'The exit date is before enrolment' }]);
    expect(failed.status).toBe('FAILED');
    expect(failed.issues).toEqual(checked.issues);
    expect(await snapshot(forbund.id)).toBe(before);
  });

  it('names each field a row gets wrong in form, in CSV too', async () => {
    const forbund = await newForbund(p, 'import-d', 104);
    const rows = yearOfPersons(3);
    rows[1] = { ...rows[1]!, referredOn: '2021-02-30', referrerUnit: 'GRANNEN' };
    const [checked] = await stageAndRun(
      p,
      forbund.admin,
      { name: 'form.csv', format: 'CSV', content: toCsv(rows, forbund.interventionId) },
      ['check'],
    );
    expect(checked.issues.map((i: { row: number; field: string }) => [i.row, i.field]).sort()).toEqual([
      [2, 'referredOn'],
      [2, 'referrerUnit'],
    ]);
  });
});

describe('bad input', () => {
  const STAGE = `mutation ($input: StageParticipationImportInput!) {
    stageParticipationImport(input: $input) { ${RESULT} }
  }`;

  it('is refused to anyone but the förbund’s administrators', async () => {
    const res = await p.gql(STAGE, {
      as: 'norra-vastmanland-staff',
      variables: { input: { name: 'x.csv', format: 'CSV', content: 'sourceRef\n1' } },
    });
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });

  it('gets typed errors: a part too long, an unknown format, an unknown import, a file that is no JSON', async () => {
    const long = await p.gql(STAGE, {
      token: imported.admin,
      variables: { input: { name: 'x.csv', format: 'CSV', content: 'x'.repeat(100_001) } },
    });
    expect(long.data.stageParticipationImport.__typename).toBe('ValidationError');
    expect(long.data.stageParticipationImport.issues[0].path).toEqual(['input', 'content']);

    const format = await p.gql(STAGE, {
      token: imported.admin,
      variables: { input: { name: 'x.xls', format: 'XLS', content: 'x' } },
    });
    expect(codes(format)).toEqual(['BAD_USER_INPUT']);

    const missing = await p.gql(
      `mutation { runParticipationImport(id: "00000000-0000-4000-8000-000000000000") { ${RESULT} } }`,
      { token: imported.admin },
    );
    expect(missing.data.runParticipationImport).toMatchObject({ __typename: 'NotFoundError', path: ['id'] });

    const [notJson] = await stageAndRun(p, imported.admin, { name: 'x.json', format: 'JSON', content: '{"a": 1' }, [
      'run',
    ]);
    expect(notJson.status).toBe('FAILED');
    expect(notJson.issues[0]).toMatchObject({ row: 0, field: 'content' });
  });

  it('keeps another förbund’s import out of sight', async () => {
    const [mine] = await stageAndRun(p, imported.admin, { name: 'x.json', format: 'JSON', content: '[]' }, ['check']);
    const other = await p.gql(`{ participationImport(id: "${mine.id}") { id } }`, { token: byHand.admin });
    expect(other.errors).toBeUndefined();
    expect(other.data.participationImport).toBeNull();
    const run = await p.gql(`mutation { runParticipationImport(id: "${mine.id}") { ${RESULT} } }`, {
      token: byHand.admin,
    });
    expect(run.data.runParticipationImport.__typename).toBe('NotFoundError');
  });

  it('keeps the results of earlier mutations of a request when a later one fails', async () => {
    const x = persons[0]!;
    const res = await p.gql(
      `mutation ($input: ReferralInput!) {
        first: referParticipant(input: $input) { __typename ... on MutationReferParticipantSuccess { data { id } } }
        second: decideReferral(participationId: "not-an-id", accept: true, decidedOn: "2021-02-01") { __typename }
      }`,
      {
        token: imported.staff,
        variables: {
          input: {
            interventionId: imported.interventionId,
            referredOn: '2021-02-01',
            referrerUnit: 'REGION',
            needsTwoMembers: true,
            motivated: true,
            exclusionGrounds: [],
            studyVisit: 'DONE',
            kon: x.kon ?? 'KVINNA',
          },
        },
      },
    );
    // The referral committed: its id is in the answer, and the failure is an error at its own path.
    expect(res.data.first.__typename).toBe('MutationReferParticipantSuccess');
    expect(res.data.first.data.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.data.second).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['second'], extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('finance records (allocations, requisitions)', () => {
  const IMPORT = `mutation ($input: FinanceImportInput!) {
    importFinanceRecords(input: $input) {
      ${RESULT}
      ... on MutationImportFinanceRecordsSuccess { data { dryRun rows created unchanged issues { row field message } } }
    }
  }`;
  const csv = (insats: string, period2 = 2) =>
    [
      'kind,sourceRef,interventionId,year,amount,period,submittedOn,status,lines',
      `ALLOCATION,EK-2021-1,${insats},2021,600000,,,,`,
      `REQUISITION,REK-2021-1,${insats},2021,,1,2021-03-10,PAID,PERSONNEL:90000;TRAVEL:1500`,
      `REQUISITION,REK-2021-2,${insats},2021,,${period2},2021-05-10,APPROVED,PERSONNEL:80000`,
    ].join('\n');
  const used = async () => {
    const res = await p.gql('{ forbund { year(year: 2021) { finance { allocated used } } } }', { token: byHand.admin });
    expect(res.errors).toBeUndefined();
    return res.data.forbund.year.finance;
  };

  it('checks with a dry run, imports all or nothing, and changes nothing the second time', async () => {
    const run = (content: string, dryRun: boolean) =>
      p.gql(IMPORT, {
        token: byHand.admin,
        variables: { input: { name: 'ekonomi.csv', format: 'CSV', content, dryRun } },
      });
    const before = await used();
    const bad = csv(byHand.interventionId, 1);
    const checked = (await run(bad, true)).data.importFinanceRecords;
    expect(checked.data.issues).toEqual([
      { row: 3, field: 'period', message: 'Period 1 of 2021 is already requisitioned' },
    ]);
    const refused = (await run(bad, false)).data.importFinanceRecords;
    expect(refused.__typename).toBe('ValidationError');
    expect(refused.issues[0].path).toEqual(['input', 'content', '3', 'period']);
    expect(await used()).toEqual(before);

    const good = csv(byHand.interventionId);
    expect((await run(good, true)).data.importFinanceRecords.data).toMatchObject({
      dryRun: true,
      created: 3,
      issues: [],
    });
    expect(await used()).toEqual(before);
    expect((await run(good, false)).data.importFinanceRecords.data).toMatchObject({
      dryRun: false,
      rows: 3,
      created: 3,
    });
    expect(await used()).toEqual({ allocated: 600_000, used: before.used + 171_500 });
    expect((await run(good, false)).data.importFinanceRecords.data).toMatchObject({ created: 0, unchanged: 3 });
    expect(await used()).toEqual({ allocated: 600_000, used: before.used + 171_500 });
  });
});
