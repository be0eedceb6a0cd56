/**
 * The gateway → subgraph trust boundary. The gateway signs one short-lived token per
 * subgraph request (audience = that subgraph); a subgraph accepts nothing else.
 * Asymmetric keys: subgraphs hold only the gateway's public key, so they cannot mint gateway
 * tokens. For a subgraph asking another on the caller's behalf (service calls) subgraphs share a
 * second key pair; such tokens name the calling subgraph as issuer (`subgraph:<name>`).
 */
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { ANONYMOUS, claimsFromIdentity, type Identity, identityFromClaims } from './identity.js';
import { rememberVerified, setBounded, type TokenCacheOptions } from './verified-tokens.js';

export const INTERNAL_ALGORITHM = 'EdDSA';
export const INTERNAL_ISSUER = 'finsam-gateway';
/** Long enough for one subgraph call, short enough to be useless if it leaks. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

export interface InternalKeyPair {
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function generateInternalKeyPair(): Promise<InternalKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(INTERNAL_ALGORITHM, { crv: 'Ed25519', extractable: true });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

export const serviceIssuer = (subgraph: string) => `subgraph:${subgraph}`;

export type InternalSigner = (identity: Identity, audience: string) => Promise<string>;

export async function internalSigner(privateJwk: JWK, issuer = INTERNAL_ISSUER): Promise<InternalSigner> {
  const key = (await importJWK(privateJwk, INTERNAL_ALGORITHM)) as CryptoKey;
  return (identity, audience) =>
    new SignJWT({ ...claimsFromIdentity(identity) })
      .setProtectedHeader({ alg: INTERNAL_ALGORITHM, kid: issuer })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`)
      .sign(key);
}

export interface InternalTrust {
  /** The gateway's public key. */
  gateway: JWK;
  /** The public key subgraphs sign service calls with, if service calls are accepted. */
  service?: JWK;
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
  { maxEntries = 10_000, now = Date.now }: TokenCacheOptions = {},
) {
  const gatewayKey = (await importJWK(trust.gateway, INTERNAL_ALGORITHM)) as CryptoKey;
  const serviceKey = trust.service ? ((await importJWK(trust.service, INTERNAL_ALGORITHM)) as CryptoKey) : null;
  return rememberVerified(
    async (token) => {
      // The key follows the issuer named in the header; the verified issuer claim must match it.
      const { payload, protectedHeader } = await jwtVerify(
        token,
        async (header) => {
          if (header.kid === INTERNAL_ISSUER) {
            return gatewayKey;
          }
          if (serviceKey && header.kid?.startsWith('subgraph:')) {
            return serviceKey;
          }
          throw new Error('unknown internal token issuer');
        },
        {
          audience,
          algorithms: [INTERNAL_ALGORITHM],
          requiredClaims: ['exp', 'iat', 'sub', 'iss'],
          currentDate: new Date(now()),
        },
      );
      if (payload.iss !== protectedHeader.kid) {
        throw new Error('issuer does not match the signing key');
      }
      const identity = payload.sub === ANONYMOUS.userId ? ANONYMOUS : identityFromClaims(payload);
      // jose refuses a token once now >= exp (whole seconds): the same instant the cache stops answering.
      return { identity, expiresAt: payload.exp! * 1000 };
    },
    { maxEntries, now },
  );
}
