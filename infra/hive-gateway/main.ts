/**
 * Hive Gateway in production, from the same environment as the platform's gateway (gateway/src/environment.ts:
 * PORT, SUPERGRAPH_PATH, SUBGRAPH_URLS, INTERNAL_PRIVATE_KEY, OIDC_ISSUERS, ACCESS_CACHE_SECONDS, CORS_ORIGINS,
 * NODE_ENV=production; the response cache settings do not apply). Run: `node --import tsx infra/hive-gateway/main.ts`.
 */
import { gatewayOptionsFromEnvironment, listenUntilStopped } from '@finsam/gateway/environment.js';
import { createHiveGateway } from './gateway.js';

await listenUntilStopped(await createHiveGateway(gatewayOptionsFromEnvironment()));
