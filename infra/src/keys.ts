/**
 * Development keys: the gateway's internal-token key pair, each subgraph's service-call key pair,
 * the database role passwords and the subgraphs' secrets (people log in at the development identity
 * provider, which keeps its own keys: infra/src/idp/keys.ts). Created on first start under the
 * git-ignored data folder; tests make fresh ones in memory.
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  generateInternalKeyPair,
  INTERNAL_ISSUER,
  type InternalKeyPair,
  serviceIssuer,
} from '@finsam/kit/internal-token.js';
import type { SubgraphKeys } from '@finsam/kit/server.js';
import { SERVICE_CALLS } from '@finsam/kit/service-calls.js';
import type { JWK } from 'jose';
import { newRolePasswords, type RolePasswords } from './provision.js';

/** Who signs internal tokens: the gateway, or a subgraph for its service calls. */
export type Signer = 'gateway' | keyof typeof SERVICE_CALLS;
export const SIGNERS: Signer[] = ['gateway', ...Object.keys(SERVICE_CALLS)];

export interface DevKeys {
  /** The gateway's internal-token key pair. */
  internal: InternalKeyPair;
  /** Each subgraph's own service-call key pair, by subgraph name. */
  services: Record<string, InternalKeyPair>;
  /**
   * During a rollover: the public key each signer used before its current one, still accepted
   * (by signer: `gateway` or a subgraph's name). `npm run keys:rotate` fills it, `--finish` empties it.
   */
  retired?: Record<string, JWK>;
  passwords: RolePasswords;
  /** Subgraph secrets by name, e.g. PERSON_KEY (AES-256-GCM) and PERSON_HMAC_KEY for participants. */
  secrets: Record<string, string>;
}

/** Public keys a verifier accepts for a signer: the current one, and the retired one during a rollover. */
function publicKeys(keys: DevKeys, signer: Signer): JWK[] {
  const current = signer === 'gateway' ? keys.internal : keys.services[signer];
  if (!current) {
    throw new Error(`No service key for ${signer}`);
  }
  const retired = keys.retired?.[signer];
  return retired ? [current.publicJwk, retired] : [current.publicJwk];
}

/**
 * The part of the keys one subgraph holds: the gateway's public key, its own service key pair's
 * private half, and the public keys of the subgraphs that may call it (the kit keeps only those).
 */
export function subgraphKeys(keys: DevKeys, subgraph: string): SubgraphKeys {
  const own = keys.services[subgraph];
  if (!own) {
    throw new Error(`No service key for ${subgraph}`);
  }
  return {
    gatewayPublicJwk: publicKeys(keys, 'gateway'),
    servicePrivateJwk: own.privateJwk,
    servicePublicJwks: Object.fromEntries(
      Object.keys(keys.services)
        .filter((name) => name !== subgraph)
        .map((name) => [name, publicKeys(keys, name)]),
    ),
  };
}

const generateServiceKeys = async (): Promise<Record<string, InternalKeyPair>> =>
  Object.fromEntries(
    await Promise.all(Object.keys(SERVICE_CALLS).map(async (name) => [name, await generateInternalKeyPair()] as const)),
  );

export async function generateDevKeys(): Promise<DevKeys> {
  return {
    internal: await generateInternalKeyPair(),
    services: await generateServiceKeys(),
    passwords: newRolePasswords(),
    secrets: { PERSON_KEY: randomBytes(32).toString('base64'), PERSON_HMAC_KEY: randomBytes(32).toString('base64') },
  };
}

const keysFile = (dir: string) => path.join(dir, 'dev-keys.json');

function writeKeys(dir: string, keys: DevKeys): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(keysFile(dir), JSON.stringify(keys, null, 2), { mode: 0o600 });
}

export async function loadOrCreateDevKeys(
  dir: string,
  say: (line: string) => void = (line) => console.log(line),
): Promise<DevKeys> {
  const file = keysFile(dir);
  const existing = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DevKeys> & { service?: InternalKeyPair })
    : {};
  const { service: shared, ...kept } = existing;
  const services = kept.services ?? {};
  const missing = Object.keys(SERVICE_CALLS).filter((name) => !services[name]);
  // Keep what exists (tokens already handed out stay valid); add what a newer version needs.
  if (kept.internal && kept.passwords?.gateway && kept.secrets && missing.length === 0 && !shared) {
    return kept as DevKeys;
  }
  const fresh = await generateDevKeys();
  const keys: DevKeys = {
    ...fresh,
    ...kept,
    // A keys file from before the gateway role keeps its other passwords.
    passwords: { ...fresh.passwords, ...kept.passwords },
    services: { ...Object.fromEntries(missing.map((name) => [name, fresh.services[name]!])), ...services },
  };
  if (shared) {
    // A keys file from before each subgraph had its own key: the one shared service key signed for all.
    say(`Upgraded ${file}: each subgraph now has its own service key; the shared one is removed.`);
  }
  writeKeys(dir, keys);
  return keys;
}

/**
 * Starts a rollover for one signer: a new key pair (its own kid) becomes current, the old public
 * key stays accepted (`retired`) until `finishRotation`. Restart the platform after each step.
 */
export async function rotateKey(dir: string, signer: Signer): Promise<DevKeys> {
  const keys = await loadOrCreateDevKeys(dir);
  if (keys.retired?.[signer]) {
    throw new Error(`${signer} is already in a rollover: finish it first (npm run keys:rotate -- --finish)`);
  }
  const issuer = signer === 'gateway' ? INTERNAL_ISSUER : serviceIssuer(signer);
  const next = await generateInternalKeyPair(`${issuer}#${new Date().toISOString()}`);
  const current = signer === 'gateway' ? keys.internal : keys.services[signer]!;
  const rotated: DevKeys = {
    ...keys,
    ...(signer === 'gateway' ? { internal: next } : { services: { ...keys.services, [signer]: next } }),
    retired: { ...keys.retired, [signer]: current.publicJwk },
  };
  writeKeys(dir, rotated);
  return rotated;
}

/** Ends every rollover: retired keys are no longer accepted. */
export async function finishRotation(dir: string): Promise<DevKeys> {
  const { retired: _, ...keys } = await loadOrCreateDevKeys(dir);
  writeKeys(dir, keys);
  return keys;
}
