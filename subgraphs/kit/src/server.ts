/**
 * A subgraph as a startable server: `listen(0)` in tests, a fixed port in `npm start`.
 * Building it starts nothing; the caller decides when to listen.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM } from '@mikro-orm/core';
import type { MikroORM as PostgresOrm } from '@mikro-orm/postgresql';
import { PothosValidationError } from '@pothos/core';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { JWK } from 'jose';
import type { SubgraphBuilder } from './builder.js';
import { privateAnswers, subgraphDirectives } from './cache-control.js';
import { contextFactory, type SubgraphContext } from './context.js';
import { type OrmOptions, pendingMigrations, servedRequest, serveRequest } from './database.js';
import { ErrorCode } from './errors.js';
import { graphqlOverHttp } from './graphql-http.js';
import { checkIdArguments } from './ids.js';
import { createLogger, isUserError, type Logger, REQUEST_ID_HEADER, requestIdFrom } from './log.js';
import { describeGenerated, nullableWhereOwnedElsewhere } from './schema-transforms.js';
import { callersOf, serviceCallRefusal } from './service-calls.js';
import { endSpan, graphqlTelemetry, metrics, serveMetrics, serverSpan } from './telemetry.js';

/**
 * The keys a subgraph holds: it verifies the gateway's tokens and those of the subgraphs that may
 * call it, and signs its own service calls with a key no other subgraph has.
 */
export interface SubgraphKeys {
  /** The gateway's public key (two during a rollover). */
  gatewayPublicJwk: JWK | JWK[];
  /** This subgraph's own service-call signing key. */
  servicePrivateJwk: JWK;
  /**
   * The public keys of other subgraphs, by name (two during a rollover). Only those of subgraphs
   * `SERVICE_CALLS` lets call this one are used.
   */
  servicePublicJwks: Record<string, JWK | JWK[]>;
}

/** What every subgraph's `createServer` takes. */
export interface SubgraphRuntime {
  orm: MikroORM;
  keys: SubgraphKeys;
  /** Where the other subgraphs answer, for service calls. */
  subgraphUrls: Record<string, string>;
  /** Secrets a subgraph needs of its own (e.g. participants' encryption keys), by name. */
  secrets?: Record<string, string>;
  production?: boolean;
}

/**
 * Work a subgraph does in the background once it listens (e.g. participants' published years), so the
 * first requests after a start find it done. Never blocks readiness; what it has not done yet (or
 * failed at: logged) requests still do themselves.
 */
export type WarmUp = (orm: MikroORM, log: Logger) => Promise<void>;

export interface SubgraphServerOptions extends SubgraphRuntime {
  name: string;
  schema: GraphQLSchema;
  warmUp?: WarmUp;
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export interface RunningSubgraph extends RunningServer {
  /** Settled when the warm-up is over, done or failed (logged): for tests, which wait for a steady state. */
  warmedUp: Promise<void>;
}

export interface SubgraphServer {
  name: string;
  listen(port?: number, host?: string): Promise<RunningSubgraph>;
}

/**
 * Every error that is not the caller's is logged once, here, with the request id; every error carries
 * the request id in `extensions.requestId`.
 */
const requestErrors: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          const cause = unwrapResolverError(error);
          // Pothos' argument checks have no code yet here (formatError gives them BAD_USER_INPUT).
          if (cause instanceof PothosValidationError || isUserError(error.extensions?.code)) {
            continue;
          }
          contextValue.log.error(error.message, { err: cause, path: error.path, code: error.extensions?.code });
        }
      },
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind === 'single') {
          for (const error of response.body.singleResult.errors ?? []) {
            (error as { extensions: Record<string, unknown> }).extensions = {
              ...error.extensions,
              requestId: contextValue.requestId,
            };
          }
        }
      },
    };
  },
};

/**
 * A query's statements each go with their tenant settings in one round trip (database.ts,
 * `SettingsWithBeginConnection.transactional`); mutations keep their transactions.
 */
const readsMarked: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        const request = servedRequest();
        if (request) {
          request.reads = operation?.operation === 'query';
        }
      },
    };
  },
};

/** A service call asks only for what `SERVICE_CALLS` lets its subgraph ask of this one. */
const serviceCallsAllowed = (name: string): ApolloServerPlugin<SubgraphContext> => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document, operation, request }) {
        const caller = contextValue.serviceCaller;
        const refusal =
          caller && operation && serviceCallRefusal(caller, name, document, operation, request.variables ?? {});
        if (refusal) {
          throw new GraphQLError(refusal, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
        }
      },
    };
  },
});

export async function createSubgraphServer(options: SubgraphServerOptions): Promise<SubgraphServer> {
  const { name, schema, orm, keys, subgraphUrls, secrets, production = false, warmUp } = options;
  const createContext = await contextFactory({
    orm,
    audience: name,
    trust: {
      gateway: keys.gatewayPublicJwk,
      services: Object.fromEntries(
        callersOf(name).flatMap((caller) => {
          const jwks = keys.servicePublicJwks[caller];
          return jwks ? [[caller, jwks]] : [];
        }),
      ),
    },
    service: { self: name, privateJwk: keys.servicePrivateJwk, urls: subgraphUrls },
    secrets,
  });

  return {
    name,
    async listen(port = 0, host = '127.0.0.1') {
      const app = express();
      const httpServer = http.createServer(app);
      const apollo = new ApolloServer<SubgraphContext>({
        schema,
        introspection: !production,
        includeStacktraceInErrorResponses: !production,
        plugins: [
          serviceCallsAllowed(name),
          readsMarked,
          graphqlTelemetry(name),
          requestErrors,
          privateAnswers,
          ApolloServerPluginInlineTraceDisabled(),
          ApolloServerPluginDrainHttpServer({ httpServer }),
        ],
        // Pothos' own argument checks (a negative `first`, a cursor that is not one) are the caller's
        // mistake, not the server's: the same code as `badArgument`.
        formatError: (formatted, error) =>
          unwrapResolverError(error) instanceof PothosValidationError
            ? { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } }
            : formatted,
      });
      await apollo.start();

      app.get('/health', async (_req, res) => {
        try {
          await orm.em.getConnection().execute('select 1');
          res.json({ status: 'ok', subgraph: name });
        } catch {
          res.status(503).json({ status: 'unavailable', subgraph: name });
        }
      });
      app.get('/metrics', serveMetrics);
      metrics.watchPool(name, async () => {
        const pool = (await (orm as PostgresOrm).em.getConnection().getNativeClient()) as {
          totalCount: number;
          idleCount: number;
          waitingCount: number;
        };
        return pool;
      });
      // Ready to serve: the database answers and every migration this version knows is applied (a new version
      // started before its migration job ran stays out of the load balancer).
      app.get('/ready', async (_req, res) => {
        try {
          const pending = await pendingMigrations(orm);
          if (pending.length > 0) {
            res.status(503).json({ status: 'migrations pending', subgraph: name, pending });
          } else {
            res.json({ status: 'ok', subgraph: name });
          }
        } catch (error) {
          res.status(503).json({ status: 'unavailable', subgraph: name, error: (error as Error).message });
        }
      });
      // Only the gateway's POSTs reach a subgraph: nothing revalidates, so no ETag hash of every response.
      app.set('etag', false);
      app.use(
        '/graphql',
        // The gateway's (or a calling subgraph's) trace goes on here, until the answer has been sent.
        (req, res, next) =>
          serverSpan(`subgraph ${name}`, req.headers, { 'finsam.service': name }, (span) => {
            res.on('finish', () => endSpan(span));
            next();
          }),
        express.json({ limit: '1mb' }),
        // Its statements learn whether it is a query (`readsMarked`).
        (_req, _res, next) => serveRequest({ reads: false }, next),
        graphqlOverHttp(apollo, {
          // The gateway's request id (or one of our own for a caller that sent none), back in the header.
          context: async ({ req, res }) => {
            const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
            res.setHeader(REQUEST_ID_HEADER, requestId);
            return createContext(req.headers.authorization, requestId);
          },
        }),
      );

      await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
      const { port: actual } = httpServer.address() as AddressInfo;
      const log = createLogger(name);
      const warmedUp = (warmUp?.(orm, log) ?? Promise.resolve()).then(
        () => undefined,
        (error: unknown) => log.error('warm-up stopped; requests compute what it had not', { err: error }),
      );
      return {
        url: `http://${host}:${actual}/graphql`,
        stop: () => apollo.stop(),
        warmedUp,
      };
    },
  };
}

/**
 * A subgraph's demo data (`src/demo/seed.ts`), written into its own database as the owner after the
 * migrations, when the platform starts with the demo. It must be idempotent: it runs on every start.
 */
export type SubgraphSeed = (orm: PostgresOrm, secrets: Record<string, string>) => Promise<void>;

/** The one place a subgraph's schema is built (once) and its server made: every server.ts calls this. */
export function defineSubgraph(definition: {
  name: string;
  builder: SubgraphBuilder;
  /** What the database setup needs to know about this subgraph. */
  database: Pick<OrmOptions, 'entities' | 'migrations'>;
  /** Its demo data, if it has any. */
  seed?: SubgraphSeed;
  /** Work done in the background after it listens. */
  warmUp?: WarmUp;
}) {
  const { name, builder, database, seed, warmUp } = definition;
  let schema: GraphQLSchema | undefined;
  const buildSchema = (): GraphQLSchema =>
    (schema ??= nullableWhereOwnedElsewhere(
      describeGenerated(
        checkIdArguments(
          builder.toSubGraphSchema({
            linkUrl: 'https://specs.apollo.dev/federation/v2.6',
            directives: subgraphDirectives,
          }),
        ),
      ),
    ));
  return {
    name,
    database,
    seed,
    buildSchema,
    createServer: (options: SubgraphRuntime) =>
      createSubgraphServer({ name, schema: buildSchema(), warmUp, ...options }),
  };
}
