/**
 * Production entry point of one subgraph: `tsx infra/src/serve-subgraph.ts <name>`.
 *   PORT                 listen port (the subgraph's default)
 *   DATABASE_URL         the subgraph's own database, as the app role (not the owner)
 *   INTERNAL_PUBLIC_KEY  JWK (JSON) of the gateway's internal-token key, or an array of two during a rollover
 *   SERVICE_PRIVATE_KEY  JWK (JSON): this subgraph's own service-call signing key
 *   SERVICE_PUBLIC_KEYS  JSON object: the public JWK (or an array of two) of each subgraph that may call this
 *                        one, e.g. {"teams": {...}, "finance": [{...}, {...}]}; "{}" when none may
 *   SUBGRAPH_URLS        "teams=http://teams:4002/graphql,…" for service calls
 *   PERSON_KEY, PERSON_HMAC_KEY  participants: base64 keys for persons' identifying fields (32 bytes each)
 *   NODE_ENV=production  no introspection, no stack traces
 *   OTEL_EXPORTER_OTLP_ENDPOINT  traces to this OTLP/HTTP collector (off when unset); metrics at /metrics
 *   HOST                 listen address (0.0.0.0; `npm start` uses 127.0.0.1)
 * Migrations run separately, as the owner: `node infra/dist/migrate.js <name>` (infra/README.md, Production).
 * Started by `npm start`'s supervisor (infra/src/supervisor.ts) it also talks over the IPC channel: it says where it
 * listens, takes the other subgraphs' addresses as they change, and stops when the supervisor goes away.
 * A failed start is one sentence on stderr and exit code 1.
 */
import { createLogger } from '@finsam/kit/log.js';
import { parseSubgraphUrls } from '@finsam/kit/service-client.js';
import { startTracing } from '@finsam/kit/telemetry.js';
import { connectionFromUrl } from './postgres.js';
import { serveSubgraph } from './subgraph-server.js';
import { SUBGRAPHS } from './subgraphs.js';
import type { SupervisorMessage } from './supervisor.js';

const subgraph = SUBGRAPHS.find((s) => s.name === process.argv[2]);
if (!subgraph) {
  console.error(`Usage: serve-subgraph <${SUBGRAPHS.map((s) => s.name).join('|')}>`);
  process.exit(2);
}
startTracing({ service: subgraph.name });
const {
  DATABASE_URL: url,
  INTERNAL_PUBLIC_KEY: gateway,
  SERVICE_PUBLIC_KEYS: callers,
  SERVICE_PRIVATE_KEY: servicePrivate,
} = process.env;
if (process.env.SERVICE_PUBLIC_KEY) {
  console.error(
    'SERVICE_PUBLIC_KEY (one service key shared by every subgraph) is no longer read: give each subgraph its own ' +
      'SERVICE_PRIVATE_KEY, and SERVICE_PUBLIC_KEYS with the public keys of the subgraphs that call it ' +
      '(infra/README.md, Production).',
  );
  process.exit(2);
}
if (!url || !gateway || !callers || !servicePrivate) {
  console.error('DATABASE_URL, INTERNAL_PUBLIC_KEY, SERVICE_PUBLIC_KEYS and SERVICE_PRIVATE_KEY must be set');
  process.exit(2);
}
const { database: dbName, ...connection } = connectionFromUrl(url);
const port = Number(process.env.PORT ?? subgraph.port);
const subgraphUrls = parseSubgraphUrls(process.env.SUBGRAPH_URLS);
const running = await serveSubgraph(subgraph, {
  connection: { ...connection, dbName },
  keys: {
    gatewayPublicJwk: JSON.parse(gateway),
    servicePublicJwks: JSON.parse(callers),
    servicePrivateJwk: JSON.parse(servicePrivate),
  },
  subgraphUrls,
  secrets: Object.fromEntries(
    ['PERSON_KEY', 'PERSON_HMAC_KEY'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])),
  ),
  production: process.env.NODE_ENV === 'production',
  port,
  host: process.env.HOST ?? '0.0.0.0',
}).catch((error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `The ${subgraph.name} subgraph cannot listen: port ${port} is taken by another program.`
      : `The ${subgraph.name} subgraph did not start: ${String(error.message).split('\n')[0]}`,
  );
  process.exit(1);
});
createLogger(subgraph.name).info('listening', { url: running.url });
let stopping = false;
const stop = async () => {
  if (stopping) {
    return;
  }
  stopping = true;
  await running.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (process.send) {
  process.send({ type: 'listening', url: running.url } satisfies SupervisorMessage);
  process.on('message', (message: SupervisorMessage) => {
    if (message.type === 'subgraph-urls') {
      Object.assign(subgraphUrls, message.urls);
    }
  });
  // The supervisor is gone (ended, or killed): no one restarts or stops this process any more.
  process.on('disconnect', stop);
}
