/**
 * One subgraph in its own process (forked by run.ts, one per subgraph), so no subgraph shares an
 * event loop with another or with the load and the gateways' differences are not hidden behind
 * them. It starts on a free port with no idea where the others are; run.ts then hands every
 * subgraph the whole URL map ('urls') before any request. It answers 'sql' with the statements
 * it has sent so far, for the per-request counts, and records the statements themselves between
 * 'record' and 'recorded' (the SQL floor).
 */
import { type DatabaseConnection, sqlStatementCount } from '@finsam/kit/database.js';
import type { SubgraphKeys } from '@finsam/kit/server.js';
import { type RecordedStatement, recordSqlStatements } from '@finsam/kit/telemetry.js';
import { serveSubgraph } from '../src/subgraph-server.js';
import { SUBGRAPHS } from '../src/subgraphs.js';
import { childConfig, serveBench } from './ipc.js';

export interface SubgraphConfig {
  name: string;
  /** The subgraph's own database, as the app role. */
  connection: DatabaseConnection;
  keys: SubgraphKeys;
  secrets: Record<string, string>;
}

const config = childConfig<SubgraphConfig>();
const subgraph = SUBGRAPHS.find((s) => s.name === config.name)!;
// Service calls read this at request time: filled in when the bench sends the map.
const subgraphUrls: Record<string, string> = {};
const served = await serveSubgraph(subgraph, {
  connection: config.connection,
  keys: config.keys,
  secrets: config.secrets,
  subgraphUrls,
  port: 0,
});
let recorder: { stop(): RecordedStatement[] } | undefined;
serveBench(
  served.url,
  {
    urls: (urls) => void Object.assign(subgraphUrls, urls),
    sql: () => sqlStatementCount(),
    record: () => {
      recorder = recordSqlStatements();
    },
    recorded: () => recorder?.stop() ?? [],
  },
  served.stop,
);
