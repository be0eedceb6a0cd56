/**
 * The comparison point: @apollo/gateway and @apollo/server as their docs set them up, with
 * nothing tuned — default fetcher (make-fetch-happen), default plugins. It verifies users and
 * signs internal tokens like the platform's gateway (the subgraphs accept nothing else), but
 * has no query limits, so any gap it shows is what the tuning buys, not armor's cost.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { type GatewayContext, type GatewayOptions, InternalTokenDataSource } from '@finsam/gateway/gateway.js';
import { userTokenVerifier } from '@finsam/gateway/user-token.js';
import { ANONYMOUS } from '@finsam/kit/identity.js';
import { internalSigner } from '@finsam/kit/internal-token.js';
import express from 'express';

export async function startDefaultGateway(
  options: GatewayOptions,
  port = 0,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const sign = await internalSigner(options.internalPrivateKey);
  const verify = userTokenVerifier(options.userTokens);
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
      context: async ({ req }) => ({
        identity: req.headers.authorization
          ? await verify(req.headers.authorization.slice('Bearer '.length))
          : ANONYMOUS,
      }),
    }),
  );
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  const { port: actual } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${actual}/graphql`, stop: () => apollo.stop().then(() => void httpServer.close()) };
}
