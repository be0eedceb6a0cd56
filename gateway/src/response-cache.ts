/**
 * The gateway keeps whole responses that every subgraph of the plan said it may keep
 * (`@cacheControl`, kit/cache-control.ts), with Apollo's response-cache plugin:
 * - keyed by the query, its variables and the caller's whole identity (user, förbund, roles,
 *   insatser), so an answer is only ever served again to the caller it was made for; the subgraphs
 *   mark every answer `private` (kit/cache-control.ts), and the same identity is the plugin's
 *   session, under which it keeps private answers;
 * - and by a generation that a mutation through this gateway moves on when it finishes, so a
 *   caller reads its own writes at once. A query that began before the write is kept under the
 *   old generation and never served after it. A förbund's mutations move its own generation
 *   (its users read nothing of other förbund) and the cross-tenant one; a cross-tenant caller's
 *   mutation (platform data, a new förbund) moves every generation. With `events`, every other
 *   gateway instance hears of the write (cache-events.ts) and moves the same generations, so a
 *   caller reads their own write through any instance; without, another instance's kept answers
 *   last at most CACHE_SECONDS, the hint's maxAge;
 * - responses with errors, and anonymous callers, are not kept.
 * Only hinted types are kept, and no type of a person is hinted: audited reads always run.
 *
 * Identical queries of one caller that miss together are computed once, if the query's answers
 * were kept before: the others wait for the first and get its answer if it may be kept; otherwise
 * (people, errors) each runs on its own, so each identifying read is still audited. Queries never
 * kept (a staff list) are never held back behind one another.
 */
import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, type GraphQLRequestContext, HeaderMap } from '@apollo/server';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { claimsFromIdentity, type Identity, isAnonymous } from '@finsam/kit/identity.js';
import { createLogger } from '@finsam/kit/log.js';
import { setBounded } from '@finsam/kit/verified-tokens.js';
import { type CacheEvents, type CacheEventsOptions, listenForWrites } from './cache-events.js';
import type { GatewayContext } from './gateway.js';

export interface ResponseCacheOptions {
  /** Upper bound on what the kept responses take, in UTF-16 code units of their JSON (default 30 MiB). */
  maxSize?: number;
  /** Where gateway instances tell each other of writes; needed as soon as there is more than one instance. */
  events?: CacheEventsOptions;
}

export function responseCache(options: ResponseCacheOptions = {}): ApolloServerPlugin<GatewayContext>[] {
  /** Moved by every mutation: what a cross-tenant caller (the county) has kept is forgotten. */
  let crossTenant = 0;
  /** Moved by cross-tenant mutations: what every förbund's users have kept is forgotten. */
  let platform = 0;
  /** Moved by one förbund's mutations. */
  const forbund = new Map<string, number>();
  const generation = ({ tenantId }: Identity) =>
    tenantId === null ? crossTenant : `${platform}.${forbund.get(tenantId) ?? 0}`;
  const forget = (tenantId: string | null) => {
    crossTenant++;
    if (tenantId === null) {
      platform++;
    } else {
      forbund.set(tenantId, (forbund.get(tenantId) ?? 0) + 1);
    }
  };
  let events: CacheEvents | undefined;
  const signedIn = async ({ contextValue }: { contextValue: GatewayContext }) => !isAnonymous(contextValue.identity);
  // While another instance's write could be missed, nothing kept is served (it is still kept, under the old
  // generation, which moves when listening resumes).
  const mayRead = async (request: { contextValue: GatewayContext }) =>
    (events === undefined || events.listening) && signedIn(request);
  const callerKey = ({ identity }: GatewayContext) => ({
    identity: claimsFromIdentity(identity),
    generation: generation(identity),
  });
  const hash = (key: unknown) => createHash('sha256').update(JSON.stringify(key)).digest('hex');
  const keep = ApolloServerPluginResponseCache<GatewayContext>({
    cache: new InMemoryLRUCache({ maxSize: options.maxSize ?? 30 * 2 ** 20 }),
    // The plugin's own hash requires `crypto` anew on every call, which costs more than the hash.
    generateCacheKey: (_request, key) => hash(key),
    extraCacheKeyData: async ({ contextValue }) => callerKey(contextValue),
    // Without a session the plugin keeps no private answer; anonymous callers are neither read nor kept.
    sessionId: async ({ contextValue }) =>
      isAnonymous(contextValue.identity) ? null : hash(claimsFromIdentity(contextValue.identity)),
    shouldReadFromCache: mayRead,
    shouldWriteToCache: signedIn,
  });

  /** Queries (document and operation) whose answers were kept before, most recent last. */
  const keptQueries = new Map<string, true>();
  /** Misses being computed, by query, variables and caller: what they will answer if it may be kept. */
  const computing = new Map<string, Promise<Record<string, unknown> | null>>();
  const together: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      let query: string | undefined;
      let computes: { key: string; finish: (data: Record<string, unknown> | null) => void } | undefined;
      return {
        // Runs only when the kept answers (the plugin before this one) had none.
        async responseForOperation(request: GraphQLRequestContext<GatewayContext>) {
          if (request.operation?.operation !== 'query' || isAnonymous(request.contextValue.identity)) {
            return null;
          }
          query = `${request.queryHash}/${request.operationName ?? ''}`;
          if (!keptQueries.has(query)) {
            return null;
          }
          const key = hash({ query, variables: request.request.variables ?? {}, ...callerKey(request.contextValue) });
          const first = computing.get(key);
          if (first) {
            const data = await first;
            return data
              ? {
                  body: { kind: 'single', singleResult: { data } },
                  http: { status: undefined, headers: new HeaderMap() },
                }
              : null;
          }
          computing.set(key, new Promise((finish) => (computes = { key, finish })));
          return null;
        },
        async willSendResponse({ response, overallCachePolicy }) {
          if (!query) {
            return;
          }
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const kept = result?.data && !result.errors && overallCachePolicy.policyIfCacheable() ? result.data : null;
          if (kept) {
            setBounded(keptQueries, query, true, 1_000, () => true);
          }
          if (computes) {
            computing.delete(computes.key);
            computes.finish(kept);
          }
        },
      };
    },
  };
  const forgetOnWrite: ApolloServerPlugin<GatewayContext> = {
    async serverWillStart() {
      if (!options.events) {
        return;
      }
      events = await listenForWrites(
        options.events,
        { onWrite: ({ tenantId }) => forget(tenantId), onListening: () => forget(null) },
        createLogger('gateway'),
      );
      return {
        async serverWillStop() {
          await events?.stop();
        },
      };
    },
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') {
            return;
          }
          const { tenantId } = contextValue.identity;
          forget(tenantId);
          // Before the answer leaves: the caller's next read, through any instance, finds the write.
          await events?.publish({ tenantId });
        },
      };
    },
  };
  return [keep, together, forgetOnWrite];
}
