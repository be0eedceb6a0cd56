/**
 * Requisition periods: a year has six two-month periods (1 = January–February … 6 =
 * November–December). A requisition is due one month after its period ends.
 */
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const PERIODS_PER_YEAR = 6;

export const periodStart = (year: number, period: number) => iso(Date.UTC(year, 2 * period - 2, 1));
/** Day 0 of a month is the last day of the month before. */
export const periodEnd = (year: number, period: number) => iso(Date.UTC(year, 2 * period, 0));
export const dueDate = (year: number, period: number) => iso(Date.UTC(year, 2 * period + 1, 0));

