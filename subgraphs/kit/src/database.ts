/**
 * Database setup shared by every subgraph: one database per subgraph on one cluster,
 * two roles — the owner (runs migrations, owns tables) and the app role the subgraph
 * connects as (owns nothing, no BYPASSRLS, so RLS binds it).
 */
import { type MikroORM as AnyOrm, DataloaderType, type MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { createLogger } from './log.js';

const log = createLogger('database');

export const OWNER_ROLE = 'finsam_owner';
export const APP_ROLE = 'finsam_app';

let statements = 0;
/** SQL statements this process has sent so far; tests and benchmarks compare counts per request. */
export const sqlStatementCount = () => statements;

export interface DatabaseConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  dbName: string;
}

export interface OrmOptions {
  connection: DatabaseConnection;
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
  /** Pool size; small by default because every subgraph has its own pool. */
  poolMax?: number;
  /** Bound every statement, idle transaction and wait for a connection (serving); migrations and seeds run free. */
  timeouts?: DatabaseTimeouts;
}

/** Seconds, for a subgraph serving requests: a request never waits on the database for minutes. */
export interface DatabaseTimeouts {
  /** PostgreSQL `statement_timeout`. */
  statementSeconds: number;
  /** PostgreSQL `idle_in_transaction_session_timeout`: a transaction left open is ended. */
  idleInTransactionSeconds: number;
  /** Waiting for a connection from the pool (or a new one). */
  acquireSeconds: number;
}

const seconds = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** The serving timeouts: DB_STATEMENT_TIMEOUT_SECONDS (10), DB_IDLE_TRANSACTION_TIMEOUT_SECONDS (10),
 *  DB_ACQUIRE_TIMEOUT_SECONDS (5). */
export function servingTimeouts(): DatabaseTimeouts {
  return {
    statementSeconds: seconds('DB_STATEMENT_TIMEOUT_SECONDS', 10),
    idleInTransactionSeconds: seconds('DB_IDLE_TRANSACTION_TIMEOUT_SECONDS', 10),
    acquireSeconds: seconds('DB_ACQUIRE_TIMEOUT_SECONDS', 5),
  };
}

export function ormOptions({ connection, entities, migrations, poolMax = 10, timeouts }: OrmOptions): Options {
  return defineConfig({
    host: connection.host,
    port: connection.port,
    user: connection.user,
    password: connection.password,
    dbName: connection.dbName,
    entities,
    extensions: [Migrator],
    migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, snapshot: false },
    dataloader: DataloaderType.ALL,
    pool: { min: 0, max: poolMax },
    // Handed to pg's Pool and each of its clients.
    ...(timeouts
      ? {
          driverOptions: {
            statement_timeout: timeouts.statementSeconds * 1000,
            idle_in_transaction_session_timeout: timeouts.idleInTransactionSeconds * 1000,
            connectionTimeoutMillis: timeouts.acquireSeconds * 1000,
          },
        }
      : {}),
    // Migrations are the only schema authority; never discover the schema at start.
    ensureDatabase: false,
    allowGlobalContext: false,
    debug: process.env.FINSAM_SQL_DEBUG === '1',
    onQuery: (sql) => {
      statements++;
      return sql;
    },
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colours MikroORM writes
    logger: (message) => log.info(message.replace(/\u001b\[\d+m/g, '')),
  });
}

export function openOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormOptions(options));
}

/**
 * The migrations this version knows that the database has not applied, read as the app role (which may read
 * MikroORM's table but not create it, so not through the migrator).
 */
export async function pendingMigrations(orm: AnyOrm): Promise<string[]> {
  const withoutExtension = (name: string) => name.replace(/\.[jt]s$/, '');
  const known = (orm.config.get('migrations').migrationsList ?? []).map((m) => withoutExtension(m.name));
  const rows = (await orm.em.getConnection().execute('select name from mikro_orm_migrations')) as { name: string }[];
  const applied = new Set(rows.map((row) => withoutExtension(row.name)));
  return known.filter((name) => !applied.has(name));
}

/** Applies pending migrations as the owner. */
export async function migrate(options: OrmOptions): Promise<void> {
  const orm = await openOrm(options);
  try {
    await orm.migrator.up();
  } finally {
    await orm.close(true);
  }
}

/**
 * A PostgreSQL array literal for raw SQL parameters (`?::uuid[]`): for ids, codes and numbers,
 * which need no quoting.
 */
export const pgArray = (values: readonly (string | number | null)[]): string =>
  `{${values.map((v) => v ?? 'NULL').join(',')}}`;

/**
 * Raw SQL put together from pieces, with its parameters: `bind(value)` stands for a value in the
 * text, and `build(text)` turns the stand-ins into `?` placeholders with the values in the order
 * they appear, however the pieces were evaluated.
 */
export function sqlParameters() {
  const values: unknown[] = [];
  return {
    bind: (value: unknown): string => `\u0000${values.push(value) - 1}\u0000`,
    build(text: string): { sql: string; params: unknown[] } {
      const params: unknown[] = [];
      // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL marks a placeholder no SQL text can contain
      const sql = text.replace(/\u0000(\d+)\u0000/g, (_, n: string) => {
        params.push(values[Number(n)]);
        return '?';
      });
      return { sql, params };
    },
  };
}
