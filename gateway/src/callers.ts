/**
 * Who is calling: a user's token verified against the trusted issuers, their roles and insatser from
 * the directory (never from the token). The platform's gateway and any other gateway in front of the
 * subgraphs (infra/hive-gateway/) identify callers with this one piece.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { badArgument, unauthenticated } from '@finsam/kit/errors.js';
import { ANONYMOUS, type Identity } from '@finsam/kit/identity.js';
import { internalSigner, reusingSigner } from '@finsam/kit/internal-token.js';
import type { Logger } from '@finsam/kit/log.js';
import { rememberUntilExpiry } from '@finsam/kit/verified-tokens.js';
import type { JWK } from 'jose';
import type pg from 'pg';
import { ACCESS_MUTATIONS, directory } from './access.js';
import { type IssuerConfig, trustedIssuers, UntrustedTokenError, type VerifiedUser } from './issuers.js';

const BEARER = /^Bearer (\S+)$/;
/** The förbund to work in, for a person with access to several (`me { forbunds }`), or `platform`. */
export const FORBUND_HEADER = 'x-finsam-forbund';
const FORBUND_CHOICE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|platform)$/i;
/** A verified token is remembered until it expires, and at most this long (a withdrawn signing key). */
const REMEMBER_TOKEN_MS = 60_000;

export interface CallersOptions {
  /** Where each subgraph answers; governance holds the directory. */
  subgraphUrls: Record<string, string>;
  /** The key the gateway signs internal tokens with: for every subgraph fetch and its own directory questions. */
  internalPrivateKey: JWK;
  identity: {
    /** Issuers trusted from the start; more are registered in the directory (`registerTrustedIssuer`). */
    issuers: IssuerConfig[];
    /** Seconds a person's access is kept while changes of access could go unheard (10). */
    accessCacheSeconds?: number;
    /** Seconds a person's access is kept while every change of access is heard (600). */
    accessKeepSeconds?: number;
    /** The directory's (governance's) database as the gateway role: where changes of access are announced. */
    accessEvents?: pg.ClientConfig;
  };
  logger: Logger;
}

/** Who calls, and the signer that names them to each subgraph. */
export async function callers({ subgraphUrls, internalPrivateKey, identity, logger }: CallersOptions) {
  // One EdDSA signature per identity and subgraph every 30 s, rather than one per subgraph fetch.
  const sign = reusingSigner(await internalSigner(internalPrivateKey));
  const governanceUrl = subgraphUrls.governance;
  if (!governanceUrl) {
    throw new Error('The gateway needs governance: it holds the directory of who may do what');
  }
  const people = directory({
    url: governanceUrl,
    sign,
    cacheSeconds: identity.accessCacheSeconds,
    keepSeconds: identity.accessKeepSeconds,
    accessEvents: identity.accessEvents,
  });
  const issuers = trustedIssuers({ bootstrap: identity.issuers, fromDirectory: () => people.issuers() });
  // A user's token is verified once, then remembered until its exp and at most a minute.
  const verifyUser = rememberUntilExpiry(
    async (token) => {
      const user = await issuers.verify(token);
      return { value: user, expiresAt: user.expiresAt };
    },
    { maxAgeMs: REMEMBER_TOKEN_MS },
  );

  return {
    sign,
    /** Starts hearing the directory's changes of access (when configured), so answers may be kept long. */
    listen: () => people.listen(logger),
    stop: () => people.stop(),
    /** `request`: the id and logger of the request being served, for the directory question and log lines. */
    async identify(headers: IncomingHttpHeaders, request?: { requestId: string; log: Logger }): Promise<Identity> {
      const { authorization } = headers;
      if (!authorization) {
        return ANONYMOUS;
      }
      const token = BEARER.exec(authorization)?.[1];
      if (!token) {
        throw unauthenticated('Authorization must be "Bearer <token>"');
      }
      const choice = headers[FORBUND_HEADER];
      if (choice !== undefined && (typeof choice !== 'string' || !FORBUND_CHOICE.test(choice))) {
        throw badArgument(FORBUND_HEADER, `${FORBUND_HEADER} is a förbund id (from me { forbunds }) or "platform"`);
      }
      let user: VerifiedUser;
      try {
        user = await verifyUser(token);
      } catch (error) {
        if (!(error instanceof UntrustedTokenError)) {
          throw error;
        }
        (request?.log ?? logger).info('rejected user token', { reason: error.message });
        throw unauthenticated('The token is invalid or expired');
      }
      // Roles and insatser come from the directory, never from the token.
      return people.identityOf(user, choice?.toLowerCase() ?? null, request?.requestId);
    },
    /** After a mutation with these root fields: a change of access is seen at once through this gateway. */
    async afterMutation(fields: string[]): Promise<void> {
      if (fields.some((f) => ACCESS_MUTATIONS.has(f))) {
        people.forget();
        if (fields.includes('registerTrustedIssuer')) {
          await issuers.refresh();
        }
      }
    },
  };
}
