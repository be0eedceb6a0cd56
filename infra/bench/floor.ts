/**
 * The SQL floor: what the database alone costs for an operation. The subgraphs record the SQL
 * statements one request sends (kit `recordSqlStatements`: text, parameters, which client sent
 * it); here they are grouped into sessions — one client's statements in the order sent, so a
 * transaction with its `set_config` tenant settings stays whole — and replayed on pg pools as the
 * app role, session after session. load.ts runs that in a closed loop; test/bench-floor.test.ts
 * checks a replay returns what the subgraph read.
 */
import type { DatabaseConnection } from '@finsam/kit/database.js';
import type { RecordedStatement } from '@finsam/kit/telemetry.js';
import { createPostgreSqlTypeParsers } from '@mikro-orm/postgresql';
import pg from 'pg';

/** One client's statements during one request, in the order sent. */
export interface Session {
  database: string;
  statements: { text: string; values: (string | null)[] }[];
}

/**
 * Groups statements by (database, client), the sessions in the order of their first statement.
 * Records from several processes (one per subgraph) are concatenated; their client numbers are
 * their own, so the database is part of the key.
 */
export function sessions(recorded: readonly RecordedStatement[]): Session[] {
  const byClient = new Map<string, Session>();
  for (const { database, connection, text, values } of recorded) {
    const key = `${database}\u0000${connection}`;
    let session = byClient.get(key);
    if (!session) {
      session = { database, statements: [] };
      byClient.set(key, session);
    }
    session.statements.push({ text, values });
  }
  return [...byClient.values()];
}

/**
 * A pool as the subgraphs' (MikroORM's) own: the same type parsers (dates and timestamps as text,
 * arrays parsed), so the replay reads rows as they did and spends what they spend on them.
 */
export function floorPool(connection: DatabaseConnection, max: number): pg.Pool {
  const types = new pg.TypeOverrides();
  // text[]: an array literal into its elements as text, as postgres-array (MikroORM's) reads it.
  const TEXT_ARRAY = 1009 as Parameters<typeof pg.types.getTypeParser>[0];
  const textArray = pg.types.getTypeParser(TEXT_ARRAY, 'text') as (value: string) => string[];
  for (const [oid, parse] of Object.entries(createPostgreSqlTypeParsers((value) => textArray(value)))) {
    types.setTypeParser(Number(oid), parse as (value: string) => unknown);
  }
  return new pg.Pool({ ...connection, database: connection.dbName, max, types });
}

/** Replays the sessions one after another, each on a client of its database's pool; the rows of every statement. */
export async function replay(pools: ReadonlyMap<string, pg.Pool>, all: readonly Session[]): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for (const session of all) {
    const pool = pools.get(session.database);
    if (!pool) {
      throw new Error(`No pool for database ${session.database}`);
    }
    const client = await pool.connect();
    try {
      for (const { text, values } of session.statements) {
        // A subgraph's statement in a query goes with its settings as one simple query (`select set_config(…);
        // <statement>`, kit database.ts): its rows are the last result's.
        const result = (await client.query(text, values)) as pg.QueryResult | pg.QueryResult[];
        rows.push((Array.isArray(result) ? result.at(-1)! : result).rows);
      }
    } finally {
      client.release();
    }
  }
  return rows;
}
