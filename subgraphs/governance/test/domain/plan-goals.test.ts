import { planOutcomeIssues } from '../../src/domain/plan-goals.js';

describe('a verksamhetsplan goal with a computed outcome', () => {
  it('takes a measure with its target on a goal, or neither', () => {
    expect(planOutcomeIssues({ kind: 'GOAL', outcomeMeasure: 'STEP_FORWARD_SHARE', targetPercent: 80 })).toEqual([]);
    expect(planOutcomeIssues({ kind: 'GOAL', outcomeMeasure: null, targetPercent: null })).toEqual([]);
    expect(planOutcomeIssues({ kind: 'INTERNAL_CONTROL', outcomeMeasure: null, targetPercent: null })).toEqual([]);
  });

  it('refuses a measure without a target, a target without a measure, and either on internal control', () => {
    expect(planOutcomeIssues({ kind: 'GOAL', outcomeMeasure: 'SAME_OR_HIGHER_6_MONTHS', targetPercent: null })).toEqual(
      [{ path: ['input', 'targetPercent'], message: 'A goal with a computed outcome states its target' }],
    );
    expect(planOutcomeIssues({ kind: 'GOAL', outcomeMeasure: null, targetPercent: 90 })).toEqual([
      { path: ['input', 'outcomeMeasure'], message: 'A target is for a goal with a computed outcome' },
    ]);
    expect(
      planOutcomeIssues({ kind: 'INTERNAL_CONTROL', outcomeMeasure: 'SAME_OR_HIGHER_18_MONTHS', targetPercent: 90 }),
    ).toEqual([{ path: ['input', 'outcomeMeasure'], message: 'Only a goal is followed up with a computed outcome' }]);
  });
});
