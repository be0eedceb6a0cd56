/**
 * One-time response codes: 128 random bits written in Crockford base32 (26 characters, no
 * letters that look alike). Only the SHA-256 of the normalised code is stored: with 128 random
 * bits there is nothing to guess, so a server-side key would add nothing.
 */
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new svarskod: 26 characters in five groups (XXXXX-XXXXX-XXXXX-XXXXX-XXXXXX). */
export function newResponseCode(): string {
  let bits = 0n;
  for (const byte of randomBytes(16)) {
    bits = (bits << 8n) | BigInt(byte);
  }
  let code = '';
  for (let i = 0; i < 26; i++) {
    code = ALPHABET[Number(bits & 31n)]! + code;
    bits >>= 5n;
  }
  // Grouped for reading aloud or typing: XXXXX-XXXXX-XXXXX-XXXXX-XXXXXX.
  return code
    .match(/.{1,5}/g)!
    .join('-')
    .replace(/-(\w)$/, '$1');
}

/** Case, spaces and dashes do not matter; O/I/L read as 0/1/1 (Crockford). */
export function normaliseResponseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** What is stored of a code: the SHA-256 (hex) of its normalised form. */
export function hashResponseCode(code: string): string {
  return createHash('sha256').update(normaliseResponseCode(code)).digest('hex');
}
