/** Money: whole kronor as bigint (the kit's Kronor scalar shows it) and written as the förbund's documents write it. */
import { amountSchema, formatKronor, sum } from '../../src/domain/money.js';

describe('money', () => {
  it('sums bigints exactly', () => {
    expect(sum([5_498_000n, 2_749_000n, 2_749_000n])).toBe(10_996_000n);
    expect(sum([])).toBe(0n);
  });

  it('sums past 2^31 exactly (three amounts of the most one input carries, and more)', () => {
    expect(sum([2_147_483_647n, 2_147_483_647n, 2_147_483_647n])).toBe(6_442_450_941n);
  });

  it('writes kronor with spaces between thousands', () => {
    expect(formatKronor(10_996_000n)).toBe('10 996 000 kr');
    expect(formatKronor(0n)).toBe('0 kr');
    expect(formatKronor(999n)).toBe('999 kr');
  });

  it('takes whole, non-negative kronor from a client', () => {
    expect(amountSchema.parse(0)).toBe(0);
    expect(amountSchema.safeParse(-1).error?.issues[0]?.message).toBe('An amount cannot be negative');
    expect(amountSchema.safeParse(1.5).error?.issues[0]?.message).toBe('Whole kronor');
  });
});
