/**
 * The development identity provider's signing keys: one ES256 key per issuer. Generated per start, or kept in a
 * file (`npm start` keeps them under the data folder) so tokens handed out before a restart still verify.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export const DEV_IDP_ALGORITHM = 'ES256';

async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(DEV_IDP_ALGORITHM, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: DEV_IDP_ALGORITHM, use: 'sig' };
}

/** A private signing JWK for each issuer key; read from `file` when given (and created there if missing). */
export async function issuerSigningKeys(issuerKeys: readonly string[], file?: string): Promise<Record<string, JWK>> {
  const stored: Record<string, JWK> = file && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const missing = issuerKeys.filter((key) => !stored[key]);
  for (const key of missing) {
    stored[key] = await generateSigningKey();
  }
  if (file && missing.length > 0) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored;
}
