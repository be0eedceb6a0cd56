import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { GOAL_STATUSES } from '../domain/goals.js';
import { Intervention } from './Intervention.js';

/** A yearly local goal (lokalt mål) set by the intervention's styrgrupp. */
const LocalGoalSchema = defineEntity({
  name: 'LocalGoal',
  tableName: 'local_goal',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    intervention: () => p.manyToOne(Intervention).ref(),
    year: p.integer(),
    text: p.string(),
    measure: p.string(),
    target: p.string(),
    result: p.string().nullable(),
    status: p.enum(GOAL_STATUSES),
  },
  filters: tenantFilters,
});

export class LocalGoal extends LocalGoalSchema.class {}
LocalGoalSchema.setClass(LocalGoal);

export { GOAL_STATUSES };
