/**
 * A ceiling for eget kapital (docs/finance.md, "Eget kapital and its ceiling"): the state's
 * fördelningsmodell has a tak för eget kapital (seed 004, Verksamhetsplan Västerås 2022), and the
 * guidance commonly cited from Nationella rådet is that eget kapital should not exceed about 20 % of the
 * year's contributions, with a fixed amount for small förbund. Each förbund may set its own ceiling;
 * without one the default applies: 20 % of the year's contributions, no fixed amount.
 */
import { z } from 'zod';
import { amountSchema } from './money.js';
import { YEAR } from './year.js';

export interface EquityCeilingSetting {
  /** Share of the year's contributions (medlemsbidrag), in basis points (2000 = 20 %). */
  basisPoints: number;
  /** A fixed amount that is the ceiling whenever the share comes out lower (small förbund), kronor. */
  minimumAmount: bigint;
}

export const DEFAULT_EQUITY_CEILING: EquityCeilingSetting = { basisPoints: 2000, minimumAmount: 0n };

export const equityCeilingInput = z.object({
  basisPoints: z.number().int('Whole basis points').min(0, 'At least 0').max(10_000, 'At most 10 000 (100 %)'),
  minimumAmount: amountSchema,
  /** The year whose contributions and eget kapital the answer compares. */
  year: YEAR,
});

/** The ceiling for a year with these contributions: the share, or the fixed amount when that is higher. */
export function equityCeiling(setting: EquityCeilingSetting, contributions: bigint): bigint {
  const share = (contributions * BigInt(setting.basisPoints)) / 10_000n;
  return share > setting.minimumAmount ? share : setting.minimumAmount;
}

export const overCeiling = (equity: bigint, ceiling: bigint) => equity > ceiling;
