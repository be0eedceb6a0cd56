/**
 * `npm start`: PostgreSQL (embedded, or DATABASE_URL) → migrations → demo seed → subgraphs →
 * gateway. Prints where to go, and writes a token per demo user to a file only its owner can read
 * (printed too when standard output is a terminal: launchers keep stdout in log files others read).
 * Ctrl-C stops everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PEOPLE } from '@finsam/governance/demo/people.js';
import { startTracing } from '@finsam/kit/telemetry.js';
import { readSupergraph } from './compose.js';
import { DEV_IDP_PORT, loginAs } from './idp/index.js';
import { loadOrCreateDevKeys } from './keys.js';
import { startPlatform } from './platform.js';
import { CLUSTER_FILE, type Cluster, connectionFromUrl, dataDirProblem, startEmbeddedPostgres } from './postgres.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(process.env.FINSAM_DATA_DIR ?? path.join(root, '.data'));
const port = Number(process.env.PORT ?? 4000);

async function main() {
  // One process runs everything here: one service name (OTEL_EXPORTER_OTLP_ENDPOINT turns traces on).
  startTracing({ service: 'finsam' });
  let cluster: Cluster;
  if (process.env.DATABASE_URL) {
    cluster = { admin: connectionFromUrl(process.env.DATABASE_URL), stop: async () => {} };
  } else {
    const pgDir = path.join(dataDir, 'postgres');
    const problem = dataDirProblem(pgDir);
    if (problem) {
      console.error(
        `\n${problem}\nEither let other users enter it (chmod o+x on that folder), or keep the data elsewhere:\n` +
          '  FINSAM_DATA_DIR=/var/tmp/finsam npm start\n',
      );
      process.exit(1);
    }
    console.log(`Starting PostgreSQL (data in ${pgDir}) …`);
    cluster = await startEmbeddedPostgres({
      dataDir: pgDir,
      persistent: true,
      port: process.env.PG_PORT ? Number(process.env.PG_PORT) : undefined,
    });
    // Where this PostgreSQL answers, for `npm run audit:check` while the platform runs.
    fs.writeFileSync(path.join(dataDir, CLUSTER_FILE), JSON.stringify(cluster.admin), { mode: 0o600 });
  }

  const keys = await loadOrCreateDevKeys(path.join(dataDir, 'keys'));
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  try {
    platform = await startPlatform({
      admin: cluster.admin,
      dbPrefix: 'finsam',
      keys,
      supergraphSdl: readSupergraph(),
      seed: true,
      gatewayPort: port,
      // SUBGRAPH_PORTS=random lets a second copy run beside the first (the start test does).
      fixedSubgraphPorts: process.env.SUBGRAPH_PORTS !== 'random',
      // Tokens name their issuer with its port: keep it fixed, or tokens die with a restart.
      idpPort: Number(process.env.IDP_PORT ?? DEV_IDP_PORT),
      idpKeysFile: path.join(dataDir, 'keys', 'idp-keys.json'),
      production: process.env.NODE_ENV === 'production',
    });
  } catch (error) {
    await cluster.stop();
    throw error;
  }

  const base = platform.gatewayUrl.replace(/\/graphql$/, '').replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `The graph is up: ${base}/graphql   (GraphiQL: ${base}/ , health: ${base}/health, readiness: ${base}/ready)`,
    '',
    `People log in at the development identity provider: ${platform.idp.issuers.kommun} (kommun and region`,
    `employees) and ${platform.idp.issuers.statlig} (Försäkringskassan, Arbetsförmedlingen). What each may do`,
    "comes from the directory (governance). A demo person's token goes in the header",
    'Authorization: Bearer <token>  (tokens last 8 hours; `npm run token -- <user>` logs in again and prints one).',
    '',
  ];
  const tokens: string[] = [];
  for (const person of DEMO_PEOPLE) {
    const { accessToken } = await loginAs(platform.idp.issuers[person.issuer], person.username);
    tokens.push(`  ${person.username}  (${person.description})`, `    ${accessToken}`, '');
  }
  const tokensFile = writeOwnerOnly(
    path.join(dataDir, 'demo-tokens.txt'),
    [`# Demo tokens from npm start, ${new Date().toISOString()}; valid 8 hours. Yours alone: do not share.`, '']
      .concat(tokens)
      .join('\n'),
  );
  lines.push(`A token per demo person is in ${tokensFile} (readable by you only).`, '');
  if (process.stdout.isTTY) {
    lines.push(...tokens);
  }
  lines.push('Ctrl-C stops the platform and PostgreSQL.', '');
  console.log(lines.join('\n'));

  let stopping = false;
  const shutdown = async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('Stopping …');
    await platform.stop();
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Writes a new file only its owner may read or write (0600, whatever the umask), replacing an old one. */
function writeOwnerOnly(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  return file;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
