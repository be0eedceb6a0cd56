/**
 * Done means: the gateway signs once per identity and subgraph and reuses that token only while
 * it has at least half its life left, never for anyone else; a subgraph remembers a verified
 * token but still refuses it once it has expired. Issue 16: a token living longer than the maximum is
 * refused; two keys of one signer are accepted during a rollover; the service-call allow-list.
 */

import { generateKeyPairSync } from 'node:crypto';
import { type Identity, identityFromClaims } from '@finsam/kit/identity.js';
import {
  generateInternalKeyPair,
  INTERNAL_ISSUER,
  INTERNAL_TOKEN_TTL_SECONDS,
  type InternalSigner,
  internalSigner,
  internalVerifier,
  MAX_INTERNAL_TOKEN_LIFETIME_SECONDS,
  REUSE_SIGNED_TOKEN_MS,
  reusingSigner,
  serviceIssuer,
} from '@finsam/kit/internal-token.js';
import { callersOf, SERVICE_CALLS, serviceCallRefusal } from '@finsam/kit/service-calls.js';
import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { type CryptoKey, decodeJwt, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';

const TENANT = '6f1c1d1e-0000-4000-8000-000000000001';
const OTHER_TENANT = '6f1c1d1e-0000-4000-8000-000000000002';
const INSATS = '6f1c1d1e-0000-4000-8000-0000000000a1';
const OTHER_INSATS = '6f1c1d1e-0000-4000-8000-0000000000a2';

const admin = identityFromClaims({ sub: 'admin', tenant: TENANT, roles: ['forbund_admin'] });
const staffOf = (interventions: string[], sub = 'staff') =>
  identityFromClaims({ sub, tenant: TENANT, roles: ['staff'], interventions });

/** A signer that counts its signatures, behind the reuse cache, on a clock the test moves. */
async function countingSigner(options: { maxEntries?: number } = {}) {
  const keys = await generateInternalKeyPair();
  const real = await internalSigner(keys.privateJwk);
  let signatures = 0;
  let clock = Date.now();
  const counting: InternalSigner = (identity, audience) => {
    signatures++;
    return real(identity, audience);
  };
  const sign = reusingSigner(counting, { ...options, now: () => clock });
  return {
    keys,
    sign,
    signatures: () => signatures,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('the gateway’s token reuse', () => {
  it('signs once for the same identity and subgraph, and that token carries the identity', async () => {
    const s = await countingSigner();
    const first = await s.sign(admin, 'governance');
    const again = await s.sign({ ...admin, roles: [...admin.roles] }, 'governance');
    expect(again).toBe(first);
    expect(s.signatures()).toBe(1);
    expect(decodeJwt(first)).toMatchObject({
      sub: 'admin',
      tenant: TENANT,
      roles: ['forbund_admin'],
      interventions: [],
      aud: 'governance',
    });
  });

  it('signs concurrent requests of one identity once', async () => {
    const s = await countingSigner();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => s.sign(admin, 'teams')));
    expect(new Set(tokens).size).toBe(1);
    expect(s.signatures()).toBe(1);
  });

  it('never hands one identity’s token to another', async () => {
    const s = await countingSigner();
    const variants: [string, Identity][] = [
      ['another user', { ...admin, userId: 'someone-else' }],
      ['another tenant', { ...admin, tenantId: OTHER_TENANT }],
      ['other roles', { ...admin, roles: ['board'] }],
      ['more roles', { ...admin, roles: ['forbund_admin', 'board'] }],
      ['staff of one insats', staffOf([INSATS])],
      ['staff of another insats', staffOf([OTHER_INSATS])],
      ['staff of both', staffOf([INSATS, OTHER_INSATS])],
      ['a county analyst', identityFromClaims({ sub: 'admin', tenant: null, roles: ['county_analyst'] })],
    ];
    const base = await s.sign(admin, 'governance');
    const tokens = new Set([base]);
    for (const [name, identity] of variants) {
      const token = await s.sign(identity, 'governance');
      expect([name, tokens.has(token)]).toEqual([name, false]);
      tokens.add(token);
      const claims = decodeJwt(token);
      expect([name, claims]).toEqual([
        name,
        expect.objectContaining({
          sub: identity.userId,
          tenant: identity.tenantId,
          roles: identity.roles,
          interventions: identity.interventionIds,
        }),
      ]);
    }
    expect(s.signatures()).toBe(variants.length + 1);
  });

  it('signs separately for each subgraph', async () => {
    const s = await countingSigner();
    const governance = await s.sign(admin, 'governance');
    const teams = await s.sign(admin, 'teams');
    expect(teams).not.toBe(governance);
    expect(decodeJwt(teams).aud).toBe('teams');
  });

  it('signs a new token once the old one has used half its life', async () => {
    const s = await countingSigner();
    const first = await s.sign(admin, 'governance');
    s.advance(REUSE_SIGNED_TOKEN_MS - 1);
    expect(await s.sign(admin, 'governance')).toBe(first);
    s.advance(1);
    await s.sign(admin, 'governance');
    expect(s.signatures()).toBe(2);
    // Every token handed out still has well over the reuse window to live.
    expect(REUSE_SIGNED_TOKEN_MS).toBeLessThanOrEqual((INTERNAL_TOKEN_TTL_SECONDS * 1000) / 2);
  });

  it('keeps at most maxEntries tokens, dropping the least recently used', async () => {
    const s = await countingSigner({ maxEntries: 2 });
    const a = staffOf([INSATS], 'a');
    const b = staffOf([INSATS], 'b');
    const c = staffOf([INSATS], 'c');
    await s.sign(a, 'teams');
    await s.sign(b, 'teams');
    await s.sign(a, 'teams'); // a is now the most recently used
    await s.sign(c, 'teams'); // drops b
    expect(s.signatures()).toBe(3);
    await s.sign(a, 'teams');
    expect(s.signatures()).toBe(3);
    await s.sign(b, 'teams');
    expect(s.signatures()).toBe(4);
  });
});

describe('the signer', () => {
  it('writes a standard EdDSA JWT: any JOSE library verifies it with the public key alone', async () => {
    const keys = await generateInternalKeyPair('gateway-2026');
    const staff = staffOf([INSATS]);
    const before = Math.floor(Date.now() / 1000);
    const token = await (await internalSigner(keys.privateJwk))(staff, 'teams');
    const { payload, protectedHeader } = await jwtVerify(token, await importJWK(keys.publicJwk, 'EdDSA'), {
      issuer: INTERNAL_ISSUER,
      audience: 'teams',
      algorithms: ['EdDSA'],
    });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: 'gateway-2026' });
    expect(payload).toEqual({
      sub: 'staff',
      tenant: TENANT,
      roles: ['staff'],
      interventions: [INSATS],
      iss: INTERNAL_ISSUER,
      aud: 'teams',
      iat: expect.any(Number),
      exp: payload.iat! + INTERNAL_TOKEN_TTL_SECONDS,
    });
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    // Another key's public half does not open it.
    const other = await generateInternalKeyPair('gateway-2026');
    await expect(jwtVerify(token, await importJWK(other.publicJwk, 'EdDSA'))).rejects.toThrow();
  });

  it('refuses to start with a key that is not an Ed25519 private key', async () => {
    const keys = await generateInternalKeyPair();
    await expect(internalSigner(keys.publicJwk)).rejects.toThrow();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    await expect(internalSigner(rsa as JWK)).rejects.toThrow(/Ed25519/);
  });
});

describe('a subgraph’s verification cache', () => {
  async function verifierWithClock() {
    const keys = await generateInternalKeyPair();
    const sign = await internalSigner(keys.privateJwk);
    let clock = Date.now();
    const verifyCaller = await internalVerifier({ gateway: keys.publicJwk }, 'governance', { now: () => clock });
    const verify = async (token: string) => (await verifyCaller(token)).identity;
    return { sign, verify, advance: (ms: number) => (clock += ms) };
  }

  it('refuses an expired token even though it verified it before', async () => {
    const v = await verifierWithClock();
    const token = await v.sign(admin, 'governance');
    expect(await v.verify(token)).toEqual(admin);
    v.advance(30_000);
    expect(await v.verify(token)).toEqual(admin);
    v.advance((INTERNAL_TOKEN_TTL_SECONDS + 1) * 1000);
    await expect(v.verify(token)).rejects.toThrow(/exp/);
    // …and stays refused.
    await expect(v.verify(token)).rejects.toThrow(/exp/);
  });

  it('refuses a token it has not verified: another signature on the same claims, or another audience', async () => {
    const v = await verifierWithClock();
    const token = await v.sign(admin, 'governance');
    await v.verify(token);
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    await expect(v.verify(forged)).rejects.toThrow();
    await expect(v.verify(await v.sign(admin, 'teams'))).rejects.toThrow();
  });

  it('gives every request its own identity object', async () => {
    const v = await verifierWithClock();
    const token = await v.sign(staffOf([INSATS]), 'governance');
    const first = await v.verify(token);
    first.interventionIds.push(OTHER_INSATS);
    first.roles.push('forbund_admin');
    expect(await v.verify(token)).toEqual(staffOf([INSATS]));
  });
});

describe('what a subgraph accepts of an internal token', () => {
  const sub = 'demo:vasteras-admin';
  const mint = async (key: JWK, kid: string, iss: string, iat: number, exp: number) =>
    new SignJWT({ tenant: TENANT, roles: ['forbund_admin'] })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject(sub)
      .setIssuer(iss)
      .setAudience('governance')
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign((await importJWK(key, 'EdDSA')) as CryptoKey);
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it(`refuses a token living over ${MAX_INTERNAL_TOKEN_LIFETIME_SECONDS} s, or issued ahead`, async () => {
    const keys = await generateInternalKeyPair();
    const verify = await internalVerifier({ gateway: keys.publicJwk }, 'governance');
    const t = nowSeconds();
    const at = (iat: number, exp: number) => mint(keys.privateJwk, INTERNAL_ISSUER, INTERNAL_ISSUER, iat, exp);
    expect((await verify(await at(t, t + MAX_INTERNAL_TOKEN_LIFETIME_SECONDS))).identity.userId).toBe(sub);
    await expect(verify(await at(t, t + MAX_INTERNAL_TOKEN_LIFETIME_SECONDS + 1))).rejects.toThrow(/longer/);
    await expect(verify(await at(t - 3600, t + 86_400))).rejects.toThrow(/longer/);
    // Issued an hour from now with a short lifetime: it would work for an hour.
    await expect(verify(await at(t + 3600, t + 3660))).rejects.toThrow(/longer/);
    const smaller = await internalVerifier({ gateway: keys.publicJwk }, 'governance', { maxLifetimeSeconds: 30 });
    await expect(smaller(await at(t, t + 60))).rejects.toThrow(/longer than 30 s/);
  });

  it('refuses a token without iat or exp', async () => {
    const keys = await generateInternalKeyPair();
    const verify = await internalVerifier({ gateway: keys.publicJwk }, 'governance');
    const key = (await importJWK(keys.privateJwk, 'EdDSA')) as CryptoKey;
    const base = () =>
      new SignJWT({ roles: [] }).setProtectedHeader({ alg: 'EdDSA', kid: INTERNAL_ISSUER }).setSubject(sub);
    const noIat = await base().setIssuer(INTERNAL_ISSUER).setAudience('governance').setExpirationTime('60s').sign(key);
    const noExp = await base().setIssuer(INTERNAL_ISSUER).setAudience('governance').setIssuedAt().sign(key);
    await expect(verify(noIat)).rejects.toThrow(/iat/);
    await expect(verify(noExp)).rejects.toThrow(/exp/);
  });

  it('accepts the old and the new key of a signer during a rollover, by kid, and names the caller', async () => {
    const old = await generateInternalKeyPair();
    const next = await generateInternalKeyPair(`${INTERNAL_ISSUER}#2`);
    const teamsOld = await generateInternalKeyPair();
    const teamsNext = await generateInternalKeyPair(`${serviceIssuer('teams')}#2`);
    const verify = await internalVerifier(
      { gateway: [next.publicJwk, old.publicJwk], services: { teams: [teamsNext.publicJwk, teamsOld.publicJwk] } },
      'governance',
    );
    for (const key of [old, next]) {
      const token = await (await internalSigner(key.privateJwk))(admin, 'governance');
      expect(await verify(token)).toEqual({ identity: admin, service: null });
    }
    for (const key of [teamsOld, teamsNext]) {
      const token = await (await internalSigner(key.privateJwk, serviceIssuer('teams')))(admin, 'governance');
      expect(await verify(token)).toEqual({ identity: admin, service: 'teams' });
    }
    // After the rollover the old key is gone from the list, and its tokens with it.
    const after = await internalVerifier({ gateway: next.publicJwk }, 'governance');
    await expect(after(await (await internalSigner(old.privateJwk))(admin, 'governance'))).rejects.toThrow();
    // The new gateway key cannot sign as a subgraph: the key decides the issuer.
    const claimingTeams = await (await internalSigner(next.privateJwk, serviceIssuer('teams')))(admin, 'governance');
    await expect(verify(claimingTeams)).rejects.toThrow(/issuer/);
  });

  it('refuses two keys with one kid', async () => {
    const a = await generateInternalKeyPair();
    const b = await generateInternalKeyPair();
    await expect(internalVerifier({ gateway: [a.publicJwk, b.publicJwk] }, 'governance')).rejects.toThrow(/kid/);
  });
});

describe('the service-call allow-list', () => {
  const refusal = (caller: string, target: string, query: string, variables?: Record<string, unknown>) => {
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    return serviceCallRefusal(caller, target, document, operation, variables);
  };

  it('is the service calls the code makes, and nothing more', () => {
    expect(callersOf('governance').sort()).toEqual(['finance', 'participants', 'teams']);
    expect(callersOf('teams').sort()).toEqual(['finance', 'governance', 'indicators', 'participants']);
    // Governance asks one field: the insats of the participation a decision names.
    expect(callersOf('participants')).toEqual(['governance']);
    // Governance tells finance to carry a merged förbund's allocations and budget over.
    expect(callersOf('finance')).toEqual(['governance']);
    // Governance tells indicators to stop (or carry over) a merged förbund's survey rounds; indicators itself still
    // asks teams alone, so it can mint no token that reads persons.
    expect(callersOf('indicators')).toEqual(['governance']);
    expect(Object.keys(SERVICE_CALLS.indicators ?? {})).toEqual(['teams']);
  });

  it('lets a caller ask for its fields, aliased or through fragments, and refuses any other', () => {
    expect(refusal('teams', 'governance', '{ forbund { members { id } } __typename }')).toBeNull();
    expect(refusal('finance', 'teams', 'query ($a: ID!) { i0: intervention(id: $a) { id } }')).toBeNull();
    expect(refusal('teams', 'governance', '{ forbund { id } me { userId } }')).toBe(
      'teams may not ask governance for me',
    );
    expect(refusal('teams', 'governance', '{ ...F } fragment F on Query { accessGrants { id } }')).toMatch(
      /accessGrants/,
    );
    expect(refusal('teams', 'governance', '{ ... on Query { forbunds { edges { node { id } } } } }')).toMatch(
      /forbunds/,
    );
    expect(refusal('indicators', 'governance', '{ forbund { id } }')).toMatch(/indicators may not ask governance/);
    expect(refusal('teams', 'governance', 'mutation { x }')).toMatch(/mutation/);
  });

  it('lets governance send the merger’s listed mutations, and no other mutation or query field in one', () => {
    expect(refusal('governance', 'finance', 'mutation { carryOverAllocations(x: 1) { __typename } }')).toBeNull();
    expect(refusal('governance', 'finance', 'mutation { setAllocation { __typename } }')).toBe(
      'governance may not ask finance for setAllocation',
    );
    expect(refusal('governance', 'finance', '{ carryOverAllocations }')).toMatch(/may not ask finance/);
    expect(refusal('governance', 'participants', 'mutation { participationInsatsId(id: 1) }')).toMatch(
      /participationInsatsId/,
    );
    expect(refusal('finance', 'governance', 'mutation { carryOverAllocations }')).toMatch(/mutation/);
  });

  it('lets participants look up decisions, and no other entity, inline or in variables', () => {
    const q = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    expect(refusal('participants', 'governance', q, { r: [{ __typename: 'Decision', id: 'x' }] })).toBeNull();
    expect(refusal('participants', 'governance', q, { r: [{ __typename: 'AccessGrant', id: 'x' }] })).toMatch(
      /_entities of AccessGrant/,
    );
    expect(
      refusal(
        'participants',
        'governance',
        '{ _entities(representations: [{ __typename: "Decision", id: "x" }, { __typename: "Forbund", id: "y" }]) ' +
          '{ __typename } }',
      ),
    ).toMatch(/_entities of Forbund/);
    expect(refusal('teams', 'governance', q, { r: [{ __typename: 'Decision', id: 'x' }] })).toMatch(/_entities/);
  });
});
