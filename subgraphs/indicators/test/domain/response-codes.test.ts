/** Svarskoder alone: 128 random bits in Crockford base32, and what is stored of them. */
import { hashResponseCode, newResponseCode, normaliseResponseCode } from '../../src/domain/response-codes.js';

describe('a response code', () => {
  const codes = Array.from({ length: 200 }, newResponseCode);

  it('is 26 Crockford characters in groups of five, the last of six', () => {
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}-[0-9A-HJKMNP-TV-Z]{6}$/);
    }
  });

  it('holds 128 bits: the first character carries the top three (0–7)', () => {
    expect(codes.every((c) => /^[0-7]/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('reads case, spaces and dashes alike, and O, I and L as 0, 1 and 1', () => {
    expect(normaliseResponseCode('ab-cd ef')).toBe('ABCDEF');
    expect(normaliseResponseCode('oil-OIL')).toBe('011011');
  });

  it('is stored as the SHA-256 of its normalised form only', () => {
    const [code] = codes as [string];
    const hash = hashResponseCode(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashResponseCode(code.toLowerCase().replaceAll('-', ' '))).toBe(hash);
    expect(hashResponseCode(codes[1]!)).not.toBe(hash);
  });
});
