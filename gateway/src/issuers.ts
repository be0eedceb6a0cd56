/**
 * The identity providers the platform trusts (DESIGN.md: identity providers authenticate, the
 * platform authorizes). Each is an OpenID Connect issuer: its keys are found through discovery
 * (`/.well-known/openid-configuration` → `jwks_uri`), and a token is accepted only with that
 * issuer's audience and algorithms (never `none`). The list is the operator's bootstrap issuers
 * plus those the platform administrator registered in the directory, read again at most every
 * `refreshSeconds` and whenever a token names an issuer not yet known.
 */
import { createRemoteJWKSet, decodeJwt, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';

export interface IssuerConfig {
  /** The `iss` of its tokens, e.g. https://login.microsoftonline.com/<tenant>/v2.0. */
  issuer: string;
  /** The `aud` its access tokens carry for this platform. */
  audience: string;
  /** Accepted signing algorithms, e.g. ['RS256']. */
  algorithms: string[];
}

/** What the gateway needs from a verified user token: standard OIDC claims only. */
export interface VerifiedUser {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  expiresAt: number;
}

export interface TrustedIssuersOptions {
  /** Trusted before the directory answers (the operator's own provider). */
  bootstrap: IssuerConfig[];
  /** Reads the issuers registered in the directory. */
  fromDirectory?: () => Promise<IssuerConfig[]>;
  refreshSeconds?: number;
}

export class UntrustedTokenError extends Error {}

export function trustedIssuers({ bootstrap, fromDirectory, refreshSeconds = 30 }: TrustedIssuersOptions) {
  let registered: IssuerConfig[] = [];
  let readAt = 0;
  let reading: Promise<void> | null = null;
  const keySets = new Map<string, Promise<JWTVerifyGetKey>>();

  async function refresh(): Promise<void> {
    if (!fromDirectory) {
      return;
    }
    reading ??= fromDirectory()
      .then((list) => {
        registered = list;
        readAt = Date.now();
      })
      .finally(() => {
        reading = null;
      });
    await reading;
  }

  async function configFor(issuer: string): Promise<IssuerConfig | undefined> {
    const find = () => [...bootstrap, ...registered].find((c) => c.issuer === issuer);
    if (!find() || Date.now() - readAt > refreshSeconds * 1000) {
      await refresh();
    }
    return find();
  }

  function keysOf(issuer: string): Promise<JWTVerifyGetKey> {
    let keys = keySets.get(issuer);
    if (!keys) {
      keys = discover(issuer);
      keySets.set(issuer, keys);
      // A failed discovery is tried again on the next token, not remembered.
      keys.catch(() => keySets.delete(issuer));
    }
    return keys;
  }

  return {
    /** Verifies a user's bearer token; throws UntrustedTokenError for any token the platform does not accept. */
    async verify(token: string): Promise<VerifiedUser> {
      let claimed: JWTPayload;
      try {
        claimed = decodeJwt(token);
      } catch {
        throw new UntrustedTokenError('not a JWT');
      }
      const config = typeof claimed.iss === 'string' ? await configFor(claimed.iss) : undefined;
      if (!config) {
        throw new UntrustedTokenError('issuer not trusted');
      }
      const { payload } = await jwtVerify(token, await keysOf(config.issuer), {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: config.algorithms,
        requiredClaims: ['exp', 'sub'],
      }).catch((error: Error) => {
        throw new UntrustedTokenError(error.message);
      });
      return {
        issuer: config.issuer,
        subject: payload.sub!,
        email: typeof payload.email === 'string' ? payload.email : null,
        emailVerified: payload.email_verified === true,
        name: typeof payload.name === 'string' ? payload.name : null,
        expiresAt: payload.exp! * 1000,
      };
    },
    /** Read the directory's issuers again now (after a registration through this gateway). */
    refresh,
  };
}

export type TrustedIssuers = ReturnType<typeof trustedIssuers>;

/** The issuer's JWKS, found through OpenID Connect discovery; jose caches and rotates the keys. */
async function discover(issuer: string): Promise<JWTVerifyGetKey> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) {
    throw new UntrustedTokenError(`discovery of ${issuer} answered ${res.status}`);
  }
  const metadata = (await res.json()) as { issuer?: string; jwks_uri?: string };
  if (metadata.issuer !== issuer || !metadata.jwks_uri) {
    throw new UntrustedTokenError(`discovery of ${issuer} names another issuer or no jwks_uri`);
  }
  return createRemoteJWKSet(new URL(metadata.jwks_uri));
}
