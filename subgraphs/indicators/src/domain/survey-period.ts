/**
 * A survey period (mätperiod): whole months, e.g. 2020-11 – 2021-10, written YYYY-MM and stored as
 * the first day of its first and last month. It does not end before it starts.
 */
import { z } from 'zod';

export interface Period {
  /** First month, YYYY-MM. */
  from: string;
  /** Last month, YYYY-MM. */
  to: string;
}

const MONTH = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month is YYYY-MM');

/** A period as a client writes it; zod, for `parseInput` at the input's path. */
export const periodSchema = z
  .object({ from: MONTH, to: MONTH })
  .refine((p) => p.to >= p.from, { path: ['to'], message: 'The period ends before it starts' });

const month = (date: string) => date.slice(0, 7);

/** The period of a stored round. */
export const periodOf = (r: { periodFrom: string; periodTo: string }): Period => ({
  from: month(r.periodFrom),
  to: month(r.periodTo),
});

/** As stored: the first day of the first and of the last month. */
export const periodDates = (p: Period) => ({ periodFrom: `${p.from}-01`, periodTo: `${p.to}-01` });

/** E.g. 2020-11 – 2021-10. */
export const periodLabel = (p: Period) => `${p.from} – ${p.to}`;

/** Whether `p` lies wholly within `within`. */
export const isWithin = (p: Period, within: Period) => p.from >= within.from && p.to <= within.to;
