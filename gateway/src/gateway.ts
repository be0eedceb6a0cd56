/**
 * The one graph. Plans queries over the committed supergraph, verifies the user, and talks to
 * each subgraph with a token it signs itself — never with anything the client sent.
 */

import { randomUUID } from 'node:crypto';
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
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { graphqlOverHttp } from '@finsam/kit/graphql-http.js';
import { ANONYMOUS, type Identity } from '@finsam/kit/identity.js';
import type { InternalSigner } from '@finsam/kit/internal-token.js';
import { createLogger, isUserError, type Logger, REQUEST_ID_HEADER, requestIdFrom } from '@finsam/kit/log.js';
import type { RunningServer } from '@finsam/kit/server.js';
import {
  endSpan,
  graphqlTelemetry,
  injectTraceContext,
  metrics,
  serveMetrics,
  serverSpan,
} from '@finsam/kit/telemetry.js';
import cors from 'cors';
import express from 'express';
import { GraphQLError, Kind, parse } from 'graphql';
import type { JWK } from 'jose';
import type pg from 'pg';
import { serveWebClient } from './app.js';
import { callers, FORBUND_HEADER } from './callers.js';
import { serveExports } from './export.js';
import { serveGraphiql } from './graphiql/page.js';
import type { IssuerConfig } from './issuers.js';
import { type ApolloArmorConfig, limits } from './limits.js';
import { type ResponseCacheOptions, responseCache } from './response-cache.js';
import { cacheControlDirectives, type SubgraphAnswer, subgraphPoster } from './subgraph-http.js';

export interface GatewayContext {
  identity: Identity;
  /** The client's `x-request-id` (when sane) or one the gateway made; sent to every subgraph. */
  requestId?: string;
  /** The gateway's logger, writing `requestId` on every line. */
  log?: Logger;
}

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph answers, by subgraph name; overrides the URLs in the supergraph. */
  subgraphUrls: Record<string, string>;
  /** Key the gateway signs internal tokens with. */
  internalPrivateKey: JWK;
  /** Who may sign in: OpenID Connect issuers, and how long the directory's answers are kept. */
  identity: {
    /** Trusted from the start; more are registered in the directory (`registerTrustedIssuer`). */
    issuers: IssuerConfig[];
    /** Seconds a person's access is kept while changes of access could go unheard (10). */
    accessCacheSeconds?: number;
    /** Seconds a person's access is kept while every change of access is heard (`accessEvents`; 600). */
    accessKeepSeconds?: number;
    /** The directory's (governance's) database as the gateway role, where changes of access are announced. */
    accessEvents?: pg.ClientConfig;
  };
  /** Seconds a subgraph has to answer one fetch (10). */
  subgraphTimeoutSeconds?: number;
  /** Browser origins allowed to call the graph (CORS), e.g. the web client's. */
  corsOrigins?: string[];
  /** No introspection, no field suggestions, no stack traces. */
  production?: boolean;
  /** Operators may tighten or loosen individual query limits. */
  limits?: Partial<ApolloArmorConfig>;
  /** Keep responses the subgraphs mark cacheable (response-cache.ts); `false` asks the subgraphs every time. */
  responseCache?: ResponseCacheOptions | false;
}

export { FORBUND_HEADER };

/** Codes of a request refused before it ran: the client's to fix (HTTP 400). */
const REFUSED_REQUEST = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

type DataSourceConfig = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>;
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** The response keys (alias or name) of an operation's root fields: where a root fetch's answer goes. */
function rootResponseKeys(query: string | undefined): string[] {
  if (!query) {
    return [];
  }
  const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return (operation?.selectionSet.selections ?? []).flatMap((s) =>
    s.kind === Kind.FIELD && s.name.value !== '__typename' ? [s.alias?.value ?? s.name.value] : [],
  );
}

export class InternalTokenDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /**
   * `config` is @apollo/gateway's own (URL, fetcher, …): the platform's in `createGateway`, the defaults
   * in the bench.
   */
  constructor(
    protected readonly subgraph: string,
    private readonly sign: InternalSigner,
    config: DataSourceConfig,
  ) {
    super(config);
  }

  /**
   * A subgraph that answers with an HTTP error (401 to a request without a user, for one) gives the
   * client its first error's message and code, named by the subgraph, never the subgraph's URL or body.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      // Not JSON (a proxy's page, say): the status alone says what failed, and the error below says so.
    }
    return subgraphHttpError(this.subgraph, response.status, body);
  }

  /**
   * A subgraph that does not answer at all (stopped, unreachable, timed out) is an error naming it and
   * the path of the answer it was asked for; its fields there are null, the rest of the answer stands.
   * A fetch at the root (no path yet) answers with one such error per root field it was to resolve, so
   * every field it leaves null has its error at its path, as an HTTP error from the subgraph does too.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const path = 'pathInIncomingRequest' in options ? options.pathInIncomingRequest : undefined;
    try {
      return await this.send(options);
    } catch (caught) {
      const error =
        caught instanceof GraphQLError
          ? caught
          : new GraphQLError(`The ${this.subgraph} service did not answer`, {
              extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraph },
            });
      if (path?.length) {
        throw new GraphQLError(error.message, { path, extensions: error.extensions });
      }
      const roots = rootResponseKeys(options.request.query);
      if (!roots.length) {
        throw error;
      }
      return { errors: roots.map((key) => ({ message: error.message, path: [key], extensions: error.extensions })) };
    }
  }

  /** Sends one fetch and reads its answer: @apollo/gateway's own way (its fetcher, make-fetch-happen by default). */
  protected send(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    return super.process(options);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // The outgoing request starts with no client headers; these are the only ones it gets.
    for (const [name, value] of Object.entries(await this.headersFor(context))) {
      request.http?.headers.set(name, value);
    }
  }

  /** What a fetch for `context` tells the subgraph: the gateway's token for it, the trace and the request id. */
  protected async headersFor(context: GraphQLDataSourceProcessOptions<GatewayContext>['context']) {
    const identity = 'identity' in context && context.identity ? context.identity : ANONYMOUS;
    const headers: Record<string, string> = { authorization: `Bearer ${await this.sign(identity, this.subgraph)}` };
    injectTraceContext((name, value) => {
      headers[name] = value;
    });
    if (context.requestId) {
      headers[REQUEST_ID_HEADER] = context.requestId;
    }
    return headers;
  }
}

/** A subgraph's HTTP error as the client sees it: the subgraph's first error's message and code, named by it. */
function subgraphHttpError(subgraph: string, status: number, body: unknown): GraphQLError {
  const first = (body as { errors?: { message?: string; extensions?: { code?: string } }[] } | undefined)?.errors?.[0];
  const code = first?.extensions?.code ?? (status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_SERVER_ERROR');
  return new GraphQLError(first?.message ?? `${subgraph} answered ${status}`, {
    extensions: { code, serviceName: subgraph },
  });
}

/**
 * The platform's subgraph fetches: what @apollo/gateway's RemoteGraphQLDataSource does (the headers of
 * `headersFor`, the subgraph's Cache-Control restricting the response's cache policy), posted on
 * node:http's keep-alive connections (subgraph-http.ts) without the WHATWG and node-fetch objects
 * it builds around every fetch.
 */
export class KeepAliveDataSource extends InternalTokenDataSource {
  private readonly poster: ReturnType<typeof subgraphPoster>;

  constructor(
    subgraph: string,
    sign: InternalSigner,
    config: DataSourceConfig & { url: string; timeoutSeconds: number },
  ) {
    super(subgraph, sign, config);
    this.poster = subgraphPoster(config.url, config.timeoutSeconds);
  }

  protected override async send(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const { http: _none, ...graphqlRequest } = options.request;
    if (!graphqlRequest.query) {
      throw new Error('Missing query');
    }
    // A plain object of headers, not the WHATWG Headers that `willSendRequest` fills for @apollo/gateway's fetcher.
    const headers = { 'content-type': 'application/json', ...(await this.headersFor(options.context)) };
    const done = metrics.subgraphFetches.startTimer({ subgraph: this.subgraph });
    let answer: SubgraphAnswer;
    try {
      answer = await this.poster.post(headers, JSON.stringify(graphqlRequest));
    } catch (error) {
      done({ outcome: 'failed' });
      throw error;
    }
    const ok = answer.status >= 200 && answer.status < 300;
    done({ outcome: ok ? 'ok' : `http_${answer.status}` });
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      // Not JSON: an HTTP error says so by its status below; a 200 with no JSON is the subgraph's failure.
    }
    if (!ok) {
      throw subgraphHttpError(this.subgraph, answer.status, body);
    }
    if (typeof body !== 'object' || body === null) {
      throw new Error(`Expected JSON response body, but received: ${answer.body.slice(0, 100)}`);
    }
    const policy = 'incomingRequestContext' in options ? options.incomingRequestContext.overallCachePolicy : undefined;
    if (this.honorSubgraphCacheControlHeader && policy && 'restrict' in policy) {
      const cacheControl = answer.headers['cache-control'];
      const directives = cacheControlDirectives(cacheControl);
      const maxAge = directives['max-age'];
      policy.restrict({
        maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
        ...(directives.private === true ? { scope: 'PRIVATE' } : {}),
        ...(directives.public === true ? { scope: 'PUBLIC' } : {}),
      });
    }
    return body as GatewayGraphQLResponse;
  }
}

export async function createGateway(options: GatewayOptions) {
  const { production = false } = options;
  const cacheOptions = options.responseCache ?? {};
  const logger = createLogger('gateway');
  const { sign, identify, afterMutation, ...access } = await callers({
    subgraphUrls: options.subgraphUrls,
    internalPrivateKey: options.internalPrivateKey,
    identity: options.identity,
    logger,
  });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger,
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) {
        throw new Error(`No URL for subgraph ${name}`);
      }
      // Subgraphs' Cache-Control headers are worth parsing only when the gateway keeps responses.
      return new KeepAliveDataSource(name, sign, {
        url: target,
        timeoutSeconds: options.subgraphTimeoutSeconds ?? 10,
        honorSubgraphCacheControlHeader: cacheOptions !== false,
      });
    },
  });

  const forgetAccessOnChange: ApolloServerPlugin<GatewayContext> = {
    // Changes of access made elsewhere are heard while the server runs (access.ts).
    async serverWillStart() {
      await access.listen();
      return { serverWillStop: access.stop };
    },
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation !== 'mutation') {
            return;
          }
          await afterMutation(
            operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : [])),
          );
        },
      };
    },
  };

  /**
   * Every error that is not the client's is logged once with the request id (the subgraph where it
   * happened logs it too); every error carries the request id in `extensions.requestId`.
   */
  const requestErrors: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (!isUserError(code)) {
              (contextValue.log ?? logger).error(error.message, {
                err: error.originalError ?? error,
                path: error.path,
                code,
                serviceName: error.extensions?.serviceName,
              });
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !contextValue.requestId) {
            return;
          }
          for (const error of response.body.singleResult.errors ?? []) {
            (error as { extensions: Record<string, unknown> }).extensions = {
              ...error.extensions,
              requestId: contextValue.requestId,
            };
          }
        },
      };
    },
  };

  /**
   * Errors as a client should see them: no subgraph's URL, body or stack in any mode, internal
   * messages masked in production, and the HTTP status of a refusal: 401 for a request that needs a
   * user, 400 for one the gateway would not run (parse, validation, query limits).
   */
  const cleanErrors: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') {
            return;
          }
          const errors = response.body.singleResult.errors ?? [];
          for (const error of errors) {
            const extensions = error.extensions as Record<string, unknown> | undefined;
            if (extensions) {
              delete extensions.response;
              if (extensions.serviceName) {
                delete extensions.stacktrace;
              }
            }
            if (production && error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
              (error as { message: string }).message = 'Internal server error';
            }
          }
          const codes = new Set(errors.map((e) => e.extensions?.code));
          const hasData = Object.values(response.body.singleResult.data ?? {}).some((v) => v !== null);
          if (codes.has('UNAUTHENTICATED') && !hasData) {
            response.http.status = 401;
          } else if ([...codes].some((c) => REFUSED_REQUEST.has(String(c))) && !response.body.singleResult.data) {
            response.http.status = 400;
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
      const queryLimits = limits(production, options.limits);
      const armor = new ApolloArmor(queryLimits).protect() as unknown as {
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
        parseOptions: { maxTokens: queryLimits.maxTokens?.n ?? 2000 },
        allowBatchedHttpRequests: false,
        plugins: [
          ...armor.plugins,
          requestErrors,
          cleanErrors,
          forgetAccessOnChange,
          graphqlTelemetry('gateway'),
          ...(cacheOptions === false ? [] : responseCache(cacheOptions)),
          // Apollo computes no Cache-Control for clients (a browser would not see our invalidation; the
          // gateway says `private, no-store` itself), and nothing is reported to Apollo's cloud.
          ApolloServerPluginCacheControlDisabled(),
          ApolloServerPluginUsageReportingDisabled(),
          ApolloServerPluginSchemaReportingDisabled(),
          ApolloServerPluginDrainHttpServer({ httpServer }),
          ApolloServerPluginLandingPageDisabled(),
        ],
      });
      await apollo.start();

      // Every response names its request: the client's `x-request-id` when it is sane, else a new one.
      app.use((req, res, next) => {
        const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
        res.locals.requestId = requestId;
        res.setHeader(REQUEST_ID_HEADER, requestId);
        next();
      });
      // Every answer is the caller's own and the gateway keeps what may be kept itself: nothing for a browser or
      // a proxy to keep, whatever the subgraphs said (Apollo's header plugin is off, so nothing overrides this).
      app.use(['/graphql', '/export'], (_req, res, next) => {
        res.setHeader('cache-control', 'private, no-store');
        next();
      });
      app.get('/metrics', serveMetrics);
      app.get('/health', (_req, res) => {
        res.json({ status: 'ok' });
      });
      app.get('/ready', async (_req, res) => {
        const state = await health();
        res.status(state.ready ? 200 : 503).json(state);
      });
      serveGraphiql(app);
      serveWebClient(app, { issuers: options.identity.issuers });
      serveExports(app, apollo, identify);
      // Bearer tokens, no cookies: no credentials across origins. Apollo's CSRF prevention stays on.
      const allowOrigins = cors({
        origin: options.corsOrigins ?? [],
        methods: ['GET', 'POST', 'OPTIONS'],
        allowedHeaders: [
          'authorization',
          'content-type',
          FORBUND_HEADER,
          REQUEST_ID_HEADER,
          'apollo-require-preflight',
        ],
        exposedHeaders: [REQUEST_ID_HEADER],
        credentials: false,
        maxAge: 600,
      });
      // A request without an Origin is no browser's cross-origin request: nothing for CORS to answer.
      app.use(['/graphql', '/export'], (req, res, next) =>
        req.headers.origin === undefined ? next() : allowOrigins(req, res, next),
      );
      app.use(
        '/graphql',
        // A caller's `traceparent` is continued, else a trace starts here (when tracing is on).
        (req, res, next) =>
          serverSpan('gateway', req.headers, { 'finsam.service': 'gateway' }, (span) => {
            span?.setAttribute('finsam.request_id', res.locals.requestId);
            res.on('finish', () => endSpan(span));
            next();
          }),
        express.json({ limit: '256kb' }),
        graphqlOverHttp(apollo, {
          context: async ({ req, res }) => {
            const requestId: string = res.locals.requestId;
            const log = logger.child({ requestId });
            try {
              return { identity: await identify(req.headers, { requestId, log }), requestId, log };
            } catch (error) {
              // No request pipeline (and no plugin) runs after a failed context: the id and the log are here.
              if (error instanceof GraphQLError) {
                if (!isUserError(error.extensions.code)) {
                  log.error(error.message, { err: error });
                }
                (error.extensions as Record<string, unknown>).requestId = requestId;
                throw error;
              }
              log.error('could not identify the caller', { err: error });
              throw new GraphQLError('Could not identify the caller', {
                originalError: error as Error,
                extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
              });
            }
          },
        }),
      );

      await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
      const { port: actual } = httpServer.address() as AddressInfo;
      logger.info('gateway listening', { url: `http://${host}:${actual}/graphql` });
      return { url: `http://${host}:${actual}/graphql`, stop: () => apollo.stop() };
    },
  };
}
