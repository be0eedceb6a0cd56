/**
 * Runs one subgraph's migrations as the table owner: `tsx infra/src/migrate.ts <name>` with
 * DATABASE_URL naming the owner role. Deployments run it as a job before the new version starts.
 */
import { migrate } from '@finsam/kit/database.js';
import { connectionFromUrl } from './postgres.js';
import { SUBGRAPHS } from './subgraphs.js';

const subgraph = SUBGRAPHS.find((s) => s.name === process.argv[2]);
if (!subgraph || !process.env.DATABASE_URL) {
  console.error(`Usage: DATABASE_URL=postgres://owner@host/db migrate <${SUBGRAPHS.map((s) => s.name).join('|')}>`);
  process.exit(2);
}
const { database: dbName, ...connection } = connectionFromUrl(process.env.DATABASE_URL);
await migrate({ connection: { ...connection, dbName }, ...subgraph.database });
