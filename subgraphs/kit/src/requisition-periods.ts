/**
 * Requisition periods: a year has six two-month periods (1 = January–February … 6 =
 * November–December). A requisition is due one month after its period ends, on the last day of
 * the month after it (period 6: 31 January of the next year). Finance dates its requisitions by
 * them; governance's årshjul lists the deadlines.
 */
import { isoDate } from './dates.js';

export const PERIODS_PER_YEAR = 6;

/**
 * A day as YYYY-MM-DD; months past December run into the next year, and day 0 of a month is the
 * last day of the month before.
 */
const day = (year: number, month: number, date: number) => isoDate(new Date(Date.UTC(year, month, date)));

export const periodStart = (year: number, period: number) => day(year, 2 * period - 2, 1);
export const periodEnd = (year: number, period: number) => day(year, 2 * period, 0);
export const dueDate = (year: number, period: number) => day(year, 2 * period + 1, 0);
