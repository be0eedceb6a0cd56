/**
 * One subgraph asking another, on behalf of the same caller: e.g. teams checks that an
 * intervention's owners are members of the caller's förbund, which governance owns. The call
 * carries the caller's identity in a token signed with the service key, so the other subgraph
 * applies the same roles and the same tenant walls as for the gateway.
 */
import { GraphQLError } from 'graphql';
import type { JWK } from 'jose';
import type { Identity } from './identity.js';
import { internalSigner, serviceIssuer } from './internal-token.js';
import { REQUEST_ID_HEADER } from './log.js';
import { injectTraceContext } from './telemetry.js';

/** How long one subgraph waits for another (SERVICE_TIMEOUT_SECONDS, 10). */
const SERVICE_TIMEOUT_MS = Number(process.env.SERVICE_TIMEOUT_SECONDS ?? 10) * 1000;

export interface ServiceConfig {
  /** The calling subgraph. */
  self: string;
  privateJwk: JWK;
  /** Where each subgraph answers, by name (filled in as they start). */
  urls: Record<string, string>;
}

export interface ServiceClient {
  query<T>(target: string, document: string, variables?: Record<string, unknown>): Promise<T>;
}

export async function serviceClientFactory({
  self,
  privateJwk,
  urls,
}: ServiceConfig): Promise<(identity: Identity, requestId: string) => ServiceClient> {
  const sign = await internalSigner(privateJwk, serviceIssuer(self));
  // The caller's request id goes along, so the other subgraph's log lines name the same request.
  return (identity, requestId) => ({
    async query<T>(target: string, document: string, variables?: Record<string, unknown>): Promise<T> {
      const url = urls[target];
      if (!url) {
        throw new Error(`No URL for subgraph ${target}`);
      }
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        authorization: `Bearer ${await sign(identity, target)}`,
        [REQUEST_ID_HEADER]: requestId,
      };
      injectTraceContext((name, value) => {
        headers[name] = value;
      });
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: document, variables }),
        // Another subgraph that hangs fails this call, not the caller's whole request for minutes.
        signal: AbortSignal.timeout(SERVICE_TIMEOUT_MS),
      });
      const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
      const error = body.errors?.[0];
      if (error) {
        // The caller's own authorization failures stay what they are; anything else is ours.
        const code = error.extensions?.code;
        if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') {
          throw new GraphQLError(error.message, { extensions: { code } });
        }
        throw new Error(`${target} answered: ${error.message}`);
      }
      return body.data as T;
    },
  });
}

/** Parses "governance=http://governance:4004/graphql,teams=…" (the SUBGRAPH_URLS setting). */
export function parseSubgraphUrls(value: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (value ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=', 2) as [string, string]),
  );
}
