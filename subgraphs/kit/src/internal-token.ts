/**
 * The gateway → subgraph trust boundary. The gateway signs one short-lived token per
 * subgraph request (audience = that subgraph); a subgraph accepts nothing else.
 * Asymmetric keys: subgraphs hold only the gateway's public key, so they cannot mint gateway
 * tokens. For a subgraph asking another on the caller's behalf (service calls) each subgraph has
 * a key pair of its own; such tokens name the calling subgraph as issuer (`subgraph:<name>`), and
 * a subgraph holds the public keys of only the subgraphs that may call it (service-calls.ts).
 *
 * Rotation: a key's `kid` is its JWK's `kid`, or the issuer for a key without one. A verifier may
 * hold two keys of one issuer (the old and the new, different kids) during a rollover; the signer
 * uses one. Every token's lifetime (`exp − iat`) is at most `MAX_INTERNAL_TOKEN_LIFETIME_SECONDS`,
 * so a retired key's last token is dead that long after the signer switched.
 */
import { createPrivateKey, type JsonWebKey, sign } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify } from 'jose';
import { ANONYMOUS, claimsFromIdentity, type Identity, identityFromClaims } from './identity.js';
import { copyOfIdentity, rememberUntilExpiry, setBounded, type TokenCacheOptions } from './verified-tokens.js';

export const INTERNAL_ALGORITHM = 'EdDSA';
export const INTERNAL_ISSUER = 'finsam-gateway';
/** Long enough for one subgraph call, short enough to be useless if it leaks. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;
/**
 * The longest lifetime (`exp − iat`) a subgraph accepts (INTERNAL_TOKEN_MAX_LIFETIME_SECONDS, 120):
 * a token minted for a day is refused, whoever signed it.
 */
export const MAX_INTERNAL_TOKEN_LIFETIME_SECONDS = lifetimeSetting(process.env.INTERNAL_TOKEN_MAX_LIFETIME_SECONDS);

/** A setting that is not a positive number of seconds stops the start: a NaN maximum would refuse nothing. */
function lifetimeSetting(value: string | undefined): number {
  const seconds = Number(value ?? 120);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`INTERNAL_TOKEN_MAX_LIFETIME_SECONDS must be a positive number of seconds, not ${value}`);
  }
  return seconds;
}
/** Clocks of two machines differ: an `iat` up to this far ahead is still now. */
const CLOCK_SKEW_SECONDS = 5;

export interface InternalKeyPair {
  privateJwk: JWK;
  publicJwk: JWK;
}

/** A new key pair; `kid` names it in tokens (without one, the issuer does). */
export async function generateInternalKeyPair(kid?: string): Promise<InternalKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(INTERNAL_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const named = kid ? { kid } : {};
  return {
    privateJwk: { ...(await exportJWK(privateKey)), ...named },
    publicJwk: { ...(await exportJWK(publicKey)), ...named },
  };
}

/** The kid a key signs with and is found by: its own, or its issuer's name. */
export const keyId = (jwk: JWK, issuer: string) => jwk.kid ?? issuer;

export const serviceIssuer = (subgraph: string) => `subgraph:${subgraph}`;

export type InternalSigner = (identity: Identity, audience: string) => Promise<string>;

/**
 * Signs with node:crypto's Ed25519 in the calling thread: a compact JWS as jose's SignJWT writes it, for
 * about a third of the CPU of jose's WebCrypto job (gateway/README.md, Performance). Every identity that
 * calls for the first time in 30 s costs one signature per subgraph its query reaches.
 */
export async function internalSigner(privateJwk: JWK, issuer = INTERNAL_ISSUER): Promise<InternalSigner> {
  const key = createPrivateKey({ key: privateJwk as JsonWebKey, format: 'jwk' });
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`An internal-token key is an Ed25519 private key, not ${key.asymmetricKeyType}`);
  }
  const header = base64url({ alg: INTERNAL_ALGORITHM, kid: keyId(privateJwk, issuer) });
  return async (identity, audience) => {
    const iat = Math.floor(Date.now() / 1000);
    const claims = { ...claimsFromIdentity(identity), iss: issuer, aud: audience, iat };
    const input = `${header}.${base64url({ ...claims, exp: iat + INTERNAL_TOKEN_TTL_SECONDS })}`;
    return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
  };
}

const base64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');

export interface InternalTrust {
  /** The gateway's public key, or its keys during a rollover. */
  gateway: JWK | JWK[];
  /** The public keys of the subgraphs that may call this one, by name (two during a rollover). */
  services?: Record<string, JWK | JWK[]>;
}

/** Who signed a verified internal token: the caller's identity, and the calling subgraph if not the gateway. */
export interface InternalCaller {
  identity: Identity;
  /** The subgraph that sent a service call; null for the gateway. */
  service: string | null;
}

/**
 * Signing is most of an internal token's cost: hand out the same one again while it has at least
 * half its life left.
 */
export const REUSE_SIGNED_TOKEN_MS = (INTERNAL_TOKEN_TTL_SECONDS * 1000) / 2;

/**
 * One signed token per identity and audience, reused for `REUSE_SIGNED_TOKEN_MS` (so every token
 * handed out has at least ~29 s to live), in a bounded LRU. The key is the audience and every
 * claim the token carries, so a token is only ever reused for the very same identity.
 */
export function reusingSigner(
  sign: InternalSigner,
  { maxEntries = 10_000, now = Date.now }: TokenCacheOptions = {},
): InternalSigner {
  const signed = new Map<string, { token: Promise<string>; signedAt: number }>();
  return (identity, audience) => {
    const key = JSON.stringify([audience, claimsFromIdentity(identity)]);
    const at = now();
    const fresh = (e: { signedAt: number }) => at - e.signedAt < REUSE_SIGNED_TOKEN_MS;
    const hit = signed.get(key);
    // Either way the entry goes last: the least recently used stay at the front.
    const entry = hit && fresh(hit) ? hit : { token: sign(identity, audience), signedAt: at };
    if (entry !== hit) {
      entry.token.catch(() => {
        if (signed.get(key) === entry) {
          signed.delete(key);
        }
      });
    }
    setBounded(signed, key, entry, maxEntries, fresh);
    return entry.token;
  };
}

/**
 * Verifies internal tokens for one audience. A verified token is remembered (see
 * verified-tokens.ts) until its `exp`: the gateway reuses a token for many requests. After `exp`
 * the token goes through full verification again, which refuses it.
 */
export async function internalVerifier(
  trust: InternalTrust,
  audience: string,
  {
    maxEntries = 10_000,
    now = Date.now,
    maxLifetimeSeconds = MAX_INTERNAL_TOKEN_LIFETIME_SECONDS,
  }: TokenCacheOptions & { maxLifetimeSeconds?: number } = {},
): Promise<(token: string) => Promise<InternalCaller>> {
  // Every key by its kid, with the issuer it signs for and the subgraph that holds it.
  const keys = new Map<string, { issuer: string; service: string | null; key: CryptoKey }>();
  const add = async (jwks: JWK | JWK[], issuer: string, service: string | null) => {
    for (const jwk of [jwks].flat()) {
      const kid = keyId(jwk, issuer);
      if (keys.has(kid)) {
        throw new Error(`Two internal-token keys have the kid ${kid}`);
      }
      keys.set(kid, { issuer, service, key: (await importJWK(jwk, INTERNAL_ALGORITHM)) as CryptoKey });
    }
  };
  await add(trust.gateway, INTERNAL_ISSUER, null);
  for (const [service, jwks] of Object.entries(trust.services ?? {})) {
    await add(jwks, serviceIssuer(service), service);
  }
  const remembered = rememberUntilExpiry<InternalCaller>(
    async (token) => {
      let signer: { issuer: string; service: string | null } | undefined;
      const { payload } = await jwtVerify(
        token,
        async (header) => {
          signer = header.kid === undefined ? undefined : keys.get(header.kid);
          if (!signer) {
            throw new Error('unknown internal token key');
          }
          return keys.get(header.kid!)!.key;
        },
        {
          audience,
          algorithms: [INTERNAL_ALGORITHM],
          requiredClaims: ['exp', 'iat', 'sub', 'iss'],
          currentDate: new Date(now()),
        },
      );
      // The key decides who signed: the issuer claim must be the key's.
      if (payload.iss !== signer!.issuer) {
        throw new Error('issuer does not match the signing key');
      }
      // A key that leaks must not mint a token that outlives its rotation.
      if (payload.exp! - payload.iat! > maxLifetimeSeconds || payload.iat! > now() / 1000 + CLOCK_SKEW_SECONDS) {
        throw new Error(`internal token lives longer than ${maxLifetimeSeconds} s`);
      }
      const identity = payload.sub === ANONYMOUS.userId ? ANONYMOUS : identityFromClaims(payload);
      // jose refuses a token once now >= exp (whole seconds): the same instant the cache stops answering.
      return { value: { identity, service: signer!.service }, expiresAt: payload.exp! * 1000 };
    },
    { maxEntries, now },
  );
  return async (token) => {
    const { identity, service } = await remembered(token);
    return { identity: copyOfIdentity(identity), service };
  };
}
