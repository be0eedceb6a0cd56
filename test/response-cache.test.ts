/**
 * The gateway's response cache (gateway/src/response-cache.ts): what the subgraphs mark cacheable
 * is served again to the same caller without a subgraph's SQL, never to anyone else, never after a
 * mutation of the caller's förbund (or a cross-tenant one) through this gateway, and reads of
 * people are never kept (each is audited).
 */
import { sqlStatementCount } from '@finsam/kit/database.js';
import type { IdentityClaims } from '@finsam/kit/identity.js';
import type { RunningServer } from '@finsam/kit/server.js';
import {
  DEMO_INTERVENTION_IDS,
  NORRA,
  type RequestOptions,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from './support/platform.js';

let p: TestPlatform;
let uncached: RunningServer;
beforeAll(async () => {
  p = await startTestPlatform();
  uncached = await p.extraGateway({ responseCache: false });
});
afterAll(async () => {
  await uncached.stop();
  await p.close();
});

const { SALA } = DEMO_INTERVENTION_IDS;
/** Västerås' administrator, as the gateway would name them to a subgraph. */
const ADMIN: IdentityClaims = { sub: 'cache-probe', tenant: VASTERAS.id, roles: ['forbund_admin'] };

/** A förbund administrator's start page: every part of it comes from a type marked cacheable. */
const DASHBOARD = `{
  forbund {
    name
    upcoming(limit: 5) { date title }
    interventions {
      id name yearlyPlaces
      occupancy { enrolled capacity overCapacity }
      budgetUsage(year: 2026) { allocated used }
      upcoming(limit: 3) { date title }
    }
  }
}`;

/** The response and how many SQL statements the subgraphs sent for it. */
async function measured(query: string, options: RequestOptions) {
  const before = sqlStatementCount();
  const res = await p.gql(query, options);
  expect(res.errors).toBeUndefined();
  return { data: res.data, statements: sqlStatementCount() - before };
}

const auditEntries = async () => Number((await p.rows('participants', 'select count(*) as n from audit_entry'))[0].n);

describe('the response cache', () => {
  it('serves the dashboard again to the same caller without asking the subgraphs', async () => {
    const token = await p.token('vasteras-admin');
    const first = await measured(DASHBOARD, { token });
    expect(first.data.forbund.name).toBe(VASTERAS.name);
    expect(first.data.forbund.interventions.length).toBeGreaterThan(0);
    expect(first.statements).toBeGreaterThan(0);
    const again = await measured(DASHBOARD, { token });
    expect(again).toEqual({ data: first.data, statements: 0 });
    // Kept by the gateway only: it tells a browser or a proxy to keep nothing.
    const raw = await fetch(p.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: DASHBOARD }),
    });
    expect(await raw.json()).toEqual({ data: first.data });
    expect(raw.headers.get('age')).toMatch(/^\d+$/);
    expect(raw.headers.get('cache-control')).toBe('private, no-store');
    expect(raw.headers.get('etag')).toBeNull();
  });

  it('hears private from the subgraphs, never public, and keeps their answers per caller all the same', async () => {
    // Straight to a subgraph, as the gateway asks: a förbund's calendar is cacheable, and it is that förbund's.
    const ask = async (subgraph: string, query: string, claims: IdentityClaims = ADMIN) => {
      const token = await p.internalToken(claims, subgraph);
      const res = await fetch(p.subgraphUrls[subgraph]!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors).toBeUndefined();
      return res.headers.get('cache-control');
    };
    expect(await ask('governance', '{ forbund { name upcoming(limit: 3) { date title } } }')).toBe(
      'max-age=10, private',
    );
    expect(await ask('teams', `{ intervention(id: "${DEMO_INTERVENTION_IDS.VASTERAS_TEAM}") { id name } }`)).toBe(
      'max-age=10, private',
    );
    // A read of people is kept nowhere.
    expect(
      await ask('participants', `{ participations(interventionId: "${SALA}", first: 1) { edges { node { id } } } }`, {
        sub: 'cache-probe',
        tenant: NORRA.id,
        roles: ['staff'],
        interventions: [SALA],
      }),
    ).toBe('no-store');

    // The gateway's own answers say no-store, kept or not, with or without errors.
    const token = await p.token('norra-vastmanland-admin');
    for (const query of ['{ forbund { name } }', '{ forbund { name } }', '{ nope }']) {
      const raw = await fetch(p.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      expect(raw.headers.get('cache-control')).toBe('private, no-store');
    }
    // The second `forbund { name }` came from the gateway's cache although the subgraph said private.
    const before = sqlStatementCount();
    expect((await p.gql('{ forbund { name } }', { token })).data.forbund.name).toBe(NORRA.name);
    expect(sqlStatementCount() - before).toBe(0);
  });

  it('never serves one caller’s answer to another: other förbund, other roles, other users', async () => {
    const query = '{ forbund { name interventions { id occupancy { enrolled } } } }';
    const admin = await measured(query, { as: 'norra-vastmanland-admin' });
    expect(admin.data.forbund.name).toBe(NORRA.name);
    expect(admin.data.forbund.interventions.length).toBeGreaterThan(1);

    const vasteras = await measured(query, { as: 'vasteras-admin' });
    expect(vasteras.data.forbund.name).toBe(VASTERAS.name);
    expect(vasteras.statements).toBeGreaterThan(0);

    // Same förbund, narrower scope: staff see their own insats only.
    const staff = await p.tokenFor({
      name: 'cache-sala-staff',
      description: 'staff',
      roles: ['staff'],
      tenant: NORRA.id,
      interventions: [SALA],
    });
    const sala = await measured(query, { token: staff });
    expect(sala.data.forbund.interventions.map((i: { id: string }) => i.id)).toEqual([SALA]);
    expect(sala.statements).toBeGreaterThan(0);

    // Same roles and förbund, another person: asked afresh all the same.
    const otherAdmin = await p.tokenFor({
      name: 'cache-other-admin',
      description: 'förbund administrator',
      roles: ['forbund_admin'],
      tenant: NORRA.id,
      interventions: [],
    });
    const other = await measured(query, { token: otherAdmin });
    expect(other.data).toEqual(admin.data);
    expect(other.statements).toBeGreaterThan(0);
  });

  it('forgets what it kept once a mutation through the gateway has finished', async () => {
    const token = await p.token('norra-vastmanland-admin');
    const query = `{ forbund { interventions { id name } } }`;
    const before = await measured(query, { token });
    expect((await measured(query, { token })).statements).toBe(0);
    const renamed = await p.gql(
      `mutation ($id: ID!) { updateIntervention(id: $id, input: { name: "Sala Steg framåt" }) { __typename } }`,
      { token, variables: { id: SALA } },
    );
    expect(renamed.data.updateIntervention.__typename).toBe('MutationUpdateInterventionSuccess');
    const after = await measured(query, { token });
    expect(after.statements).toBeGreaterThan(0);
    expect(after.data.forbund.interventions.find((i: { id: string }) => i.id === SALA).name).toBe('Sala Steg framåt');
    expect(after.data.forbund.interventions.filter((i: { id: string }) => i.id !== SALA)).toEqual(
      before.data.forbund.interventions.filter((i: { id: string }) => i.id !== SALA),
    );
  });

  it('forgets only the writing förbund’s answers; a cross-tenant write makes it forget every förbund’s', async () => {
    const query = '{ forbund { interventions { id name yearlyPlaces } } }';
    const vasteras = await p.token('vasteras-admin');
    const norra = await p.token('norra-vastmanland-admin');
    await measured(query, { token: vasteras });
    await measured(query, { token: norra });
    const renamed = await p.gql(
      `mutation ($id: ID!) { updateIntervention(id: $id, input: { name: "Sala Steg för steg" }) { __typename } }`,
      { token: norra, variables: { id: SALA } },
    );
    expect(renamed.data.updateIntervention.__typename).toBe('MutationUpdateInterventionSuccess');
    expect((await measured(query, { token: norra })).statements).toBeGreaterThan(0);
    expect((await measured(query, { token: vasteras })).statements).toBe(0);

    // The gateway cannot tell what a platform administrator's mutation touched (here: nothing,
    // the input is refused), so every förbund's kept answers go.
    const refused = await p.gql(
      `mutation {
        createForbund(input: { name: "X", slug: "x", organisationNumber: "1", members: [] }) { __typename }
      }`,
      { as: 'platform-admin' },
    );
    expect(refused.data.createForbund.__typename).toBe('ValidationError');
    expect((await measured(query, { token: vasteras })).statements).toBeGreaterThan(0);
  });

  it('never keeps reads of people: each one reaches the subgraph and is audited', async () => {
    const token = await p.tokenFor({
      name: 'cache-audit-staff',
      description: 'staff',
      roles: ['staff'],
      tenant: NORRA.id,
      interventions: [SALA],
    });
    const query = `{
      intervention(id: "${SALA}") { name activeParticipations { id } }
      participations(interventionId: "${SALA}", first: 3) { edges { node { person { personnummer } } } }
    }`;
    for (let n = 0; n < 2; n++) {
      const audited = await auditEntries();
      const read = await measured(query, { token });
      expect(read.data.participations.edges).toHaveLength(3);
      expect(read.statements).toBeGreaterThan(0);
      expect(await auditEntries()).toBe(audited + 3);
    }
  });

  it('computes identical queries of one caller that miss together once, and gives each the answer', async () => {
    await p.gql(DASHBOARD, { as: 'vasteras-admin' }); // the gateway has kept this query's answers before
    const token = await p.tokenFor({
      name: 'cache-burst-admin',
      description: 'förbund administrator',
      roles: ['forbund_admin'],
      tenant: VASTERAS.id,
      interventions: [],
    });
    // Both gateways know who the person is before anything is counted (the directory asked once each).
    await p.gql('{ me { userId } }', { token });
    await p.post(uncached.url, '{ me { userId } }', { headers: { authorization: `Bearer ${token}` } });
    const before = sqlStatementCount();
    const alone = await p.post(uncached.url, DASHBOARD, { headers: { authorization: `Bearer ${token}` } });
    const once = sqlStatementCount() - before;
    expect(once).toBeGreaterThan(0);

    const start = sqlStatementCount();
    const burst = await Promise.all(Array.from({ length: 8 }, () => p.gql(DASHBOARD, { token })));
    expect(burst.map((r) => r.errors)).toEqual(Array(8).fill(undefined));
    expect(burst.map((r) => r.data)).toEqual(Array(8).fill(alone.data));
    expect(sqlStatementCount() - start).toBeGreaterThan(0);
    expect(sqlStatementCount() - start).toBeLessThanOrEqual(once);
  });

  it('runs identical reads of people that arrive together each on its own: each is audited', async () => {
    const token = await p.tokenFor({
      name: 'cache-burst-staff',
      description: 'staff',
      roles: ['staff'],
      tenant: NORRA.id,
      interventions: [SALA],
    });
    const query = `{
      participations(interventionId: "${SALA}", first: 3) { edges { node { person { personnummer } } } }
    }`;
    await p.gql(query, { token }); // asked before: were its answers keepable, the burst would be computed once
    const audited = await auditEntries();
    const burst = await Promise.all(Array.from({ length: 4 }, () => p.gql(query, { token })));
    expect(burst.map((r) => r.data.participations.edges.length)).toEqual([3, 3, 3, 3]);
    expect(await auditEntries()).toBe(audited + 12);
  });

  it('can be turned off: a gateway with responseCache: false asks the subgraphs every time', async () => {
    const token = await p.token('vasteras-admin');
    const ask = async () => {
      const before = sqlStatementCount();
      const res = await p.post(uncached.url, DASHBOARD, { headers: { authorization: `Bearer ${token}` } });
      expect(res.errors).toBeUndefined();
      return sqlStatementCount() - before;
    };
    await ask();
    expect(await ask()).toBeGreaterThan(0);
  });
});
