/**
 * The end-to-end harness: every test file gets its own databases on the run's cluster, the
 * real subgraphs and the real gateway on free ports — started exactly as `npm start` does.
 */
import { randomBytes } from 'node:crypto';
import { createGateway, type GatewayOptions } from '@finsam/gateway/gateway.js';
import { DEMO_FORBUND } from '@finsam/governance/demo/forbund.js';
import { readSupergraph } from '@finsam/infra/compose.js';
import { type DemoUser, demoUser, devGatewayOptions, devTokenSigner } from '@finsam/infra/demo-users.js';
import { type DevKeys, generateDevKeys } from '@finsam/infra/keys.js';
import { type Platform, startPlatform } from '@finsam/infra/platform.js';
import type { AdminConnection } from '@finsam/infra/postgres.js';
import { dropDatabase, withClient } from '@finsam/infra/provision.js';
import { SUBGRAPHS } from '@finsam/infra/subgraphs.js';
import { sqlStatementCount } from '@finsam/kit/database.js';
import { type IdentityClaims, identityFromClaims } from '@finsam/kit/identity.js';
import { internalSigner } from '@finsam/kit/internal-token.js';
import type { RunningServer } from '@finsam/kit/server.js';
import type pg from 'pg';

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

export interface TestPlatform extends Platform {
  admin: AdminConnection;
  keys: DevKeys;
  dbPrefix: string;
  token(user: string): Promise<string>;
  /** A token for a user who is not one of the demo users (e.g. the admin of a förbund a test made). */
  tokenFor(user: DemoUser): Promise<string>;
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
  /** The rows of one statement in a subgraph's database, read as the superuser: what is really stored. */
  rows<T = any>(subgraph: string, sql: string, params?: unknown[]): Promise<T[]>;
  /** A second gateway over this platform's subgraphs and keys, with some options changed. */
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

export async function startTestPlatform(options: { production?: boolean } = {}): Promise<TestPlatform> {
  const { admin, passwords } = testCluster();
  const keys = { ...(await generateDevKeys()), passwords };
  const dbPrefix = `t${randomBytes(5).toString('hex')}`;
  const platform = await startPlatform({
    admin,
    dbPrefix,
    keys,
    supergraphSdl: readSupergraph(),
    seed: true,
    gatewayPort: 0,
    fixedSubgraphPorts: false,
    production: options.production ?? false,
  });
  const sign = await devTokenSigner(keys);
  const signInternal = await internalSigner(keys.internal.privateJwk);

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

  const asSuperuser = <T>(subgraph: string, work: (client: pg.Client) => Promise<T>): Promise<T> =>
    withClient(admin, platform.databases[subgraph]!.app.dbName, work);
  const asAppRole = <T>(subgraph: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const app = platform.databases[subgraph]!.app;
    return withClient({ ...app, database: app.dbName }, app.dbName, work);
  };

  return {
    ...platform,
    admin,
    asSuperuser,
    asAppRole,
    rows: (subgraph, sql, params = []) =>
      asSuperuser(subgraph, async (client) => (await client.query(sql, params)).rows),
    keys,
    dbPrefix,
    token: (user) => sign(demoUser(user)),
    tokenFor: (user) => sign(user),
    internalToken: (claims, audience) => signInternal(identityFromClaims({ ...claims }), audience),
    post,
    async gql(query, { as, token, headers = {}, variables } = {}) {
      const bearer = token ?? (as ? await sign(demoUser(as)) : undefined);
      return post(platform.gatewayUrl, query, {
        variables,
        headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
      });
    },
    async extraGateway(overrides) {
      const gateway = await createGateway({
        ...devGatewayOptions(keys, readSupergraph(), platform.subgraphUrls),
        ...overrides,
      });
      return gateway.listen(0);
    },
    async close() {
      await platform.stop();
      for (const s of SUBGRAPHS) {
        await dropDatabase(admin, `${dbPrefix}_${s.name}`);
      }
    },
  };
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
