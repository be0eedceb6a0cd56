/**
 * Issue 21, register extract (GDPR art. 15): a förbund administrator, with a recorded reason, gets
 * everything the förbund holds about one person — participations and their steps, consent, handlingsplan,
 * follow-ups, screenings, the logged reads of their identity, and the board's decisions naming them —
 * and nothing of anyone else. The extract is itself on record.
 */
import { checkAuditChain } from '@finsam/kit/audit-log.js';
import {
  codes,
  DEMO_INTERVENTION_IDS,
  openSteeringMeeting,
  startTestPlatform,
  type TestPlatform,
} from './support/platform.js';
import { participationWithHistory, personnummer } from './support/records.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const { HALLSTAHAMMAR } = DEMO_INTERVENTION_IDS;
const ADMIN = 'norra-vastmanland-admin';
const STAFF = 'norra-vastmanland-staff';
const PERSON = personnummer('19870315', '246');
const OTHER = personnummer('19790707', '135');

const EXTRACT = `query ($pnr: String!, $reason: String!) { registerExtract(personnummer: $pnr, reason: $reason) {
  id personnummer names protectedIdentity reason generatedAt
  participations {
    id intervention { id name }
    sections { kind recordId title entries { field label value } }
    decisions { id kind text }
  }
} }`;

describe('registerExtract', () => {
  const mine: string[] = [];
  let theirs: string;
  let decisionId: string;

  beforeAll(async () => {
    // The person twice in the insats (an ended participation, then a new one), someone else once.
    mine.push(
      await participationWithHistory(p, {
        staff: STAFF,
        interventionId: HALLSTAHAMMAR,
        personnummer: PERSON,
        name: 'Ester Extrakt',
        referredOn: '2023-01-10',
        enrolledOn: '2023-01-16',
        records: true,
        exitedOn: '2023-12-15',
      }),
    );
    mine.push(
      await participationWithHistory(p, {
        staff: STAFF,
        interventionId: HALLSTAHAMMAR,
        personnummer: PERSON,
        referredOn: '2024-03-01',
        enrolledOn: '2024-03-04',
        records: true,
      }),
    );
    theirs = await participationWithHistory(p, {
      staff: STAFF,
      interventionId: HALLSTAHAMMAR,
      personnummer: OTHER,
      name: 'Otto Annan',
      referredOn: '2023-02-01',
      enrolledOn: '2023-02-06',
      records: true,
    });
    // Staff read both identities: logged reads about each person.
    for (const id of [...mine, theirs]) {
      const read = await p.gql(`{ participation(id: "${id}") { person { personnummer name } } }`, { as: STAFF });
      expect(read.errors).toBeUndefined();
    }
    // The styrgrupp decides about the person's open participation (governance holds that record).
    const meetingId = await openSteeringMeeting(p, ADMIN, HALLSTAHAMMAR, '2026-10-01');
    const decided = await p.gql(
      `mutation ($m: ID!, $input: DecisionInput!) { recordDecision(meetingId: $m, input: $input) {
        __typename ... on MutationRecordDecisionSuccess { data { id } } } }`,
      {
        as: 'norra-vastmanland-board',
        variables: {
          m: meetingId,
          input: { kind: 'EXTENSION', text: 'Förlängning beviljas.', participationId: mine[1] },
        },
      },
    );
    decisionId = decided.data.recordDecision.data.id;
  });

  it('holds every record made for the person, and nothing of anyone else', async () => {
    // The logged reads before this extract (it logs its own reads after it has gathered everything).
    const readsBefore = (
      await p.rows('participants', 'select id from audit_entry where participation_id = any($1::uuid[])', [mine])
    )
      .map((r) => r.id)
      .sort();
    const res = await p.gql(EXTRACT, {
      as: ADMIN,
      variables: { pnr: PERSON.replace('-', ''), reason: 'Begäran dnr 2026/17' },
    });
    expect(res.errors).toBeUndefined();
    const extract = res.data.registerExtract;
    expect(extract).toMatchObject({
      personnummer: PERSON,
      names: ['Ester Extrakt'],
      protectedIdentity: false,
      reason: 'Begäran dnr 2026/17',
    });
    expect(extract.participations.map((x: any) => x.id)).toEqual(mine);
    expect(extract.participations[0].intervention).toEqual({ id: HALLSTAHAMMAR, name: expect.any(String) });

    // Every record resting on the person's participations, counted from the database.
    const sectionIds = (kind: string) =>
      extract.participations.flatMap((x: any) =>
        x.sections.filter((s: any) => s.kind === kind).map((s: any) => s.recordId),
      );
    const ids = async (sql: string) => (await p.rows('participants', sql, [mine])).map((r) => r.id).sort();
    expect(sectionIds('PARTICIPATION').sort()).toEqual([...mine].sort());
    expect(sectionIds('ACTION_PLAN').sort()).toEqual([...mine].sort());
    expect(sectionIds('FOLLOW_UP').sort()).toEqual(
      await ids('select id from follow_up where participation_id = any($1::uuid[])'),
    );
    expect(sectionIds('SCREENING').sort()).toEqual(
      await ids('select id from screening where participation_id = any($1::uuid[])'),
    );
    expect(readsBefore.length).toBeGreaterThanOrEqual(2);
    expect(sectionIds('AUDIT').sort()).toEqual(readsBefore);
    expect(extract.participations[1].decisions).toEqual([
      { id: decisionId, kind: 'EXTENSION', text: 'Förlängning beviljas.' },
    ]);
    expect(extract.participations[0].decisions).toEqual([]);

    // The participation's own values: what staff entered, labelled in Swedish.
    const first = extract.participations[0].sections.find((s: any) => s.kind === 'PARTICIPATION');
    const value = (field: string) => first.entries.find((e: any) => e.field === field)?.value;
    expect(value('referredOn')).toBe('2023-01-10');
    expect(value('consentGivenOn')).toBe('2023-01-10');
    expect(value('exitedOn')).toBe('2023-12-15');
    expect(value('decisionReason')).toBe('Samordnade behov');
    expect(first.entries.find((e: any) => e.field === 'exitedOn').label).toBe('Avslutsdatum');

    // Nothing of the other person: no record id, no name, no personnummer.
    const text = JSON.stringify(extract);
    const theirRecords = await p.rows(
      'participants',
      `select id from follow_up where participation_id = $1
       union all select id from screening where participation_id = $1
       union all select id from audit_entry where participation_id = $1`,
      [theirs],
    );
    for (const forbidden of [theirs, OTHER, OTHER.replace('-', ''), 'Otto Annan', ...theirRecords.map((r) => r.id)]) {
      expect(text).not.toContain(forbidden);
    }
  });

  it('is on record: who, when, why, in a tamper-evident log, and as an audited read of each one', async () => {
    const res = await p.gql(EXTRACT, { as: ADMIN, variables: { pnr: PERSON, reason: 'Begäran dnr 2026/18' } });
    const extract = res.data.registerExtract;
    const me = (await p.gql('{ me { userId } }', { as: ADMIN })).data.me.userId;
    const [event] = await p.rows('participants', 'select * from records_event where id = $1', [extract.id]);
    expect(event).toMatchObject({ kind: 'REGISTER_EXTRACT', user_id: me, reason: 'Begäran dnr 2026/18' });
    expect(event.details.participationIds).toEqual(mine);
    expect(JSON.stringify(event)).not.toContain(PERSON);
    const audited = await p.rows(
      'participants',
      `select participation_id, user_id, fields, reason from audit_entry where reason = $1 order by participation_id`,
      ['Registerutdrag: Begäran dnr 2026/18'],
    );
    expect(audited.map((a) => a.participation_id).sort()).toEqual([...mine].sort());
    for (const a of audited) {
      expect(a).toMatchObject({ user_id: me, fields: ['name', 'personnummer', 'registerExtract'] });
    }
    for (const log of ['records_event', 'audit_entry']) {
      const chain = await p.asSuperuser('participants', (client) => checkAuditChain(client, log));
      expect(chain.broken).toBeNull();
    }
  });

  it('is refused without a reason, for a bad personnummer and for anyone but an administrator', async () => {
    const count = async () => Number((await p.rows('participants', 'select count(*) as n from records_event'))[0].n);
    const before = await count();
    const noReason = await p.gql(EXTRACT, { as: ADMIN, variables: { pnr: PERSON, reason: '  ' } });
    expect(codes(noReason)).toEqual(['BAD_USER_INPUT']);
    expect(noReason.errors?.[0]?.extensions?.argument).toBe('reason');
    const malformed = await p.gql(EXTRACT, { as: ADMIN, variables: { pnr: '19870315-2460', reason: 'x' } });
    expect(codes(malformed)).toEqual(['BAD_USER_INPUT']);
    for (const user of [STAFF, 'norra-vastmanland-board', 'county-analyst', 'platform-admin']) {
      const res = await p.gql(EXTRACT, { as: user, variables: { pnr: PERSON, reason: 'Nyfiken' } });
      expect(codes(res)).toEqual(['FORBIDDEN']);
    }
    expect(await count()).toBe(before);
    // Another förbund's administrator finds nothing of this förbund's person (and the search is logged there).
    const elsewhere = await p.gql(EXTRACT, { as: 'vasteras-admin', variables: { pnr: PERSON, reason: 'Begäran 1' } });
    expect(elsewhere.data.registerExtract).toMatchObject({ names: [], participations: [] });
  });
});
