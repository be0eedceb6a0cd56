/**
 * The gateway's settings from the environment, for the platform's gateway (main.ts) and Hive Gateway
 * (infra/hive-gateway/main.ts) alike:
 *   PORT                  listen port (4000)
 *   SUPERGRAPH_PATH       composed supergraph (schema/supergraph.graphql)
 *   SUBGRAPH_URLS         "governance=http://governance:4004/graphql,…" (default: URLs in the supergraph)
 *   INTERNAL_PRIVATE_KEY  JWK (JSON) the gateway signs internal tokens with
 *   OIDC_ISSUERS          JSON: the identity providers trusted from the start,
 *                         [{"issuer":"https://…","audience":"finsam-graph","algorithms":["RS256"]}]; more are
 *                         registered in the directory by the platform administrator (registerTrustedIssuer)
 *   ACCESS_KEEP_SECONDS   how long a person's access is kept while changes are heard (600)
 *   ACCESS_EVENTS_URL     postgres://finsam_gateway:…@host/governance — the directory's database, where every change
 *                         of access is announced: while the instance hears them, a person's access is kept up to
 *                         ACCESS_KEEP_SECONDS (600) and a change takes effect at once (access.ts)
 *   ACCESS_CACHE_SECONDS  how long a person's access is kept without ACCESS_EVENTS_URL or while not hearing it (10):
 *                         a change made elsewhere shows within this
 *   CORS_ORIGINS          browser origins allowed to call the graph, comma-separated
 *   SUBGRAPH_TIMEOUT_SECONDS  how long a subgraph has to answer one fetch (10)
 *   CACHE_EVENTS_URL      postgres://finsam_gateway:…@host/postgres — required with more than one instance: every
 *                         instance hears of writes through the others at once (cache-events.ts)
 *   CACHE_EVENTS_CHANNEL  the LISTEN/NOTIFY channel all instances of one platform share (finsam_cache)
 *   NODE_ENV=production   no introspection, no suggestions, no stack traces
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from '@finsam/kit/server.js';
import { parseSubgraphUrls } from '@finsam/kit/service-client.js';
import type { GatewayOptions } from './gateway.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

export function gatewayOptionsFromEnvironment(): GatewayOptions {
  const supergraphPath =
    process.env.SUPERGRAPH_PATH ??
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema/supergraph.graphql');
  return {
    supergraphSdl: fs.readFileSync(supergraphPath, 'utf8'),
    subgraphUrls: parseSubgraphUrls(process.env.SUBGRAPH_URLS),
    internalPrivateKey: JSON.parse(required('INTERNAL_PRIVATE_KEY')),
    identity: {
      issuers: JSON.parse(required('OIDC_ISSUERS')),
      accessCacheSeconds: Number(process.env.ACCESS_CACHE_SECONDS ?? 10),
      accessKeepSeconds: Number(process.env.ACCESS_KEEP_SECONDS ?? 600),
      ...(process.env.ACCESS_EVENTS_URL ? { accessEvents: { connectionString: process.env.ACCESS_EVENTS_URL } } : {}),
    },
    corsOrigins: (process.env.CORS_ORIGINS ?? '').split(',').filter(Boolean),
    subgraphTimeoutSeconds: Number(process.env.SUBGRAPH_TIMEOUT_SECONDS ?? 10),
    production: process.env.NODE_ENV === 'production',
    responseCache: process.env.CACHE_EVENTS_URL
      ? {
          events: {
            connection: { connectionString: process.env.CACHE_EVENTS_URL },
            channel: process.env.CACHE_EVENTS_CHANNEL ?? 'finsam_cache',
          },
        }
      : {},
  };
}

/** Listens on PORT (4000) on every interface until SIGTERM or SIGINT. */
export async function listenUntilStopped(gateway: { listen(port: number, host: string): Promise<RunningServer> }) {
  const running = await gateway.listen(Number(process.env.PORT ?? 4000), '0.0.0.0');
  const stop = async () => {
    await running.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
