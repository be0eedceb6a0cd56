/**
 * Done means (issue 22, backup and restore): `npm run backup` while `npm start` runs, then the data folder wiped,
 * then `npm run restore` and `npm start` again give the same year report and the same decrypted persons through the
 * gateway — the database as it was when the backup was made (a later change is not in it), with the keys that
 * decrypt it. Runs the real scripts in child processes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@finsam/infra/postgres.js';
import { DEMO_INTERVENTION_IDS } from '@finsam/teams/demo/interventions.js';
import { query, ROOT, type Started, start, stop, tokenOf } from './support/npm-start.js';

let dataDir: string;
let backupDir: string;
let idpPort: number;
let running: Started | undefined;

beforeAll(async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-backup-'));
  fs.chmodSync(base, 0o755);
  dataDir = path.join(base, 'data');
  backupDir = path.join(base, 'backup');
  idpPort = await freePort();
});

afterAll(async () => {
  if (running) {
    await stop(running);
  }
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

/** `npm run backup` / `npm run restore`'s script: exit code and what it said. */
async function run(script: 'backup' | 'restore', arg: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `infra/src/${script}.ts`, arg], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', FINSAM_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output };
}

const REPORT = `{ forbund { name year(year: 2021) {
  decisions avvikelser
  participants { new { value } total { value } hemkommuner { scbCode total { value } } }
  finance { allocated used differens closingEquity }
  staffing { intervention { id } role fte }
} } }`;
const PERSONS = `{ participations(interventionId: "${DEMO_INTERVENTION_IDS.HALLSTAHAMMAR}") {
  edges { node { id person { personnummer name } } } } }`;
const RENAME = (name: string) => `mutation { updateForbund(input: { name: "${name}" }) { __typename } }`;

/** The year report (board) and the persons with their personnummer decrypted (staff), as the gateway gives them. */
async function read(platform: Started) {
  const board = tokenOf(platform.output(), 'norra-vastmanland-board');
  const staff = tokenOf(platform.output(), 'norra-vastmanland-staff');
  const [report, persons] = await Promise.all([
    query(platform.url, board, REPORT),
    query(platform.url, staff, PERSONS),
  ]);
  expect(report.errors).toBeUndefined();
  expect(persons.errors).toBeUndefined();
  return { report: report.data, persons: persons.data };
}

it('restores the year report and the decrypted persons as they were at the backup', async () => {
  running = await start(dataDir, idpPort);
  const admin = tokenOf(running.output(), 'norra-vastmanland-admin');
  expect((await query(running.url, admin, RENAME('Norra Västmanland, säkerhetskopierad'))).errors).toBeUndefined();
  const before = await read(running);
  expect(before.report.forbund.name).toBe('Norra Västmanland, säkerhetskopierad');
  expect(before.persons.participations.edges.length).toBeGreaterThan(0);
  for (const { node } of before.persons.participations.edges) {
    expect(node.person.personnummer).toMatch(/^\d{8}-\d{4}$/);
  }

  // Online: the platform keeps running and writing.
  const backup = await run('backup', backupDir);
  expect(backup).toEqual({ code: 0, output: expect.stringContaining(`Backed up ${dataDir} to ${backupDir}`) });
  expect(fs.existsSync(path.join(backupDir, 'keys', 'dev-keys.json'))).toBe(true);
  // A change after the backup is not in it.
  expect((await query(running.url, admin, RENAME('Efter säkerhetskopian'))).errors).toBeUndefined();
  await stop(running);
  running = undefined;

  // The database and the keys are gone.
  fs.rmSync(dataDir, { recursive: true, force: true });
  const restored = await run('restore', backupDir);
  expect(restored).toEqual({ code: 0, output: expect.stringContaining(`Restored ${backupDir} into ${dataDir}`) });

  running = await start(dataDir, idpPort);
  expect(await read(running)).toEqual(before);
}, 500_000);
