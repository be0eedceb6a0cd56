/**
 * `npm run audit:check`: verifies the hash chain of every audit log (participants' `audit_entry`,
 * governance's `access_event`; kit audit-log.ts) and exits 1 naming the first broken row of each
 * log that is broken. It reads as the superuser: `DATABASE_URL` (a superuser URL of the cluster,
 * as for `npm start`), or the embedded PostgreSQL of a running `npm start` (`.data/cluster.json`).
 * `FINSAM_DB_PREFIX` names the databases (`finsam` as `npm start` makes them: `finsam_participants`, …).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAuditChain } from '@finsam/kit/audit-log.js';
import { type AdminConnection, CLUSTER_FILE, connectionFromUrl } from './postgres.js';
import { withClient } from './provision.js';
import { SUBGRAPHS } from './subgraphs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(process.env.FINSAM_DATA_DIR ?? path.join(root, '.data'));
const prefix = process.env.FINSAM_DB_PREFIX ?? 'finsam';

function admin(): AdminConnection {
  if (process.env.DATABASE_URL) {
    return connectionFromUrl(process.env.DATABASE_URL);
  }
  const file = path.join(dataDir, CLUSTER_FILE);
  if (!fs.existsSync(file)) {
    console.error('No database: start the platform (npm start), or set DATABASE_URL to a superuser URL.');
    process.exit(2);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as AdminConnection;
}

const connection = admin();
let broken = 0;
for (const subgraph of SUBGRAPHS) {
  const database = `${prefix}_${subgraph.name}`;
  try {
    await withClient(connection, database, async (db) => {
      // A subgraph without an audit log has no chain table.
      const [{ present }] = (
        await db.query<{ present: boolean }>(`select to_regclass('audit_chain') is not null as present`)
      ).rows as [{ present: boolean }];
      const { rows } = present
        ? await db.query<{ log: string }>(`select "log" from "audit_chain" order by "log"`)
        : { rows: [] };
      for (const { log } of rows) {
        const report = await checkAuditChain(db, log);
        const name = `${subgraph.name} ${log}`;
        if (report.broken) {
          broken++;
          console.error(`${name}: BROKEN at row ${report.broken.seq}: ${report.broken.problem}`);
        } else {
          console.log(`${name}: ${report.rows} rows, chain intact (last row ${report.head.seq}, ${report.head.hash})`);
        }
      }
    });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    console.error(`${database}: ${message}${code === 'ECONNREFUSED' ? ' (is npm start running?)' : ''}`);
    process.exit(2);
  }
}
process.exit(broken > 0 ? 1 : 0);
