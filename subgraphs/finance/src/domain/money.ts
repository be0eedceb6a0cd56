/**
 * Money: whole kronor, stored and summed as `bigint` (entities/money.ts), never a float. Resolvers
 * return the bigint; the kit's `Kronor` scalar turns it into a JSON number at the edge, exact up to
 * 2^53 − 1 kr, and refuses rather than rounds a figure beyond that (kit input.ts, `KRONOR_MAX`).
 */
import { z } from 'zod';

export const sum = (values: Iterable<bigint>): bigint => {
  let total = 0n;
  for (const v of values) {
    total += v;
  }
  return total;
};

/** An amount a client sends: whole kronor, never negative. */
export const amountSchema = z.number().int('Whole kronor').nonnegative('An amount cannot be negative');

/** "1 234 567 kr", as the förbund's documents write it. */
export const formatKronor = (value: bigint) => `${value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} kr`;
