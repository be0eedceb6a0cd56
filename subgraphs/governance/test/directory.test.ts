/**
 * The directory through the real governance subgraph, called as the gateway calls it: who a
 * signed-in person is (`resolveAccess`, the gateway's only), how invitations are claimed, and how
 * a förbund administers its people's access — only its own, never its last administrator — with
 * every change recorded. And a styrgrupp member handles their styrgrupp's avvikelser, no other's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { demoTeam } from '@finsam/governance/demo/people.js';
import { seedGovernance } from '@finsam/governance/demo/seed.js';
import { database } from '@finsam/governance/server.js';
import { SCHEMA_DIR } from '@finsam/infra/compose.js';
import { openOrm } from '@finsam/kit/database.js';
import { type IdentityClaims, identityFromClaims } from '@finsam/kit/identity.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  codes,
  DEMO_INTERVENTION_IDS,
  NORRA,
  SODRA,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from '../../../test/support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
  const kommun = await registerIssuer({
    issuer: KOMMUN,
    audience: 'finsam-graph',
    algorithms: ['ES256'],
    platform: true,
  });
  const statlig = await registerIssuer({
    issuer: STATLIG,
    audience: 'finsam-graph',
    algorithms: ['ES256', 'RS256'],
    forbundIds: [NORRA.id],
  });
  expect([kommun, statlig]).toEqual(['MutationRegisterTrustedIssuerSuccess', 'MutationRegisterTrustedIssuerSuccess']);
});
afterAll(() => p.close());

const KOMMUN = 'https://kommun.idp.test';
/** Trusted for Norra Västmanland only, and not for platform access. */
const STATLIG = 'https://statlig.idp.test';
const { HALLSTAHAMMAR, SALA } = DEMO_INTERVENTION_IDS;
const demoEmail = (username: string) => `${username}@demo.finsam.se`;

const GATEWAY: IdentityClaims = { sub: 'gateway', tenant: null, roles: ['gateway'] };
const PLATFORM_ADMIN: IdentityClaims = { sub: 'demo:platform-admin', tenant: null, roles: ['platform_admin'] };

/** Calls governance directly with the gateway's internal token for `claims`. */
async function as(claims: IdentityClaims, query: string, variables?: Record<string, unknown>) {
  const token = await p.internalToken(claims, 'governance');
  return p.post(p.subgraphUrls.governance!, query, { headers: { authorization: `Bearer ${token}` }, variables });
}

const RESOLVE = `mutation ($issuer: String!, $subject: String!, $email: String, $emailVerified: Boolean!,
    $name: String, $forbundId: String) {
  resolveAccess(issuer: $issuer, subject: $subject, email: $email, emailVerified: $emailVerified, name: $name,
      forbundId: $forbundId) {
    userId forbundIds tenantId roles interventionIds steeringInterventionIds leadInterventionIds countyForbundIds
  }
}`;

interface Resolved {
  userId: string;
  forbundIds: string[];
  tenantId: string | null;
  roles: string[];
  interventionIds: string[];
  steeringInterventionIds: string[];
  leadInterventionIds: string[];
  countyForbundIds: string[] | null;
}

interface SignIn {
  issuer?: string;
  subject: string;
  email?: string | null;
  emailVerified?: boolean;
  name?: string;
  forbundId?: string | null;
}

const resolveAs = (claims: IdentityClaims, signIn: SignIn) =>
  as(claims, RESOLVE, { issuer: KOMMUN, emailVerified: true, ...signIn });

/** The gateway resolves a sign-in; fails the test on any error. */
async function resolve(signIn: SignIn): Promise<Resolved> {
  const res = await resolveAs(GATEWAY, signIn);
  expect(res.errors).toBeUndefined();
  return res.data.resolveAccess;
}

/** A demo person signs in with their own issuer's account. */
const signInDemo = (username: string, over: Partial<SignIn> = {}) =>
  resolve({ subject: `sub-${username}`, email: demoEmail(username), name: username, ...over });

/** The internal token claims the gateway signs for a resolved person: what the subgraphs see. */
const claimsOf = (r: Resolved): IdentityClaims => ({
  sub: r.userId,
  tenant: r.tenantId,
  roles: r.roles,
  interventions: r.interventionIds,
  steering: r.steeringInterventionIds,
  leads: r.leadInterventionIds,
  forbunds: r.countyForbundIds,
});

async function registerIssuer(input: Record<string, unknown>) {
  const res = await as(
    PLATFORM_ADMIN,
    `mutation ($input: RegisterTrustedIssuerInput!) { registerTrustedIssuer(input: $input) { __typename } }`,
    { input },
  );
  return res.data.registerTrustedIssuer.__typename as string;
}

const RESULT = `__typename
  ... on ValidationError { issues { path message } }
  ... on NotFoundError { path message }
  ... on ConflictError { path message }`;

const INVITE = `mutation ($input: InviteUserInput!) {
  inviteUser(input: $input) {
    ${RESULT} ... on MutationInviteUserSuccess { data { id email status grants { id role } } }
  }
}`;
const GRANT = `mutation ($input: GrantAccessInput!) {
  grantAccess(input: $input) { ${RESULT} ... on MutationGrantAccessSuccess { data { id role active } } }
}`;
const REVOKE = `mutation ($id: ID!) {
  revokeAccess(id: $id) { ${RESULT} ... on MutationRevokeAccessSuccess { data { id active revokedAt } } }
}`;
const VALIDITY = `mutation ($id: ID!, $validFrom: Date, $validTo: Date) {
  setGrantValidity(id: $id, validFrom: $validFrom, validTo: $validTo) {
    ${RESULT} ... on MutationSetGrantValiditySuccess { data { id validFrom validTo active } }
  }
}`;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** How many rows the directory's tenant tables hold, as stored. */
async function directoryCounts() {
  const [row] = await p.rows(
    'governance',
    `select (select count(*) from access_grant)::int as grants, (select count(*) from invitation)::int as invitations,
            (select count(*) from access_event)::int as events, (select count(*) from county)::int as counties,
            (select count(*) from trusted_issuer)::int as issuers,
            (select count(*) from platform_grant)::int as platform`,
  );
  return row;
}

const openInvitation = async (email: string, tenantId: string) =>
  (
    await p.rows(
      'governance',
      'select id, claimed_by, claimed_at from invitation where email = $1 and tenant_id = $2',
      [email, tenantId],
    )
  )[0];

describe('resolveAccess: the gateway’s only', () => {
  it('is refused to every identity but the gateway’s, and writes nothing for them', async () => {
    const intruders: IdentityClaims[] = [
      PLATFORM_ADMIN,
      { sub: 'demo:vasteras-admin', tenant: VASTERAS.id, roles: ['forbund_admin'] },
      { sub: 'demo:county-analyst', tenant: null, roles: ['county_analyst'], forbunds: [VASTERAS.id] },
      { sub: 'demo:someone', tenant: null, roles: [] },
      { sub: 'anonymous' },
    ];
    for (const claims of intruders) {
      const res = await resolveAs(claims, { subject: 'intruder', email: demoEmail('vasteras-admin') });
      expect([claims.sub, res.data?.resolveAccess ?? null]).toEqual([claims.sub, null]);
      expect(codes(res)).toEqual([claims.sub === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
      const issuers = await as(claims, '{ gatewayTrustedIssuers { issuer } }');
      expect(codes(issuers)).toEqual([claims.sub === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
    }
    expect(await p.rows('governance', `select id from directory_user where subject = 'intruder'`)).toEqual([]);
    expect((await openInvitation(demoEmail('vasteras-admin'), VASTERAS.id)).claimed_at).toBeNull();
  });

  it('is in governance’s schema as @inaccessible, and not in the client API', async () => {
    const sdl = fs.readFileSync(path.join(SCHEMA_DIR, 'governance.graphql'), 'utf8');
    expect(sdl).toMatch(/resolveAccess\([\s\S]*?\): ResolvedAccess!? @inaccessible/);
    expect(sdl).toMatch(/gatewayTrustedIssuers: \[GatewayIssuer!\]! @inaccessible/);
    const introspection = await p.gql('{ __type(name: "Mutation") { fields { name } } }', {
      as: 'norra-vastmanland-board',
    });
    const mutations = introspection.data.__type.fields.map((f: { name: string }) => f.name);
    expect(mutations).toContain('inviteUser');
    expect(mutations).not.toContain('resolveAccess');
    const query = await p.gql('{ __type(name: "Query") { fields { name } } }', { as: 'norra-vastmanland-board' });
    expect(query.data.__type.fields.map((f: { name: string }) => f.name)).not.toContain('gatewayTrustedIssuers');
    const call = await p.gql('mutation { resolveAccess(issuer: "x", subject: "y", emailVerified: true) { userId } }', {
      as: 'norra-vastmanland-board',
    });
    expect(codes(call)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('gives the gateway the trusted issuers', async () => {
    const res = await as(GATEWAY, '{ gatewayTrustedIssuers { issuer audience algorithms } }');
    expect(res.data.gatewayTrustedIssuers).toEqual(
      expect.arrayContaining([
        { issuer: KOMMUN, audience: 'finsam-graph', algorithms: ['ES256'] },
        { issuer: STATLIG, audience: 'finsam-graph', algorithms: ['ES256', 'RS256'] },
      ]),
    );
  });

  it('refuses arguments that are not what a token carries', async () => {
    expect(codes(await resolveAs(GATEWAY, { subject: 'x', forbundId: 'vasteras' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await resolveAs(GATEWAY, { subject: '' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await resolveAs(GATEWAY, { subject: 'x\u0000y' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('signing in claims invitations', () => {
  it('by a verified e-mail only: an unverified one claims nothing', async () => {
    const unverified = await signInDemo('vasteras-board', { emailVerified: false });
    expect(unverified).toMatchObject({ tenantId: null, forbundIds: [], roles: [], countyForbundIds: null });
    expect((await openInvitation(demoEmail('vasteras-board'), VASTERAS.id)).claimed_at).toBeNull();
    const [user] = await p.rows('governance', 'select email, name from directory_user where id = $1', [
      unverified.userId,
    ]);
    expect(user).toEqual({ email: null, name: 'vasteras-board' });

    // The same person, now with the address verified: the same user, and the invitation is theirs.
    const verified = await signInDemo('vasteras-board', { email: 'Vasteras-Board@Demo.Finsam.se' });
    expect(verified).toEqual({
      userId: unverified.userId,
      forbundIds: [VASTERAS.id],
      tenantId: VASTERAS.id,
      roles: ['board'],
      interventionIds: [],
      steeringInterventionIds: [],
      leadInterventionIds: [],
      countyForbundIds: null,
    });
    expect((await openInvitation(demoEmail('vasteras-board'), VASTERAS.id)).claimed_by).toBe(verified.userId);
    const grants = await p.rows('governance', 'select user_id, invitation_id from access_grant where user_id = $1', [
      verified.userId,
    ]);
    expect(grants).toEqual([{ user_id: verified.userId, invitation_id: null }]);
  });

  it('not from an issuer untrusted for the förbund, nor from an unregistered one', async () => {
    // The state's issuer is trusted for Norra Västmanland only.
    const statlig = await signInDemo('vasteras-staff', { issuer: STATLIG });
    expect(statlig).toMatchObject({ tenantId: null, forbundIds: [], roles: [] });
    const unknown = await signInDemo('sodra-dalarna-board', { issuer: 'https://unknown.idp.test' });
    expect(unknown).toMatchObject({ tenantId: null, forbundIds: [], roles: [] });
    expect((await openInvitation(demoEmail('vasteras-staff'), VASTERAS.id)).claimed_at).toBeNull();
    expect((await openInvitation(demoEmail('sodra-dalarna-board'), SODRA.id)).claimed_at).toBeNull();
  });

  it('maps each grant role to the identity’s roles, insatser and styrgrupper', async () => {
    expect(await signInDemo('vasteras-admin')).toMatchObject({ tenantId: VASTERAS.id, roles: ['forbund_admin'] });
    expect(await signInDemo('vasteras-staff')).toMatchObject({
      tenantId: VASTERAS.id,
      roles: ['staff'],
      interventionIds: [demoTeam('vasteras').id],
      steeringInterventionIds: [],
      // A VERKSAMHETSLEDARE grant: the insats they lead, where they decide on referrals.
      leadInterventionIds: [demoTeam('vasteras').id],
    });
    expect(await signInDemo('vasteras-styrgrupp')).toMatchObject({
      tenantId: VASTERAS.id,
      roles: ['steering'],
      interventionIds: [],
      steeringInterventionIds: [demoTeam('vasteras').id],
    });
    // Employed by Arbetsförmedlingen: the state's issuer, trusted for Norra Västmanland.
    expect(await signInDemo('af-staff', { issuer: STATLIG })).toMatchObject({
      tenantId: NORRA.id,
      roles: ['staff'],
      interventionIds: [HALLSTAHAMMAR],
      // A STAFF grant: works in the team, leads none of it.
      leadInterventionIds: [],
    });
  });

  it('gives platform roles without a förbund: the county analyst their county’s förbund', async () => {
    const analyst = await signInDemo('vastmanland-analyst');
    expect(analyst).toMatchObject({ tenantId: null, forbundIds: [], roles: ['county_analyst'] });
    expect([...analyst.countyForbundIds!].sort()).toEqual([VASTERAS.id, NORRA.id].sort());
    // The demo's national analyst names no county: every förbund.
    expect(await signInDemo('county-analyst')).toMatchObject({ roles: ['county_analyst'], countyForbundIds: null });
    const admin = await signInDemo('platform-admin');
    expect(admin).toMatchObject({
      tenantId: null,
      roles: ['platform_admin'],
      countyForbundIds: null,
    });
    // Every answer is an identity the subgraphs accept.
    expect(identityFromClaims({ ...claimsOf(analyst) }).countyForbundIds).toHaveLength(2);
  });

  it('platform access is not claimed through an issuer not trusted for it', async () => {
    const res = await as(
      PLATFORM_ADMIN,
      `mutation { grantPlatformAccess(input: { email: "state.admin@example.se", role: PLATFORM_ADMIN }) {
        __typename } }`,
    );
    expect(res.data.grantPlatformAccess.__typename).toBe('MutationGrantPlatformAccessSuccess');
    const viaStatlig = await resolve({ issuer: STATLIG, subject: 'state-admin', email: 'state.admin@example.se' });
    expect(viaStatlig).toMatchObject({ tenantId: null, roles: [] });
    const viaKommun = await resolve({ issuer: KOMMUN, subject: 'state-admin', email: 'state.admin@example.se' });
    expect(viaKommun).toMatchObject({ tenantId: null, roles: ['platform_admin'] });
  });
});

describe('choosing the förbund', () => {
  let two: Resolved;
  beforeAll(async () => {
    for (const forbundId of [VASTERAS.id, NORRA.id]) {
      const res = await as(PLATFORM_ADMIN, INVITE, {
        input: { forbundId, email: 'two@example.se', grants: [{ role: 'BOARD' }] },
      });
      expect(res.data.inviteUser.__typename).toBe('MutationInviteUserSuccess');
    }
    two = await resolve({ subject: 'two', email: 'two@example.se' });
  });

  it('defaults to the first of the person’s förbund by name, and takes another of theirs when asked', async () => {
    // "Norra Västmanlands Samordningsförbund" comes before "Samordningsförbundet Västerås".
    expect(two).toMatchObject({ tenantId: NORRA.id, roles: ['board'] });
    expect([...two.forbundIds].sort()).toEqual([VASTERAS.id, NORRA.id].sort());
    expect(await resolve({ subject: 'two', email: 'two@example.se', forbundId: VASTERAS.id })).toMatchObject({
      tenantId: VASTERAS.id,
      roles: ['board'],
    });
  });

  it('refuses a förbund the person has no grant in, and "platform" without platform access', async () => {
    for (const forbundId of [SODRA.id, 'platform']) {
      const res = await resolveAs(GATEWAY, { subject: 'two', email: 'two@example.se', forbundId });
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect(res.errors![0]!.message).toBe('No access to that förbund');
    }
  });

  it('"platform" works on the platform for one who holds platform access too', async () => {
    const res = await as(
      PLATFORM_ADMIN,
      `mutation { grantPlatformAccess(input: { email: "two@example.se", role: PLATFORM_ADMIN }) { __typename } }`,
    );
    expect(res.data.grantPlatformAccess.__typename).toBe('MutationGrantPlatformAccessSuccess');
    expect(await resolve({ subject: 'two', email: 'two@example.se', forbundId: 'platform' })).toMatchObject({
      tenantId: null,
      roles: ['platform_admin'],
    });
    expect(await resolve({ subject: 'two', email: 'two@example.se' })).toMatchObject({ tenantId: NORRA.id });
  });

  it('`me` lists every förbund the person may work in, and who they are', async () => {
    const res = await as(claimsOf(two), '{ me { userId name email roles forbund { id } forbunds { id name slug } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.me).toEqual({
      userId: two.userId,
      name: null,
      email: 'two@example.se',
      roles: ['BOARD'],
      forbund: { id: NORRA.id },
      forbunds: [
        { id: NORRA.id, name: NORRA.name, slug: NORRA.slug },
        { id: VASTERAS.id, name: VASTERAS.name, slug: VASTERAS.slug },
      ],
    });
  });

  it('a trusted person with no grant gets only `me`', async () => {
    const nobody = await resolve({ subject: 'nobody', email: 'nobody@example.se', name: 'Ingen Alls' });
    expect(nobody).toMatchObject({ tenantId: null, forbundIds: [], roles: [] });
    const res = await as(claimsOf(nobody), '{ me { userId name roles forbunds { id } } }');
    expect(res.data.me).toEqual({ userId: nobody.userId, name: 'Ingen Alls', roles: [], forbunds: [] });
    expect(codes(await as(claimsOf(nobody), '{ forbund { id } }'))).toEqual(['FORBIDDEN']);
  });
});

describe('a sign-in the directory has seen lately', () => {
  /** The person's row as stored, with the transaction that last wrote it. */
  const stored = async (subject: string) =>
    (
      await p.rows(
        'governance',
        'select xmin::text as written_by, name, last_seen_at from directory_user where subject = $1',
        [subject],
      )
    )[0];

  it('writes nothing when nothing changed; a new name, or a stale last-seen stamp, is written', async () => {
    await resolve({ subject: 'quiet', name: 'Tyst' });
    const first = await stored('quiet');
    await resolve({ subject: 'quiet', name: 'Tyst' });
    await resolve({ subject: 'quiet', name: null as unknown as string });
    expect(await stored('quiet')).toEqual(first);

    await resolve({ subject: 'quiet', name: 'Tyst Igen' });
    const renamed = await stored('quiet');
    expect(renamed.name).toBe('Tyst Igen');
    expect(renamed.written_by).not.toBe(first.written_by);

    // Seen more than 15 minutes ago: this sign-in is recorded.
    await p.rows(
      'governance',
      `update directory_user set last_seen_at = now() - interval '20 minutes' where subject = $1`,
      ['quiet'],
    );
    const stale = await stored('quiet');
    await resolve({ subject: 'quiet', name: 'Tyst Igen' });
    expect((await stored('quiet')).last_seen_at.getTime()).toBeGreaterThan(stale.last_seen_at.getTime());
  });

  it('says when its answer next changes by itself: a grant starting, or the day after one ends', async () => {
    const admin = claimsOf(await signInDemo('vasteras-admin'));
    const email = 'changing@example.se';
    const invited = await as(admin, INVITE, {
      input: {
        email,
        grants: [
          { role: 'BOARD', validTo: day(5) },
          { role: 'FORBUND_ADMIN', validFrom: day(3) },
        ],
      },
    });
    expect(invited.data.inviteUser.__typename).toBe('MutationInviteUserSuccess');
    const changesAt = async () => {
      const res = await as(
        GATEWAY,
        `mutation ($issuer: String!, $email: String) {
          resolveAccess(issuer: $issuer, subject: "changing", email: $email, emailVerified: true) { roles changesAt }
        }`,
        { issuer: KOMMUN, email },
      );
      expect(res.errors).toBeUndefined();
      return res.data.resolveAccess;
    };
    expect(await changesAt()).toEqual({ roles: ['board'], changesAt: `${day(3)}T00:00:00.000Z` });
    const grants = await as(admin, '{ accessGrants { id role user { email } } }');
    const adminGrant = grants.data.accessGrants.find(
      (g: { role: string; user?: { email: string } }) => g.role === 'FORBUND_ADMIN' && g.user?.email === email,
    );
    expect((await as(admin, REVOKE, { id: adminGrant.id })).errors).toBeUndefined();
    // The board grant's last day is in 5 days: from the day after, it no longer holds.
    expect(await changesAt()).toEqual({ roles: ['board'], changesAt: `${day(6)}T00:00:00.000Z` });
  });
});

describe('a förbund administrator', () => {
  let admin: IdentityClaims;
  beforeAll(async () => {
    admin = claimsOf(await signInDemo('vasteras-admin'));
  });

  it('invites, and the grant honours its validity and revocation', async () => {
    const invited = await as(admin, INVITE, {
      input: { email: ' Temp@Example.se ', grants: [{ role: 'BOARD', validTo: day(-1) }] },
    });
    expect(invited.data.inviteUser).toMatchObject({
      __typename: 'MutationInviteUserSuccess',
      data: { email: 'temp@example.se', status: 'OPEN', grants: [{ role: 'BOARD' }] },
    });
    const grantId = invited.data.inviteUser.data.grants[0].id;
    // Claimed, but the grant's validity is over: no förbund, no role.
    const expired = await resolve({ subject: 'temp', email: 'temp@example.se' });
    expect(expired).toMatchObject({ tenantId: null, forbundIds: [], roles: [] });

    const notYet = await as(admin, VALIDITY, { id: grantId, validFrom: day(1), validTo: null });
    expect(notYet.data.setGrantValidity.data).toMatchObject({ validFrom: day(1), validTo: null, active: false });
    expect(await resolve({ subject: 'temp', email: 'temp@example.se' })).toMatchObject({ roles: [] });

    const open = await as(admin, VALIDITY, { id: grantId, validFrom: null, validTo: day(30) });
    expect(open.data.setGrantValidity.data).toMatchObject({ active: true });
    expect(await resolve({ subject: 'temp', email: 'temp@example.se' })).toMatchObject({
      tenantId: VASTERAS.id,
      roles: ['board'],
    });

    const revoked = await as(admin, REVOKE, { id: grantId });
    expect(revoked.data.revokeAccess.data).toMatchObject({ id: grantId, active: false });
    expect(await resolve({ subject: 'temp', email: 'temp@example.se' })).toMatchObject({ tenantId: null, roles: [] });
    expect(codes(await resolveAs(GATEWAY, { subject: 'temp', forbundId: VASTERAS.id }))).toEqual(['FORBIDDEN']);

    const again = await as(admin, REVOKE, { id: grantId });
    expect(again.data.revokeAccess).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['id'], message: 'The grant is already revoked' }],
    });
  });

  it('grants more to a person known to the förbund, insats access included', async () => {
    const board = await signInDemo('vasteras-board');
    const team = demoTeam('vasteras').id;
    const res = await as(admin, GRANT, {
      input: { userId: board.userId, grant: { role: 'STAFF', interventionIds: [team] } },
    });
    expect(res.data.grantAccess).toMatchObject({ data: { role: 'STAFF', active: true } });
    expect(await signInDemo('vasteras-board')).toMatchObject({ roles: ['board', 'staff'], interventionIds: [team] });
    await as(admin, INVITE, { input: { email: 'pending@example.se', grants: [{ role: 'BOARD' }] } });
    const list = await as(
      admin,
      '{ accessGrants { id role user { id email } interventions { id } invitation { email status } } }',
    );
    // Invitations not yet claimed are listed with the grants they carry.
    expect(list.data.accessGrants).toContainEqual(
      expect.objectContaining({
        role: 'BOARD',
        user: null,
        invitation: { email: 'pending@example.se', status: 'OPEN' },
      }),
    );
    expect(list.data.accessGrants).toContainEqual({
      id: res.data.grantAccess.data.id,
      role: 'STAFF',
      user: { id: board.userId, email: demoEmail('vasteras-board') },
      interventions: [{ id: team }],
      invitation: null,
    });
  });

  it('administers only their own förbund: another förbund’s ids are refused and nothing is written', async () => {
    const norraAdmin = claimsOf(await signInDemo('norra-vastmanland-admin'));
    const vasterasBoard = await signInDemo('vasteras-board');
    const [vasterasGrant] = await p.rows('governance', 'select id from access_grant where user_id = $1', [
      vasterasBoard.userId,
    ]);
    const [vasterasSeat] = await p.rows(
      'governance',
      `select s.id from body_member s join body b on b.id = s.body_id
        where b.kind = 'STEERING_GROUP' and b.tenant_id = $1 limit 1`,
      [VASTERAS.id],
    );
    const before = await directoryCounts();

    const toVasteras = await as(norraAdmin, INVITE, {
      input: { forbundId: VASTERAS.id, email: 'x@example.se', grants: [{ role: 'FORBUND_ADMIN' }] },
    });
    expect(toVasteras.data.inviteUser).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'forbundId'], message: 'You invite to your own förbund only' }],
    });
    const foreignInsats = await as(norraAdmin, INVITE, {
      input: {
        email: 'x@example.se',
        grants: [
          { role: 'STAFF', interventionIds: [demoTeam('vasteras').id] },
          { role: 'STYRGRUPP', seatId: vasterasSeat.id },
        ],
      },
    });
    expect(foreignInsats.data.inviteUser).toEqual({
      __typename: 'ValidationError',
      issues: [
        {
          path: ['input', 'grants', '1', 'seatId'],
          message: `${vasterasSeat.id} is not a styrgrupp seat of the förbund`,
        },
        {
          path: ['input', 'grants', '0', 'interventionIds', '0'],
          message: `${demoTeam('vasteras').id} is not an insats of your förbund`,
        },
      ],
    });
    const foreignUser = await as(norraAdmin, GRANT, {
      input: { userId: vasterasBoard.userId, grant: { role: 'BOARD' } },
    });
    expect(foreignUser.data.grantAccess).toMatchObject({ __typename: 'NotFoundError', path: ['input', 'userId'] });
    const revoke = await as(norraAdmin, REVOKE, { id: vasterasGrant.id });
    expect(revoke.data.revokeAccess).toMatchObject({ __typename: 'NotFoundError', path: ['id'] });
    const validity = await as(norraAdmin, VALIDITY, { id: vasterasGrant.id, validTo: day(-1) });
    expect(validity.data.setGrantValidity).toMatchObject({ __typename: 'NotFoundError', path: ['id'] });
    // Platform matters are not theirs at all.
    for (const mutation of [
      'mutation { grantPlatformAccess(input: { email: "y@example.se", role: PLATFORM_ADMIN }) { __typename } }',
      `mutation { createCounty(input: { name: "Uppsala", forbundIds: ["${NORRA.id}"] }) { __typename } }`,
      `mutation { registerTrustedIssuer(input: { issuer: "https://x.test", audience: "a", algorithms: ["ES256"] }) {
        __typename } }`,
    ]) {
      expect(codes(await as(norraAdmin, mutation))).toEqual(['FORBIDDEN']);
    }

    expect(await directoryCounts()).toEqual(before);
    expect(await signInDemo('vasteras-board')).toMatchObject({ tenantId: VASTERAS.id });
    // Its own lists show nothing of Västerås.
    const own = await as(norraAdmin, '{ accessGrants(includeEnded: true) { id } invitations { email } }');
    expect(own.data.accessGrants.map((g: { id: string }) => g.id)).not.toContain(vasterasGrant.id);
    expect(own.data.invitations.map((i: { email: string }) => i.email)).not.toContain(demoEmail('vasteras-board'));
  });

  it('invites with insats access in their own förbund, checked with teams', async () => {
    const norraAdmin = claimsOf(await signInDemo('norra-vastmanland-admin'));
    const res = await as(norraAdmin, INVITE, {
      input: { email: 'new.staff@example.se', grants: [{ role: 'STAFF', interventionIds: [HALLSTAHAMMAR] }] },
    });
    expect(res.data.inviteUser).toMatchObject({ __typename: 'MutationInviteUserSuccess' });
    expect(await resolve({ issuer: STATLIG, subject: 'new-staff', email: 'new.staff@example.se' })).toMatchObject({
      tenantId: NORRA.id,
      roles: ['staff'],
      interventionIds: [HALLSTAHAMMAR],
    });
  });
});

describe('the last administrator', () => {
  it('cannot be revoked, nor have their validity ended; with another administrator they can', async () => {
    const first = await signInDemo('sodra-dalarna-admin');
    const admin = claimsOf(first);
    const [grant] = await p.rows('governance', 'select id from access_grant where user_id = $1', [first.userId]);
    const issue = {
      path: ['id'],
      message: 'The förbund’s last active administrator keeps their access: appoint another first',
    };
    expect((await as(admin, REVOKE, { id: grant.id })).data.revokeAccess).toEqual({
      __typename: 'ValidationError',
      issues: [issue],
    });
    expect((await as(admin, VALIDITY, { id: grant.id, validTo: day(-1) })).data.setGrantValidity).toEqual({
      __typename: 'ValidationError',
      issues: [issue],
    });
    const [stored] = await p.rows('governance', 'select revoked_at, valid_to from access_grant where id = $1', [
      grant.id,
    ]);
    expect(stored).toEqual({ revoked_at: null, valid_to: null });

    // An invitation is no administrator yet; once claimed, it is.
    await as(admin, INVITE, { input: { email: 'second.admin@example.se', grants: [{ role: 'FORBUND_ADMIN' }] } });
    expect((await as(admin, REVOKE, { id: grant.id })).data.revokeAccess.__typename).toBe('ValidationError');
    const second = await resolve({ subject: 'second-admin', email: 'second.admin@example.se' });
    expect(second).toMatchObject({ tenantId: SODRA.id, roles: ['forbund_admin'] });
    expect((await as(admin, REVOKE, { id: grant.id })).data.revokeAccess.__typename).toBe(
      'MutationRevokeAccessSuccess',
    );
    const [own] = await p.rows('governance', 'select id from access_grant where user_id = $1', [second.userId]);
    expect((await as(claimsOf(second), REVOKE, { id: own.id })).data.revokeAccess).toEqual({
      __typename: 'ValidationError',
      issues: [issue],
    });
  });

  it('two administrators revoking each other at once: the second waits, sees the first, and is refused', async () => {
    const norra = claimsOf(await signInDemo('norra-vastmanland-admin'));
    await as(norra, INVITE, { input: { email: 'norra.two@example.se', grants: [{ role: 'FORBUND_ADMIN' }] } });
    const other = await resolve({ subject: 'norra-two', email: 'norra.two@example.se' });
    const grantOf = async (userId: string) =>
      (
        await p.rows('governance', `select id from access_grant where user_id = $1 and role = 'FORBUND_ADMIN'`, [
          userId,
        ])
      )[0].id as string;
    const [otherGrant, norraGrant] = [await grantOf(other.userId), await grantOf(norra.sub!)];
    // The first revocation, held open in its own transaction with the administrators' grants locked, as
    // revokeAccess locks them…
    await p.asSuperuser('governance', async (client) => {
      await client.query('begin');
      await client.query(`select id from access_grant where tenant_id = $1 and role = 'FORBUND_ADMIN' for update`, [
        NORRA.id,
      ]);
      await client.query('update access_grant set revoked_at = now() where id = $1', [otherGrant]);
      // …while the other administrator revokes the first: it waits for the lock…
      let settled = false;
      const second = as(claimsOf(other), REVOKE, { id: norraGrant }).finally(() => {
        settled = true;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false);
      await client.query('commit');
      // …then sees the first revocation, and leaves the förbund its last administrator.
      expect((await second).data.revokeAccess).toMatchObject({
        __typename: 'ValidationError',
        issues: [{ path: ['id'] }],
      });
    });
    const [{ active }] = await p.rows(
      'governance',
      `select count(*)::int as active from access_grant
        where tenant_id = $1 and role = 'FORBUND_ADMIN' and user_id is not null and revoked_at is null`,
      [NORRA.id],
    );
    expect(active).toBe(1);
  });
});

describe('access events', () => {
  it('every change is recorded, readable by the förbund’s administrators and no other förbund’s', async () => {
    const vasteras = claimsOf(await signInDemo('vasteras-admin'));
    const res = await as(vasteras, '{ accessEvents(first: 500) { at actor action subject detail forbundId } }');
    expect(res.errors).toBeUndefined();
    const events = res.data.accessEvents as { action: string; forbundId: string; detail: string; actor: string }[];
    expect(new Set(events.map((e) => e.forbundId))).toEqual(new Set([VASTERAS.id]));
    expect(new Set(events.map((e) => e.action))).toEqual(
      new Set(['USER_INVITED', 'INVITATION_CLAIMED', 'VALIDITY_CHANGED', 'ACCESS_REVOKED', 'ACCESS_GRANTED']),
    );
    const claim = events.find((e) => e.action === 'INVITATION_CLAIMED' && e.detail.includes('temp@example.se'))!;
    expect(JSON.parse(claim.detail)).toMatchObject({ email: 'temp@example.se', grants: 1 });
    expect(events.filter((e) => e.action === 'VALIDITY_CHANGED')).toHaveLength(2);

    const norra = claimsOf(await signInDemo('norra-vastmanland-admin'));
    const theirs = await as(norra, '{ accessEvents { forbundId subject } }');
    expect(new Set(theirs.data.accessEvents.map((e: { forbundId: string }) => e.forbundId))).toEqual(
      new Set([NORRA.id]),
    );

    // Staff and the board do not read them; the platform administrator reads the platform's own.
    const staff = claimsOf(await signInDemo('vasteras-staff'));
    expect(codes(await as(staff, '{ accessEvents { id } }'))).toEqual(['FORBIDDEN']);
    const platform = await as(PLATFORM_ADMIN, '{ accessEvents(first: 500) { action forbundId } }');
    const platformEvents = platform.data.accessEvents as { action: string; forbundId: string | null }[];
    expect(new Set(platformEvents.map((e) => e.forbundId))).toEqual(new Set([null]));
    expect(new Set(platformEvents.map((e) => e.action))).toEqual(
      new Set(['ISSUER_REGISTERED', 'PLATFORM_ACCESS_GRANTED', 'PLATFORM_INVITATION_CLAIMED']),
    );
  });
});

describe('platform administration', () => {
  it('counties and issuers: typed errors, nothing written on bad input', async () => {
    const before = await directoryCounts();
    const county = await as(
      PLATFORM_ADMIN,
      `mutation ($input: CreateCountyInput!) { createCounty(input: $input) { ${RESULT} } }`,
      { input: { name: 'Västmanland', forbundIds: [NORRA.id, '0b6f4d4e-2a51-4c1e-9a55-6f1c0a0000ff'] } },
    );
    expect(county.data.createCounty).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'forbundIds', '1'], message: 'No förbund 0b6f4d4e-2a51-4c1e-9a55-6f1c0a0000ff' }],
    });
    const taken = await as(
      PLATFORM_ADMIN,
      `mutation ($input: CreateCountyInput!) { createCounty(input: $input) { ${RESULT} } }`,
      { input: { name: 'Västmanland', forbundIds: [NORRA.id] } },
    );
    // A name already taken is a conflict with what is stored (kit/conflicts.ts), named at its field.
    expect(taken.data.createCounty).toEqual({
      __typename: 'ConflictError',
      path: ['input', 'name'],
      message: 'A county named "Västmanland" exists',
    });
    const issuer = await as(
      PLATFORM_ADMIN,
      `mutation ($input: RegisterTrustedIssuerInput!) { registerTrustedIssuer(input: $input) { ${RESULT} } }`,
      { input: { issuer: 'http://idp.example.se', audience: '', algorithms: ['HS256'] } },
    );
    expect(issuer.data.registerTrustedIssuer).toEqual({
      __typename: 'ValidationError',
      issues: [
        { path: ['input', 'issuer'], message: 'The issuer is an https URL (http only on this machine)' },
        { path: ['input', 'audience'], message: 'Audience is required' },
        { path: ['input', 'algorithms', '0'], message: 'Not an accepted algorithm' },
      ],
    });
    expect(await directoryCounts()).toEqual(before);
  });

  it('lists counties for county analysts too, and the trusted issuers for platform administrators', async () => {
    const analyst = await as(
      { sub: 'demo:county-analyst', tenant: null, roles: ['county_analyst'], forbunds: [VASTERAS.id, NORRA.id] },
      '{ counties { name forbundIds } }',
    );
    expect(analyst.data.counties).toEqual([
      { name: 'Dalarna', forbundIds: [SODRA.id] },
      { name: 'Västmanland', forbundIds: [VASTERAS.id, NORRA.id] },
    ]);
    const issuers = await as(PLATFORM_ADMIN, '{ trustedIssuers { issuer forbundIds platform } }');
    expect(issuers.data.trustedIssuers).toEqual(
      expect.arrayContaining([
        { issuer: KOMMUN, forbundIds: null, platform: true },
        { issuer: STATLIG, forbundIds: [NORRA.id], platform: false },
      ]),
    );
    const grants = await as(PLATFORM_ADMIN, '{ platformGrants { role email county { name } user { email } active } }');
    expect(grants.data.platformGrants).toContainEqual({
      role: 'COUNTY_ANALYST',
      email: demoEmail('vastmanland-analyst'),
      county: { name: 'Västmanland' },
      user: { email: demoEmail('vastmanland-analyst') },
      active: true,
    });
    const board = { sub: 'demo:vasteras-board', tenant: VASTERAS.id, roles: ['board'] };
    expect(codes(await as(board, '{ trustedIssuers { issuer } }'))).toEqual(['FORBIDDEN']);
    expect(codes(await as(board, '{ platformGrants { id } }'))).toEqual(['FORBIDDEN']);
    expect(codes(await as(board, '{ counties { name } }'))).toEqual(['FORBIDDEN']);
  });
});

describe('a styrgrupp member', () => {
  const HANDLE = `mutation ($id: ID!) {
    handleAvvikelse(id: $id, status: BEING_HANDLED) {
      ${RESULT} ... on MutationHandleAvvikelseSuccess { data { status } }
    }
  }`;

  it('reads and handles their styrgrupp’s avvikelser, and no other’s', async () => {
    const member = claimsOf(await signInDemo('norra-vastmanland-styrgrupp'));
    expect(member).toMatchObject({ tenant: NORRA.id, roles: ['steering'], steering: [HALLSTAHAMMAR] });
    const staff = { sub: 'demo:norra-staff', tenant: NORRA.id, roles: ['staff'], interventions: [HALLSTAHAMMAR] };
    const reported = await as(
      staff,
      `mutation { reportAvvikelse(interventionId: "${HALLSTAHAMMAR}", description: "Kallelser till SIP uteblir.") {
        ... on MutationReportAvvikelseSuccess { data { id } } } }`,
    );
    const own = reported.data.reportAvvikelse.data.id as string;

    const seen = await as(member, '{ avvikelser { id intervention { id } } }');
    expect(seen.errors).toBeUndefined();
    expect(new Set(seen.data.avvikelser.map((a: any) => a.intervention.id))).toEqual(new Set([HALLSTAHAMMAR]));
    expect(seen.data.avvikelser.map((a: any) => a.id)).toContain(own);

    const handled = await as(member, HANDLE, { id: own });
    expect(handled.data.handleAvvikelse).toEqual({
      __typename: 'MutationHandleAvvikelseSuccess',
      data: { status: 'BEING_HANDLED' },
    });

    const [sala] = await p.rows('governance', 'select id from avvikelse where intervention_id = $1', [SALA]);
    const refused = await as(member, HANDLE, { id: sala.id });
    expect(refused.data.handleAvvikelse).toMatchObject({ __typename: 'NotFoundError', path: ['id'] });
    expect((await p.rows('governance', 'select status from avvikelse where id = $1', [sala.id]))[0].status).toBe(
      'RECEIVED',
    );
    // The board handles none (it follows the summary); the förbund's administrators handle every one.
    const board = { sub: 'demo:norra-board', tenant: NORRA.id, roles: ['board'] };
    expect(codes(await as(board, HANDLE, { id: sala.id }))).toEqual(['FORBIDDEN']);
    const admin = { sub: 'demo:norra-admin', tenant: NORRA.id, roles: ['forbund_admin'] };
    expect((await as(admin, HANDLE, { id: sala.id })).data.handleAvvikelse.__typename).toBe(
      'MutationHandleAvvikelseSuccess',
    );
    // Staff report but do not handle.
    expect(codes(await as(staff, HANDLE, { id: own }))).toEqual(['FORBIDDEN']);
  });
});

describe('the demo seed', () => {
  let owner: MikroORM;
  beforeAll(async () => {
    owner = await openOrm({ connection: p.databases.governance!.owner, ...database, poolMax: 2 });
  });
  afterAll(() => owner.close(true));

  it('invites every demo person, and seeds the trusted issuers it is given, idempotently and defensively', async () => {
    const invitations = await p.rows(
      'governance',
      `select count(*)::int as n from invitation where created_by = 'demo-seed'`,
    );
    // 4 people in each of the 3 förbund, and the Arbetsförmedlingen staff member.
    expect(invitations[0].n).toBe(13);
    const platform = await p.rows('governance', `select role from platform_grant where created_by = 'demo-seed'`);
    expect(platform.map((g) => g.role).sort()).toEqual(['COUNTY_ANALYST', 'COUNTY_ANALYST', 'PLATFORM_ADMIN']);

    const DEV_ISSUERS = JSON.stringify([
      { issuer: 'http://127.0.0.1:4100/kommun', audience: 'finsam-graph', algorithms: ['ES256'], platform: true },
      { issuer: 'not a url', audience: 'finsam-graph', algorithms: ['ES256'] },
      { issuer: 'https://weak.idp.test', audience: 'finsam-graph', algorithms: ['HS256'] },
      'nonsense',
    ]);
    const before = await directoryCounts();
    await seedGovernance(owner, { DEV_ISSUERS });
    await seedGovernance(owner, { DEV_ISSUERS });
    await seedGovernance(owner, { DEV_ISSUERS: '{not json' });
    await seedGovernance(owner, { DEV_ISSUERS: '{"issuer": "https://x.test"}' });
    expect(await directoryCounts()).toEqual({ ...before, issuers: before.issuers + 1 });
    const seeded = await p.rows('governance', `select forbund_ids, platform from trusted_issuer where issuer = $1`, [
      'http://127.0.0.1:4100/kommun',
    ]);
    expect(seeded).toEqual([{ forbund_ids: null, platform: true }]);
  });
});
