/**
 * Done means: a verified token is answered from memory until its exp, or until maxAgeMs if
 * sooner, and verified again (and so refused, if it no longer verifies) after that; only tokens
 * that verified are remembered; memory is bounded.
 */
import { identityFromClaims } from '@finsam/kit/identity.js';
import { rememberVerified, type VerifiedToken } from '@finsam/kit/verified-tokens.js';

const TENANT = '6f1c1d1e-0000-4000-8000-000000000001';
const admin = identityFromClaims({ sub: 'admin', tenant: TENANT, roles: ['forbund_admin'] });

/** A verifier that counts its calls, accepts tokens named "good…" (exp `exp`) and refuses the rest. */
function setup(options: { maxAgeMs?: number; maxEntries?: number } = {}) {
  let clock = 1_000_000;
  let calls = 0;
  const exp = clock + 60_000;
  const verify = async (token: string): Promise<VerifiedToken> => {
    calls++;
    if (!token.startsWith('good') || clock >= exp) {
      throw new Error('refused');
    }
    return { identity: admin, expiresAt: exp };
  };
  return {
    verify: rememberVerified(verify, { ...options, now: () => clock }),
    calls: () => calls,
    advance: (ms: number) => (clock += ms),
  };
}

it('answers a verified token from memory until its exp, then verifies it again', async () => {
  const s = setup();
  expect(await s.verify('good')).toEqual(admin);
  s.advance(59_999);
  expect(await s.verify('good')).toEqual(admin);
  expect(s.calls()).toBe(1);
  s.advance(1);
  await expect(s.verify('good')).rejects.toThrow('refused');
  expect(s.calls()).toBe(2);
});

it('remembers a token at most maxAgeMs', async () => {
  const s = setup({ maxAgeMs: 10_000 });
  await s.verify('good');
  s.advance(10_000);
  await s.verify('good');
  expect(s.calls()).toBe(2);
});

it('remembers nothing of a token that did not verify', async () => {
  const s = setup();
  await expect(s.verify('bad')).rejects.toThrow('refused');
  await expect(s.verify('bad')).rejects.toThrow('refused');
  expect(s.calls()).toBe(2);
});

it('keeps at most maxEntries tokens, dropping the oldest', async () => {
  const s = setup({ maxEntries: 2 });
  await s.verify('good-a');
  await s.verify('good-b');
  await s.verify('good-c'); // drops a
  await s.verify('good-b');
  await s.verify('good-c');
  expect(s.calls()).toBe(3);
  await s.verify('good-a');
  expect(s.calls()).toBe(4);
});
