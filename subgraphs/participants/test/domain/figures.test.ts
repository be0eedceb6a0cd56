/** Report figures without a database: shares, and the county tables built from each förbund's published year. */
import { countyTables, sumOfPublished } from '../../src/domain/county.js';
import { SUPPRESSED, shown } from '../../src/domain/disclosure.js';
import { isStepForward, roundAverage, STEP_FORWARD, share } from '../../src/domain/figures.js';
import { disclosedYear, type LedgerRow } from '../../src/domain/year-figures.js';

describe('figures', () => {
  it('counts work, supported work, studies, active job seeking and continued rehabilitation as a step', () => {
    // DOMAIN.md (Årsrapport 2021, from SUS): fortsatt aktiv rehabilitering is a step; the old list left it out.
    expect([...STEP_FORWARD].sort()).toEqual([
      'AKTIVT_ARBETSSOKANDE',
      'ARBETE_MED_STOD',
      'ARBETE_UTAN_STOD',
      'FORTSATT_REHABILITERING',
      'STUDIER',
    ]);
  });

  it('counts an exit with several step outcomes once, and medical rehabilitation, avbrott, övrigt not at all', () => {
    expect(isStepForward(['ARBETE_MED_STOD', 'STUDIER'])).toBe(true);
    expect(isStepForward(['FORTSATT_REHABILITERING'])).toBe(true);
    expect(isStepForward(['MEDICINSK_REHABILITERING', 'AVBROTT', 'OVRIGT'])).toBe(false);
    expect(isStepForward([])).toBe(false);
  });

  it('rounds every average to one decimal and every share to three, half away from zero', () => {
    expect(roundAverage(32.45)).toBe(32.5);
    expect(roundAverage(32.44)).toBe(32.4);
    expect(roundAverage(2.25)).toBe(2.3);
    expect(roundAverage(4.0)).toBe(4);
    expect(share(11, 16)).toBe(0.688);
    expect(share(1, 8)).toBe(0.125);
  });

  it('gives a share to three decimals, and none of nothing', () => {
    expect(share(2, 3)).toBe(0.667);
    expect(share(0, 5)).toBe(0);
    expect(share(0, 0)).toBeNull();
  });
});

const row = (over: Partial<LedgerRow>): LedgerRow => ({
  intervention_id: 'i',
  year: 2021,
  half: 1,
  dim: 'ALL',
  key: '',
  new: 0,
  exited: 0,
  age_n: 0,
  age_sum: 0,
  step_forward: 0,
  ...over,
});

describe('the county tables', () => {
  it('adds published counts; a sum with a suppressed part is suppressed', () => {
    expect(sumOfPublished([shown(3), shown(4)])).toEqual(shown(7));
    expect(sumOfPublished([shown(30), SUPPRESSED])).toEqual(SUPPRESSED);
  });

  it('takes each förbund’s row from its own published year; participants without consent under OKAND', () => {
    const a = disclosedYear(
      [
        row({ new: 30, exited: 10, age_n: 30, age_sum: 1000 }),
        row({ dim: 'KON', key: 'MAN', new: 30, exited: 10 }),
        row({ dim: 'REFERRER', key: 'AF', new: 30 }),
        row({ dim: 'HEMKOMMUN', key: '1981', new: 3 }),
        row({ dim: 'HEMKOMMUN', key: '1982', new: 20, exited: 10 }),
      ],
      2021,
      'YEAR',
      5,
    );
    const b = disclosedYear(
      [
        row({ intervention_id: 'j', new: 12, exited: 6, age_n: 4, age_sum: 200 }),
        row({ intervention_id: 'j', dim: 'KON', key: 'KVINNA', new: 12, exited: 6 }),
        row({ intervention_id: 'j', dim: 'REFERRER', key: 'AF', new: 12 }),
        row({ intervention_id: 'j', dim: 'HEMKOMMUN', key: '1980', new: 12, exited: 6 }),
      ],
      2021,
      'YEAR',
      5,
    );
    const county = countyTables(
      [
        { forbundId: 'a', y: a },
        { forbundId: 'b', y: b },
      ],
      2021,
      5,
    );
    const first = county.rows[0]!;
    expect(first.key).toEqual({ forbundId: 'a', year: 2021 });
    expect(first.newByHemkommun.map((c) => c.scbCode)).toEqual(['1981', '1982', 'OKAND']);
    const cells = Object.fromEntries(first.newByHemkommun.map((c) => [c.scbCode, c.new]));
    expect(cells['1981']).toEqual(SUPPRESSED);
    expect(Object.values(cells).filter((c) => c.suppressed).length).toBeGreaterThanOrEqual(2);
    expect(first.figures.new).toEqual(shown(30));
    expect(first.averageAgeAtEntry).toEqual(shown(33.3));
    // Four ages are fewer than the threshold: the average is withheld like a small count.
    expect(county.rows[1]!.averageAgeAtEntry).toEqual(SUPPRESSED);
    expect(county.totals.figures.exited).toEqual(shown(16));
    expect(county.threshold).toBe(5);
  });
});
