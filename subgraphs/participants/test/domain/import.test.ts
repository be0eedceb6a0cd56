/**
 * The import's rules without a database: reading CSV and JSON into one shape, replaying a record through the
 * lifecycle's steps with each refusal named by the import's field, and what holds across the rows of a file.
 */
import type { Identity } from '@finsam/kit/identity.js';
import { acrossRows, type ImportFacts, type ImportRecord, planParticipation } from '../../src/domain/import.js';
import { readImportFile, readImportFileInParts } from '../../src/domain/import-file.js';
import { luhn } from '../../src/domain/personnummer.js';

const INSATS = '00000000-0000-4000-8000-000000000001';
const ADMIN: Identity = {
  userId: 'admin',
  tenantId: '00000000-0000-4000-8000-0000000000aa',
  roles: ['forbund_admin'],
  interventionIds: [],
  leadInterventionIds: [],
  steeringInterventionIds: [],
  countyForbundIds: null,
};
const FACTS: ImportFacts = {
  identity: ADMIN,
  members: [],
  insatser: new Map([
    [INSATS, { target: { targetAgeMin: 16, targetAgeMax: 64 }, period: { startDate: '2020-01-01', endDate: null } }],
  ]),
  today: '2026-12-01',
};
const personnummer = `19850312-123${luhn('850312123')}`;

const record = (more: Partial<ImportRecord> = {}): ImportRecord => ({
  sourceRef: 'SUS-1',
  interventionId: INSATS,
  referredOn: '2021-02-01',
  referrerUnit: 'FORSAKRINGSKASSAN',
  needsTwoMembers: true,
  motivated: true,
  exclusionGrounds: [],
  studyVisit: 'DONE',
  consentGivenOn: '2021-02-01',
  personnummer,
  hemkommun: '1980',
  decision: 'ACCEPTED',
  decidedOn: '2021-02-10',
  enrolledOn: '2021-03-01',
  followUps: [{ date: '2021-05-01', decision: 'CONTINUE', referrerPresent: true }],
  exitedOn: '2021-11-30',
  outcomes: ['STUDIER', 'STUDIER'],
  ...more,
});

describe('readImportFile', () => {
  it('reads CSV cells into the JSON shape: lists, booleans, numbers, follow-ups, empty as absent', () => {
    const csv =
      'sourceRef,needsTwoMembers,exclusionGrounds,yearsInSupport,followUps,name\n' +
      'A-1,ja,,3,2021-05-01:CONTINUE:true;2021-08-01:END:nej,\n';
    const read = readImportFile('CSV', csv);
    expect(read).toEqual({
      ok: true,
      rows: [
        {
          sourceRef: 'A-1',
          needsTwoMembers: true,
          exclusionGrounds: [],
          yearsInSupport: 3,
          followUps: [
            { date: '2021-05-01', decision: 'CONTINUE', referrerPresent: true },
            { date: '2021-08-01', decision: 'END', referrerPresent: false },
          ],
          name: undefined,
        },
      ],
    });
  });

  it('reports a file it cannot read as one issue at row 0', () => {
    expect(readImportFile('JSON', '{"a":')).toMatchObject({ ok: false, issues: [{ row: 0, field: 'content' }] });
    expect(readImportFile('JSON', '{"a": 1}')).toMatchObject({ ok: false, issues: [{ row: 0, field: 'content' }] });
    expect(readImportFile('CSV', 'a,b\n"1,2\n')).toMatchObject({ ok: false, issues: [{ row: 0, field: 'content' }] });
  });

  it('reads a CSV of many parts in parts, pausing between them, as it reads it whole', async () => {
    // Rows across several parts of 256 kB, with quoted cells that hold the separator and a line end.
    const rows = Array.from({ length: 20_000 }, (_, i) => `R-${i},"Namn ${i}, med\nrad",2021-05-01:END:nej`);
    const csv = ['sourceRef,name,followUps', ...rows].join('\n');
    expect(csv.length).toBeGreaterThan(3 * 256 * 1024);
    let pauses = 0;
    const pause = async () => {
      pauses += 1;
    };
    const read = await readImportFileInParts('CSV', csv, pause);
    expect(read).toEqual(readImportFile('CSV', csv));
    expect(read.ok && read.rows).toHaveLength(20_000);
    expect(pauses).toBeGreaterThan(3);
    const broken = await readImportFileInParts('CSV', `${csv}\nR-x,"open`, pause);
    expect(broken).toEqual(readImportFile('CSV', `${csv}\nR-x,"open`));
    expect(broken).toMatchObject({ ok: false, issues: [{ row: 0, field: 'content' }] });
  });
});

describe('planParticipation', () => {
  it('replays a whole history into the participation the steps would leave', () => {
    const plan = planParticipation(1, record(), FACTS);
    expect(plan.ok).toBe(true);
    if (plan.ok) {
      expect(plan.value.fields).toMatchObject({
        status: 'EXITED',
        kon: 'MAN',
        birthYear: 1985,
        ageAtReferral: 35,
        enrolledOn: '2021-03-01',
        plannedEnd: '2022-03-01',
        exitedOn: '2021-11-30',
        outcomes: ['STUDIER'],
      });
      expect(plan.value.person?.value).toBe(personnummer);
      expect(plan.value.followUps).toHaveLength(1);
    }
  });

  const refused: [string, Partial<ImportRecord>, string, RegExp][] = [
    ['an exit before enrolment', { exitedOn: '2021-02-15' }, 'exitedOn', /before enrolment/],
    [
      'a follow-up before enrolment',
      { followUps: [{ date: '2021-02-20', decision: 'CONTINUE', referrerPresent: true }] },
      'followUps.0.date',
      /before enrolment/,
    ],
    ['a decision before the referral', { decidedOn: '2021-01-01' }, 'decidedOn', /before the referral/],
    [
      'a rejection without reason',
      { decision: 'REJECTED', enrolledOn: null, followUps: [], exitedOn: null, outcomes: [] },
      'decisionReason',
      /says why/,
    ],
    [
      'an enrolment before the insats',
      { referredOn: '2019-05-01', consentGivenOn: '2019-05-01', decidedOn: '2019-05-10', enrolledOn: '2019-06-01' },
      'enrolledOn',
      /before the insats started/,
    ],
    ['an exit without outcome', { outcomes: [] }, 'outcomes', /at least one outcome/],
    ['identity without consent', { consentGivenOn: null }, 'personnummer', /anonymous/],
    ['a bad personnummer', { personnummer: '19850312-1230' }, 'personnummer', /./],
    [
      'an unknown insats',
      { interventionId: '00000000-0000-4000-8000-000000000009' },
      'interventionId',
      /No such insats/,
    ],
    ['an exit without a decision', { decision: null, decidedOn: null }, 'decision', /was decided/],
    ['outcomes without an exit', { exitedOn: null }, 'exitedOn', /need the exit date/],
  ];
  it.each(refused)('refuses %s, naming the field', (_name, change, field, message) => {
    const plan = planParticipation(7, record(change), FACTS);
    expect(plan.ok).toBe(false);
    if (!plan.ok) {
      expect(plan.issues[0]).toEqual({ row: 7, field, message: expect.stringMatching(message) });
    }
  });
});

describe('acrossRows', () => {
  const planned = (row: number, sourceRef: string, status: string, personKey: string | null) => {
    const plan = planParticipation(row, record({ sourceRef }), FACTS);
    if (!plan.ok) {
      throw new Error('planned');
    }
    return { row, plan: { ...plan.value, fields: { ...plan.value.fields, status } } as never, personKey };
  };

  it('refuses a sourceRef twice and a second open participation of a person in an insats', () => {
    const issues = acrossRows(
      [
        planned(1, 'A', 'EXITED', 'p1'),
        planned(2, 'A', 'EXITED', 'p2'),
        planned(3, 'B', 'ENROLLED', 'p3'),
        planned(4, 'C', 'REFERRED', 'p3'),
        planned(5, 'D', 'ENROLLED', 'p4'),
      ],
      new Set([`${INSATS}:p4`]),
    );
    expect(issues.map((i) => [i.row, i.field])).toEqual([
      [2, 'sourceRef'],
      [4, 'personnummer'],
      [5, 'personnummer'],
    ]);
  });
});
