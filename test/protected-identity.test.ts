/**
 * Done means (issue 16, item 7): a participant marked protected (skyddad personuppgift) has their name
 * and personnummer read only by the staff of their insats, only with a reason that the tamper-evident
 * audit log keeps with the read; staff of another insats, the board and the admin get nothing; the
 * export and the county figures never carry a name or personnummer.
 */

import fs from 'node:fs';
import { UPPFOLJNING_FINSAM } from '@finsam/gateway/export.js';
import { checkAuditChain } from '@finsam/kit/audit-log.js';
import { buildSchema, type GraphQLNamedType, getNamedType, parse, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import { codes, DEMO_INTERVENTION_IDS, NORRA, startTestPlatform, type TestPlatform } from './support/platform.js';

const SALA = DEMO_INTERVENTION_IDS.SALA;
const PNR = '19850412-0018';
const NAME = 'Skyddad Testperson';

let p: TestPlatform;
let salaStaff: string;
let fnsStaff: string;
let id: string;
beforeAll(async () => {
  p = await startTestPlatform();
  const staffOf = (name: string, insats: string) =>
    p.tokenFor({ name, description: 'staff', roles: ['staff'], tenant: NORRA.id, interventions: [insats] });
  salaStaff = await staffOf('protect-sala-staff', SALA);
  fnsStaff = await staffOf('protect-fns-staff', DEMO_INTERVENTION_IDS.FNS);
  const referred = await p.gql(
    `mutation ($input: ReferralInput!) { referParticipant(input: $input) {
      __typename ... on MutationReferParticipantSuccess { data { id } } } }`,
    {
      token: salaStaff,
      variables: {
        input: {
          interventionId: SALA,
          referredOn: '2026-02-01',
          referrerUnit: 'FORSAKRINGSKASSAN',
          needsTwoMembers: true,
          motivated: true,
          exclusionGrounds: [],
          studyVisit: 'OFFERED',
          consentGivenOn: '2026-02-01',
          personnummer: PNR,
          name: NAME,
          hemkommun: '1981',
        },
      },
    },
  );
  expect(referred.errors).toBeUndefined();
  id = referred.data.referParticipant.data.id;
});
afterAll(() => p.close());

const mark = (value: boolean, token = salaStaff, participationId = id) =>
  p.gql(
    `mutation { setProtectedIdentity(participationId: "${participationId}", protected: ${value}) {
      __typename ... on MutationSetProtectedIdentitySuccess { data { person { protected } } }
      ... on Error { code message } } }`,
    { token },
  );
const read = (args: string, token = salaStaff) =>
  p.gql(`{ participation(id: "${id}") { person { name${args} personnummer${args} } } }`, { token });
const auditRows = () =>
  p.rows<{ fields: string[]; reason: string | null }>(
    'participants',
    'select "fields", "reason" from audit_entry where participation_id = $1 order by seq',
    [id],
  );

describe('a protected identity', () => {
  beforeAll(async () => {
    const marked = await mark(true);
    expect(marked.data.setProtectedIdentity).toEqual({
      __typename: 'MutationSetProtectedIdentitySuccess',
      data: { person: { protected: true } },
    });
  });

  it('is not read without a reason: BAD_USER_INPUT naming the argument, nothing read, nothing logged', async () => {
    const before = await auditRows();
    for (const args of ['', '(reason: "  ")']) {
      const res = await read(args);
      expect(res.data?.participation?.person ?? null).toBeNull();
      expect(codes(res)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
      expect(res.errors!.map((e) => e.extensions?.argument)).toEqual(['reason', 'reason']);
      expect(JSON.stringify(res)).not.toContain(NAME);
      expect(JSON.stringify(res)).not.toContain(PNR);
    }
    expect(await auditRows()).toEqual(before);
  });

  it('is read by its insats’ staff with a reason, and the audit row keeps the reason in the chain', async () => {
    const res = await read('(reason: "Samordning med Arbetsförmedlingen")');
    expect(res.errors).toBeUndefined();
    expect(res.data.participation.person).toEqual({ name: NAME, personnummer: PNR });
    const rows = await auditRows();
    expect(rows.at(-1)).toEqual({ fields: ['name', 'personnummer'], reason: 'Samordning med Arbetsförmedlingen' });
    await p.asOwner('participants', async (db) => {
      expect((await checkAuditChain(db, 'audit_entry')).broken).toBeNull();
    });
  });

  it('gives staff of another insats, the board and the admin nothing', async () => {
    const other = await read('(reason: "Nyfiken")', fnsStaff);
    expect(other.errors).toBeUndefined();
    expect(other.data.participation).toBeNull();
    for (const as of ['norra-vastmanland-board', 'norra-vastmanland-admin']) {
      const res = await p.gql(
        `{ participation(id: "${id}") { person { name(reason: "x") personnummer(reason: "x") } } }`,
        {
          as,
        },
      );
      expect(codes(res)).toContain('FORBIDDEN');
      expect(JSON.stringify(res)).not.toContain(NAME);
    }
    const foreign = await mark(false, fnsStaff);
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data.setProtectedIdentity.code).toBe('NOT_FOUND');
    expect(codes(await mark(false, await p.token('norra-vastmanland-admin')))).toContain('FORBIDDEN');
  });

  it('lifted, the name is read without a reason again (and the read is still audited)', async () => {
    expect((await mark(false)).data.setProtectedIdentity.data.person.protected).toBe(false);
    const res = await read('');
    expect(res.data.participation.person).toEqual({ name: NAME, personnummer: PNR });
    expect((await auditRows()).at(-1)).toEqual({ fields: ['name', 'personnummer'], reason: null });
    expect((await mark(true)).data.setProtectedIdentity.data.person.protected).toBe(true);
  });
});

describe('exports never carry a name or personnummer', () => {
  it('the Uppföljning Finsam operation selects nothing of a person', () => {
    const schema = buildSchema(fs.readFileSync('schema/api.graphql', 'utf8'));
    const info = new TypeInfo(schema);
    const reached: string[] = [];
    visit(
      parse(UPPFOLJNING_FINSAM),
      visitWithTypeInfo(info, {
        Field: () => {
          reached.push((getNamedType(info.getType()) as GraphQLNamedType | null)?.name ?? '?');
        },
      }),
    );
    expect(reached).not.toContain('?');
    expect(reached).not.toContain('PersonDetails');
    expect(reached).not.toContain('Participation');
  });

  it('the CSV export and the county report hold neither the name nor the personnummer', async () => {
    const url = p.gatewayUrl.replace(/\/graphql$/, '/export/uppfoljning-finsam/2026.csv');
    const csv = await fetch(url, { headers: { authorization: `Bearer ${await p.token('norra-vastmanland-admin')}` } });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(PNR);
    const county = await p.gql(
      `{ countyReport(forbundIds: ["${NORRA.id}"], year: 2026) { totals { new { suppressed value } } } }`,
      { as: 'county-analyst' },
    );
    expect(county.errors).toBeUndefined();
    expect(JSON.stringify(county)).not.toContain(NAME);
    expect(JSON.stringify(county)).not.toContain(PNR.slice(0, 8));
  });
});
