/**
 * Calendar dates as YYYY-MM-DD strings, the form the Date scalar and SQL `date` columns share.
 * Entities declare date columns with `p.date()`, which MikroORM maps to such strings, so dates
 * compare as strings; `isoDate` turns a JS Date (e.g. in the Date scalar) into the same form.
 */
import { badArgument } from './errors.js';

export function isoDate(value: string | Date): string;
export function isoDate(value: string | Date | null | undefined): string | null;
export function isoDate(value: string | Date | null | undefined): string | null {
  if (value == null) {
    return null;
  }
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

export const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The day it is in Sweden (Europe/Stockholm), where the förbund work: a rule such as "not dated in the
 * future" compares with this, so a date entered just after midnight in Sweden is today, not tomorrow.
 */
export const todayInSweden = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(now);

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** A `from`–`to` pair of date arguments, both days included; `to` before `from` is BAD_USER_INPUT. */
export function dateRange(from: string, to: string): { from: string; to: string } {
  if (to < from) {
    throw badArgument('to', '`to` is before `from`');
  }
  return { from, to };
}
