/**
 * The gateway `npm start`, the tests and the bench run: it trusts the development identity
 * provider's issuers exactly as it would trust a production provider (discovery, JWKS, audience),
 * and signs internal tokens with the development key. The demo people and their grants are
 * governance's demo data (`subgraphs/governance/src/demo/people.ts`).
 */
import type { GatewayOptions } from '@finsam/gateway/gateway.js';
import type { IssuerConfig } from '@finsam/gateway/issuers.js';
import type { DevKeys } from './keys.js';

/** Vite's dev server for the web client (`web/`); the gateway serves the built client itself. */
export const DEV_CORS_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

export function devGatewayOptions(
  keys: DevKeys,
  supergraphSdl: string,
  subgraphUrls: Record<string, string>,
  issuers: IssuerConfig[],
): GatewayOptions {
  return {
    supergraphSdl,
    subgraphUrls,
    internalPrivateKey: keys.internal.privateJwk,
    identity: { issuers },
    corsOrigins: DEV_CORS_ORIGINS,
  };
}
