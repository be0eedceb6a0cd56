/**
 * Done means (issue 22, build): `npm run build` compiles the server workspaces, and the compiled production entry
 * points — migrations (`infra/dist/migrate.js`), each subgraph (`infra/dist/serve-subgraph.js`) and the gateway
 * (`gateway/dist/main.js`) — run with plain `node --conditions=compiled`, no tsx, against the test PostgreSQL and
 * answer a tenancy and a year-report query through the compiled gateway; what the compiled code imports is a
 * production dependency of its workspace.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readSupergraph } from '@finsam/infra/compose.js';
import { devIssuerConfigs, loginAs } from '@finsam/infra/idp/index.js';
import { generateDevKeys } from '@finsam/infra/keys.js';
import { type Platform, startPlatform } from '@finsam/infra/platform.js';
import { freePort } from '@finsam/infra/postgres.js';
import { dropDatabase, ensureDatabase, withClient } from '@finsam/infra/provision.js';
import { SUBGRAPHS } from '@finsam/infra/subgraphs.js';
import { NORRA, testCluster, VASTERAS } from './support/platform.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
/** How production runs the build: plain node, workspace imports resolved to dist/. */
const COMPILED = ['--conditions=compiled'];
const { admin, passwords } = testCluster();
const dbPrefix = `b${randomBytes(5).toString('hex')}`;

let platform: Platform;
let gateway: ChildProcess;
let gatewayUrl: string;

beforeAll(async () => {
  await run('npm', ['run', 'build'], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } });
  const keys = { ...(await generateDevKeys()), passwords };
  // The compiled migration entry point, as the deployment's migration Job runs it, on empty databases.
  for (const subgraph of SUBGRAPHS) {
    const db = await ensureDatabase(admin, `${dbPrefix}_${subgraph.name}`, passwords);
    const { user, password, host, port, dbName } = db.owner;
    const url = `postgres://${user}:${encodeURIComponent(password)}@${host}:${port}/${dbName}`;
    await run(process.execPath, [...COMPILED, 'infra/dist/migrate.js', subgraph.name], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: url },
    });
  }
  // The demo seed, and each subgraph in its own process: the compiled serve-subgraph.
  platform = await startPlatform({
    admin,
    dbPrefix,
    keys,
    supergraphSdl: readSupergraph(),
    seed: true,
    gatewayPort: 0,
    fixedSubgraphPorts: false,
    idpPort: 0,
    subgraphProcesses: true,
    subgraphEntry: { script: path.join(ROOT, 'infra/dist/serve-subgraph.js'), execArgv: COMPILED },
  });
  // The compiled gateway, configured as in production.
  const port = await freePort();
  gateway = spawn(process.execPath, [...COMPILED, 'gateway/dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      SUBGRAPH_URLS: Object.entries(platform.subgraphUrls)
        .map(([name, url]) => `${name}=${url}`)
        .join(','),
      INTERNAL_PRIVATE_KEY: JSON.stringify(keys.internal.privateJwk),
      OIDC_ISSUERS: JSON.stringify(devIssuerConfigs(platform.idp.issuers)),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  gatewayUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${gatewayUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) {
      break;
    }
    if (gateway.exitCode !== null || Date.now() > deadline) {
      throw new Error(`The compiled gateway did not come up (exit code ${gateway.exitCode})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 600_000);

afterAll(async () => {
  if (gateway && gateway.exitCode === null) {
    const exited = new Promise((resolve) => gateway.once('exit', resolve));
    gateway.kill('SIGTERM');
    await exited;
  }
  await platform?.stop();
  for (const subgraph of SUBGRAPHS) {
    await dropDatabase(admin, `${dbPrefix}_${subgraph.name}`);
  }
});

async function ask(username: string, query: string) {
  const { accessToken } = await loginAs(platform.idp.issuers.kommun, username);
  const res = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

it('answers a tenancy and a year-report query through the compiled gateway and subgraphs', async () => {
  // Each subgraph process runs the compiled file, ready: its database answers and its migrations are applied.
  for (const [name, supervised] of Object.entries(platform.processes)) {
    const command = fs.readFileSync(`/proc/${supervised.pid()}/cmdline`, 'utf8').split('\0');
    expect(command).toEqual(expect.arrayContaining([...COMPILED, path.join(ROOT, 'infra/dist/serve-subgraph.js')]));
    const ready = await fetch(platform.subgraphUrls[name]!.replace(/\/graphql$/, '/ready'));
    expect([name, ready.status, await ready.json()]).toEqual([name, 200, { status: 'ok', subgraph: name }]);
  }
  expect((await fetch(`${gatewayUrl}/ready`)).status).toBe(200);

  const FORBUND = '{ forbund { id name } }';
  const norra = await ask('norra-vastmanland-board', FORBUND);
  const vasteras = await ask('vasteras-board', FORBUND);
  expect(norra).toEqual({ data: { forbund: { id: NORRA.id, name: NORRA.name } } });
  expect(vasteras).toEqual({ data: { forbund: { id: VASTERAS.id, name: VASTERAS.name } } });

  const report = await ask(
    'norra-vastmanland-board',
    '{ forbund { year(year: 2021) { participants { total { value } } finance { allocated used } } } }',
  );
  expect(report.errors).toBeUndefined();
  expect(report.data.forbund.year.participants.total.value).toBeGreaterThan(0);
  expect(report.data.forbund.year.finance.allocated).toBeGreaterThan(0);
});

it('keeps a subgraph out of service (/ready 503) while a migration of its version is not applied', async () => {
  const db = `${dbPrefix}_indicators`;
  const ready = platform.subgraphUrls.indicators!.replace(/\/graphql$/, '/ready');
  const { rows } = await withClient(admin, db, (c) =>
    c.query<{ name: string }>(
      'delete from mikro_orm_migrations where id = (select max(id) from mikro_orm_migrations) returning name',
    ),
  );
  const unapplied = rows[0]!.name;
  try {
    const res = await fetch(ready);
    expect([res.status, await res.json()]).toEqual([
      503,
      { status: 'migrations pending', subgraph: 'indicators', pending: [unapplied.replace(/\.[jt]s$/, '')] },
    ]);
  } finally {
    await withClient(admin, db, (c) => c.query('insert into mikro_orm_migrations (name) values ($1)', [unapplied]));
  }
  expect((await fetch(ready)).status).toBe(200);
});

it('imports nothing from compiled code that a production install (npm ci --omit=dev) leaves out', () => {
  const workspaces = ['gateway', 'infra', 'subgraphs/kit', ...SUBGRAPHS.map((s) => `subgraphs/${s.name}`), 'web'];
  const manifests = workspaces.map((w) => JSON.parse(fs.readFileSync(path.join(ROOT, w, 'package.json'), 'utf8')));
  // What `npm ci --omit=dev` installs: the workspaces themselves and their dependencies, not devDependencies.
  const production = new Set(manifests.flatMap((m) => [m.name, ...Object.keys(m.dependencies ?? {})]));
  const packageOf = (specifier: string) =>
    specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  const imports = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return imports(file);
      }
      if (!entry.name.endsWith('.js')) {
        return [];
      }
      const text = fs.readFileSync(file, 'utf8');
      const found = text.matchAll(
        /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(['"]([^'"]+)['"]\)/g,
      );
      return [...found].map((m) => (m[1] ?? m[2])!);
    });
  for (const workspace of workspaces.filter((w) => w !== 'web')) {
    const used = [
      ...new Set(
        imports(path.join(ROOT, workspace, 'dist'))
          .filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
          .map(packageOf),
      ),
    ];
    expect(used.length).toBeGreaterThan(0);
    expect([workspace, used.filter((name) => !production.has(name))]).toEqual([workspace, []]);
  }
});
