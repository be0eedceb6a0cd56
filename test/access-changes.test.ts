/**
 * Issue 23: a person's access is kept long by every gateway instance (gateway/src/access.ts), yet a
 * change of access takes effect at once on all of them, whoever made it: the directory's database
 * announces every committed change (governance migration 20270115000000AccessChanges) and each
 * instance listening there forgets that person's answers. An instance that cannot hear the directory
 * keeps answers only briefly. A grant's validity ending: access-validity.test.ts.
 */
import { devIssuerConfigs, loginAs } from '@finsam/infra/idp/index.js';
import type { RunningServer } from '@finsam/kit/server.js';
import { codes, SODRA, startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
/** Another instance that hears the directory, and trusts an answer only a second while it does not. */
let other: RunningServer;
beforeAll(async () => {
  p = await startTestPlatform();
  other = await p.extraGateway({
    identity: { issuers: devIssuerConfigs(p.idp.issuers), accessCacheSeconds: 1, accessEvents: p.accessEvents },
  });
});
afterAll(async () => {
  await other.stop();
  await p.close();
});

const INVITE = `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { __typename } }`;
const REVOKE = `mutation ($id: ID!) { revokeAccess(id: $id) { __typename } }`;
const GRANTS = '{ accessGrants { id user { email } } }';
const ADMIN = 'sodra-dalarna-admin';

/** A new person with a board grant in Södra Dalarna, logged in (their first request claims it). */
async function boardMember(username: string) {
  const email = `${username}@sodra.example`;
  const invited = await p.gql(INVITE, {
    as: ADMIN,
    variables: { input: { email, grants: [{ role: 'BOARD' }] } },
  });
  expect(invited.data?.inviteUser.__typename).toBe('MutationInviteUserSuccess');
  p.idp.addAccount('kommun', { username, name: username, email });
  return { email, token: (await loginAs(p.idp.issuers.kommun, username)).accessToken };
}

/** Which förbund the person works in through `url`, or the error codes. */
async function forbundOf(url: string, token: string) {
  const res = await p.post(url, '{ forbund { id } }', { headers: { authorization: `Bearer ${token}` } });
  return res.errors ? codes(res) : res.data.forbund.id;
}

/** The questions this process's gateways have asked the directory, from a gateway's /metrics. */
async function directoryQuestions(): Promise<number> {
  const text = await (await fetch(other.url.replace(/\/graphql$/, '/metrics'))).text();
  return Number(/^finsam_directory_questions_total (\d+)/m.exec(text)?.[1]);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function grantOf(email: string): Promise<string> {
  const grants = await p.gql(GRANTS, { as: ADMIN });
  return grants.data.accessGrants.find((g: { user?: { email: string } }) => g.user?.email === email).id;
}

describe('a change of access', () => {
  it('made through one instance takes effect on the next request through another', async () => {
    const { email, token } = await boardMember('revoked-elsewhere');
    expect(await forbundOf(other.url, token)).toBe(SODRA.id);
    expect(await forbundOf(other.url, token)).toBe(SODRA.id);
    const revoked = await p.gql(REVOKE, { as: ADMIN, variables: { id: await grantOf(email) } });
    expect(revoked.data.revokeAccess.__typename).toBe('MutationRevokeAccessSuccess');
    expect(await forbundOf(other.url, token)).toEqual(['FORBIDDEN']);
  });

  it('written straight into the directory’s database, through no gateway, takes effect on every instance', async () => {
    const { email, token } = await boardMember('revoked-in-sql');
    expect(await forbundOf(p.gatewayUrl, token)).toBe(SODRA.id);
    expect(await forbundOf(other.url, token)).toBe(SODRA.id);
    await p.asSuperuser('governance', (db) =>
      db.query(
        `update access_grant set revoked_at = now()
          where user_id = (select id from directory_user where email = $1)`,
        [email],
      ),
    );
    expect(await forbundOf(p.gatewayUrl, token)).toEqual(['FORBIDDEN']);
    expect(await forbundOf(other.url, token)).toEqual(['FORBIDDEN']);
  });
});

describe('a person’s requests', () => {
  it('ask the directory once while the instance hears its changes, past the short window', async () => {
    const { token } = await boardMember('often-here');
    // The first sign-in claims the invitation: a change of access of its own, heard a moment later.
    await forbundOf(other.url, token);
    await pause(300);
    await forbundOf(other.url, token);
    const before = await directoryQuestions();
    expect(await forbundOf(other.url, token)).toBe(SODRA.id);
    // Past the instance's accessCacheSeconds (1 s), well within its long keep.
    await pause(1_100);
    for (let k = 0; k < 3; k++) {
      expect(await forbundOf(other.url, token)).toBe(SODRA.id);
    }
    expect((await directoryQuestions()) - before).toBe(0);
  });
});

describe('an instance that cannot hear the directory', () => {
  it('asks again after its short window, however long it would keep answers otherwise', async () => {
    const { token } = await boardMember('unheard');
    await forbundOf(other.url, token);
    expect(await forbundOf(other.url, token)).toBe(SODRA.id);
    const db = p.databases.governance!.app.dbName;
    const gatewayConnections = `select count(*)::int as n from pg_stat_activity
      where usename = 'finsam_gateway' and datname = $1 and pid <> pg_backend_pid()`;
    await p.asSuperuser('governance', async (admin) => {
      await admin.query(`revoke connect on database ${db} from finsam_gateway`);
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where usename = 'finsam_gateway' and datname = $1`,
        [db],
      );
    });
    try {
      expect((await p.rows('governance', gatewayConnections, [db]))[0].n).toBe(0);
      // The instances see their connection end; the answer kept before is a second old.
      await pause(1_100);
      const before = await directoryQuestions();
      expect(await forbundOf(other.url, token)).toBe(SODRA.id);
      expect(await forbundOf(other.url, token)).toBe(SODRA.id);
      await pause(1_100);
      expect(await forbundOf(other.url, token)).toBe(SODRA.id);
      // The answer kept before the outage, and the one kept during it, were each trusted a second only.
      expect((await directoryQuestions()) - before).toBe(2);
    } finally {
      await p.asSuperuser('governance', (admin) => admin.query(`grant connect on database ${db} to finsam_gateway`));
    }
  });
});
