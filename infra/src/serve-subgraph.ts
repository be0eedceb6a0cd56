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
 * Migrations run separately, as the owner: `tsx infra/src/migrate.ts <name>`.
 */
import { parseSubgraphUrls } from '@finsam/kit/service-client.js';
import { startTracing } from '@finsam/kit/telemetry.js';
import { connectionFromUrl } from './postgres.js';
import { serveSubgraph } from './subgraph-server.js';
import { SUBGRAPHS } from './subgraphs.js';

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
const running = await serveSubgraph(subgraph, {
  connection: { ...connection, dbName },
  keys: {
    gatewayPublicJwk: JSON.parse(gateway),
    servicePublicJwks: JSON.parse(callers),
    servicePrivateJwk: JSON.parse(servicePrivate),
  },
  subgraphUrls: parseSubgraphUrls(process.env.SUBGRAPH_URLS),
  secrets: Object.fromEntries(
    ['PERSON_KEY', 'PERSON_HMAC_KEY'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])),
  ),
  production: process.env.NODE_ENV === 'production',
  port: Number(process.env.PORT ?? subgraph.port),
  host: '0.0.0.0',
});
console.log(JSON.stringify({ level: 'info', service: subgraph.name, msg: 'listening', url: running.url }));
const stop = async () => {
  await running.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
