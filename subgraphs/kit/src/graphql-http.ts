/** GraphQL over HTTP on express for the gateway and every subgraph: one handler, written once. */
import type { ApolloServer, BaseContext, ContextFunction } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type express from 'express';

/**
 * @as-integrations/express5's `expressMiddleware`, less two costs of every request: the search part of the URL
 * is cut off, not found by the legacy `url.parse`, and the answer goes out with `res.end`, not express's
 * `res.send` (which copies a long answer into a Buffer and parses its Content-Type again).
 */
export function graphqlOverHttp<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  { context }: { context: ContextFunction<[{ req: express.Request; res: express.Response }], TContext> },
): express.RequestHandler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) {
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
    }
    const query = req.url.indexOf('?');
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: query < 0 ? '' : req.url.slice(query),
        body: req.body,
      },
      context: () => context({ req, res }),
    });
    for (const [name, value] of answer.headers) {
      res.setHeader(name, value);
    }
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) {
      res.write(chunk);
    }
    res.end();
  };
}
