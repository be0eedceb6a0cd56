import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';

export const PLAN_ITEM_KINDS = ['GOAL', 'INTERNAL_CONTROL'] as const;
export const FOLLOW_UP_STATUSES = ['PLANNED', 'IN_PROGRESS', 'MET', 'PARTLY_MET', 'NOT_MET'] as const;
/** Outcomes participants computes from records for a goal (its `outcome`). */
export const OUTCOME_MEASURES = ['STEP_FORWARD_SHARE', 'SAME_OR_HIGHER_6_MONTHS', 'SAME_OR_HIGHER_18_MONTHS'] as const;

/**
 * A line of the förbund's verksamhetsplan for a year: a goal, or an internal-control item
 * (intern kontroll: a risk and how it is checked), each with its follow-up.
 */
const PlanGoalSchema = defineEntity({
  name: 'PlanGoal',
  tableName: 'plan_goal',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    year: p.integer(),
    kind: p.enum(PLAN_ITEM_KINDS),
    text: p.text(),
    /** How it is measured (goal) or checked (internal control). */
    measure: p.text(),
    followUp: p.text().nullable(),
    status: p.enum(FOLLOW_UP_STATUSES),
    /** A goal followed up from records: what measures it, and the target in per cent (both or neither). */
    outcomeMeasure: p.enum(OUTCOME_MEASURES).nullable(),
    targetPercent: p.integer().nullable(),
  },
  filters: tenantFilters,
});

export class PlanGoal extends PlanGoalSchema.class {}
PlanGoalSchema.setClass(PlanGoal);
