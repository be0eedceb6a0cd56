/**
 * Verksamhetsplan goals followed up from records: a goal may name an outcome participants computes
 * (e.g. Västerås 2022: 80 % stegförflyttning; 80 % at the same level or higher 6 months after exit,
 * 90 % after 18) and its target in per cent. Only a goal has one, and then both are given.
 */
import type { ValidationIssue } from '@finsam/kit/errors.js';
import type { OUTCOME_MEASURES, PLAN_ITEM_KINDS } from '../entities/PlanGoal.js';

export interface PlanOutcomeDraft {
  kind: (typeof PLAN_ITEM_KINDS)[number];
  outcomeMeasure: (typeof OUTCOME_MEASURES)[number] | null;
  targetPercent: number | null;
}

/** What is wrong with a line's computed outcome: a measure and a target together, on a goal only. */
export function planOutcomeIssues(d: PlanOutcomeDraft): ValidationIssue[] {
  if (d.outcomeMeasure !== null && d.kind !== 'GOAL') {
    return [{ path: ['input', 'outcomeMeasure'], message: 'Only a goal is followed up with a computed outcome' }];
  }
  if (d.outcomeMeasure !== null && d.targetPercent === null) {
    return [{ path: ['input', 'targetPercent'], message: 'A goal with a computed outcome states its target' }];
  }
  if (d.outcomeMeasure === null && d.targetPercent !== null) {
    return [{ path: ['input', 'outcomeMeasure'], message: 'A target is for a goal with a computed outcome' }];
  }
  return [];
}
