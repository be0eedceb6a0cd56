/**
 * Two gateway instances over one platform, each with its own response cache
 * (gateway/src/response-cache.ts, cache-events.ts): a write through one is seen through the other
 * within a second, not after the cache's maxAge; an instance that cannot hear the others serves
 * nothing it kept until it hears them again.
 */
import { sqlStatementCount } from '@finsam/kit/database.js';
import type { RunningServer } from '@finsam/kit/server.js';
import pg from 'pg';
import { DEMO_INTERVENTION_IDS, startTestPlatform, type TestPlatform, testCluster } from './support/platform.js';

let p: TestPlatform;
let second: RunningServer;
beforeAll(async () => {
  p = await startTestPlatform();
  second = await p.extraGateway({});
});
afterAll(async () => {
  await second.stop();
  await p.close();
});

const { SALA } = DEMO_INTERVENTION_IDS;
const NAMES = '{ forbund { interventions { id name } } }';
const RENAME = `mutation ($id: ID!, $name: String!) {
  updateIntervention(id: $id, input: { name: $name }) { __typename }
}`;

/** A read through one instance, and how many SQL statements the subgraphs sent for it. */
async function read(url: string, token: string) {
  const before = sqlStatementCount();
  const res = await p.post(url, NAMES, { headers: { authorization: `Bearer ${token}` } });
  expect(res.errors).toBeUndefined();
  const sala = res.data.forbund.interventions.find((i: { id: string }) => i.id === SALA);
  return { name: sala.name as string, statements: sqlStatementCount() - before };
}

async function rename(url: string, token: string, name: string) {
  const res = await p.post(url, RENAME, {
    headers: { authorization: `Bearer ${token}` },
    variables: { id: SALA, name },
  });
  expect(res.data.updateIntervention.__typename).toBe('MutationUpdateInterventionSuccess');
}

/** Reads through `url` until `name` shows, for at most `withinMs`: how long it took, or null. */
async function seenWithin(url: string, token: string, name: string, withinMs: number) {
  const start = Date.now();
  while (Date.now() - start <= withinMs) {
    if ((await read(url, token)).name === name) {
      return Date.now() - start;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

describe('several gateway instances', () => {
  it('a write through one instance is read through the other within a second', async () => {
    const token = await p.token('norra-vastmanland-admin');
    // Both instances keep the answer.
    for (const url of [p.gatewayUrl, second.url]) {
      await read(url, token);
      expect((await read(url, token)).statements).toBe(0);
    }

    await rename(p.gatewayUrl, token, 'Sala över gränsen');
    expect(await seenWithin(second.url, token, 'Sala över gränsen', 1_000)).not.toBeNull();

    // And the other way round: the second instance's write empties the first one's kept answer.
    expect((await read(second.url, token)).statements).toBe(0);
    expect((await read(p.gatewayUrl, token)).name).toBe('Sala över gränsen');
    await rename(second.url, token, 'Sala tillbaka');
    expect(await seenWithin(p.gatewayUrl, token, 'Sala tillbaka', 1_000)).not.toBeNull();
  });

  it('serves nothing it kept while it cannot hear the others, and keeps answers again once it can', async () => {
    // A third instance listening as a role of its own, so the test can keep it deaf without touching other tests.
    const { admin } = testCluster();
    const role = `finsam_gateway_probe_${p.cacheEvents.channel}`;
    const su = new pg.Client(admin);
    await su.connect();
    await su.query(`create role ${role} login password 'probe'`);
    await su.query(`grant connect on database ${admin.database} to ${role}`);
    const third = await p.extraGateway({
      responseCache: {
        events: { ...p.cacheEvents, connection: { ...p.cacheEvents.connection, user: role, password: 'probe' } },
      },
    });
    try {
      const token = await p.token('norra-vastmanland-admin');
      await read(third.url, token);
      expect((await read(third.url, token)).statements).toBe(0);

      // Its connection ends and it may not log in again: it could miss writes, so nothing kept is served.
      await su.query(`alter role ${role} nologin`);
      const ended = await su.query(`select pg_terminate_backend(pid) from pg_stat_activity where usename = $1`, [role]);
      expect(ended.rowCount).toBe(1);
      await rename(p.gatewayUrl, token, 'Sala medan den inte hör');
      expect(await seenWithin(third.url, token, 'Sala medan den inte hör', 1_000)).not.toBeNull();
      for (let i = 0; i < 3; i++) {
        expect((await read(third.url, token)).statements).toBeGreaterThan(0);
      }

      // It may log in again: it listens, forgets what it kept meanwhile, and keeps and serves answers again.
      await su.query(`alter role ${role} login`);
      let kept = false;
      for (let attempt = 0; attempt < 60 && !kept; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await read(third.url, token);
        kept = (await read(third.url, token)).statements === 0;
      }
      expect(kept).toBe(true);
      await rename(p.gatewayUrl, token, 'Sala hör igen');
      expect(await seenWithin(third.url, token, 'Sala hör igen', 1_000)).not.toBeNull();
    } finally {
      await third.stop();
      await su.query(`select pg_terminate_backend(pid) from pg_stat_activity where usename = $1`, [role]);
      await su.query(`drop owned by ${role}`);
      await su.query(`drop role ${role}`);
      await su.end();
    }
  });
});
