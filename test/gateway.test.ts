/**
 * The gateway's own surface: health and readiness, the offline GraphiQL page, query limits,
 * and what production mode hides.
 */
import { freePort } from '@finsam/infra/postgres.js';
import { SUBGRAPHS } from '@finsam/infra/subgraphs.js';
import { codes, startTestPlatform, type TestPlatform } from './support/platform.js';

let dev: TestPlatform;
let prod: TestPlatform;
beforeAll(async () => {
  [dev, prod] = await Promise.all([startTestPlatform(), startTestPlatform({ production: true })]);
});
afterAll(async () => {
  await Promise.all([dev.close(), prod.close()]);
});

const base = (p: TestPlatform) => p.gatewayUrl.replace(/\/graphql$/, '');

describe('health and readiness', () => {
  it('is healthy and ready when every subgraph answers', async () => {
    expect((await fetch(`${base(dev)}/health`)).status).toBe(200);
    const ready = await fetch(`${base(dev)}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      subgraphs: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, 'ok'])),
    });
  });

  it('is not ready while a subgraph does not answer', async () => {
    const running = await dev.extraGateway({
      subgraphUrls: { ...dev.subgraphUrls, governance: `http://127.0.0.1:${await freePort()}/graphql` },
    });
    try {
      const url = running.url.replace(/\/graphql$/, '');
      expect((await fetch(`${url}/health`)).status).toBe(200);
      const ready = await fetch(`${url}/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { ready: boolean }).ready).toBe(false);
    } finally {
      await running.stop();
    }
  });
});

describe('GraphQL over HTTP', () => {
  it('answers a GET with the operation in the URL, and says how long each answer is', async () => {
    const token = await dev.token('vasteras-admin');
    const search = new URLSearchParams({ query: 'query Mine { forbund { name } }', operationName: 'Mine' });
    // Apollo's CSRF prevention lets a GET through only with a header a simple browser request cannot carry.
    const headers = { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' };
    const got = await fetch(`${dev.gatewayUrl}?${search}`, { headers });
    const text = await got.text();
    expect(got.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { forbund: { name: expect.any(String) } } });
    expect(got.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(got.headers.get('cache-control')).toBe('private, no-store');
    expect(got.headers.get('x-request-id')).toBeTruthy();
    // Without the header the GET is refused before it runs.
    expect(
      (await fetch(`${dev.gatewayUrl}?${search}`, { headers: { authorization: headers.authorization } })).status,
    ).toBe(400);
  });
});

describe('GraphiQL', () => {
  it('is served at / with every script and style from the gateway itself (works offline)', async () => {
    const page = await fetch(`${base(dev)}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.sort()).toEqual([
      '/assets/graphiql.css',
      '/assets/graphiql.js',
      '/assets/react-dom.js',
      '/assets/react.js',
      '/assets/start.js',
    ]);
    for (const ref of refs) {
      const asset = await fetch(`${base(dev)}${ref}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(ref.endsWith('.css') ? /text\/css/ : /javascript/);
      expect((await asset.text()).length).toBeGreaterThan(ref.endsWith('start.js') ? 100 : 5000);
    }
    const start = await (await fetch(`${base(dev)}/assets/start.js`)).text();
    expect(start).toContain("createFetcher({ url: '/graphql' })");
  });

  it('answers 404 for an asset it does not have', async () => {
    expect((await fetch(`${base(dev)}/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base(dev)}/assets/evil.js`)).status).toBe(404);
  });
});

describe('query limits', () => {
  it('refuses a query nested deeper than the configured depth', async () => {
    // Today's graph is shallow; a gateway configured with depth 3 shows the limit at work.
    const running = await dev.extraGateway({ limits: { maxDepth: { n: 3 } } });
    try {
      const headers = { authorization: `Bearer ${await dev.token('vasteras-admin')}` };
      const ok = await dev.post(running.url, '{ me { forbund { name } } }', { headers });
      expect(ok.data.me.forbund.name).toBe('Samordningsförbundet Västerås');
      const res = await dev.post(running.url, '{ me { forbund { members { name } } } }', { headers });
      expect(res.data).toBeUndefined();
      expect(res.errors?.[0]?.message).toMatch(/depth limit of 3/i);
    } finally {
      await running.stop();
    }
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: me { userId }`).join(' ');
    const res = await dev.gql(`{ ${aliases} }`, { as: 'vasteras-admin' });
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/aliases/i);
  });

  it('allows an ordinary query at the edge of the alias limit', async () => {
    const aliases = Array.from({ length: 15 }, (_, i) => `a${i}: me { userId }`).join(' ');
    const res = await dev.gql(`{ ${aliases} }`, { as: 'vasteras-admin' });
    expect(res.errors).toBeUndefined();
    expect(Object.keys(res.data)).toHaveLength(15);
  });

  it('refuses a huge document with HTTP 400: the client’s to fix', async () => {
    const fields = Array.from({ length: 2500 }, () => 'userId').join(' ');
    const res = await dev.gql(`{ me { ${fields} } }`, { as: 'vasteras-admin' });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(codes(res)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });
});

describe('production mode', () => {
  it('refuses introspection (development allows it)', async () => {
    const query = '{ __schema { queryType { name } } }';
    expect((await dev.gql(query, { as: 'vasteras-admin' })).data.__schema.queryType.name).toBe('Query');
    const res = await prod.gql(query, { as: 'vasteras-admin' });
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('gives no field suggestions (development does)', async () => {
    const query = '{ forbnd { id } }';
    expect((await dev.gql(query, { as: 'vasteras-admin' })).errors?.[0]?.message).toMatch(/Did you mean/);
    const res = await prod.gql(query, { as: 'vasteras-admin' });
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.errors?.[0]?.message).not.toMatch(/Did you mean|forbund/);
  });

  it('sends no stack traces (development does, for the gateway’s own errors)', async () => {
    const own = (await dev.gql('{ forbnd { id } }', { as: 'vasteras-admin' })).errors?.[0];
    expect(own?.extensions?.stacktrace).toEqual(expect.any(Array));
    const query = '{ forbunds { edges { node { id } } } }';
    const res = await prod.gql(query, { as: 'vasteras-admin' });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|\.ts:\d+/);
  });
});

describe('errors a client sees', () => {
  it('never carry a subgraph’s URL, body or stack, in development or production', async () => {
    for (const p of [dev, prod]) {
      for (const res of [
        await p.gql('{ forbund { id } }'),
        await p.gql('{ forbunds { edges { node { id } } } }', { as: 'vasteras-admin' }),
        await p.gql('{ intervention(id: "nope") { name } }', { as: 'vasteras-admin' }),
      ]) {
        const text = JSON.stringify(res.errors);
        expect(res.errors?.length).toBeGreaterThan(0);
        expect(text).not.toMatch(/127\.0\.0\.1|"response"|stacktrace|\.ts:\d+/);
        for (const url of Object.values(p.subgraphUrls)) {
          expect(text).not.toContain(url);
        }
      }
    }
  });

  it('answers a request that needs a user and has none with HTTP 401 and UNAUTHENTICATED', async () => {
    for (const p of [dev, prod]) {
      const res = await p.gql('{ forbund { id } }');
      expect(res.status).toBe(401);
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.errors?.[0]?.message).toBe('A valid token is required');
    }
  });
});
