/** Personnummer and samordningsnummer without a database: form, date, check digit, kön and age. */
import { ageOn, luhn, parsePersonNumber } from '../../src/domain/personnummer.js';

const TODAY = new Date('2026-06-01T00:00:00Z');

describe('parsePersonNumber', () => {
  it('normalises twelve digits, gives the birth date and kön from the ninth digit', () => {
    expect(parsePersonNumber('199003159820', TODAY)).toEqual({
      value: '19900315-9820',
      birthDate: '1990-03-15',
      kon: 'KVINNA',
      coordinationNumber: false,
    });
    expect(parsePersonNumber(' 19850101-9817 ', TODAY)).toMatchObject({ kon: 'MAN' });
  });

  it('reads a samordningsnummer: the day plus 60', () => {
    const n = `19900375-982${luhn('900375982')}`;
    expect(parsePersonNumber(n, TODAY)).toMatchObject({ birthDate: '1990-03-15', coordinationNumber: true });
  });

  it.each([
    ['9003159820', 'Personnummer is 12 digits, YYYYMMDD-NNNN'],
    ['19900315+9820', 'Personnummer is 12 digits, YYYYMMDD-NNNN'],
    ['19900230-9822', 'The date part is not a date'],
    ['20300101-0000', 'The date part is in the future'],
    ['19900315-9821', 'The check digit does not match'],
  ])('refuses %s: %s', (input, message) => {
    expect(parsePersonNumber(input, TODAY)).toBe(message);
  });
});

describe('luhn and ageOn', () => {
  it('completes the digits with the Luhn check digit', () => {
    expect(luhn('900315982')).toBe(0);
    expect(luhn('850101981')).toBe(7);
  });

  it('counts whole years, the birthday included', () => {
    expect(ageOn('1990-03-15', '2026-03-14')).toBe(35);
    expect(ageOn('1990-03-15', '2026-03-15')).toBe(36);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
  });
});
