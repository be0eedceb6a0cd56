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

export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered; the oldest go first. */
  maxEntries?: number;
  /** Remember a token at most this long, even if it lives longer (a key withdrawn from a JWKS). */
  maxAgeMs?: number;
  /** The clock, in milliseconds (tests move it). */
  now?: () => number;
}

export function rememberVerified(
  verify: (token: string) => Promise<VerifiedToken>,
  { maxEntries = 10_000, maxAgeMs = Number.POSITIVE_INFINITY, now = Date.now }: VerifiedTokenCacheOptions = {},
): (token: string) => Promise<Identity> {
  const verified = new Map<string, { identity: Identity; until: number }>();
  return async (token) => {
    const hit = verified.get(token);
    if (hit) {
      if (now() < hit.until) return copyOf(hit.identity);
      verified.delete(token);
    }
    const { identity, expiresAt } = await verify(token);
    const at = now();
    // Oldest first: drop the ones no longer usable at the front, then any over the bound.
    for (const [t, v] of verified) {
      if (v.until > at && verified.size < maxEntries) break;
      verified.delete(t);
    }
    verified.set(token, { identity, until: Math.min(expiresAt, at + maxAgeMs) });
    return copyOf(identity);
  };
}

/** Each request gets its own identity object: nothing one request does to it reaches another. */
const copyOf = (identity: Identity): Identity =>
  identity === ANONYMOUS ? ANONYMOUS : { ...identity, roles: [...identity.roles], interventionIds: [...identity.interventionIds] };
