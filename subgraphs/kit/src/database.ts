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
import pg from 'pg';
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

/** The `select set_config(…, true)` of a session's variables, with the values as literals (for a simple query). */
function settingsStatement(variables: Record<string, unknown>, stringify: (value: unknown) => string): string {
  const settings = Object.entries(variables)
    .map(([key, value]) => `set_config(${sqlLiteral(key)}, ${sqlLiteral(stringify(value))}, true)`)
    .join(', ');
  return `select ${settings}`;
}

/** A subgraph request being served (`server.ts`): `reads` once its operation is known to be a query. */
export interface ServedRequest {
  reads: boolean;
}

const servedRequests = new AsyncLocalStorage<ServedRequest>();

/** Runs `fn` (a subgraph request) so that its statements know whether its operation reads only. */
export const serveRequest = <T>(request: ServedRequest, fn: () => T): T => servedRequests.run(request, fn);

/** The request being served here, if any. */
export const servedRequest = (): ServedRequest | undefined => servedRequests.getStore();

type TransactionalOptions = NonNullable<Parameters<PostgreSqlConnection['transactional']>[1]>;

/**
 * A statement that MikroORM wraps in a transaction only to set the session variables: its own wrap
 * (`withSessionContext`, the QueryBuilder's and the driver's) passes exactly these options; an explicit
 * `em.transactional` or a flush brings an event broadcaster, a savepoint its `ctx`.
 */
const onlyForSettings = (
  options: TransactionalOptions,
): options is TransactionalOptions & {
  sessionContext: { variables: Record<string, unknown> };
} => {
  const session = options.sessionContext;
  return (
    Object.entries(options).every(
      ([key, value]) => value === undefined || key === 'sessionContext' || key === 'loggerContext',
    ) &&
    session !== undefined &&
    !session.role &&
    Object.keys(session.variables ?? {}).length > 0
  );
};

interface PgClient {
  query(text: string): Promise<PgResult | PgResult[]>;
  release(error?: Error): void;
}
interface PgResult {
  command: string;
  rowCount: number | null;
  rows: unknown[];
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
    const settings = settingsStatement(Object.fromEntries(variables), (value) => this.stringifySessionVariable(value));
    return settingsWithBegin.run(settings, () => super.begin({ ...options, sessionContext: undefined }));
  }

  /**
   * In a query request, a statement wrapped only for its settings goes to PostgreSQL as one simple query,
   * `select set_config(…, true); <statement>`, with no `begin` and no `commit`: PostgreSQL runs the
   * statements of one simple query in one implicit transaction, so the settings are transaction-local
   * as before and bind the statement (RLS, the audit's stamped reader), and end with it. One round trip
   * per statement instead of three, and no transaction to hold or end: an audited read's chain lock
   * ends with its statement. Mutations keep MikroORM's transactions (several statements, one commit).
   */
  override async transactional<T>(
    cb: (trx: Transaction) => Promise<T>,
    options: TransactionalOptions = {},
  ): Promise<T> {
    if (!servedRequests.getStore()?.reads || !onlyForSettings(options)) {
      return super.transactional(cb, options);
    }
    return cb(
      this.#withSettings(
        settingsStatement(options.sessionContext.variables, (value) => this.stringifySessionVariable(value)),
      ),
    );
  }

  /**
   * Stands in for the transaction MikroORM would begin: `execute` hands it each statement (one, from
   * these wraps; were there more, each would go with the settings alike, in its own implicit transaction,
   * which for reads in READ COMMITTED — a snapshot per statement — is no different).
   */
  #withSettings(settings: string): Transaction {
    const pool = this.getNativeClient() as unknown as Promise<{ connect(): Promise<PgClient> }>;
    const executeQuery = async (compiled: { sql: string; parameters: readonly unknown[] }) => {
      if (compiled.parameters.length > 0) {
        // MikroORM writes the values into the statement (`execute` → `CompiledQuery.raw`); never silently wrong.
        throw new Error('a statement with parameters cannot go with its settings in one simple query');
      }
      statements++;
      this.logQuery(settings);
      const client = await (await pool).connect();
      let failure: Error | undefined;
      try {
        const results = await client.query(`${settings}; ${compiled.sql}`);
        const result = Array.isArray(results) ? results.at(-1)! : results;
        const { command, rowCount, rows } = result;
        const writes = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
        return { rows: rows ?? [], numAffectedRows: writes ? BigInt(rowCount ?? 0) : undefined };
      } catch (error) {
        // The server's answer to the statement (a `DatabaseError`) leaves the connection fine; anything else
        // (the connection lost) must not go back to the pool.
        failure = error instanceof pg.DatabaseError ? undefined : (error as Error);
        throw error;
      } finally {
        client.release(failure);
      }
    };
    return { executeQuery } as unknown as Transaction;
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
