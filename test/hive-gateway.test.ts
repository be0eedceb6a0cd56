/**
 * Hive Gateway as a second, supported gateway (infra/hive-gateway/): what its defaults would break
 * stays whole — every read of a person is audited (no in-flight deduplication), nothing is kept for
 * another caller (no response cache) — and it is closed as the platform's gateway is (no GraphiQL,
 * no introspection in production, CORS only for configured origins, the query limits). The
 * tenancy, audit and report tests run through it with `npm run test:hive`.
 */

import { readSupergraph } from '@finsam/infra/compose.js';
import { devGatewayOptions } from '@finsam/infra/dev-gateway.js';
import { devIssuerConfigs } from '@finsam/infra/idp/index.js';
import type { RunningServer } from '@finsam/kit/server.js';
import { createHiveGateway } from '../infra/hive-gateway/gateway.js';
import { DEMO_INTERVENTION_IDS, NORRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

let p: TestPlatform;
let hive: RunningServer;
let hiveProduction: RunningServer;
beforeAll(async () => {
  p = await startTestPlatform();
  const options = devGatewayOptions(p.keys, readSupergraph(), p.subgraphUrls, devIssuerConfigs(p.idp.issuers));
  hive = await (await createHiveGateway({ ...options, corsOrigins: ['http://localhost:5173'] })).listen(0);
  hiveProduction = await (await createHiveGateway({ ...options, production: true })).listen(0);
});
afterAll(async () => {
  await hive.stop();
  await hiveProduction.stop();
  await p.close();
});

const { SALA } = DEMO_INTERVENTION_IDS;
const auditEntries = async () => Number((await p.rows('participants', 'select count(*) as n from audit_entry'))[0].n);
const through = (server: RunningServer, query: string, token: string, headers: Record<string, string> = {}) =>
  p.post(server.url, query, { headers: { authorization: `Bearer ${token}`, ...headers } });

it('audits every read of a person: ten concurrent identical reads write ten times the rows of one', async () => {
  const token = await p.tokenFor({
    name: 'hive-burst-staff',
    description: 'staff',
    roles: ['staff'],
    tenant: NORRA.id,
    interventions: [SALA],
  });
  const query = `{
    participations(interventionId: "${SALA}", first: 3) { edges { node { person { personnummer } } } }
  }`;
  const before = await auditEntries();
  const one = await through(hive, query, token);
  expect(one.errors).toBeUndefined();
  const perRead = (await auditEntries()) - before;
  expect(perRead).toBe(3);
  // One request id for all ten (a client may send its own): the subgraph fetches are then identical, byte for byte.
  const burst = await Promise.all(
    Array.from({ length: 10 }, () => through(hive, query, token, { 'x-request-id': 'hive-burst' })),
  );
  expect(burst.map((r) => r.data.participations.edges.length)).toEqual(Array(10).fill(3));
  expect((await auditEntries()) - before - perRead).toBe(10 * perRead);
});

it('keeps nothing for another caller: each förbund reads its own answer to the same query', async () => {
  const query = '{ forbund { id name } }';
  const [vasteras, norra] = await Promise.all([
    through(hive, query, await p.token('vasteras-admin')),
    through(hive, query, await p.token('norra-vastmanland-admin')),
  ]);
  expect(vasteras.data.forbund.id).toBe(VASTERAS.id);
  expect(norra.data.forbund.id).toBe(NORRA.id);
  const again = await through(hive, query, await p.token('vasteras-admin'));
  expect(again.data.forbund.id).toBe(VASTERAS.id);
});

it('identifies callers as the platform’s gateway does: no token reads nothing, a bad one is refused', async () => {
  const anonymous = await p.post(hive.url, '{ forbund { name } }');
  expect(anonymous.data?.forbund ?? null).toBeNull();
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const forged = await through(hive, '{ forbund { name } }', 'not-a-token');
  expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const otherTenant = await through(hive, '{ forbund { id } }', await p.token('vasteras-admin'), {
    'x-finsam-forbund': NORRA.id,
  });
  expect(otherTenant.data?.forbund?.id).not.toBe(NORRA.id);
});

it('is closed as the platform’s gateway is: no GraphiQL, no introspection in production, limits, CORS', async () => {
  const page = await fetch(hive.url, { headers: { accept: 'text/html' } });
  expect(await page.text()).not.toMatch(/graphiql/i);
  const token = await p.token('vasteras-admin');
  const introspection = await through(hiveProduction, '{ __schema { types { name } } }', token);
  expect(introspection.data?.__schema).toBeUndefined();
  expect(introspection.errors?.length).toBeGreaterThan(0);
  const deep = `{ forbund { ${'members { forbund { '.repeat(8)}name${' } }'.repeat(8)} } }`;
  const tooDeep = await through(hive, deep, token);
  expect(tooDeep.data?.forbund).toBeUndefined();
  expect(tooDeep.errors?.[0]?.message).toMatch(/depth/i);
  const allowed = await fetch(hive.url, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
  });
  expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  const other = await fetch(hive.url, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
  });
  expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
});
