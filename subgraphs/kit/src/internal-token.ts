/**
 * The gateway → subgraph trust boundary. The gateway signs one short-lived token per
 * subgraph request (audience = that subgraph); a subgraph accepts nothing else.
 * Asymmetric keys: subgraphs hold only the public key, so a subgraph cannot mint tokens.
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

export async function internalSigner(privateJwk: JWK) {
  const key = (await importJWK(privateJwk, INTERNAL_ALGORITHM)) as CryptoKey;
  return (identity: Identity, audience: string): Promise<string> =>
    new SignJWT({ ...claimsFromIdentity(identity) })
      .setProtectedHeader({ alg: INTERNAL_ALGORITHM })
      .setIssuer(INTERNAL_ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`)
      .sign(key);
}

export async function internalVerifier(publicJwk: JWK, audience: string) {
  const key = (await importJWK(publicJwk, INTERNAL_ALGORITHM)) as CryptoKey;
  return async (token: string): Promise<Identity> => {
    const { payload } = await jwtVerify(token, key, {
      issuer: INTERNAL_ISSUER,
      audience,
      algorithms: [INTERNAL_ALGORITHM],
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    if (payload.sub === ANONYMOUS.userId) return ANONYMOUS;
    return identityFromClaims(payload);
  };
}
