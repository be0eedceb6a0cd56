/**
 * Development keys: the gateway's internal-token key pair, the service-call key pair, the
 * database role passwords and the subgraphs' secrets (people log in at the development identity
 * provider, which keeps its own keys: infra/src/idp/keys.ts). Created on first start
 * under the git-ignored data folder; tests make fresh ones in memory.
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateInternalKeyPair, type InternalKeyPair } from '@finsam/kit/internal-token.js';
import type { SubgraphKeys } from '@finsam/kit/server.js';
import type { RolePasswords } from './provision.js';

export interface DevKeys {
  /** The gateway's internal-token key pair. */
  internal: InternalKeyPair;
  /** The key pair subgraphs sign service calls with. */
  service: InternalKeyPair;
  passwords: RolePasswords;
  /** Subgraph secrets by name, e.g. PERSON_KEY (AES-256-GCM) and PERSON_HMAC_KEY for participants. */
  secrets: Record<string, string>;
}

/** The part of the keys a subgraph holds: the gateway's public key and the service key pair. */
export function subgraphKeys(keys: DevKeys): SubgraphKeys {
  return {
    gatewayPublicJwk: keys.internal.publicJwk,
    servicePublicJwk: keys.service.publicJwk,
    servicePrivateJwk: keys.service.privateJwk,
  };
}

export async function generateDevKeys(): Promise<DevKeys> {
  return {
    internal: await generateInternalKeyPair(),
    service: await generateInternalKeyPair(),
    passwords: { owner: randomBytes(18).toString('base64url'), app: randomBytes(18).toString('base64url') },
    secrets: { PERSON_KEY: randomBytes(32).toString('base64'), PERSON_HMAC_KEY: randomBytes(32).toString('base64') },
  };
}

export async function loadOrCreateDevKeys(dir: string): Promise<DevKeys> {
  const file = path.join(dir, 'dev-keys.json');
  const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DevKeys>) : {};
  // Keep what exists (tokens already handed out stay valid); add what a newer version needs.
  if (existing.internal && existing.service && existing.passwords && existing.secrets) {
    return existing as DevKeys;
  }
  const keys = { ...(await generateDevKeys()), ...existing };
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
