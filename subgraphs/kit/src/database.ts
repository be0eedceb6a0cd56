/**
 * Database setup shared by every subgraph: one database per subgraph on one cluster,
 * two roles — the owner (runs migrations, owns tables) and the app role the subgraph
 * connects as (owns nothing, no BYPASSRLS, so RLS binds it).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type MikroORM as AnyOrm, type Configuration, DataloaderType, type MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import {
  defineConfig,
  MikroORM,
  type Options,
  PostgreSqlConnection,
  PostgreSqlDriver,
  type Transaction,
} from '@mikro-orm/postgresql';
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

type BeginOptions = Parameters<PostgreSqlConnection['begin']>[0];
type KyselyDialect = ReturnType<PostgreSqlConnection['createKyselyDialect']>;

/** A string as an SQL literal (as libpq's PQescapeLiteral: quotes doubled, and backslashes in an E'' string). */
export function sqlLiteral(value: string): string {
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? ` E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/** The `set_config` statement to send with the `begin` being made in this async context. */
const settingsWithBegin = new AsyncLocalStorage<string>();

/**
 * The tenant and the acting user are set per transaction (tenant.ts): MikroORM sends `begin`, then
 * `select set_config(…, true)`, then the statement, then `commit`, for every statement of a scoped
 * fork. This connection sends the first two as one simple query (`begin; select set_config(…)`):
 * one round trip less per statement, the same transaction-local settings. The values go in as
 * literals (`sqlLiteral`), as a simple query takes no parameters.
 */
class SettingsWithBeginConnection extends PostgreSqlConnection {
  override async begin(options: BeginOptions = {}): Promise<Transaction> {
    const session = options.sessionContext;
    const variables = Object.entries(session?.variables ?? {});
    // A savepoint, a role, an isolation level or a read-only transaction: MikroORM's own way.
    if (
      options.ctx ||
      !session ||
      session.role ||
      variables.length === 0 ||
      options.isolationLevel ||
      options.readOnly
    ) {
      return super.begin(options);
    }
    const settings = variables
      .map(
        ([key, value]) => `set_config(${sqlLiteral(key)}, ${sqlLiteral(this.stringifySessionVariable(value))}, true)`,
      )
      .join(', ');
    return settingsWithBegin.run(`select ${settings}`, () => super.begin({ ...options, sessionContext: undefined }));
  }

  override createKyselyDialect(overrides: Parameters<PostgreSqlConnection['createKyselyDialect']>[0]): KyselyDialect {
    const dialect = super.createKyselyDialect(overrides);
    const createDriver = dialect.createDriver.bind(dialect);
    dialect.createDriver = () => {
      const driver = createDriver();
      const begin = driver.beginTransaction.bind(driver);
      driver.beginTransaction = async (connection, settings) => {
        const setConfig = settingsWithBegin.getStore();
        if (setConfig === undefined) {
          return begin(connection, settings);
        }
        statements++;
        this.logQuery(setConfig);
        // kysely's own `begin`, with the settings after it in the same query.
        const execute = connection.executeQuery.bind(connection);
        const withSettings: typeof connection = {
          executeQuery: (query, options) => execute({ ...query, sql: `${query.sql}; ${setConfig}` }, options),
          streamQuery: connection.streamQuery.bind(connection),
        };
        try {
          await begin(withSettings, settings);
        } catch (error) {
          // A failed `set_config` leaves the transaction open and aborted: end it before the pool takes the
          // connection back; the first failure is the one to report.
          try {
            await driver.rollbackTransaction(connection);
          } catch (rollbackError) {
            log.warn('rollback after a failed begin failed', { err: rollbackError });
          }
          throw error;
        }
      };
      return driver;
    };
    return dialect;
  }
}

/** PostgreSQL with `SettingsWithBeginConnection`. */
class FinsamPostgreSqlDriver extends PostgreSqlDriver {
  constructor(config: Configuration) {
    super(config);
    (this as unknown as { connection: PostgreSqlConnection }).connection = new SettingsWithBeginConnection(config);
  }
}

export function ormOptions({ connection, entities, migrations, poolMax = 10, timeouts }: OrmOptions): Options {
  return defineConfig({
    host: connection.host,
    port: connection.port,
    user: connection.user,
    password: connection.password,
    dbName: connection.dbName,
    entities,
    driver: FinsamPostgreSqlDriver,
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
