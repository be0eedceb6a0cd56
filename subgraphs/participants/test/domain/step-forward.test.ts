/**
 * Stegförflyttning and the participant profile as published (issue 19): the year's steps in a table of
 * their own, so the counts stay as they were; a förbund's share beside insatser that are withheld; the
 * first half-year withheld when the second could be worked out; persons beside participations.
 */
import { countyTables } from '../../src/domain/county.js';
import { SUPPRESSED, shown } from '../../src/domain/disclosure.js';
import { share } from '../../src/domain/figures.js';
import { disclosedProfile, type ProfileRow, sumProfileRows } from '../../src/domain/profile.js';
import { disclosedYear, type LedgerRow } from '../../src/domain/year-figures.js';

const row = (over: Partial<LedgerRow>): LedgerRow => ({
  intervention_id: 'a',
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

/** An insats with new participants early in 2021 and exits in each half: [exits, steps] per half. */
function insats(id: string, h1: [number, number], h2: [number, number]): LedgerRow[] {
  const n = h1[0] + h2[0] + 10;
  return [
    row({ intervention_id: id, new: n }),
    row({ intervention_id: id, dim: 'KON', key: 'KVINNA', new: n }),
    row({ intervention_id: id, dim: 'REFERRER', key: 'AF', new: n }),
    row({ intervention_id: id, exited: h1[0], step_forward: h1[1] }),
    row({ intervention_id: id, dim: 'KON', key: 'KVINNA', exited: h1[0] }),
    row({ intervention_id: id, half: 2, exited: h2[0], step_forward: h2[1] }),
    row({ intervention_id: id, half: 2, dim: 'KON', key: 'KVINNA', exited: h2[0] }),
  ];
}

// Sala-like (8 exits and 7 steps, then 8 and 4: 11 of 16), and one with 3 exits that are not steps.
const LEDGER = [...insats('sala', [8, 7], [8, 4]), ...insats('b', [6, 6], [9, 6]), ...insats('c', [6, 6], [6, 3])];

describe('stegförflyttning as published', () => {
  const year = disclosedYear(LEDGER, 2021, 'YEAR', 5);
  const of = (id: string) => year.interventions.find((i) => i.interventionId === id)!;

  it('shows 11 of 16 for the year, though its half-years hold 1 to 4 of something', () => {
    expect(of('sala').stepForwardShare).toEqual(shown(share(11, 16)));
    expect(of('sala').stepForwardShare.value).toBe(0.688);
  });

  it('withholds the first half-year when the second could be worked out from it', () => {
    const half = disclosedYear(LEDGER, 2021, 'HALF_YEAR', 5);
    expect(half.interventions.find((i) => i.interventionId === 'sala')!.stepForwardShare).toEqual(SUPPRESSED);
  });

  it('withholds an insats with 1 to 4 other exits, and one more so the förbund’s share tells nothing', () => {
    expect(of('c').stepForwardShare).toEqual(SUPPRESSED); // 9 steps, 3 not
    const hidden = ['sala', 'b', 'c'].filter((i) => of(i).stepForwardShare.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(year.stepForward).toEqual(shown(11 + 12 + 9));
    expect(year.stepForwardShare).toEqual(shown(share(32, 16 + 15 + 12)));
  });

  it('keeps the counts as they are, whatever the steps are', () => {
    const noSteps = disclosedYear(
      LEDGER.map((r) => ({ ...r, step_forward: 0 })),
      2021,
      'YEAR',
      5,
    );
    expect(year.interventions.map((i) => [i.new, i.total, i.exited])).toEqual(
      noSteps.interventions.map((i) => [i.new, i.total, i.exited]),
    );
  });

  it('gives the county the sum of the förbund’s steps, withheld when one förbund’s is', () => {
    const other = disclosedYear(insats('x', [2, 1], [0, 0]), 2021, 'YEAR', 5);
    const county = countyTables(
      [
        { forbundId: 'f', y: year },
        { forbundId: 'g', y: other },
      ],
      2021,
      5,
    );
    expect(county.rows[0]!.stepForwardShare).toEqual(year.stepForwardShare);
    expect(county.totals.stepForward).toEqual(SUPPRESSED);
    const alone = countyTables([{ forbundId: 'f', y: year }], 2021, 5);
    expect(alone.totals.stepForwardShare).toEqual(shown(share(32, 43)));
  });
});

const profileRow = (over: Partial<ProfileRow>): ProfileRow => ({
  tenant_id: 't',
  intervention_id: null,
  participations: 132,
  persons: 130,
  exited: 40,
  by_kon: [
    { kon: 'KVINNA', n: 70, age_n: 70, age_sum: 70 * 32, years_n: 70, years_sum: 343 },
    { kon: 'MAN', n: 62, age_n: 60, age_sum: 60 * 29 + 10, years_n: 62, years_sum: 248 },
  ],
  support: [
    { source: 'LON', before: 0, after: 12 },
    { source: 'SJUKPENNING', before: 20, after: 3 },
  ],
  ...over,
});
const KNOWN = { participations: shown(132), exited: shown(40) };

describe('the participant profile', () => {
  it('gives averages per kön to one decimal, the one rounding rule', () => {
    const p = disclosedProfile(profileRow({}), 5, KNOWN);
    expect(p.byKon.map((k) => [k.kon, k.averageAge.value, k.averageYearsInSupport.value])).toEqual([
      ['KVINNA', 32, 4.9],
      ['MAN', 29.2, 4],
    ]);
  });

  it('withholds persons when participations − persons is 1 to 4 (130 of 132), never shows them as 0', () => {
    const p = disclosedProfile(profileRow({}), 5, KNOWN);
    expect(p.participations).toEqual(shown(132));
    expect(p.persons).toEqual(SUPPRESSED);
    expect(disclosedProfile(profileRow({ persons: 120 }), 5, KNOWN).persons).toEqual(shown(120));
    expect(disclosedProfile(profileRow({ persons: 132 }), 5, KNOWN).persons).toEqual(shown(132));
  });

  it('shows both to the insats’ own staff, and hides what the year hides', () => {
    expect(disclosedProfile(profileRow({}), 5, KNOWN, true).persons).toEqual(shown(130));
    const hidden = disclosedProfile(profileRow({}), 5, { participations: SUPPRESSED, exited: SUPPRESSED });
    expect([hidden.participations, hidden.exited]).toEqual([SUPPRESSED, SUPPRESSED]);
  });

  it('has the exit group’s support before and after, counts of 1 to 4 withheld', () => {
    const p = disclosedProfile(profileRow({}), 5, KNOWN);
    expect(p.supportBeforeAfter).toEqual([
      { source: 'LON', before: shown(0), after: shown(12) },
      { source: 'SJUKPENNING', before: shown(20), after: SUPPRESSED },
    ]);
  });

  it('adds förbund up for the county: persons of two förbund are two', () => {
    const sum = sumProfileRows([profileRow({}), profileRow({ persons: 100, participations: 100 })]);
    expect([sum.persons, sum.participations]).toEqual([230, 232]);
    expect(sum.by_kon.find((k) => k.kon === 'MAN')!.n).toBe(124);
  });
});
