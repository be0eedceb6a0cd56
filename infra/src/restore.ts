/**
 * `npm run restore -- <folder>`: puts a backup made by `npm run backup` back as the data folder's database and
 * keys, with the platform stopped. What was there is moved aside to `<data folder>/before-restore-<time>/`, not
 * deleted. PostgreSQL is then started once on the restored copy: it replays the WAL in the backup up to the moment
 * the backup ended (its backup label says where to begin) and stops again, so the next `npm start` finds a
 * consistent database, and the keys that decrypt it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST } from './backup.js';
import { CLUSTER_FILE, runningPostgresPid, startEmbeddedPostgres } from './postgres.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function restore(source: string, dataDir: string): Promise<{ movedAside?: string }> {
  if (!fs.existsSync(path.join(source, MANIFEST)) || !fs.existsSync(path.join(source, 'postgres', 'backup_label'))) {
    throw new Error(`${source} is not a finished backup of npm run backup (it has no ${MANIFEST}).`);
  }
  const pgDir = path.join(dataDir, 'postgres');
  const pid = runningPostgresPid(pgDir);
  if (pid) {
    throw new Error(`PostgreSQL (process ${pid}) is running on ${pgDir}: stop npm start first.`);
  }
  let movedAside: string | undefined;
  const present = ['postgres', 'keys'].filter((name) => fs.existsSync(path.join(dataDir, name)));
  if (present.length > 0) {
    movedAside = path.join(dataDir, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    fs.mkdirSync(movedAside, { recursive: true, mode: 0o700 });
    for (const name of present) {
      fs.renameSync(path.join(dataDir, name), path.join(movedAside, name));
    }
  }
  // The address of a PostgreSQL that no longer runs.
  fs.rmSync(path.join(dataDir, CLUSTER_FILE), { force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  fs.cpSync(path.join(source, 'keys'), path.join(dataDir, 'keys'), { recursive: true });
  fs.cpSync(path.join(source, 'postgres'), pgDir, { recursive: true });
  fs.chmodSync(pgDir, 0o700);
  ownByPostgresUser(pgDir);
  // Recovery: PostgreSQL replays the backup's WAL from the label's checkpoint, then stops cleanly.
  const cluster = await startEmbeddedPostgres({ dataDir: pgDir, persistent: true, durable: true });
  await cluster.stop();
  return { movedAside };
}

/** As root, embedded PostgreSQL runs as the `postgres` OS user (postgres.ts), which must own its data. */
function ownByPostgresUser(dir: string): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return;
  }
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  const [uid, gid] = [id('-u'), id('-g')];
  const own = (file: string) => {
    fs.chownSync(file, uid, gid);
    if (fs.statSync(file).isDirectory()) {
      for (const name of fs.readdirSync(file)) {
        own(path.join(file, name));
      }
    }
  };
  own(dir);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dataDir = path.resolve(process.env.FINSAM_DATA_DIR ?? path.join(ROOT, '.data'));
  if (!process.argv[2]) {
    console.error('Usage: npm run restore -- <backup folder>   (a folder npm run backup made)');
    process.exit(2);
  }
  const source = path.resolve(process.argv[2]);
  try {
    const { movedAside } = await restore(source, dataDir);
    console.log(
      `Restored ${source} into ${dataDir}${movedAside ? ` (what was there is in ${movedAside})` : ''}: ` +
        'npm start runs on it.',
    );
  } catch (error) {
    console.error(`The restore failed: ${String((error as Error).message).split('\n')[0]}`);
    process.exit(1);
  }
}
