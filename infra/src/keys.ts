/**
 * Development keys: the local "identity provider" key that signs demo user tokens, the
 * gateway's internal-token key pair, and the database role passwords. Created on first start
 * under the git-ignored data folder; tests make fresh ones in memory.
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateInternalKeyPair, type InternalKeyPair } from '@finsam/kit/internal-token.js';
import type { SubgraphKeys } from '@finsam/kit/server.js';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { RolePasswords } from './provision.js';

export const DEV_USER_ALGORITHM = 'ES256';

export interface DevKeys {
  user: { privateJwk: JWK; publicJwk: JWK };
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
  const { privateKey, publicKey } = await generateKeyPair(DEV_USER_ALGORITHM, { extractable: true });
  const kid = randomBytes(8).toString('hex');
  return {
    user: {
      privateJwk: { ...(await exportJWK(privateKey)), kid },
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: DEV_USER_ALGORITHM, use: 'sig' },
    },
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
  if (existing.user && existing.internal && existing.service && existing.passwords && existing.secrets) {
    return existing as DevKeys;
  }
  const keys = { ...(await generateDevKeys()), ...existing };
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
