/** Money: whole kronor as bigint, shown as the graph's Int and written as the förbund's documents write it. */
import { amountSchema, formatKronor, kronor, sum } from '../../src/domain/money.js';

describe('money', () => {
  it('sums bigints exactly', () => {
    expect(sum([5_498_000n, 2_749_000n, 2_749_000n])).toBe(10_996_000n);
    expect(sum([])).toBe(0n);
  });

  it('shows kronor as Int, and refuses a figure that does not fit rather than round it', () => {
    expect(kronor(10_996_000n)).toBe(10_996_000);
    expect(kronor(-4_920n)).toBe(-4_920);
    expect(kronor(2_147_483_647n)).toBe(2_147_483_647);
    expect(() => kronor(2_147_483_648n)).toThrow("2147483648 kr does not fit the graph's Int");
    expect(() => kronor(-2_147_483_648n)).toThrow('does not fit');
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
