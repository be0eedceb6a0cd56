/**
 * Personnummer and samordningsnummer (Skatteverket): YYYYMMDD-NNNC, where C is a Luhn check
 * digit over YYMMDDNNN and a samordningsnummer adds 60 to the day. The ninth digit gives legal
 * kön (odd: man, even: kvinna). Twelve digits are required: ten leave the century to guess.
 */
export interface PersonNumber {
  /** Normalised YYYYMMDD-NNNN. */
  value: string;
  birthDate: string;
  kon: 'MAN' | 'KVINNA';
  coordinationNumber: boolean;
}

export function parsePersonNumber(input: string, today = new Date()): PersonNumber | string {
  const m = /^(\d{4})(\d{2})(\d{2})-?(\d{3})(\d)$/.exec(input.trim());
  if (!m) {
    return 'Personnummer is 12 digits, YYYYMMDD-NNNN';
  }
  const [, y, mo, d, serial, check] = m as unknown as [string, string, string, string, string, string];
  const dayNumber = Number(d);
  const coordinationNumber = dayNumber > 60;
  const day = coordinationNumber ? dayNumber - 60 : dayNumber;
  const birthDate = `${y}-${mo}-${String(day).padStart(2, '0')}`;
  const date = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birthDate) {
    return 'The date part is not a date';
  }
  if (date > today) {
    return 'The date part is in the future';
  }
  if (luhn(`${y.slice(2)}${mo}${d}${serial}`) !== Number(check)) {
    return 'The check digit does not match';
  }
  return {
    value: `${y}${mo}${d}-${serial}${check}`,
    birthDate,
    kon: Number(serial[2]) % 2 === 1 ? 'MAN' : 'KVINNA',
    coordinationNumber,
  };
}

/** The Luhn digit that completes `digits`. */
export function luhn(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (n > 9) {
      n -= 9;
    }
    sum += n;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whole years between a birth date and a day. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
