/**
 * A second, supported gateway: Hive Gateway (The Guild) on the committed supergraph, crossing the
 * subgraphs' trust boundary exactly as the platform's gateway does — the caller identified by the
 * same piece (gateway/src/callers.ts: trusted issuers, the directory), one internal token per subgraph
 * fetch signed by the kit's signer, the request id passed on. What Hive does by default and the
 * platform must not:
 * - in-flight deduplication of identical subgraph reads is off, so every read of a person reaches
 *   participants and is audited (ten concurrent reads, ten audit rows each);
 * - no response cache (Hive's would need a session key, and people's answers must never be kept);
 * - introspection off and errors masked in production; no GraphiQL or landing page; CORS only for
 *   the configured origins; the platform's query limits (graphql-armor's envelop plugins).
 * `main.ts` runs it from the same environment as gateway/src/main.ts.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { callers, FORBUND_HEADER } from '@finsam/gateway/callers.js';
import type { GatewayOptions } from '@finsam/gateway/gateway.js';
import { limits } from '@finsam/gateway/limits.js';
import { ANONYMOUS, type Identity } from '@finsam/kit/identity.js';
import { createLogger, REQUEST_ID_HEADER, requestIdFrom } from '@finsam/kit/log.js';
import type { RunningServer } from '@finsam/kit/server.js';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { type DocumentNode, Kind, type OperationDefinitionNode, type SelectionNode } from 'graphql';

export type HiveGatewayOptions = Pick<
  GatewayOptions,
  'supergraphSdl' | 'subgraphUrls' | 'internalPrivateKey' | 'identity' | 'corsOrigins' | 'production' | 'limits'
>;

interface CallerContext {
  identity: Identity;
  requestId: string;
}

export async function createHiveGateway(options: HiveGatewayOptions) {
  const production = options.production ?? false;
  const logger = createLogger('hive-gateway');
  const { sign, identify, afterMutation } = await callers({
    subgraphUrls: options.subgraphUrls,
    internalPrivateKey: options.internalPrivateKey,
    identity: options.identity,
    logger,
  });
  // The platform's limits; Hive has no token-counting parser option, so armor counts tokens here.
  const armor = new EnvelopArmor(limits(production, { maxTokens: { n: 2000 }, ...options.limits })).protect();

  const identifyCaller: GatewayPlugin<CallerContext> = {
    async onContextBuilding({ context, extendContext }) {
      const request = (context as { request: Request }).request;
      const headers = Object.fromEntries(request.headers.entries());
      const requestId = requestIdFrom(headers[REQUEST_ID_HEADER]) ?? randomUUID();
      const log = logger.child({ requestId });
      extendContext({ identity: await identify(headers, { requestId, log }), requestId });
    },
    onExecute({ args }) {
      const operation = (args.document as DocumentNode).definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      if (operation?.operation !== 'mutation') {
        return;
      }
      const fields = operation.selectionSet.selections.flatMap((s: SelectionNode) =>
        s.kind === Kind.FIELD ? [s.name.value] : [],
      );
      return {
        async onExecuteDone() {
          await afterMutation(fields);
        },
      };
    },
  };

  const runtime = createGatewayRuntime<CallerContext>({
    supergraph: options.supergraphSdl,
    transportEntries: {
      ...Object.fromEntries(Object.entries(options.subgraphUrls).map(([name, location]) => [name, { location }])),
      // Identical reads of one person by one caller are each audited: never merged into one fetch.
      '*.http': { options: { deduplicateInflightRequests: false } },
    },
    propagateHeaders: {
      // The subgraphs trust only this: a token the gateway signed for that subgraph, naming the caller.
      fromClientToSubgraphs: async ({ context, subgraphName }) => ({
        authorization: `Bearer ${await sign(context.identity ?? ANONYMOUS, subgraphName)}`,
        [REQUEST_ID_HEADER]: context.requestId,
      }),
    },
    plugins: () => [identifyCaller, ...(armor.plugins as GatewayPlugin<CallerContext>[])],
    graphiql: false,
    landingPage: false,
    disableIntrospection: production ? {} : undefined,
    maskedErrors: production,
    cors: {
      origin: options.corsOrigins ?? [],
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['authorization', 'content-type', FORBUND_HEADER, REQUEST_ID_HEADER],
      exposedHeaders: [REQUEST_ID_HEADER],
      credentials: false,
      maxAge: 600,
    },
    logging: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'error',
  });

  return {
    runtime,
    async listen(port = 0, host = '127.0.0.1'): Promise<RunningServer> {
      const server = http.createServer(runtime);
      await new Promise<void>((resolve) => server.listen(port, host, resolve));
      const { port: actual } = server.address() as AddressInfo;
      logger.info('hive gateway listening', { url: `http://${host}:${actual}/graphql` });
      return {
        url: `http://${host}:${actual}/graphql`,
        async stop() {
          await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
          await runtime.dispose();
        },
      };
    },
  };
}
