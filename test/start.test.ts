/**
 * Done means: `npm start` serves the graph with demo data and says how to authenticate: a token per
 * demo person in a file only its owner can read, none on standard output (here a pipe, as a launcher's
 * log would be); Ctrl-C stops everything, PostgreSQL included; a second start finds the data and keys
 * again. Runs the real start script in a child process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@finsam/infra/postgres.js';
import { query, STOPPED, type Started, start as startIn, stop, tokenOf, tokensFile } from './support/npm-start.js';

let dataDir: string;
/** The identity provider's port, the same for both starts: tokens name their issuer with it. */
let idpPort: number;
const start = () => startIn(dataDir, idpPort);

let first: Started;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-start-'));
  fs.chmodSync(dataDir, 0o755);
  idpPort = await freePort();
  first = await start();
}, 300_000);

afterAll(() => {
  if (first.child.exitCode === null) {
    first.child.kill('SIGKILL');
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

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
}, 300_000);
