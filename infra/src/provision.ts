/**
 * Creates the platform's roles and one database per subgraph. Idempotent: safe on every start.
 * The owner runs migrations and owns the tables; the app role only gets DML rights, so
 * row-level security binds it. The gateway role may only connect to the administration database,
 * where gateway instances tell each other of writes (gateway/src/cache-events.ts): it reads no table.
 */

import { randomBytes } from 'node:crypto';
import { APP_ROLE, type DatabaseConnection, OWNER_ROLE } from '@finsam/kit/database.js';
import pg from 'pg';
import type { AdminConnection } from './postgres.js';

export interface RolePasswords {
  owner: string;
  app: string;
  gateway: string;
}

/** The gateway instances' role: LISTEN/NOTIFY on the administration database, nothing else. */
export const GATEWAY_ROLE = 'finsam_gateway';

export function newRolePasswords(): RolePasswords {
  const password = () => randomBytes(18).toString('base64url');
  return { owner: password(), app: password(), gateway: password() };
}

export async function withClient<T>(
  admin: AdminConnection,
  database: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ ...admin, database });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

export async function ensureRoles(admin: AdminConnection, passwords: RolePasswords): Promise<void> {
  await withClient(admin, admin.database, async (client) => {
    // Roles are cluster-wide and test workers start platforms at once: one at a time here.
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('finsam_roles'))`);
    for (const [role, password] of [
      [OWNER_ROLE, passwords.owner],
      [APP_ROLE, passwords.app],
      [GATEWAY_ROLE, passwords.gateway],
    ] as const) {
      await client.query(`do $$ begin
        create role ${role} login password ${quote(password)} nosuperuser nobypassrls nocreatedb nocreaterole;
      exception when duplicate_object or unique_violation then
        alter role ${role} login password ${quote(password)} nosuperuser nobypassrls nocreatedb nocreaterole;
      end $$;`);
    }
    await client.query(`grant connect on database ${admin.database} to ${GATEWAY_ROLE}`);
    await client.query('commit');
  });
}

/** How gateway instances reach each other: the administration database as the gateway role, a channel per platform. */
export function cacheEventsConnection(admin: AdminConnection, passwords: RolePasswords, channel: string) {
  return {
    connection: {
      host: admin.host,
      port: admin.port,
      database: admin.database,
      user: GATEWAY_ROLE,
      password: passwords.gateway,
    },
    channel,
  };
}

/**
 * Where the directory announces changes of access (governance's database; gateway/src/cache-events.ts):
 * the gateway role may connect there to LISTEN, and still reads no table.
 */
export async function letGatewayListen(admin: AdminConnection, dbName: string): Promise<void> {
  await withClient(admin, dbName, (client) => client.query(`grant connect on database ${dbName} to ${GATEWAY_ROLE}`));
}

/** How a gateway instance hears changes of access: the directory's database as the gateway role. */
export function accessEventsConnection(admin: AdminConnection, passwords: RolePasswords, dbName: string) {
  return { host: admin.host, port: admin.port, database: dbName, user: GATEWAY_ROLE, password: passwords.gateway };
}

export interface SubgraphDatabase {
  owner: DatabaseConnection;
  app: DatabaseConnection;
}

export async function ensureDatabase(
  admin: AdminConnection,
  dbName: string,
  passwords: RolePasswords,
): Promise<SubgraphDatabase> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(dbName)) {
    throw new Error(`Bad database name ${dbName}`);
  }
  await withClient(admin, admin.database, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [dbName]);
    if (!rowCount) {
      await client.query(`create database ${dbName} owner ${OWNER_ROLE}`);
    }
  });
  await withClient(admin, dbName, async (client) => {
    await client.query(`revoke all on database ${dbName} from public`);
    await client.query(`grant connect on database ${dbName} to ${APP_ROLE}`);
    await client.query(`alter schema public owner to ${OWNER_ROLE}`);
    await client.query(`revoke create on schema public from public`);
    await client.query(`grant usage on schema public to ${APP_ROLE}`);
    await client.query(
      `alter default privileges for role ${OWNER_ROLE} in schema public ` +
        `grant select, insert, update, delete on tables to ${APP_ROLE}`,
    );
    await client.query(
      `alter default privileges for role ${OWNER_ROLE} in schema public ` +
        `grant usage, select on sequences to ${APP_ROLE}`,
    );
  });
  const base = { host: admin.host, port: admin.port, dbName };
  return {
    owner: { ...base, user: OWNER_ROLE, password: passwords.owner },
    app: { ...base, user: APP_ROLE, password: passwords.app },
  };
}

export async function dropDatabase(admin: AdminConnection, dbName: string): Promise<void> {
  await withClient(admin, admin.database, (client) => client.query(`drop database if exists ${dbName} with (force)`));
}
