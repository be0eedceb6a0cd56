/**
 * Done means: `npm start` serves the graph with demo data and prints how to authenticate;
 * Ctrl-C stops everything, PostgreSQL included. Runs the real start script in a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@finsam/infra/postgres.js';

const ROOT = path.resolve(import.meta.dirname, '..');
let child: ChildProcess;
let dataDir: string;
let output = '';

function waitFor(pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`)), ms);
    const check = () => {
      const match = output.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      } else if (child.exitCode !== null) {
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${child.exitCode}:\n${output}`));
      } else {
        setTimeout(check, 100);
      }
    };
    check();
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-start-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'infra/src/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', FINSAM_DATA_DIR: dataDir, PORT: String(port), SUBGRAPH_PORTS: 'random', DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await waitFor(/Ctrl-C stops/, 50_000);
}, 60_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('prints where to go and a token per demo user, and serves the demo data with them', async () => {
  const [, url] = output.match(/The graph is up: (\S+)/)!;
  expect(output).toContain('GraphiQL:');
  for (const user of ['platform-admin', 'county-analyst', 'vasteras-admin', 'vasteras-board', 'norra-vastmanland-admin', 'sodra-dalarna-board']) {
    expect(output).toMatch(new RegExp(`\\n  ${user}  \\(`));
  }
  const token = output.match(/\n {2}norra-vastmanland-admin .*\n {4}(\S+)/)![1];
  const res = await fetch(url!, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ forbund { name kommuner { name } } }' }) });
  const body = (await res.json()) as { data: { forbund: { name: string; kommuner: unknown[] } } };
  expect(body.data.forbund.name).toBe('Norra Västmanlands Samordningsförbund');
  expect(body.data.forbund.kommuner).toHaveLength(6);
  expect((await fetch(url!.replace(/\/graphql$/, '/ready'))).status).toBe(200);
});

it('keeps its data and keys in the data folder, and stops PostgreSQL on Ctrl-C', async () => {
  expect(fs.existsSync(path.join(dataDir, 'keys', 'dev-keys.json'))).toBe(true);
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  expect(fs.existsSync(pidFile)).toBe(true);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  // PostgreSQL removes its pid file when it has shut down.
  expect(fs.existsSync(pidFile)).toBe(false);
  expect(fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
});
