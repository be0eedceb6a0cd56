/**
 * Done means: no token, a bad signature, an expired token, `alg: none` and a spoofed tenant
 * header each get UNAUTHENTICATED or the caller's own data; a subgraph refuses every request
 * that does not carry the gateway's token for it — `_service` and `_entities` included. Issue 16: a
 * subgraph's service key opens only the subgraphs it may call, for the fields it needs; no internal
 * token lives longer than the maximum; during a key rollover the old and the new key are accepted.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GRAPH_AUDIENCE, startDevIdentityProviders } from '@finsam/infra/idp/index.js';
import { identityFromClaims } from '@finsam/kit/identity.js';
import {
  generateInternalKeyPair,
  INTERNAL_ISSUER,
  type InternalKeyPair,
  internalSigner,
  MAX_INTERNAL_TOKEN_LIFETIME_SECONDS,
  serviceIssuer,
} from '@finsam/kit/internal-token.js';
import { type CryptoKey, decodeJwt, generateKeyPair, importJWK, type JWTPayload, SignJWT } from 'jose';
import {
  codes,
  DEMO_INTERVENTION_IDS,
  NORRA,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from './support/platform.js';

let p: TestPlatform;
/** The claims of a real token the provider gave vasteras-admin: forged tokens below reuse them. */
let real: JWTPayload;
/** Keys in a rollover: the gateway's and teams' previous keys, still accepted beside the current ones. */
let previous: { gateway: InternalKeyPair; teams: InternalKeyPair };
beforeAll(async () => {
  // A rollover's two keys of one signer differ in kid.
  previous = {
    gateway: await generateInternalKeyPair(`${INTERNAL_ISSUER}#previous`),
    teams: await generateInternalKeyPair(`${serviceIssuer('teams')}#previous`),
  };
  p = await startTestPlatform({
    retired: { gateway: previous.gateway.publicJwk, teams: previous.teams.publicJwk },
  });
  real = decodeJwt(await p.token('vasteras-admin'));
});
afterAll(() => p.close());

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const personClaims = () => ({ email: real.email, email_verified: true, name: real.name });

/** A user token signed with the development provider's real key (kommun), with overrides. */
async function userToken({
  iss = p.idp.issuers.kommun,
  aud = GRAPH_AUDIENCE,
  exp = now() + 600,
  claims = personClaims() as Record<string, unknown>,
} = {}) {
  const jwk = p.idpSigningKey('kommun');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid! })
    .setSubject(real.sub!)
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign((await importJWK(jwk, 'ES256')) as CryptoKey);
}

describe('the gateway', () => {
  it('tells a caller without a token to sign in', async () => {
    for (const query of ['{ me { userId } }', '{ forbund { id } }', '{ forbunds { edges { node { id } } } }']) {
      const res = await p.gql(query, { headers: { 'x-tenant-id': NORRA.id } });
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      // Nullable root fields come back null, non-null ones null the whole result: never data.
      expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
    }
  });

  it('accepts a valid token (control for the refusals below)', async () => {
    const res = await p.gql('{ forbund { id } }', { token: await userToken() });
    expect(res.data.forbund.id).toBe(VASTERAS.id);
  });

  const refused: [string, () => Promise<string>][] = [
    [
      'a token signed with another key',
      async () => {
        const { privateKey } = await generateKeyPair('ES256');
        return new SignJWT(personClaims())
          .setProtectedHeader({ alg: 'ES256', kid: p.idpSigningKey('kommun').kid! })
          .setSubject(real.sub!)
          .setIssuer(p.idp.issuers.kommun)
          .setAudience(GRAPH_AUDIENCE)
          .setExpirationTime('5m')
          .sign(privateKey);
      },
    ],
    ['an expired token', () => userToken({ exp: now() - 60 })],
    [
      '`alg: none`',
      async () => {
        const claims = { ...personClaims(), sub: real.sub, iss: p.idp.issuers.kommun, aud: GRAPH_AUDIENCE };
        Object.assign(claims, { exp: now() + 600 });
        return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
      },
    ],
    [
      'HS256 keyed with the public key',
      async () => {
        const { d: _private, ...publicJwk } = p.idpSigningKey('kommun');
        const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
        return new SignJWT(personClaims())
          .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid! })
          .setSubject(real.sub!)
          .setIssuer(p.idp.issuers.kommun)
          .setAudience(GRAPH_AUDIENCE)
          .setExpirationTime('5m')
          .sign(secret);
      },
    ],
    ['another issuer', () => userToken({ iss: 'https://evil.example' })],
    [
      'a real provider the platform does not trust',
      async () => {
        const other = await startDevIdentityProviders({ port: 0 });
        try {
          const { loginAs } = await import('@finsam/infra/idp/index.js');
          return (await loginAs(other.issuers.kommun, 'vasteras-admin')).accessToken;
        } finally {
          await other.stop();
        }
      },
    ],
    [
      "the trusted provider's other issuer's name on the first one's key",
      () => userToken({ iss: p.idp.issuers.statlig }),
    ],
    ['another audience', () => userToken({ aud: 'some-other-api' })],
    [
      "the gateway's own internal token",
      () => p.internalToken({ sub: 'x', tenant: NORRA.id, roles: ['forbund_admin'] }, 'governance'),
    ],
    ['garbage', async () => 'not-a-jwt'],
  ];

  it.each(refused)('refuses %s with UNAUTHENTICATED and no data', async (_name, make) => {
    const res = await p.gql('{ forbund { id name } }', {
      token: await make(),
      headers: { 'x-finsam-forbund': NORRA.id },
    });
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.data).toBeUndefined();
  });

  it('refuses a token once it has expired, though it accepted it before', async () => {
    const token = await userToken({ exp: now() + 2 });
    expect((await p.gql('{ forbund { id } }', { token })).data.forbund.id).toBe(VASTERAS.id);
    await new Promise((resolve) => setTimeout(resolve, (now() + 1) * 1000 - Date.now() + 1050));
    const res = await p.gql('{ forbund { id } }', { token });
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  });

  it('takes roles and förbund from the directory, never from claims in the token', async () => {
    const token = await userToken({ claims: { ...personClaims(), tenant: NORRA.id, roles: ['platform_admin'] } });
    const own = await p.gql('{ forbund { id } me { roles } }', { token });
    expect(own.data).toEqual({ forbund: { id: VASTERAS.id }, me: { roles: ['FORBUND_ADMIN'] } });
    expect(codes(await p.gql('{ forbunds { edges { node { id } } } }', { token }))).toEqual(['FORBIDDEN']);
    // Choosing a förbund the person has no grant in is refused, not answered with their own.
    const other = await p.gql('{ forbund { id } }', { token, headers: { 'x-finsam-forbund': NORRA.id } });
    expect(codes(other)).toEqual(['FORBIDDEN']);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const res = await p.gql('{ forbund { id } }', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  });

  /** A second gateway whose governance fetches go through a hop that records their headers. */
  async function recordingGateway() {
    const seen: http.IncomingHttpHeaders[] = [];
    const planned = () => seen.filter((h) => decodeJwt(h.authorization!.replace(/^Bearer /, '')).sub !== 'gateway');
    const recorder = http.createServer(async (req, res) => {
      seen.push(req.headers);
      const chunks: Buffer[] = [];
      for await (const chunk of req) {
        chunks.push(chunk as Buffer);
      }
      const upstream = await fetch(p.subgraphUrls.governance!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
        body: Buffer.concat(chunks),
      });
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const running = await p.extraGateway({
      subgraphUrls: { governance: `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/graphql` },
    });
    return {
      url: running.url,
      seen,
      /** The internal token of each recorded fetch of a query plan, in order. */
      tokens: () => planned().map((h) => h.authorization!.replace(/^Bearer /, '')),
      /** The fetches of query plans: not the gateway asking the directory who someone is. */
      planned,
      async stop() {
        await running.stop();
        recorder.closeAllConnections(); // the gateway keeps connections to subgraphs alive
        recorder.close();
      },
    };
  }

  it('sends a subgraph only its own signed token: no client header crosses', async () => {
    const { url, planned, stop } = await recordingGateway();
    try {
      const token = await p.token('vasteras-admin');
      const res = await p.post(url, '{ forbund { id } }', {
        headers: {
          authorization: `Bearer ${token}`,
          'x-tenant-id': NORRA.id,
          cookie: 'session=abc',
          'x-forwarded-for': '10.0.0.1',
          'x-custom': 'client',
        },
      });
      expect(res.data.forbund.id).toBe(VASTERAS.id);
      const seen = planned();
      expect(seen).toHaveLength(1);
      const headers = seen[0]!;
      for (const name of ['x-tenant-id', 'cookie', 'x-forwarded-for', 'x-custom']) {
        expect(headers[name]).toBeUndefined();
      }
      const internal = headers.authorization!.replace(/^Bearer /, '');
      expect(internal).not.toBe(token);
      const claims = decodeJwt(internal);
      const me = await p.gql('{ me { userId } }', { token });
      expect(claims).toMatchObject({
        iss: INTERNAL_ISSUER,
        aud: 'governance',
        sub: me.data.me.userId,
        tenant: VASTERAS.id,
      });
      expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(60);
    } finally {
      await stop();
    }
  });

  it('reuses a signed internal token for the same user, never for another', async () => {
    const hop = await recordingGateway();
    try {
      const as = async (user: string) => {
        const res = await p.post(hop.url, '{ forbund { id } }', {
          headers: { authorization: `Bearer ${await p.token(user)}` },
        });
        expect(res.errors).toBeUndefined();
        return res.data.forbund.id as string;
      };
      expect(await as('vasteras-admin')).toBe(VASTERAS.id);
      // Into the next second: a token signed afresh now would differ (another iat and exp).
      await new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)));
      expect(await as('vasteras-admin')).toBe(VASTERAS.id);
      expect(await as('vasteras-board')).toBe(VASTERAS.id);
      expect(await as('norra-vastmanland-admin')).toBe(NORRA.id);
      const [admin1, admin2, board, norra] = hop.tokens();
      // The same identity twice: one signature, the same token.
      expect(admin2).toBe(admin1);
      // Another role in the same förbund, and another förbund: their own tokens, with their own claims.
      expect(new Set([admin1, board, norra]).size).toBe(3);
      expect(decodeJwt(board!)).toMatchObject({ tenant: VASTERAS.id, roles: ['board'] });
      expect(decodeJwt(norra!)).toMatchObject({ tenant: NORRA.id, roles: ['forbund_admin'] });
      expect(new Set([admin1, board, norra].map((t) => decodeJwt(t!).sub)).size).toBe(3);
    } finally {
      await hop.stop();
    }
  });
});

describe('the gateway in production configuration', () => {
  it("verifies user tokens with the keys the provider's discovery names, and refuses forged ones", async () => {
    const running = await p.extraGateway({ production: true });
    try {
      const ok = await p.post(running.url, '{ forbund { id } }', {
        headers: { authorization: `Bearer ${await p.token('vasteras-admin')}` },
      });
      expect(ok.data.forbund.id).toBe(VASTERAS.id);
      const { privateKey } = await generateKeyPair('ES256');
      const forged = await new SignJWT(personClaims())
        .setProtectedHeader({ alg: 'ES256', kid: p.idpSigningKey('kommun').kid! })
        .setSubject(real.sub!)
        .setIssuer(p.idp.issuers.kommun)
        .setAudience(GRAPH_AUDIENCE)
        .setExpirationTime('5m')
        .sign(privateKey);
      const refused = await p.post(running.url, '{ forbund { id } }', {
        headers: { authorization: `Bearer ${forged}` },
      });
      expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
    } finally {
      await running.stop();
    }
  });
});

describe('a subgraph called directly', () => {
  const QUERIES = {
    _service: '{ _service { sdl } }',
    _entities: `{
      _entities(representations: [{ __typename: "Forbund", id: "${VASTERAS.id}" }]) { ... on Forbund { name } }
    }`,
    me: '{ me { userId } }',
  };
  const VASTERAS_ADMIN = { sub: 'demo:vasteras-admin', tenant: VASTERAS.id, roles: ['forbund_admin'] };
  const vasteras = () => identityFromClaims(VASTERAS_ADMIN);
  const expiredInternal = async () => {
    const key = (await importJWK(p.keys.internal.privateJwk, 'EdDSA')) as CryptoKey;
    return new SignJWT({ tenant: VASTERAS.id, roles: ['forbund_admin'], interventions: [] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('demo:vasteras-admin')
      .setIssuer(INTERNAL_ISSUER)
      .setAudience('governance')
      .setIssuedAt(now() - 120)
      .setExpirationTime(now() - 60)
      .sign(key);
  };

  const cases: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['the user token from the identity provider', () => p.token('vasteras-admin')],
    ['a gateway token for another subgraph', () => p.internalToken(VASTERAS_ADMIN, 'teams')],
    ['an expired gateway token', expiredInternal],
    [
      'a token signed with another key',
      async () => (await internalSigner((await generateInternalKeyPair()).privateJwk))(vasteras(), 'governance'),
    ],
    [
      'a service-key token claiming to be the gateway',
      async () => (await internalSigner(p.keys.services.teams!.privateJwk, INTERNAL_ISSUER))(vasteras(), 'governance'),
    ],
    [
      'a gateway-key token claiming to be a subgraph',
      async () => (await internalSigner(p.keys.internal.privateJwk, serviceIssuer('teams')))(vasteras(), 'governance'),
    ],
  ];

  for (const [field, query] of Object.entries(QUERIES)) {
    it.each(cases)(`refuses ${field} with %s`, async (_name, make) => {
      const token = await make();
      const res = await p.post(p.subgraphUrls.governance!, query, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.data).toBeUndefined();
    });
  }

  it('answers another subgraph asking on the caller’s behalf, with the caller’s tenant walls', async () => {
    const token = await (await internalSigner(p.keys.services.teams!.privateJwk, serviceIssuer('teams')))(
      vasteras(),
      'governance',
    );
    const headers = { authorization: `Bearer ${token}` };
    const own = await p.post(p.subgraphUrls.governance!, '{ forbund { id } }', { headers });
    expect(own.data.forbund).toEqual({ id: VASTERAS.id });
    const all = await p.post(p.subgraphUrls.governance!, '{ forbunds { edges { node { id } } } }', { headers });
    expect(codes(all)).toEqual(['FORBIDDEN']);
  });

  describe('service keys scoped to a purpose', () => {
    /** A service token signed with `signer`'s own key, naming `signer` as issuer. */
    const serviceToken = async (signer: string, audience: string, claims = VASTERAS_ADMIN, key?: InternalKeyPair) =>
      (await internalSigner((key ?? p.keys.services[signer]!).privateJwk, serviceIssuer(signer)))(
        identityFromClaims(claims),
        audience,
      );
    const ask = async (audience: string, token: string, query: string, variables?: Record<string, unknown>) =>
      p.post(p.subgraphUrls[audience]!, query, { headers: { authorization: `Bearer ${token}` }, variables });
    const STAFF_OF_SALA = {
      sub: 'demo:norra-vastmanland-staff',
      tenant: NORRA.id,
      roles: ['staff'],
      interventions: [DEMO_INTERVENTION_IDS.SALA],
    };

    it('refuses a subgraph’s token at a subgraph it may not call, whatever identity it claims', async () => {
      // Indicators answers anonymous respondents: its key must not open participants, or governance.
      const forStaff = await serviceToken('indicators', 'participants', STAFF_OF_SALA);
      const persons = await ask('participants', forStaff, '{ participations { edges { node { id } } } }');
      expect(codes(persons)).toEqual(['UNAUTHENTICATED']);
      expect(persons.data).toBeUndefined();
      const members = await ask('governance', await serviceToken('indicators', 'governance'), '{ forbund { id } }');
      expect(codes(members)).toEqual(['UNAUTHENTICATED']);
      // Only governance calls participants: teams and finance hold no key it accepts.
      for (const signer of ['teams', 'finance']) {
        const res = await ask(
          'participants',
          await serviceToken(signer, 'participants', STAFF_OF_SALA),
          '{ __typename }',
        );
        expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      }
      // Governance's key opens one field there (a decision's participation → its insats), and no person.
      const byGovernance = await serviceToken('governance', 'participants', STAFF_OF_SALA);
      const people = await ask('participants', byGovernance, '{ participation(id: "' + randomUUID() + '") { id } }');
      expect(codes(people)).toEqual(['FORBIDDEN']);
      expect(people.data ?? null).toBeNull();
      const forBoard = await serviceToken('governance', 'participants', { ...STAFF_OF_SALA, roles: ['board'] });
      const insats = await ask('participants', forBoard, '{ participationInsatsId(id: "' + randomUUID() + '") }');
      expect(insats.errors).toBeUndefined();
      expect(insats.data).toEqual({ participationInsatsId: null });
      // Control: the gateway's token for the same identity reads them.
      const gateway = await ask('participants', await p.internalToken(STAFF_OF_SALA, 'participants'), '{ __typename }');
      expect(gateway.data).toEqual({ __typename: 'Query' });
    });

    it('refuses a subgraph’s token for an operation it does not need, at a subgraph it may call', async () => {
      const teams = await serviceToken('teams', 'governance');
      expect((await ask('governance', teams, '{ forbund { id } }')).data.forbund).toEqual({ id: VASTERAS.id });
      for (const query of [
        '{ accessGrants { id } }',
        '{ forbund { id } me { userId } }',
        '{ a: forbund { id } ...F } fragment F on Query { accessEvents { action } }',
        '{ _service { sdl } }',
        'mutation { createCounty(input: { name: "X", forbundIds: [] }) { __typename } }',
      ]) {
        const res = await ask('governance', teams, query);
        expect(codes(res)).toEqual(['FORBIDDEN']);
        expect(res.data).toBeUndefined();
      }
      // Participants may look up decisions in governance, and no other entity.
      const participants = await serviceToken('participants', 'governance');
      const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
      const decision = await ask('governance', participants, entities, {
        r: [{ __typename: 'Decision', id: '00000000-0000-4000-8000-000000000000' }],
      });
      expect(decision.errors).toBeUndefined();
      const forbund = await ask('governance', participants, entities, {
        r: [{ __typename: 'Forbund', id: VASTERAS.id }],
      });
      expect(codes(forbund)).toEqual(['FORBIDDEN']);
      expect(forbund.data).toBeUndefined();
    });

    it(`refuses an internal token living over ${MAX_INTERNAL_TOKEN_LIFETIME_SECONDS} s, either signer`, async () => {
      const mint = async (key: InternalKeyPair, issuer: string, lifetime: number) =>
        new SignJWT({ tenant: VASTERAS.id, roles: ['forbund_admin'] })
          .setProtectedHeader({ alg: 'EdDSA', kid: issuer })
          .setSubject('demo:vasteras-admin')
          .setIssuer(issuer)
          .setAudience('governance')
          .setIssuedAt(now())
          .setExpirationTime(now() + lifetime)
          .sign((await importJWK(key.privateJwk, 'EdDSA')) as CryptoKey);
      for (const [key, issuer] of [
        [p.keys.internal, INTERNAL_ISSUER],
        [p.keys.services.teams!, serviceIssuer('teams')],
      ] as const) {
        const ok = await ask(
          'governance',
          await mint(key, issuer, MAX_INTERNAL_TOKEN_LIFETIME_SECONDS),
          '{ forbund { id } }',
        );
        expect(ok.data.forbund).toEqual({ id: VASTERAS.id });
        const day = await ask('governance', await mint(key, issuer, 86_400), '{ forbund { id } }');
        expect(codes(day)).toEqual(['UNAUTHENTICATED']);
        const over = await ask(
          'governance',
          await mint(key, issuer, MAX_INTERNAL_TOKEN_LIFETIME_SECONDS + 1),
          '{ forbund { id } }',
        );
        expect(codes(over)).toEqual(['UNAUTHENTICATED']);
      }
    });

    it('accepts the old and the new key during a rollover, and no third', async () => {
      const gatewayOld = await (await internalSigner(previous.gateway.privateJwk))(vasteras(), 'governance');
      expect((await ask('governance', gatewayOld, '{ forbund { id } }')).data.forbund).toEqual({ id: VASTERAS.id });
      expect(
        (await ask('governance', await p.internalToken(VASTERAS_ADMIN, 'governance'), '{ forbund { id } }')).data,
      ).toEqual({ forbund: { id: VASTERAS.id } });
      const teamsOld = await serviceToken('teams', 'governance', VASTERAS_ADMIN, previous.teams);
      expect((await ask('governance', teamsOld, '{ forbund { id } }')).data.forbund).toEqual({ id: VASTERAS.id });
      const stranger = await serviceToken('teams', 'governance', VASTERAS_ADMIN, await generateInternalKeyPair());
      expect(codes(await ask('governance', stranger, '{ forbund { id } }'))).toEqual(['UNAUTHENTICATED']);
      // The graph answers across subgraphs with the current keys.
      const res = await p.gql('{ forbund { name interventions { name owners { name } } } }', { as: 'vasteras-admin' });
      expect(res.errors).toBeUndefined();
      expect(res.data.forbund.interventions.length).toBeGreaterThan(0);
    });
  });

  it('refuses a gateway token once it has expired, though it answered it before', async () => {
    const key = (await importJWK(p.keys.internal.privateJwk, 'EdDSA')) as CryptoKey;
    const exp = now() + 2;
    const token = await new SignJWT({ tenant: VASTERAS.id, roles: ['forbund_admin'], interventions: [] })
      .setProtectedHeader({ alg: 'EdDSA', kid: INTERNAL_ISSUER })
      .setSubject('demo:vasteras-admin')
      .setIssuer(INTERNAL_ISSUER)
      .setAudience('governance')
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key);
    const headers = { authorization: `Bearer ${token}` };
    const before = await p.post(p.subgraphUrls.governance!, QUERIES._entities, { headers });
    expect(before.data._entities).toEqual([{ name: VASTERAS.name }]);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    const after = await p.post(p.subgraphUrls.governance!, QUERIES._entities, { headers });
    expect(codes(after)).toEqual(['UNAUTHENTICATED']);
    expect(after.data).toBeUndefined();
  });

  it(
    'answers over plain HTTP: a sized JSON body, no ETag hashed for it, ' +
      'and GET queries read from the query string',
    async () => {
      const token = await p.internalToken(VASTERAS_ADMIN, 'governance');
      const url = p.subgraphUrls.governance!;
      const post = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      const body = await post.text();
      expect(post.status).toBe(200);
      expect(JSON.parse(body)).toEqual({ data: { __typename: 'Query' } });
      expect(post.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
      expect(post.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
      expect(post.headers.get('etag')).toBeNull();
      const get = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
      });
      expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    },
  );

  it('answers the gateway’s token for it (control)', async () => {
    const token = await p.internalToken(VASTERAS_ADMIN, 'governance');
    const res = await p.post(p.subgraphUrls.governance!, QUERIES._entities, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.data._entities).toEqual([{ name: VASTERAS.name }]);
  });
});
