/**
 * Issue 17, done means: people log in with their own organisation's identity (the development
 * provider, code flow with PKCE), the platform decides what they may do (the directory), and each
 * förbund administers its people's access — through the real gateway.
 */
import { bootstrapPlatform } from '@finsam/governance/bootstrap.js';
import { demoTeam } from '@finsam/governance/demo/people.js';
import { database as governance } from '@finsam/governance/server.js';
import { devIssuerConfigs, loginAs, startDevIdentityProviders } from '@finsam/infra/idp/index.js';
import { openOrm } from '@finsam/kit/database.js';
import {
  codes,
  DEMO_INTERVENTION_IDS,
  NORRA,
  SODRA,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from './support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const RESULT = `__typename ... on Error { message } ... on ValidationError { issues { path message } }`;
const INVITE = `mutation ($input: InviteUserInput!) {
  inviteUser(input: $input) { ${RESULT} ... on MutationInviteUserSuccess { data { id email } } }
}`;
const REVOKE = `mutation ($id: ID!) { revokeAccess(id: $id) { ${RESULT} } }`;
const VALIDITY = `mutation ($id: ID!, $validFrom: Date, $validTo: Date) {
  setGrantValidity(id: $id, validFrom: $validFrom, validTo: $validTo) { ${RESULT} }
}`;
const GRANTS = '{ accessGrants { id role user { email } } }';
const REFER = `mutation ($input: ReferralInput!) { referParticipant(input: $input) { ${RESULT} } }`;

const referral = (interventionId: string, personnummer: string) => ({
  interventionId,
  referredOn: '2026-02-01',
  referrerUnit: 'ARBETSFORMEDLINGEN',
  needsTwoMembers: true,
  motivated: true,
  exclusionGrounds: [],
  studyVisit: 'OFFERED',
  consentGivenOn: '2026-02-01',
  personnummer,
  hemkommun: '2180',
});

/** A person at one of the provider's issuers, logged in as a browser would (code flow with PKCE). */
async function person(issuer: 'kommun' | 'statlig', username: string, email: string) {
  p.idp.addAccount(issuer, { username, name: username, email });
  return (await loginAs(p.idp.issuers[issuer], username)).accessToken;
}

const ok = (res: { errors?: unknown[]; data?: any }, field: string) => {
  expect(res.errors).toBeUndefined();
  expect(res.data[field]).toEqual(expect.objectContaining({ __typename: expect.stringMatching(/Success$/) }));
  return res.data[field].data;
};

describe('a new förbund, from registration to a referral', () => {
  it('registers, invites, claims at first login, creates an insats, gives another employer’s staff it', async () => {
    const forbund = ok(
      await p.gql(
        `mutation ($input: CreateForbundInput!) {
          createForbund(input: $input) {
            ${RESULT} ... on MutationCreateForbundSuccess { data { id members { id kind scbCode } } }
          }
        }`,
        {
          as: 'platform-admin',
          variables: {
            input: {
              name: 'Samordningsförbundet Gävleborg (test)',
              slug: 'gavleborg-test',
              organisationNumber: '2220000042',
              members: [
                { kind: 'FORSAKRINGSKASSAN', name: 'Försäkringskassan' },
                { kind: 'ARBETSFORMEDLINGEN', name: 'Arbetsförmedlingen' },
                { kind: 'REGION', name: 'Region Gävleborg', scbCode: '21' },
                { kind: 'KOMMUN', name: 'Gävle kommun', scbCode: '2180', shareBasisPoints: 1500 },
                { kind: 'KOMMUN', name: 'Sandvikens kommun', scbCode: '2181', shareBasisPoints: 1000 },
              ],
            },
          },
        },
      ),
      'createForbund',
    );
    const member = (kind: string) => forbund.members.find((m: any) => m.kind === kind).id;

    // The platform administrator invites the förbund's first administrator by e-mail.
    ok(
      await p.gql(INVITE, {
        as: 'platform-admin',
        variables: {
          input: { forbundId: forbund.id, email: 'Chef@Gavle.example', grants: [{ role: 'FORBUND_ADMIN' }] },
        },
      }),
      'inviteUser',
    );
    // Before logging in, the invitation is nobody's: a stranger with another e-mail gets only `me`.
    const stranger = await person('kommun', 'gavle-stranger', 'someone@gavle.example');
    const strangerMe = await p.gql('{ me { roles forbunds { id } } }', { token: stranger });
    expect(strangerMe.data.me).toEqual({ roles: [], forbunds: [] });
    expect(codes(await p.gql('{ forbund { id } }', { token: stranger }))).toEqual(['FORBIDDEN']);

    const chef = await person('kommun', 'gavle-chef', 'chef@gavle.example');
    const me = await p.gql('{ me { roles forbund { id } } }', { token: chef });
    expect(me.data.me).toEqual({ roles: ['FORBUND_ADMIN'], forbund: { id: forbund.id } });

    const insats = ok(
      await p.gql(
        `mutation ($input: CreateInterventionInput!) {
          createIntervention(input: $input) { ${RESULT} ... on MutationCreateInterventionSuccess { data { id } } }
        }`,
        {
          token: chef,
          variables: {
            input: {
              name: 'Samordningsteam Gävle',
              kind: 'INDIVIDUAL',
              form: 'PROJECT',
              ownerMemberIds: [member('ARBETSFORMEDLINGEN'), member('KOMMUN')],
              bookkeepingMemberId: member('KOMMUN'),
              startDate: '2026-01-01',
              endDate: '2027-12-31',
              maxEnrolled: 20,
              kommunCodes: ['2180'],
              followUpMethod: 'Indikatorer för finansiell samordning',
              esfFunded: false,
            },
          },
        },
      ),
      'createIntervention',
    );

    // An Arbetsförmedlingen employee logs in with the state's issuer, not the kommun's.
    ok(
      await p.gql(INVITE, {
        token: chef,
        variables: {
          input: { email: 'arbetsformedlare@af.example', grants: [{ role: 'STAFF', interventionIds: [insats.id] }] },
        },
      }),
      'inviteUser',
    );
    const staff = await person('statlig', 'gavle-af', 'arbetsformedlare@af.example');
    const referred = await p.gql(REFER, {
      token: staff,
      variables: { input: referral(insats.id, '19900315-9820') },
    });
    expect(referred.data.referParticipant.__typename).toBe('MutationReferParticipantSuccess');
    // Every other insats is refused, in this förbund and the demo förbund alike.
    for (const other of [DEMO_INTERVENTION_IDS.SALA, demoTeam('vasteras').id]) {
      const res = await p.gql(REFER, { token: staff, variables: { input: referral(other, '19900315-9820') } });
      expect(res.data?.referParticipant?.__typename ?? codes(res)[0]).not.toBe('MutationReferParticipantSuccess');
    }

    // Revoked through this gateway: the very next request is refused.
    const grants = await p.gql(GRANTS, { token: chef });
    const grant = grants.data.accessGrants.find((g: any) => g.user?.email === 'arbetsformedlare@af.example');
    ok(await p.gql(REVOKE, { token: chef, variables: { id: grant.id } }), 'revokeAccess');
    const after = await p.gql(REFER, { token: staff, variables: { input: referral(insats.id, '19850101-1234') } });
    expect(after.data?.referParticipant?.__typename).not.toBe('MutationReferParticipantSuccess');
    expect((await p.gql('{ me { roles } }', { token: staff })).data.me.roles).toEqual([]);
  });

  it('refuses a grant that has ended', async () => {
    ok(
      await p.gql(INVITE, {
        as: 'vasteras-admin',
        variables: { input: { email: 'ended@vasteras.example', grants: [{ role: 'BOARD' }] } },
      }),
      'inviteUser',
    );
    const token = await person('kommun', 'vasteras-ended', 'ended@vasteras.example');
    expect((await p.gql('{ forbund { id } }', { token })).data.forbund.id).toBe(VASTERAS.id);
    const grants = await p.gql(GRANTS, { as: 'vasteras-admin' });
    const grant = grants.data.accessGrants.find((g: any) => g.user?.email === 'ended@vasteras.example');
    ok(
      await p.gql(VALIDITY, {
        as: 'vasteras-admin',
        variables: { id: grant.id, validFrom: '2020-01-01', validTo: '2021-12-31' },
      }),
      'setGrantValidity',
    );
    expect(codes(await p.gql('{ forbund { id } }', { token }))).toEqual(['FORBIDDEN']);
  });
});

describe('revocation through another gateway instance', () => {
  it('takes effect there within its access cache time', async () => {
    const other = await p.extraGateway({
      identity: { issuers: devIssuerConfigs(p.idp.issuers), accessCacheSeconds: 1 },
    });
    try {
      ok(
        await p.gql(INVITE, {
          as: 'sodra-dalarna-admin',
          variables: { input: { email: 'leaving@sodra.example', grants: [{ role: 'BOARD' }] } },
        }),
        'inviteUser',
      );
      const token = await person('kommun', 'sodra-leaving', 'leaving@sodra.example');
      const ask = () => p.post(other.url, '{ forbund { id } }', { headers: { authorization: `Bearer ${token}` } });
      expect((await ask()).data.forbund.id).toBe(SODRA.id);
      const grants = await p.gql(GRANTS, { as: 'sodra-dalarna-admin' });
      const grant = grants.data.accessGrants.find((g: any) => g.user?.email === 'leaving@sodra.example');
      // Revoked through the platform's gateway: the other instance still holds the answer it had…
      ok(await p.gql(REVOKE, { as: 'sodra-dalarna-admin', variables: { id: grant.id } }), 'revokeAccess');
      await new Promise((resolve) => setTimeout(resolve, 1100));
      // …for at most its accessCacheSeconds.
      expect(codes(await ask())).toEqual(['FORBIDDEN']);
    } finally {
      await other.stop();
    }
  });
});

describe('a new installation', () => {
  it('is bootstrapped: the operator’s provider trusted for platform access, its first admin invited', async () => {
    const operator = await startDevIdentityProviders({ port: 0, accounts: [] });
    const orm = await openOrm({ connection: p.databases.governance!.owner, ...governance, poolMax: 1 });
    try {
      const settings = { issuer: operator.issuers.kommun, audience: 'finsam-graph', algorithms: ['ES256'] };
      const first = { issuer: { ...settings, platform: true }, adminEmail: 'First.Admin@operator.example' };
      expect(await bootstrapPlatform(orm, first)).toBe(true);
      // Again: the same issuer, nobody invited twice.
      expect(await bootstrapPlatform(orm, first)).toBe(false);
      operator.addAccount('kommun', { username: 'first', name: 'First', email: 'first.admin@operator.example' });
      const token = (await loginAs(operator.issuers.kommun, 'first')).accessToken;
      const me = await p.gql('{ me { roles } }', { token });
      expect(me.data.me.roles).toEqual(['PLATFORM_ADMIN']);
      const all = await p.gql('{ forbunds { edges { node { id } } } }', { token });
      expect(all.data.forbunds.edges).toEqual(expect.arrayContaining([{ node: { id: SODRA.id } }]));
    } finally {
      await orm.close(true);
      await operator.stop();
    }
  });
});

describe('issuers', () => {
  it('gives a trusted issuer’s user no access in a förbund that does not trust it', async () => {
    const other = await startDevIdentityProviders({ port: 0 });
    try {
      ok(
        await p.gql(
          `mutation ($input: RegisterTrustedIssuerInput!) { registerTrustedIssuer(input: $input) { ${RESULT} } }`,
          {
            as: 'platform-admin',
            variables: {
              input: {
                issuer: other.issuers.kommun,
                audience: 'finsam-graph',
                algorithms: ['ES256'],
                forbundIds: [SODRA.id],
                platform: false,
              },
            },
          },
        ),
        'registerTrustedIssuer',
      );
      ok(
        await p.gql(INVITE, {
          as: 'vasteras-admin',
          variables: { input: { email: 'outsider@other.example', grants: [{ role: 'BOARD' }] } },
        }),
        'inviteUser',
      );
      other.addAccount('kommun', { username: 'outsider', name: 'Outsider', email: 'outsider@other.example' });
      const token = (await loginAs(other.issuers.kommun, 'outsider')).accessToken;
      // Signed in (the issuer is trusted), but Västerås does not trust it: no grant is claimed.
      const me = await p.gql('{ me { roles forbunds { id } } }', { token });
      expect(me.data.me).toEqual({ roles: [], forbunds: [] });
      expect(codes(await p.gql('{ forbund { id } }', { token }))).toEqual(['FORBIDDEN']);
    } finally {
      await other.stop();
    }
  });
});

describe('a person in two förbund', () => {
  it('works in one at a time, chooses with the x-finsam-forbund header, and no answer mixes them', async () => {
    for (const [as, email] of [
      ['vasteras-admin', 'two@both.example'],
      ['sodra-dalarna-admin', 'two@both.example'],
    ] as const) {
      ok(
        await p.gql(INVITE, { as, variables: { input: { email, grants: [{ role: 'FORBUND_ADMIN' }] } } }),
        'inviteUser',
      );
    }
    const token = await person('kommun', 'two-forbund', 'two@both.example');
    const me = await p.gql('{ me { forbunds { id } } }', { token });
    expect(me.data.me.forbunds.map((f: any) => f.id).sort()).toEqual([VASTERAS.id, SODRA.id].sort());
    const query = '{ forbund { id interventions { id } } }';
    for (const f of [VASTERAS, SODRA]) {
      const res = await p.gql(query, { token, headers: { 'x-finsam-forbund': f.id } });
      expect(res.data.forbund.id).toBe(f.id);
      const own = await p.gql(query, { as: f.slug === 'vasteras' ? 'vasteras-admin' : 'sodra-dalarna-admin' });
      expect(res.data.forbund.interventions).toEqual(own.data.forbund.interventions);
    }
    expect(codes(await p.gql(query, { token, headers: { 'x-finsam-forbund': NORRA.id } }))).toEqual(['FORBIDDEN']);
    expect(codes(await p.gql(query, { token, headers: { 'x-finsam-forbund': 'nope' } }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('the county', () => {
  it('lets Västmanland’s analyst see Västerås and Norra Västmanland, never Södra Dalarna', async () => {
    const report = (ids: string[]) =>
      p.gql(
        `query ($ids: [ID!]!) { countyReport(forbundIds: $ids, year: 2021) { forbund { year { forbund { id } } } } }`,
        { as: 'vastmanland-analyst', variables: { ids } },
      );
    const own = await report([VASTERAS.id, NORRA.id]);
    expect(own.errors).toBeUndefined();
    expect(own.data.countyReport.forbund.map((f: any) => f.year.forbund.id).sort()).toEqual(
      [VASTERAS.id, NORRA.id].sort(),
    );
    const sodra = await report([SODRA.id]);
    expect(JSON.stringify(sodra.data ?? {})).not.toContain(SODRA.id);
    expect(codes(sodra)).toContain('FORBIDDEN');
    const list = await p.gql('{ forbunds { edges { node { id } } } }', { as: 'vastmanland-analyst' });
    expect(list.data.forbunds.edges.map((e: any) => e.node.id).sort()).toEqual([VASTERAS.id, NORRA.id].sort());
  });
});

describe('a styrgrupp member', () => {
  it('reads and handles the avvikelser of their own styrgrupp’s insats, and no other’s', async () => {
    const HALLSTAHAMMAR = demoTeam('norra-vastmanland').id;
    const { SALA } = DEMO_INTERVENTION_IDS;
    const report = async (interventionId: string) =>
      ok(
        await p.gql(
          `mutation ($id: ID!) { reportAvvikelse(interventionId: $id, description: "Uteblivet möte.") {
            ${RESULT} ... on MutationReportAvvikelseSuccess { data { id } } } }`,
          { as: 'norra-vastmanland-admin', variables: { id: interventionId } },
        ),
        'reportAvvikelse',
      ).id as string;
    const own = await report(HALLSTAHAMMAR);
    const other = await report(SALA);
    const seen = await p.gql('{ avvikelser { id intervention { id } } }', { as: 'norra-vastmanland-styrgrupp' });
    expect(seen.errors).toBeUndefined();
    const ids = seen.data.avvikelser.map((a: any) => a.id);
    expect(ids).toContain(own);
    expect(ids).not.toContain(other);
    expect(new Set(seen.data.avvikelser.map((a: any) => a.intervention.id))).toEqual(new Set([HALLSTAHAMMAR]));
    const handle = (id: string) =>
      p.gql(`mutation ($id: ID!) { handleAvvikelse(id: $id, status: BEING_HANDLED) { ${RESULT} } }`, {
        as: 'norra-vastmanland-styrgrupp',
        variables: { id },
      });
    const refused = await handle(other);
    expect(refused.data?.handleAvvikelse?.__typename ?? codes(refused)[0]).not.toMatch(/Success$/);
    const handled = await handle(own);
    expect(handled.data?.handleAvvikelse?.__typename).toBe('MutationHandleAvvikelseSuccess');
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(p.gatewayUrl, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('answers a preflight from a configured origin, and gives another origin no allowance', async () => {
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
