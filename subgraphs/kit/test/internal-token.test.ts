/**
 * Done means: the gateway signs once per identity and subgraph and reuses that token only while
 * it has at least half its life left, never for anyone else; a subgraph remembers a verified
 * token but still refuses it once it has expired.
 */

import { type Identity, identityFromClaims } from '@finsam/kit/identity.js';
import {
  generateInternalKeyPair,
  INTERNAL_TOKEN_TTL_SECONDS,
  type InternalSigner,
  internalSigner,
  internalVerifier,
  REUSE_SIGNED_TOKEN_MS,
  reusingSigner,
} from '@finsam/kit/internal-token.js';
import { decodeJwt } from 'jose';

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

describe('a subgraph’s verification cache', () => {
  async function verifierWithClock() {
    const keys = await generateInternalKeyPair();
    const sign = await internalSigner(keys.privateJwk);
    let clock = Date.now();
    const verify = await internalVerifier({ gateway: keys.publicJwk }, 'governance', { now: () => clock });
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
