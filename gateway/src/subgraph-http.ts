/**
 * The gateway's subgraph fetches, on node:http with a keep-alive agent per subgraph. Node's fetch
 * (undici) builds WHATWG Request, Headers and body streams around every fetch and writes a request
 * in several pieces; @apollo/gateway's data source adds node-fetch's Request and Headers on top. One
 * POST here is one socket write and one Buffer of answer: about a fifth of the gateway's CPU per
 * dashboard (gateway/README.md, Performance).
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

export interface SubgraphAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export class SubgraphTimeoutError extends Error {}

/** Posts to one subgraph over the connections it keeps open. */
export function subgraphPoster(url: string, timeoutSeconds: number) {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const transport = secure ? https : http;
  // Connections stay open between fetches; Node drops an idle one before the server's keep-alive hint runs out.
  const agent = new transport.Agent({ keepAlive: true });
  const base = {
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port || (secure ? 443 : 80),
    path: `${target.pathname}${target.search}`,
    method: 'POST',
    agent,
  };
  return {
    post(headers: Record<string, string>, body: string): Promise<SubgraphAnswer> {
      return new Promise((resolve, reject) => {
        const request = transport.request(
          { ...base, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () => {
              clearTimeout(timer);
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              });
            });
          },
        );
        // A subgraph that hangs is an error after `timeoutSeconds`, not a request held open for minutes.
        const timer = setTimeout(
          () => request.destroy(new SubgraphTimeoutError(`no answer within ${timeoutSeconds} s`)),
          timeoutSeconds * 1000,
        );
        request.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        request.end(body);
      });
    },
  };
}

/** The directives of a Cache-Control header (`max-age=10, private` → { 'max-age': '10', private: true }). */
export function cacheControlDirectives(header: string | undefined): Record<string, string | true> {
  const directives: Record<string, string | true> = {};
  for (const part of header?.split(',') ?? []) {
    const [name, value] = part.split('=', 2).map((s) => s.trim());
    if (name) {
      directives[name.toLowerCase()] = value === undefined ? true : value.replace(/^"|"$/g, '');
    }
  }
  return directives;
}
