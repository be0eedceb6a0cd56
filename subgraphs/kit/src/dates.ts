/**
 * Calendar dates as YYYY-MM-DD strings, the form the Date scalar and SQL `date` columns share.
 * PostgreSQL's driver may hand a `date` back as a JS Date (in UTC); `isoDate` makes both one form
 * so dates compare as strings.
 */
export function isoDate(value: string | Date): string;
export function isoDate(value: string | Date | null | undefined): string | null;
export function isoDate(value: string | Date | null | undefined): string | null {
  if (value == null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

export const today = (): string => new Date().toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
