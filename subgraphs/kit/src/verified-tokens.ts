/**
 * Remembering verified tokens: a JWT that verified once stays valid until its `exp`, so checking
 * its signature again on every request tells nothing new. Keyed by the exact token text (the
 * signature is part of it), bounded, and never past `exp`: from then on the token goes through
 * full verification again, which refuses it.
 */
import { ANONYMOUS, type Identity } from './identity.js';

export interface VerifiedToken {
  identity: Identity;
  /** When the token stops being valid (its `exp`), in milliseconds. */
  expiresAt: number;
}

/** Bounds of the token caches (this one, and the gateway's reused signatures). */
export interface TokenCacheOptions {
  /** Most entries kept; the oldest go first. */
  maxEntries?: number;
  /** The clock, in milliseconds (tests move it). */
  now?: () => number;
}

export interface VerifiedTokenCacheOptions extends TokenCacheOptions {
  /** Remember a token at most this long, even if it lives longer (a key withdrawn from a JWKS). */
  maxAgeMs?: number;
}

/**
 * Puts `key` last in an insertion-ordered Map kept as a bounded cache: first drops, from the
 * oldest end, the entries no longer usable, then any beyond `maxEntries`.
 */
export function setBounded<K, V>(
  cache: Map<K, V>,
  key: K,
  value: V,
  maxEntries: number,
  usable: (value: V) => boolean,
): void {
  cache.delete(key);
  for (const [k, v] of cache) {
    if (usable(v) && cache.size < maxEntries) {
      break;
    }
    cache.delete(k);
  }
  cache.set(key, value);
}

/**
 * Whatever `verify` makes of a token, remembered until the token's `expiresAt` and at most
 * `maxAgeMs`, in a bounded LRU: a token is verified (a signature check) once, not on every request.
 */
export function rememberUntilExpiry<T>(
  verify: (token: string) => Promise<{ value: T; expiresAt: number }>,
  { maxEntries = 10_000, maxAgeMs = Number.POSITIVE_INFINITY, now = Date.now }: VerifiedTokenCacheOptions = {},
): (token: string) => Promise<T> {
  const verified = new Map<string, { value: T; until: number }>();
  return async (token) => {
    const hit = verified.get(token);
    if (hit) {
      if (now() < hit.until) {
        return hit.value;
      }
      verified.delete(token);
    }
    const { value, expiresAt } = await verify(token);
    const at = now();
    setBounded(verified, token, { value, until: Math.min(expiresAt, at + maxAgeMs) }, maxEntries, (v) => v.until > at);
    return value;
  };
}

/** An identity per token, remembered (`rememberUntilExpiry`); each caller gets its own copy. */
export function rememberVerified(
  verify: (token: string) => Promise<VerifiedToken>,
  options: VerifiedTokenCacheOptions = {},
): (token: string) => Promise<Identity> {
  const remembered = rememberUntilExpiry(async (token) => {
    const { identity, expiresAt } = await verify(token);
    return { value: identity, expiresAt };
  }, options);
  return async (token) => copyOfIdentity(await remembered(token));
}

/** Each request gets its own identity object: nothing one request does to it reaches another. */
export const copyOfIdentity = (identity: Identity): Identity =>
  identity === ANONYMOUS
    ? ANONYMOUS
    : {
        ...identity,
        roles: [...identity.roles],
        interventionIds: [...identity.interventionIds],
        steeringInterventionIds: [...identity.steeringInterventionIds],
        leadInterventionIds: [...identity.leadInterventionIds],
        countyForbundIds: identity.countyForbundIds && [...identity.countyForbundIds],
      };
