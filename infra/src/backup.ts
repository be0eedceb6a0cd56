/**
 * `npm run backup [-- <folder>]`: a consistent copy of the embedded PostgreSQL in the data folder, and the keys
 * (the personnummer encryption key among them: the data is unreadable without it), into `<folder>` (by default
 * `.backups/<time>/`). Embedded PostgreSQL ships no pg_dump or pg_basebackup, so this is PostgreSQL's low-level
 * online backup, what pg_basebackup does: `pg_backup_start`, a copy of the data directory, `pg_backup_stop`, its
 * backup label, and the WAL written meanwhile (a temporary replication slot keeps PostgreSQL from recycling it). The
 * platform may keep running; when it is not, PostgreSQL is started on the data folder for the backup and stopped
 * again. Restore with `npm run restore -- <folder>` (restore.ts). A server of your own (DATABASE_URL): pg_dump or
 * its base backups, docs/operations.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  type AdminConnection,
  CLUSTER_FILE,
  type Cluster,
  runningPostgresPid,
  startEmbeddedPostgres,
} from './postgres.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What a backup folder holds, written last: a folder without it is an unfinished backup. */
export const MANIFEST = 'backup.json';

export interface Manifest {
  createdAt: string;
  method: 'pg_backup_start/pg_backup_stop with WAL';
  postgresVersion: string;
  /** The backup label PostgreSQL wrote, as in `postgres/backup_label`. */
  label: string;
}

/**
 * Left out of the copy, as pg_basebackup leaves them out: the running server's own files, and what it makes again
 * at start. `pg_wal` is copied after `pg_backup_stop`, so it holds every record the backup needs.
 */
const SKIPPED = new Set(['postmaster.pid', 'postmaster.opts', 'pg_wal', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem']);
const EMPTIED = ['pg_wal', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem'];

/** Copies a directory the server is writing: a file it removes meanwhile is not needed (the WAL replays it). */
function copyLive(from: string, to: string, skip: (name: string) => boolean = () => false): void {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name) || entry.name.startsWith('pgsql_tmp')) {
      continue;
    }
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    try {
      if (entry.isDirectory()) {
        copyLive(source, target);
      } else if (entry.isFile()) {
        fs.copyFileSync(source, target);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
    }
  }
}

/** The embedded PostgreSQL's connection: the running one (cluster.json), or one started for the backup. */
async function cluster(dataDir: string): Promise<Cluster> {
  const pgDir = path.join(dataDir, 'postgres');
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    throw new Error(
      `There is no database in ${pgDir} to back up (FINSAM_DATA_DIR names the data folder, if not .data/).`,
    );
  }
  if (runningPostgresPid(pgDir)) {
    const admin = JSON.parse(fs.readFileSync(path.join(dataDir, CLUSTER_FILE), 'utf8')) as AdminConnection;
    return { admin, stop: async () => {} };
  }
  return startEmbeddedPostgres({ dataDir: pgDir, persistent: true, durable: true });
}

export async function backup(dataDir: string, target: string): Promise<Manifest> {
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
    throw new Error(`${target} is not empty: name a new folder for the backup.`);
  }
  const pgDir = path.join(dataDir, 'postgres');
  const running = await cluster(dataDir);
  const client = new pg.Client(running.admin);
  try {
    await client.connect();
    const slot = `finsam_backup_${process.pid}`;
    // Temporary: dropped when this session ends, whatever happens to this process.
    await client.query('select pg_create_physical_replication_slot($1, true, true)', [slot]);
    const label = `npm run backup ${new Date().toISOString()}`;
    await client.query('select pg_backup_start($1, true)', [label]);
    const copy = path.join(target, 'postgres');
    copyLive(pgDir, copy, (name) => SKIPPED.has(name));
    const stopped = await client.query<{ labelfile: string; spcmapfile: string }>(
      'select labelfile, spcmapfile from pg_backup_stop(false)',
    );
    const { labelfile, spcmapfile } = stopped.rows[0]!;
    for (const dir of EMPTIED) {
      fs.mkdirSync(path.join(copy, dir), { recursive: true, mode: 0o700 });
    }
    copyLive(path.join(pgDir, 'pg_wal'), path.join(copy, 'pg_wal'));
    fs.writeFileSync(path.join(copy, 'backup_label'), labelfile, { mode: 0o600 });
    if (spcmapfile) {
      fs.writeFileSync(path.join(copy, 'tablespace_map'), spcmapfile, { mode: 0o600 });
    }
    const version = await client.query<{ server_version: string }>('show server_version');
    fs.cpSync(path.join(dataDir, 'keys'), path.join(target, 'keys'), { recursive: true });
    const manifest: Manifest = {
      createdAt: new Date().toISOString(),
      method: 'pg_backup_start/pg_backup_stop with WAL',
      postgresVersion: version.rows[0]!.server_version,
      label: labelfile,
    };
    fs.chmodSync(target, 0o700);
    fs.writeFileSync(path.join(target, MANIFEST), JSON.stringify(manifest, null, 2), { mode: 0o600 });
    return manifest;
  } finally {
    await client.end();
    await running.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dataDir = path.resolve(process.env.FINSAM_DATA_DIR ?? path.join(ROOT, '.data'));
  const target = path.resolve(
    process.argv[2] ?? path.join(ROOT, '.backups', new Date().toISOString().replace(/[:.]/g, '-')),
  );
  if (process.env.DATABASE_URL) {
    console.error(
      'npm run backup copies the embedded PostgreSQL; for a server of your own (DATABASE_URL) use pg_dump or its ' +
        'base backups (docs/operations.md).',
    );
    process.exit(2);
  }
  try {
    await backup(dataDir, target);
    console.log(
      `Backed up ${dataDir} to ${target}: the database with its WAL, and the keys (keep it as safe as the keys: it ` +
        'holds the personnummer key). Restore with npm run restore -- <that folder>.',
    );
  } catch (error) {
    console.error(`The backup failed: ${String((error as Error).message).split('\n')[0]}`);
    process.exit(1);
  }
}
