/**
 * Done means: the development keys file gives each subgraph its own service key pair; a file from
 * before (one shared service key) is upgraded, saying so, and everything else in it is kept; a
 * subgraph holds only its own private key; a rollover keeps the old public key accepted until it is
 * finished (no platform: the keys file alone).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finishRotation, generateDevKeys, loadOrCreateDevKeys, rotateKey, subgraphKeys } from '@finsam/infra/keys.js';
import { generateInternalKeyPair } from '@finsam/kit/internal-token.js';
import { SERVICE_CALLS } from '@finsam/kit/service-calls.js';

const SUBGRAPHS = Object.keys(SERVICE_CALLS).sort();
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-keys-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = () => path.join(dir, 'dev-keys.json');
const quiet = () => {
  const said: string[] = [];
  return { said, say: (line: string) => said.push(line) };
};

it('creates a service key pair per subgraph, each different', async () => {
  const keys = await loadOrCreateDevKeys(dir, quiet().say);
  expect(Object.keys(keys.services).sort()).toEqual(SUBGRAPHS);
  const publics = new Set(Object.values(keys.services).map((k) => k.publicJwk.x));
  expect(publics.size).toBe(SUBGRAPHS.length);
  expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
  // Read again: the same keys.
  expect(await loadOrCreateDevKeys(dir, quiet().say)).toEqual(keys);
});

it('upgrades a keys file with the old shared service key, keeping everything else', async () => {
  const { services: _, ...current } = await generateDevKeys();
  const old = { ...current, service: await generateInternalKeyPair() };
  fs.writeFileSync(file(), JSON.stringify(old));
  const log = quiet();
  const keys = await loadOrCreateDevKeys(dir, log.say);
  expect(log.said).toEqual([expect.stringContaining('each subgraph now has its own service key')]);
  expect(keys.internal).toEqual(old.internal);
  expect(keys.passwords).toEqual(old.passwords);
  expect(keys.secrets).toEqual(old.secrets);
  expect(Object.keys(keys.services).sort()).toEqual(SUBGRAPHS);
  expect(Object.values(keys.services).some((k) => k.publicJwk.x === old.service.publicJwk.x)).toBe(false);
  const stored = JSON.parse(fs.readFileSync(file(), 'utf8'));
  expect(stored.service).toBeUndefined();
  expect(stored.services).toEqual(keys.services);
  // Once upgraded, nothing more to say.
  const again = quiet();
  expect(await loadOrCreateDevKeys(dir, again.say)).toEqual(keys);
  expect(again.said).toEqual([]);
});

it('gives a subgraph its own private key and the others’ public keys, never another private key', async () => {
  const keys = await generateDevKeys();
  const held = subgraphKeys(keys, 'governance');
  expect(held.servicePrivateJwk).toEqual(keys.services.governance!.privateJwk);
  expect(held.gatewayPublicJwk).toEqual([keys.internal.publicJwk]);
  expect(JSON.stringify(held)).not.toContain(keys.services.teams!.privateJwk.d!);
  expect(JSON.stringify(held)).not.toContain(keys.internal.privateJwk.d!);
  expect(held.servicePublicJwks.teams).toEqual([keys.services.teams!.publicJwk]);
});

it('rotates a signer’s key: the old public key stays accepted until the rollover is finished', async () => {
  const before = await loadOrCreateDevKeys(dir, quiet().say);
  const rotated = await rotateKey(dir, 'teams');
  expect(rotated.services.teams!.publicJwk.kid).toMatch(/^subgraph:teams#/);
  expect(rotated.services.teams!.publicJwk.x).not.toBe(before.services.teams!.publicJwk.x);
  expect(subgraphKeys(rotated, 'governance').servicePublicJwks.teams).toEqual([
    rotated.services.teams!.publicJwk,
    before.services.teams!.publicJwk,
  ]);
  await expect(rotateKey(dir, 'teams')).rejects.toThrow(/already in a rollover/);
  const finished = await finishRotation(dir);
  expect(finished.retired).toBeUndefined();
  expect(subgraphKeys(finished, 'governance').servicePublicJwks.teams).toEqual([rotated.services.teams!.publicJwk]);
});
