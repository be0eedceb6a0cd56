/**
 * The gateway → subgraph trust boundary. The gateway signs one short-lived token per
 * subgraph request (audience = that subgraph); a subgraph accepts nothing else.
 * Asymmetric keys: subgraphs hold only the gateway's public key, so they cannot mint gateway
 * tokens. For a subgraph asking another on the caller's behalf (service calls) subgraphs share a
 * second key pair; such tokens name the calling subgraph as issuer (`subgraph:<name>`).
 */
import { SignJWT, jwtVerify, importJWK, exportJWK, generateKeyPair, type JWK, type CryptoKey } from 'jose';
import { claimsFromIdentity, identityFromClaims, ANONYMOUS, type Identity } from './identity.js';

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

export async function internalSigner(privateJwk: JWK, issuer = INTERNAL_ISSUER) {
  const key = (await importJWK(privateJwk, INTERNAL_ALGORITHM)) as CryptoKey;
  return (identity: Identity, audience: string): Promise<string> =>
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

export async function internalVerifier(trust: InternalTrust, audience: string) {
  const gatewayKey = (await importJWK(trust.gateway, INTERNAL_ALGORITHM)) as CryptoKey;
  const serviceKey = trust.service ? ((await importJWK(trust.service, INTERNAL_ALGORITHM)) as CryptoKey) : null;
  return async (token: string): Promise<Identity> => {
    // The key follows the issuer named in the header; the verified issuer claim must match it.
    const { payload, protectedHeader } = await jwtVerify(token, async (header) => {
      if (header.kid === INTERNAL_ISSUER) return gatewayKey;
      if (serviceKey && header.kid?.startsWith('subgraph:')) return serviceKey;
      throw new Error('unknown internal token issuer');
    }, {
      audience,
      algorithms: [INTERNAL_ALGORITHM],
      requiredClaims: ['exp', 'iat', 'sub', 'iss'],
    });
    if (payload.iss !== protectedHeader.kid) throw new Error('issuer does not match the signing key');
    if (payload.sub === ANONYMOUS.userId) return ANONYMOUS;
    return identityFromClaims(payload);
  };
}
