/**
 * The one graph. Plans queries over the committed supergraph, verifies the user, and talks to
 * each subgraph with a token it signs itself — never with anything the client sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { unauthenticated } from '@finsam/kit/errors.js';
import { ANONYMOUS, type Identity } from '@finsam/kit/identity.js';
import { type InternalSigner, internalSigner, reusingSigner } from '@finsam/kit/internal-token.js';
import { createLogger } from '@finsam/kit/log.js';
import type { RunningServer } from '@finsam/kit/server.js';
import express from 'express';
import type { JWK } from 'jose';
import { serveExports } from './export.js';
import { serveGraphiql } from './graphiql/page.js';
import { type ApolloArmorConfig, limits } from './limits.js';
import { type ResponseCacheOptions, responseCache } from './response-cache.js';
import { rememberingUserTokenVerifier, type UserTokenOptions } from './user-token.js';

export interface GatewayContext {
  identity: Identity;
}

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph answers, by subgraph name; overrides the URLs in the supergraph. */
  subgraphUrls: Record<string, string>;
  /** Key the gateway signs internal tokens with. */
  internalPrivateKey: JWK;
  userTokens: UserTokenOptions;
  /** No introspection, no field suggestions, no stack traces. */
  production?: boolean;
  /** Operators may tighten or loosen individual query limits. */
  limits?: Partial<ApolloArmorConfig>;
  /** Keep responses the subgraphs mark cacheable (response-cache.ts); `false` asks the subgraphs every time. */
  responseCache?: ResponseCacheOptions | false;
}

const BEARER = /^Bearer (\S+)$/;

type DataSourceConfig = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>;

/**
 * Subgraph fetches with Node's built-in fetch (undici): connections to each subgraph are pooled
 * and kept alive. @apollo/gateway's default, make-fetch-happen over node-fetch, adds an HTTP
 * cache layer and stream conversions per fetch that cost more than the fetch itself on loopback.
 */
const keepAliveFetcher: DataSourceConfig['fetcher'] = (url, init) => fetch(url, init as RequestInit) as never;

export class InternalTokenDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /**
   * `config` is @apollo/gateway's own (URL, fetcher, …): the platform's in `createGateway`, the defaults
   * in the bench.
   */
  constructor(
    private readonly subgraph: string,
    private readonly sign: InternalSigner,
    config: DataSourceConfig,
  ) {
    super(config);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // The outgoing request starts with no client headers; this is the only one it gets.
    const identity = 'identity' in context && context.identity ? context.identity : ANONYMOUS;
    request.http?.headers.set('authorization', `Bearer ${await this.sign(identity, this.subgraph)}`);
  }
}

export async function createGateway(options: GatewayOptions) {
  const { production = false } = options;
  const cacheOptions = options.responseCache ?? {};
  const logger = createLogger('gateway');
  // One EdDSA signature per identity and subgraph every 30 s, rather than one per subgraph fetch.
  const sign = reusingSigner(await internalSigner(options.internalPrivateKey));
  // A user's token is verified once (ES256), then remembered until its exp and at most a minute.
  const verifyUser = rememberingUserTokenVerifier(options.userTokens);

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger,
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) {
        throw new Error(`No URL for subgraph ${name}`);
      }
      // Subgraphs' Cache-Control headers are worth parsing only when the gateway keeps responses.
      return new InternalTokenDataSource(name, sign, {
        url: target,
        fetcher: keepAliveFetcher,
        honorSubgraphCacheControlHeader: cacheOptions !== false,
      });
    },
  });

  async function identify(authorization: string | undefined): Promise<Identity> {
    if (!authorization) {
      return ANONYMOUS;
    }
    const token = BEARER.exec(authorization)?.[1];
    if (!token) {
      throw unauthenticated('Authorization must be "Bearer <token>"');
    }
    try {
      return await verifyUser(token);
    } catch (error) {
      logger.info('rejected user token', { reason: (error as Error).message });
      throw unauthenticated('The token is invalid or expired');
    }
  }

  const hideInternals: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!production || response.body.kind !== 'single') {
            return;
          }
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
              (error as { message: string }).message = 'Internal server error';
            }
          }
        },
      };
    },
  };

  const health = async () => {
    const results = await Promise.all(
      Object.entries(options.subgraphUrls).map(async ([name, url]) => {
        try {
          const res = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(2000) });
          return [name, res.ok ? 'ok' : `status ${res.status}`] as const;
        } catch (error) {
          return [name, (error as Error).message] as const;
        }
      }),
    );
    return { ready: results.every(([, s]) => s === 'ok'), subgraphs: Object.fromEntries(results) };
  };

  return {
    async listen(port = 0, host = '127.0.0.1'): Promise<RunningServer> {
      const app = express();
      app.disable('x-powered-by');
      // Clients get no Cache-Control, so nothing revalidates: no ETag hash of every response.
      app.set('etag', false);
      const httpServer = http.createServer(app);
      // graphql-armor ships CommonJS typings of @apollo/server; the objects are the same.
      const armor = new ApolloArmor(limits(production, options.limits)).protect() as unknown as {
        plugins: ApolloServerPlugin<GatewayContext>[];
        validationRules: NonNullable<ConstructorParameters<typeof ApolloServer<GatewayContext>>[0]['validationRules']>;
        allowBatchedHttpRequests: boolean;
      };
      const apollo = new ApolloServer<GatewayContext>({
        gateway,
        logger,
        introspection: !production,
        includeStacktraceInErrorResponses: !production,
        validationRules: armor.validationRules,
        allowBatchedHttpRequests: false,
        plugins: [
          ...armor.plugins,
          hideInternals,
          ...(cacheOptions === false ? [] : responseCache(cacheOptions)),
          // No Cache-Control headers to clients (a browser would not see our invalidation), and
          // nothing reported to Apollo's cloud.
          ApolloServerPluginCacheControlDisabled(),
          ApolloServerPluginUsageReportingDisabled(),
          ApolloServerPluginSchemaReportingDisabled(),
          ApolloServerPluginDrainHttpServer({ httpServer }),
          ApolloServerPluginLandingPageDisabled(),
        ],
      });
      await apollo.start();

      app.get('/health', (_req, res) => {
        res.json({ status: 'ok' });
      });
      app.get('/ready', async (_req, res) => {
        const state = await health();
        res.status(state.ready ? 200 : 503).json(state);
      });
      serveGraphiql(app);
      serveExports(app, apollo, identify);
      app.use(
        '/graphql',
        express.json({ limit: '256kb' }),
        expressMiddleware(apollo, {
          context: async ({ req }) => ({ identity: await identify(req.headers.authorization) }),
        }),
      );

      await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
      const { port: actual } = httpServer.address() as AddressInfo;
      logger.info('gateway listening', { url: `http://${host}:${actual}/graphql` });
      return { url: `http://${host}:${actual}/graphql`, stop: () => apollo.stop() };
    },
  };
}
