/**
 * Production entry point of one subgraph: `tsx infra/src/serve-subgraph.ts <name>`.
 *   PORT                 listen port (the subgraph's default)
 *   DATABASE_URL         the subgraph's own database, as the app role (not the owner)
 *   INTERNAL_PUBLIC_KEY  JWK (JSON) of the gateway's internal-token key
 *   NODE_ENV=production  no introspection, no stack traces
 * Migrations run separately, as the owner: `tsx infra/src/migrate.ts <name>`.
 */
import { openOrm } from '@finsam/kit/database.js';
import { connectionFromUrl } from './postgres.js';
import { SUBGRAPHS } from './subgraphs.js';

const subgraph = SUBGRAPHS.find((s) => s.name === process.argv[2]);
if (!subgraph) {
  console.error(`Usage: serve-subgraph <${SUBGRAPHS.map((s) => s.name).join('|')}>`);
  process.exit(2);
}
const url = process.env.DATABASE_URL;
const key = process.env.INTERNAL_PUBLIC_KEY;
if (!url || !key) {
  console.error('DATABASE_URL and INTERNAL_PUBLIC_KEY must be set');
  process.exit(2);
}
const { database: dbName, ...connection } = connectionFromUrl(url);
const orm = await openOrm({ connection: { ...connection, dbName }, ...subgraph.database });
const server = await subgraph.createServer({ orm, internalPublicKey: JSON.parse(key), production: process.env.NODE_ENV === 'production' });
const running = await server.listen(Number(process.env.PORT ?? subgraph.port), '0.0.0.0');
console.log(JSON.stringify({ level: 'info', service: subgraph.name, msg: 'listening', url: running.url }));
const stop = async () => {
  await running.stop();
  await orm.close(true);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
