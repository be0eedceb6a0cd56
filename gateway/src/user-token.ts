/**
 * Verifies the user's bearer token (OIDC-style JWT) and turns it into an identity.
 * Production: the identity provider's JWKS URL. Development: a local key pair that
 * `infra` creates on first start. Only the algorithms listed are accepted (never `none`).
 */

import { type Identity, identityFromClaims } from '@finsam/kit/identity.js';
import { rememberVerified, type VerifiedToken } from '@finsam/kit/verified-tokens.js';
import { createLocalJWKSet, createRemoteJWKSet, type JWK, type JWTVerifyGetKey, jwtVerify } from 'jose';

export interface UserTokenOptions {
  issuer: string;
  audience: string;
  /** Accepted signing algorithms. */
  algorithms: string[];
  /** Either the identity provider's JWKS URL… */
  jwksUrl?: string;
  /** …or the public keys themselves (development, tests). */
  publicJwks?: JWK[];
}

export function userTokenVerifier(options: UserTokenOptions): (token: string) => Promise<Identity> {
  const verify = verifiedUserToken(options);
  return async (token) => (await verify(token)).identity;
}

/**
 * The same, remembering each verified token until its `exp`, and at most a minute: a signing key
 * the identity provider withdraws from its JWKS is honoured that much longer at most (jose's own
 * JWKS cache already keeps keys for minutes).
 */
export function rememberingUserTokenVerifier(options: UserTokenOptions): (token: string) => Promise<Identity> {
  return rememberVerified(verifiedUserToken(options), { maxAgeMs: 60_000 });
}

function verifiedUserToken(options: UserTokenOptions): (token: string) => Promise<VerifiedToken> {
  let keys: JWTVerifyGetKey;
  if (options.jwksUrl) {
    keys = createRemoteJWKSet(new URL(options.jwksUrl));
  } else if (options.publicJwks?.length) {
    keys = createLocalJWKSet({ keys: options.publicJwks });
  } else {
    throw new Error('User tokens need a JWKS URL or public keys');
  }
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: options.algorithms,
      requiredClaims: ['exp', 'sub'],
    });
    return { identity: identityFromClaims(payload), expiresAt: payload.exp! * 1000 };
  };
}
