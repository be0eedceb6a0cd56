/**
 * The comparison point: @apollo/gateway and @apollo/server as their docs set them up, with
 * nothing tuned — default fetcher (make-fetch-happen), default plugins. It verifies users and
 * signs internal tokens like the platform's gateway (the subgraphs accept nothing else): the
 * token against the trusted issuers, the person's access from the directory (governance's
 * `resolveAccess`, kept 10 s per person) — but has no query limits and does not remember
 * verified tokens, so any gap it shows is what the tuning buys, not armor's cost.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { directory } from '@finsam/gateway/access.js';
import {
  FORBUND_HEADER,
  type GatewayContext,
  type GatewayOptions,
  InternalTokenDataSource,
} from '@finsam/gateway/gateway.js';
import { trustedIssuers } from '@finsam/gateway/issuers.js';
import { ANONYMOUS, type Identity } from '@finsam/kit/identity.js';
import { type InternalSigner, internalSigner } from '@finsam/kit/internal-token.js';
import express from 'express';

/**
 * Who a bearer token's holder is, found as the platform's gateway finds it: verified against
 * the trusted issuers (bootstrap and the directory's), then asked of the directory.
 */
export function platformIdentities(
  options: GatewayOptions,
  sign: InternalSigner,
): (token: string, forbundId?: string | null) => Promise<Identity> {
  const people = directory({
    url: options.subgraphUrls.governance!,
    sign,
    cacheSeconds: options.identity.accessCacheSeconds,
  });
  const issuers = trustedIssuers({ bootstrap: options.identity.issuers, fromDirectory: () => people.issuers() });
  return async (token, forbundId = null) => people.identityOf(await issuers.verify(token), forbundId);
}

export async function startDefaultGateway(
  options: GatewayOptions,
  port = 0,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const sign = await internalSigner(options.internalPrivateKey);
  const identify = platformIdentities(options, sign);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new InternalTokenDataSource(name, sign, { url: options.subgraphUrls[name] ?? url! }),
  });
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({ gateway });
  await apollo.start();
  app.use(
    '/graphql',
    express.json(),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const forbund = req.headers[FORBUND_HEADER];
        return {
          identity: req.headers.authorization
            ? await identify(
                req.headers.authorization.slice('Bearer '.length),
                typeof forbund === 'string' ? forbund.toLowerCase() : null,
              )
            : ANONYMOUS,
        };
      },
    }),
  );
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  const { port: actual } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${actual}/graphql`, stop: () => apollo.stop().then(() => void httpServer.close()) };
}
