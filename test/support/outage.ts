/**
 * A stand-in for one subgraph that passes requests on, or drops each connection as a stopped
 * process would: tests switch it off and on to see what the graph answers meanwhile. It can also
 * hold requests back until told, and keeps the body of each request it was sent (the query plan's
 * fetches, as the gateway sent them).
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SwitchableSubgraph {
  url: string;
  /** Drop every request while `down`; while `held` is set, pass requests on only once it resolves. */
  state: { down: boolean; held?: Promise<void> };
  /** The body of every request received, in order. */
  requests: string[];
  /** Emits `answered` each time an answer has been passed back in full. */
  events: EventEmitter;
  close(): void;
}

export async function switchableSubgraph(subgraphUrl: string): Promise<SwitchableSubgraph> {
  const target = new URL(subgraphUrl);
  const state: SwitchableSubgraph['state'] = { down: false };
  const requests: string[] = [];
  const events = new EventEmitter();
  const server = http.createServer((req, res) => {
    if (state.down) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      requests.push(body.toString('utf8'));
      await state.held;
      const upstream = http.request(
        { host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', () => events.emit('answered'));
        },
      );
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    state,
    requests,
    events,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
