/** Tilldelade medel and what an insats used of them, with the Årsrapport 2021 Norra Västmanland figures. */
import { ValidationError } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { allocationInput, differens, forecast, noUsage, overUsed } from '../../src/domain/allocations.js';

const HALLSTAHAMMAR = { allocated: 1_060_000n, used: 1_044_493n };
const SURAHAMMAR = { allocated: 958_000n, used: 962_920n };
const KURATOR_REGION = { allocated: 235_000n, used: 129_829n };

describe('differens = tilldelat − förbrukat', () => {
  it('is what is left, negative when over-used', () => {
    expect(differens(HALLSTAHAMMAR)).toBe(15_507n);
    expect(differens(KURATOR_REGION)).toBe(105_171n);
    expect(differens(SURAHAMMAR)).toBe(-4_920n);
  });

  it('flags an insats that used more than it was allocated, not one that used it all', () => {
    expect(overUsed(SURAHAMMAR)).toBe(true);
    expect(overUsed(HALLSTAHAMMAR)).toBe(false);
    expect(overUsed({ allocated: 5n, used: 5n })).toBe(false);
  });

  it('an insats with nothing decided or sent has nothing allocated or used', () => {
    expect(noUsage('i1', 2023)).toEqual({
      interventionId: 'i1',
      year: 2023,
      allocated: 0n,
      used: 0n,
      periodsCounted: 0,
      pending: 0n,
    });
  });
});

describe('the forecast: used per counted period × 6', () => {
  it('is null before any period is counted', () => {
    expect(forecast({ used: 0n, periodsCounted: 0 })).toBeNull();
  });

  it('is what was used after a whole year', () => {
    expect(forecast({ used: 1_535_642n, periodsCounted: 6 })).toBe(1_535_642n);
  });

  it('is six times one counted period', () => {
    expect(forecast({ used: 212_345n, periodsCounted: 1 })).toBe(6n * 212_345n);
  });

  it('rounds half up to whole kronor', () => {
    expect(forecast({ used: 1n, periodsCounted: 4 })).toBe(2n); // 1.5
    expect(forecast({ used: 1n, periodsCounted: 5 })).toBe(1n); // 1.2
    expect(forecast({ used: 7n, periodsCounted: 4 })).toBe(11n); // 10.5
  });
});

describe('an allocation as an administrator decides it', () => {
  const id = '00000000-0000-4000-8000-000000000001';
  const refusal = (value: unknown) => {
    try {
      parseInput(allocationInput, value, []);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).issues;
    }
    throw new Error('accepted');
  };

  it('is whole kronor, never negative, for a year since 2004, for an insats id', () => {
    expect(parseInput(allocationInput, { interventionId: id, year: 2023, amount: 1_500_000 }, [])).toEqual({
      interventionId: id,
      year: 2023,
      amount: 1_500_000,
    });
    expect(refusal({ interventionId: id, year: 2023, amount: -1 })).toEqual([
      { path: ['amount'], message: 'An amount cannot be negative' },
    ]);
    expect(refusal({ interventionId: id, year: 2023, amount: 0.5 })).toEqual([
      { path: ['amount'], message: 'Whole kronor' },
    ]);
    expect(refusal({ interventionId: id, year: 2003, amount: 1 })).toEqual([
      { path: ['year'], message: 'FINSAM began in 2004' },
    ]);
    expect(refusal({ interventionId: 'FNS', year: 2023, amount: 1 })).toEqual([
      { path: ['interventionId'], message: 'Not an insats id' },
    ]);
  });
});
