/**
 * A stand-in for one subgraph that passes requests on, or drops each connection as a stopped
 * process would: tests switch it off and on to see what the graph answers meanwhile.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SwitchableSubgraph {
  url: string;
  /** Drop every request while true. */
  state: { down: boolean };
  close(): void;
}

export async function switchableSubgraph(subgraphUrl: string): Promise<SwitchableSubgraph> {
  const target = new URL(subgraphUrl);
  const state = { down: false };
  const server = http.createServer((req, res) => {
    if (state.down) {
      req.socket.destroy();
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    state,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
