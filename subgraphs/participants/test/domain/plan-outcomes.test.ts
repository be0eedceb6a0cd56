import { type ExitRecord, planOutcome } from '../../src/domain/plan-outcomes.js';

const exit = (outcomes: string[], level6Months: ExitRecord['level6Months'] = null, level18Months = null) => ({
  outcomes,
  level6Months,
  level18Months,
});

describe('verksamhetsplan outcomes from a year’s exits', () => {
  it('counts an exit with a stegförflyttning once, against all exits of the year', () => {
    const exits = [
      exit(['STUDIER', 'ARBETE_MED_STOD']),
      exit(['AKTIVT_ARBETSSOKANDE']),
      exit(['ARBETE_UTAN_STOD']),
      exit(['STUDIER']),
      exit(['MEDICINSK_REHABILITERING']),
    ];
    expect(planOutcome(exits, 'STEP_FORWARD_SHARE', 80, 5)).toEqual({
      share: { suppressed: false, value: 0.8 },
      met: true,
    });
    expect(planOutcome(exits, 'STEP_FORWARD_SHARE', 81, 5).met).toBe(false);
  });

  it('counts the exits followed up after 6 or 18 months, kept at the same level or higher', () => {
    const exits = [
      exit(['STUDIER'], 'SAME'),
      exit(['STUDIER'], 'HIGHER'),
      exit(['STUDIER'], 'HIGHER'),
      exit(['STUDIER'], 'SAME'),
      exit(['STUDIER'], 'LOWER'),
      exit(['STUDIER'], 'LOWER'),
      exit(['STUDIER']),
    ];
    expect(planOutcome(exits, 'SAME_OR_HIGHER_6_MONTHS', 80, 5)).toEqual({
      share: { suppressed: false, value: 0.667 },
      met: false,
    });
  });

  it('suppresses a share over fewer than the minimum n, and says nothing about the target then', () => {
    const exits = [exit(['STUDIER'], null, null), exit(['AVBROTT'])];
    expect(planOutcome(exits, 'STEP_FORWARD_SHARE', 80, 5)).toEqual({
      share: { suppressed: true, value: null },
      met: null,
    });
    expect(planOutcome([], 'SAME_OR_HIGHER_18_MONTHS', 90, 5)).toEqual({
      share: { suppressed: false, value: null },
      met: null,
    });
  });
});
