/**
 * Tilldelade medel and what an insats used of them (DOMAIN.md, Money): each insats gets an
 * allocation per year; used = its approved and paid requisitions; differens = allocated − used,
 * computed on read and never stored.
 */
import { PERIODS_PER_YEAR } from '@finsam/kit/requisition-periods.js';
import { z } from 'zod';
import { amountSchema } from './money.js';
import { YEAR } from './year.js';

/** An allocation as an administrator decides it. */
export const allocationInput = z.object({
  interventionId: z.uuid('Not an insats id'),
  year: YEAR,
  amount: amountSchema,
});

/** The raw figures of one insats and year; everything else is derived from them. */
export interface Usage {
  interventionId: string;
  year: number;
  /** Tilldelade medel; 0 when none is decided. */
  allocated: bigint;
  /** Förbrukat: approved and paid requisitions. */
  used: bigint;
  /** Distinct periods with a counted requisition: the pace so far. */
  periodsCounted: number;
  /** Submitted requisitions not yet decided. */
  pending: bigint;
}

/** An insats with neither an allocation nor a requisition in the year. */
export const noUsage = (interventionId: string, year: number): Usage => ({
  interventionId,
  year,
  allocated: 0n,
  used: 0n,
  periodsCounted: 0,
  pending: 0n,
});

/** Differens = tilldelat − förbrukat; negative when over-used. */
export const differens = (u: Pick<Usage, 'allocated' | 'used'>) => u.allocated - u.used;
export const overUsed = (u: Pick<Usage, 'allocated' | 'used'>) => u.used > u.allocated;

/** Prognos: used per period counted so far, for the whole year, rounded half up to whole kronor; null before any. */
export function forecast(u: Pick<Usage, 'used' | 'periodsCounted'>): bigint | null {
  if (u.periodsCounted === 0) {
    return null;
  }
  const periods = BigInt(u.periodsCounted);
  return (u.used * BigInt(PERIODS_PER_YEAR) * 2n + periods) / (2n * periods);
}
