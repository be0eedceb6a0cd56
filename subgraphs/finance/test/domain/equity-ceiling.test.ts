/** Tak för eget kapital: a share of the year's contributions, or a fixed amount when that is higher. */
import {
  DEFAULT_EQUITY_CEILING,
  equityCeiling,
  equityCeilingInput,
  overCeiling,
} from '../../src/domain/equity-ceiling.js';

describe('the eget kapital ceiling', () => {
  it('is 20 % of the contributions by default: Västerås 2022, 10 996 000 kr → 2 199 200 kr', () => {
    expect(equityCeiling(DEFAULT_EQUITY_CEILING, 10_996_000n)).toBe(2_199_200n);
  });

  it('is the fixed amount when the share comes out lower (a small förbund)', () => {
    expect(equityCeiling({ basisPoints: 2000, minimumAmount: 800_000n }, 2_000_000n)).toBe(800_000n);
    expect(equityCeiling({ basisPoints: 2000, minimumAmount: 800_000n }, 10_000_000n)).toBe(2_000_000n);
  });

  it('is exceeded only above it', () => {
    expect(overCeiling(2_199_201n, 2_199_200n)).toBe(true);
    expect(overCeiling(2_199_200n, 2_199_200n)).toBe(false);
  });

  it('takes 0–10 000 basis points and a non-negative amount', () => {
    expect(equityCeilingInput.safeParse({ basisPoints: 10_001, minimumAmount: 0, year: 2022 }).success).toBe(false);
    expect(equityCeilingInput.safeParse({ basisPoints: 2000, minimumAmount: -1, year: 2022 }).success).toBe(false);
    expect(equityCeilingInput.safeParse({ basisPoints: 2000, minimumAmount: 0, year: 2022 }).success).toBe(true);
  });
});
