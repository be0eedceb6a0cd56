/**
 * Done means (issue 22, process model): under `npm start` each subgraph is its own process; killing one leaves the
 * others answering through the gateway (partial data, an error for the killed one) and it comes back by itself. A
 * start that cannot go ahead (a taken port, a PostgreSQL already running on the data folder, a database that does
 * not answer) says why in one sentence, without a stack trace. Runs the real start script.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { heapFlags, OLD_SPACE_MB } from '@finsam/infra/heap-flags.js';
import { freePort } from '@finsam/infra/postgres.js';
import { query, refusedStart, type Started, start, stop, tokenOf } from './support/npm-start.js';

let dataDir: string;
let idpPort: number;
let platform: Started;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-processes-'));
  fs.chmodSync(dataDir, 0o755);
  idpPort = await freePort();
  platform = await start(dataDir, idpPort);
}, 300_000);

afterAll(async () => {
  if (platform) {
    await stop(platform);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Governance, finance and participants in one answer. */
const YEAR = `{ forbund { name year(year: 2021) { finance { allocated } participants { total { value } } } } }`;

/** A stack trace's frame line, which a refusal must not print. */
const STACK_FRAME = /^\s+at /m;

/** The lines a refused start printed that say something (its one sentence). */
const said = (output: string) => output.split('\n').filter((line) => line.trim() !== '');

it('keeps the other subgraphs answering when one process dies, and restarts it', async () => {
  const token = tokenOf(platform.output(), 'norra-vastmanland-board');
  const before = await query(platform.url, token, YEAR);
  expect(before.errors).toBeUndefined();
  const { name, year } = before.data.forbund;
  expect(year.participants.total.value).toBeGreaterThan(0);

  const pid = Number(platform.output().match(/^ {2}participants +\S+ +\(process (\d+)\)$/m)![1]);
  // Each subgraph runs with its own heap bounds (infra/src/heap-flags.ts), not the start process's (the gateway's).
  const argv = (p: number) => fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
  expect(argv(pid)).toEqual(expect.arrayContaining(heapFlags('participants')));
  expect(argv(pid)).not.toContain(`--max-old-space-size=${OLD_SPACE_MB.gateway}`);
  process.kill(pid, 'SIGKILL');
  await new Promise<void>((resolve, reject) => {
    const dead = () => {
      try {
        process.kill(pid, 0);
        setTimeout(dead, 20);
      } catch (error) {
        // ESRCH: no such process any more.
        if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
          resolve();
        } else {
          reject(error);
        }
      }
    };
    dead();
  });

  // Governance and finance still answer; the participants figures are an error, not missing data.
  const during = await query(platform.url, token, YEAR);
  expect(during.data.forbund.name).toBe(name);
  expect(during.data.forbund.year.finance).toEqual(year.finance);
  expect(during.data.forbund.year.participants).toBeNull();
  expect(during.errors!.map((e) => [e.extensions.code, e.extensions.serviceName])).toContainEqual([
    'SUBGRAPH_UNAVAILABLE',
    'participants',
  ]);

  // The supervisor says so and starts it again, on the same address, by itself.
  const deadline = Date.now() + 120_000;
  while (!platform.output().includes('The participants subgraph is back') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(platform.output()).toContain('The participants subgraph stopped (SIGKILL); restarting it in 0.5 s.');
  const back = Number(platform.output().match(/The participants subgraph is back at \S+ \(process (\d+)\)\./)![1]);
  expect(argv(back)).toEqual(expect.arrayContaining(heapFlags('participants')));
  const after = await query(platform.url, token, YEAR);
  expect(after.errors).toBeUndefined();
  expect(after.data).toEqual(before.data);
}, 150_000);

it('says in one sentence that a port it needs is taken', async () => {
  const blocker = net.createServer();
  const port = await new Promise<number>((resolve) =>
    blocker.listen(0, () => resolve((blocker.address() as net.AddressInfo).port)),
  );
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-port-'));
    const { code, output } = await refusedStart({ FINSAM_DATA_DIR: dir, PORT: String(port), IDP_PORT: '0' });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(said(output)).toEqual([
      `Port ${port}, for the gateway (PORT), is taken by another program: stop that program or choose another port.`,
    ]);
  } finally {
    blocker.close();
  }
}, 60_000);

it('says in one sentence that PostgreSQL already runs on the data folder', async () => {
  const { code, output } = await refusedStart({
    FINSAM_DATA_DIR: dataDir,
    PORT: String(await freePort()),
    IDP_PORT: String(await freePort()),
  });
  expect(code).toBe(1);
  expect(said(output)).toHaveLength(1);
  expect(output).toMatch(/^PostgreSQL \(process \d+\) is already running on \S+postgres: another npm start/m);
  expect(output).not.toMatch(STACK_FRAME);
}, 60_000);

it('says in one sentence why a start failed', async () => {
  // A database server that is not there.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-failed-'));
  const { code, output } = await refusedStart({
    FINSAM_DATA_DIR: dir,
    DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${await freePort()}/postgres`,
    PORT: String(await freePort()),
    IDP_PORT: String(await freePort()),
  });
  fs.rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(1);
  expect(said(output)).toEqual([expect.stringMatching(/^npm start failed: .*ECONNREFUSED/)]);
  expect(output).not.toMatch(STACK_FRAME);
}, 60_000);
