/**
 * Money: whole kronor, stored and summed as `bigint` (entities/money.ts), never a float. The graph
 * shows kronor as `Int`: converted only at the edge, and refused rather than rounded if a figure
 * outgrows Int.
 */
import { z } from 'zod';

const INT_MAX = 2_147_483_647n;

/** A sum as the graph's `Int`; throws rather than round a figure that does not fit. */
export function kronor(value: bigint): number {
  if (value > INT_MAX || value < -INT_MAX) {
    throw new Error(`${value} kr does not fit the graph's Int`);
  }
  return Number(value);
}

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
