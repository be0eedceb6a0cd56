import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, type DatabaseConnection } from '@finsam/kit/database.js';
import { connectionFromUrl } from '../src/postgres.js';
import { dropDatabase, ensureDatabase, ensureRoles } from '../src/provision.js';
import { SUBGRAPHS } from '../src/subgraphs.js';
import { startPlatform } from '../src/platform.js';
import { readSupergraph } from '../src/compose.js';
import { devTokenSigner } from '../src/demo.js';
import { generateDevKeys } from '../src/keys.js';
import { generate } from './generate.js';
import { dashboard, staff, countyReport, forbundYear } from './operations.js';

const size = { forbund: Number(process.env.F ?? 6), interventionsPerForbund: Number(process.env.I ?? 12), participations: Number(process.env.P ?? 20000) };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-prof-'));
const cluster = { admin: connectionFromUrl(`postgres://postgres:postgres@127.0.0.1:${process.env.PGPORT ?? 55432}/postgres`), stop: async () => {} };
const keys = await generateDevKeys();
await ensureRoles(cluster.admin, keys.passwords);
const owners: Record<string, DatabaseConnection> = {};
if (process.env.GEN === '1') {
for (const s of SUBGRAPHS) {
  const name = `${process.env.PREFIX ?? 'finsam_prof'}_${s.name}`;
  await dropDatabase(cluster.admin, name);
  const db = await ensureDatabase(cluster.admin, name, keys.passwords);
  await migrate({ connection: db.owner, ...s.database });
  owners[s.name] = db.owner;
}
await generate(size, owners);
}
const platform = await startPlatform({ admin: cluster.admin, dbPrefix: process.env.PREFIX ?? 'finsam_prof', keys, supergraphSdl: readSupergraph(), seed: false, gatewayPort: 0, fixedSubgraphPorts: false });
const sign = await devTokenSigner(keys);
const which = process.env.OP ?? 'dashboard';
const op = which === 'staff' ? staff(1, 1) : which === 'county' ? countyReport(size.forbund) : which === 'year' ? forbundYear(1) : dashboard(1);
const token = await sign(op.user);
const send = async () => {
  const res = await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(op.body) });
  const j = (await res.json()) as { errors?: unknown };
  if (j.errors) throw new Error(JSON.stringify(j.errors));
  return j;
};
if (process.env.SHOW) console.log(JSON.stringify(await send()).slice(0, 2000));
for (let i = 0; i < 20; i++) await send();
const N = Number(process.env.N ?? 200);
import { Session } from 'node:inspector/promises';
const session = new Session(); session.connect();
await session.post('Profiler.enable'); await session.post('Profiler.start');
const t0 = performance.now();
for (let i = 0; i < N; i++) await send();
const t = performance.now() - t0;
console.log(`${which}: ${N} sequential in ${t.toFixed(0)} ms → ${(t / N).toFixed(2)} ms each; cpu`, process.cpuUsage());
const { profile } = await session.post('Profiler.stop'); fs.writeFileSync('/work/scratch/steady.cpuprofile', JSON.stringify(profile));
const t1 = performance.now();
await Promise.all(Array.from({ length: 10 }, async () => { for (let i = 0; i < N / 10; i++) await send(); }));
console.log(`10 parallel: ${((performance.now() - t1) / N).toFixed(2)} ms per request`);
await platform.stop();
await cluster.stop();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
