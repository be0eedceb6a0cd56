/** Protected identity (skyddad personuppgift) without a database: who reads it, and the reason a read needs. */
import { markProtected, mayReadProtected, readReason } from '../../src/domain/protected-identity.js';

const NEEDS_REASON = 'A protected identity (skyddad personuppgift) is read only with a reason';

describe('the reason a read of a name or personnummer records', () => {
  it('is required for a protected identity: missing or blank refuses, naming the argument', () => {
    for (const reason of [undefined, null, '', '   ']) {
      expect(readReason(true, reason)).toEqual({ ok: false, issues: [{ path: ['reason'], message: NEEDS_REASON }] });
    }
  });

  it('is kept trimmed when given, protected or not', () => {
    expect(readReason(true, '  Kontakt med handläggare ')).toEqual({ ok: true, value: 'Kontakt med handläggare' });
    expect(readReason(false, 'Uppföljning')).toEqual({ ok: true, value: 'Uppföljning' });
  });

  it('is optional for an identity that is not protected', () => {
    expect(readReason(false, undefined)).toEqual({ ok: true, value: null });
  });

  it('is one line of at most 200 characters', () => {
    expect(readReason(true, 'a\nb')).toEqual({
      ok: false,
      issues: [{ path: ['reason'], message: 'No control characters' }],
    });
    expect(readReason(true, 'x'.repeat(201))).toEqual({
      ok: false,
      issues: [{ path: ['reason'], message: 'At most 200 characters' }],
    });
  });
});

describe('who reads a protected identity', () => {
  it('the staff of its insats, nobody else', () => {
    expect(mayReadProtected(true)).toBe(true);
    expect(mayReadProtected(false)).toBe(false);
  });

  it('an identity is marked only when there is one', () => {
    expect(markProtected(true)).toEqual({ ok: true, value: undefined });
    expect(markProtected(false)).toMatchObject({ ok: false, issues: [{ path: ['participationId'] }] });
  });
});
