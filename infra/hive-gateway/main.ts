/**
 * Hive Gateway in production, from the same environment as the platform's gateway (gateway/src/main.ts):
 * PORT, SUPERGRAPH_PATH, SUBGRAPH_URLS, INTERNAL_PRIVATE_KEY, OIDC_ISSUERS, ACCESS_CACHE_SECONDS, CORS_ORIGINS,
 * NODE_ENV=production. Run: `node --import tsx infra/hive-gateway/main.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSubgraphUrls } from '@finsam/kit/service-client.js';
import { createHiveGateway } from './gateway.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

const supergraphPath =
  process.env.SUPERGRAPH_PATH ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema/supergraph.graphql');
const gateway = await createHiveGateway({
  supergraphSdl: fs.readFileSync(supergraphPath, 'utf8'),
  subgraphUrls: parseSubgraphUrls(process.env.SUBGRAPH_URLS),
  internalPrivateKey: JSON.parse(required('INTERNAL_PRIVATE_KEY')),
  identity: {
    issuers: JSON.parse(required('OIDC_ISSUERS')),
    accessCacheSeconds: Number(process.env.ACCESS_CACHE_SECONDS ?? 10),
  },
  corsOrigins: (process.env.CORS_ORIGINS ?? '').split(',').filter(Boolean),
  production: process.env.NODE_ENV === 'production',
});
const running = await gateway.listen(Number(process.env.PORT ?? 4000), '0.0.0.0');
const stop = async () => {
  await running.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
