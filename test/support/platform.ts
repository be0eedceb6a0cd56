/**
 * The end-to-end harness: every test file gets its own databases on the run's cluster, the
 * real subgraphs and the real gateway on free ports — started exactly as `npm start` does.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGateway, type GatewayOptions } from '@finsam/gateway/gateway.js';
import { DEMO_FORBUND } from '@finsam/governance/demo/forbund.js';
import { demoPerson } from '@finsam/governance/demo/people.js';
import { readSupergraph } from '@finsam/infra/compose.js';
import { devGatewayOptions } from '@finsam/infra/dev-gateway.js';
import { devIssuerConfigs, loginAs } from '@finsam/infra/idp/index.js';
import { type DevKeys, generateDevKeys } from '@finsam/infra/keys.js';
import { type Platform, startPlatform } from '@finsam/infra/platform.js';
import type { AdminConnection } from '@finsam/infra/postgres.js';
import { dropDatabase, withClient } from '@finsam/infra/provision.js';
import { SUBGRAPHS } from '@finsam/infra/subgraphs.js';
import { sqlStatementCount } from '@finsam/kit/database.js';
import { type IdentityClaims, identityFromClaims, type Role } from '@finsam/kit/identity.js';
import { internalSigner } from '@finsam/kit/internal-token.js';
import type { RunningServer } from '@finsam/kit/server.js';
import type { JWK } from 'jose';
import type pg from 'pg';
import { createHiveGateway } from '../../infra/hive-gateway/gateway.js';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface RequestOptions {
  /** Demo user to authenticate as (e.g. "vasteras-admin"). */
  as?: string;
  /** A raw bearer token instead. */
  token?: string;
  headers?: Record<string, string>;
  variables?: Record<string, unknown>;
}

/**
 * A person a test makes up, with what they may do: the test platform gives them an account at the
 * development identity provider and the grants in the directory (through the graph, as the platform
 * administrator would), then logs them in.
 */
export interface TestUser {
  name: string;
  description?: string;
  roles: Role[];
  /** The förbund of their grants; null for the cross-tenant roles. */
  tenant: string | null;
  /** The insatser a staff member works in. */
  interventions: string[];
  /** A staff member who leads them as verksamhetsledare (a VERKSAMHETSLEDARE grant, not STAFF). */
  lead?: boolean;
}

export interface TestPlatform extends Platform {
  admin: AdminConnection;
  keys: DevKeys;
  dbPrefix: string;
  /** The development provider's private signing key of an issuer (`kommun`, `statlig`): for forging tests. */
  idpSigningKey(issuer: 'kommun' | 'statlig'): JWK;
  /** A demo person's access token, from the development identity provider (one login per person). */
  token(user: string): Promise<string>;
  /** A token for a person who is not one of the demo people (e.g. the admin of a förbund a test made). */
  tokenFor(user: TestUser): Promise<string>;
  /**
   * The gateway's internal token for `audience` (a subgraph), for an identity made of `claims`: as if
   * the gateway sent it.
   */
  internalToken(claims: IdentityClaims, audience: string): Promise<string>;
  /** POSTs a query to the gateway. */
  gql<T = any>(query: string, options?: RequestOptions): Promise<GraphQLResponse<T>>;
  /** POSTs a query straight to a subgraph, bypassing the gateway. */
  post<T = any>(
    url: string,
    query: string,
    options?: { headers?: Record<string, string>; variables?: Record<string, unknown> },
  ): Promise<GraphQLResponse<T>>;
  /** Runs `work` on a superuser connection to a subgraph's database (RLS does not apply), then closes it. */
  asSuperuser<T>(subgraph: string, work: (client: pg.Client) => Promise<T>): Promise<T>;
  /**
   * Runs `work` on a connection to a subgraph's database as its app role (the role the subgraph uses,
   * under RLS), then closes it.
   */
  asAppRole<T>(subgraph: string, work: (client: pg.Client) => Promise<T>): Promise<T>;
  /** The same as the owner role (owns the tables, runs the migrations and the seed). */
  asOwner<T>(subgraph: string, work: (client: pg.Client) => Promise<T>): Promise<T>;
  /** The rows of one statement in a subgraph's database, read as the superuser: what is really stored. */
  rows<T = any>(subgraph: string, sql: string, params?: unknown[]): Promise<T[]>;
  /** A second gateway instance over this platform's subgraphs, keys and cache events, with some options changed. */
  extraGateway(overrides: Partial<GatewayOptions>): Promise<RunningServer>;
  close(): Promise<void>;
}

export { DEMO_INTERVENTION_IDS } from '@finsam/teams/demo/interventions.js';

export const VASTERAS = DEMO_FORBUND.find((f) => f.slug === 'vasteras')!;
export const NORRA = DEMO_FORBUND.find((f) => f.slug === 'norra-vastmanland')!;
export const SODRA = DEMO_FORBUND.find((f) => f.slug === 'sodra-dalarna')!;

export function testCluster(): { admin: AdminConnection; passwords: DevKeys['passwords'] } {
  const raw = process.env.FINSAM_TEST_CLUSTER;
  if (!raw) {
    throw new Error('No test cluster: run through jest (globalSetup starts PostgreSQL)');
  }
  return JSON.parse(raw);
}

export interface TestPlatformOptions {
  production?: boolean;
  /** Public keys still accepted beside the current ones, as during a key rollover (by signer). */
  retired?: DevKeys['retired'];
  /**
   * Another PostgreSQL than the run's shared one (its admin connection and the platform roles' passwords): for a
   * test that stops the server, which must not stop every other test file's databases.
   */
  cluster?: { admin: AdminConnection; passwords: DevKeys['passwords'] };
  /** Each subgraph in its own supervised process, as `npm start` runs them: for a test that kills one. */
  subgraphProcesses?: boolean;
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const { admin, passwords } = options.cluster ?? testCluster();
  const keys: DevKeys = {
    ...(await generateDevKeys()),
    passwords,
    ...(options.retired ? { retired: options.retired } : {}),
  };
  const dbPrefix = `t${randomBytes(5).toString('hex')}`;
  const idpKeysFile = path.join(os.tmpdir(), `finsam-idp-${dbPrefix}.json`);
  const platform = await startPlatform({
    admin,
    dbPrefix,
    keys,
    supergraphSdl: readSupergraph(),
    seed: true,
    gatewayPort: 0,
    fixedSubgraphPorts: false,
    idpPort: 0,
    idpKeysFile,
    production: options.production ?? false,
    // Jest loads TypeScript itself; a subgraph process loads it with tsx, as `npm start` does.
    ...(options.subgraphProcesses
      ? {
          subgraphProcesses: true,
          subgraphEntry: {
            script: path.resolve(import.meta.dirname, '../../infra/src/serve-subgraph.ts'),
            execArgv: ['--import', 'tsx'],
          },
        }
      : {}),
  });
  // A steady start: what the subgraphs warm in the background (participants' published years) is done, so a
  // test that counts statements counts its own.
  await platform.warmedUp;
  const signInternal = await internalSigner(keys.internal.privateJwk);
  // `npm run test:hive`: the same tests through Hive Gateway (infra/hive-gateway/) in front of the same subgraphs.
  const hive =
    process.env.FINSAM_TEST_GATEWAY === 'hive'
      ? await (
          await createHiveGateway({
            ...devGatewayOptions(keys, readSupergraph(), platform.subgraphUrls, devIssuerConfigs(platform.idp.issuers)),
            production: options.production ?? false,
          })
        ).listen(0)
      : undefined;
  const gatewayUrl = hive?.url ?? platform.gatewayUrl;

  const post = async (
    url: string,
    query: string,
    { headers = {}, variables }: { headers?: Record<string, string>; variables?: Record<string, unknown> } = {},
  ) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = { errors: [{ message: text }] };
    }
    return { status: res.status, data: body.data, errors: body.errors };
  };

  const tokens = new Map<string, Promise<string>>();
  const login = (issuer: string, username: string) => {
    const key = `${issuer} ${username}`;
    let token = tokens.get(key);
    if (!token) {
      token = loginAs(issuer, username).then((t) => t.accessToken);
      token.catch(() => tokens.delete(key));
      tokens.set(key, token);
    }
    return token;
  };
  const token = (username: string) => {
    const person = demoPerson(username);
    return login(platform.idp.issuers[person.issuer], person.username);
  };
  const made = new Map<string, Promise<string>>();
  const tokenFor = (user: TestUser): Promise<string> => {
    // The same person may be given more (another insats): each new grant is invited once more.
    const key = JSON.stringify(user);
    let result = made.get(key);
    if (!result) {
      result = grantTestUser(user);
      made.set(key, result);
    }
    return result;
  };
  async function grantTestUser(user: TestUser): Promise<string> {
    const email = `${user.name}@test.finsam.se`;
    platform.idp.addAccount('kommun', { username: user.name, name: user.description ?? user.name, email });
    const platformAdmin = await token('platform-admin');
    // Insats access is given by the förbund's own administrators: a demo förbund's admin where there is one.
    const forbundAdmin = DEMO_FORBUND.find((f) => f.id === user.tenant);
    const inviter = forbundAdmin ? await token(`${forbundAdmin.slug}-admin`) : platformAdmin;
    const grants = user.roles.flatMap((role) => {
      switch (role) {
        case 'forbund_admin':
          return [{ role: 'FORBUND_ADMIN' }];
        case 'board':
          return [{ role: 'BOARD' }];
        case 'staff':
          return [{ role: user.lead ? 'VERKSAMHETSLEDARE' : 'STAFF', interventionIds: user.interventions }];
        default:
          return [];
      }
    });
    if (grants.length) {
      const res = await post(gatewayUrl, INVITE, {
        headers: { authorization: `Bearer ${inviter}` },
        variables: { input: { ...(forbundAdmin ? {} : { forbundId: user.tenant }), email, grants } },
      });
      expectGranted(res, 'inviteUser', user);
    }
    for (const role of user.roles.filter((r) => r === 'county_analyst' || r === 'platform_admin')) {
      const res = await post(gatewayUrl, GRANT_PLATFORM, {
        headers: { authorization: `Bearer ${platformAdmin}` },
        variables: { input: { email, role: role.toUpperCase() } },
      });
      expectGranted(res, 'grantPlatformAccess', user);
    }
    return login(platform.idp.issuers.kommun, user.name);
  }

  const asSuperuser = <T>(subgraph: string, work: (client: pg.Client) => Promise<T>): Promise<T> =>
    withClient(admin, platform.databases[subgraph]!.app.dbName, work);
  const asAppRole = <T>(subgraph: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const app = platform.databases[subgraph]!.app;
    return withClient({ ...app, database: app.dbName }, app.dbName, work);
  };
  const asOwner = <T>(subgraph: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const owner = platform.databases[subgraph]!.owner;
    return withClient({ ...owner, database: owner.dbName }, owner.dbName, work);
  };

  return {
    ...platform,
    gatewayUrl,
    admin,
    asSuperuser,
    asAppRole,
    asOwner,
    rows: (subgraph, sql, params = []) =>
      asSuperuser(subgraph, async (client) => (await client.query(sql, params)).rows),
    keys,
    dbPrefix,
    idpSigningKey: (issuer) => JSON.parse(fs.readFileSync(idpKeysFile, 'utf8'))[issuer],
    token,
    tokenFor,
    internalToken: (claims, audience) => signInternal(identityFromClaims({ ...claims }), audience),
    post,
    async gql(query, { as, token: raw, headers = {}, variables } = {}) {
      const bearer = raw ?? (as ? await token(as) : undefined);
      return post(gatewayUrl, query, {
        variables,
        headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
      });
    },
    async extraGateway(overrides) {
      const defaults = devGatewayOptions(
        keys,
        readSupergraph(),
        platform.subgraphUrls,
        devIssuerConfigs(platform.idp.issuers),
      );
      const gateway = await createGateway({
        ...defaults,
        // Another instance of this platform's gateway: it hears of writes through the first, and they of its,
        // and of the directory's changes of access.
        identity: { ...defaults.identity, accessEvents: platform.accessEvents },
        responseCache: { events: platform.cacheEvents },
        ...overrides,
      });
      return gateway.listen(0);
    },
    async close() {
      await hive?.stop();
      await platform.stop();
      for (const s of SUBGRAPHS) {
        await dropDatabase(admin, `${dbPrefix}_${s.name}`);
      }
      fs.rmSync(idpKeysFile, { force: true });
    },
  };
}

const INVITE = `mutation Invite($input: InviteUserInput!) {
  inviteUser(input: $input) { __typename ... on Error { message } }
}`;
const GRANT_PLATFORM = `mutation GrantPlatform($input: GrantPlatformAccessInput!) {
  grantPlatformAccess(input: $input) { __typename ... on Error { message } }
}`;

/** A made-up person's grant must land, or the test that uses them tests nothing. */
function expectGranted(res: GraphQLResponse, field: string, user: TestUser) {
  const result = res.data?.[field];
  if (res.errors?.length || !result || 'message' in result) {
    throw new Error(`Could not grant ${user.name}: ${JSON.stringify(res.errors ?? result)}`);
  }
}

/** The error codes of a response, in order. */
export const codes = (res: GraphQLResponse) => (res.errors ?? []).map((e) => e.extensions?.code);

/** SQL statements the subgraphs send for one request, measured after a warm-up run: the steady state. */
export async function sqlStatementsFor(p: TestPlatform, query: string, token: string) {
  await p.gql(query, { token });
  const before = sqlStatementCount();
  const res = await p.gql(query, { token });
  return { statements: sqlStatementCount() - before, res };
}

/**
 * Plans a meeting of an insats' styrgrupp as the förbund's administrator (`admin`) and returns its id: a
 * meeting whose minutes are still open, so decisions can be recorded at it (the demo styrgrupp meeting's
 * minutes are approved, and nothing is added to approved minutes).
 */
export async function openSteeringMeeting(p: TestPlatform, admin: string, interventionId: string, date: string) {
  const sg = await p.gql(`{ intervention(id: "${interventionId}") { steeringGroup { id } } }`, { as: admin });
  const res = await p.gql(
    `mutation ($b: ID!, $d: Date!) { planMeeting(bodyId: $b, date: $d) {
      __typename ... on Error { message } ... on MutationPlanMeetingSuccess { data { id } }
    } }`,
    { as: admin, variables: { b: sg.data.intervention.steeringGroup.id, d: date } },
  );
  const id = res.data?.planMeeting?.data?.id;
  if (!id) {
    throw new Error(`Could not plan a meeting: ${JSON.stringify(res.errors ?? res.data)}`);
  }
  return id as string;
}
