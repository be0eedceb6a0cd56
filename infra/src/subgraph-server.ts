/**
 * One subgraph up: its ORM connected as the app role, its server listening. `startPlatform`
 * (all five in one process), `serve-subgraph.ts` (one per container) and the benchmark's
 * subgraph processes all start a subgraph through here.
 */

import { type DatabaseConnection, openOrm, servingTimeouts } from '@finsam/kit/database.js';
import type { RunningSubgraph, SubgraphKeys } from '@finsam/kit/server.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphModule } from './subgraphs.js';

export interface ServeOptions {
  /** The subgraph's own database, as the app role (not the owner). */
  connection: DatabaseConnection;
  keys: SubgraphKeys;
  /** Where the other subgraphs answer; read at request time, so it may be filled in later. */
  subgraphUrls: Record<string, string>;
  secrets?: Record<string, string>;
  production?: boolean;
  /** 0 picks a free one. */
  port: number;
  host?: string;
}

export interface ServedSubgraph extends RunningSubgraph {
  orm: MikroORM;
}

export async function serveSubgraph(subgraph: SubgraphModule, options: ServeOptions): Promise<ServedSubgraph> {
  const { connection, keys, subgraphUrls, secrets, production = false, port, host } = options;
  const orm = await openOrm({ connection, ...subgraph.database, timeouts: servingTimeouts() });
  try {
    const server = await subgraph.createServer({ orm, keys, subgraphUrls, secrets, production });
    const running = await server.listen(port, host);
    return {
      url: running.url,
      orm,
      warmedUp: running.warmedUp,
      async stop() {
        await running.stop();
        await orm.close(true);
      },
    };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
