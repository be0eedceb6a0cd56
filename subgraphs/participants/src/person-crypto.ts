/**
 * Identities at rest: AES-256-GCM ciphertext (random IV, auth tag) so only this subgraph can read
 * them, plus an HMAC so the same person is found again without decrypting anything.
 * Keys come from configuration (PERSON_KEY, PERSON_HMAC_KEY: 32 bytes, base64).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * As key objects: given a Buffer, each cipher and HMAC first tries it as a key object, and that failed check cost
 * ten times the work itself (an import of 100 000 rows hashes and encrypts about 300 000 times).
 */
export interface PersonKeys {
  key: KeyObject;
  hmacKey: KeyObject;
}

// Decoded once per configuration, not once per field read.
const decoded = new WeakMap<Record<string, string>, PersonKeys>();

export function personKeys(secrets: Record<string, string>): PersonKeys {
  const cached = decoded.get(secrets);
  if (cached) {
    return cached;
  }
  const key = Buffer.from(secrets.PERSON_KEY ?? '', 'base64');
  const hmacKey = Buffer.from(secrets.PERSON_HMAC_KEY ?? '', 'base64');
  if (key.length !== 32 || hmacKey.length !== 32) {
    throw new Error('PERSON_KEY and PERSON_HMAC_KEY must be 32 bytes, base64');
  }
  const keys = { key: createSecretKey(key), hmacKey: createSecretKey(hmacKey) };
  decoded.set(secrets, keys);
  return keys;
}

/** iv.tag.ciphertext, base64url each. */
export function encrypt(keys: PersonKeys, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

export function decrypt(keys: PersonKeys, sealed: string): string {
  const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
  const decipher = createDecipheriv('aes-256-gcm', keys.key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

/** Scoped by tenant: the same person in two förbund gives two unrelated hashes. */
export function personHash(keys: PersonKeys, tenantId: string, personNumber: string): string {
  return createHmac('sha256', keys.hmacKey).update(`${tenantId}:${personNumber}`).digest('base64url');
}
