import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { Participation } from './Participation.js';

export const FOLLOW_UP_DECISIONS = ['CONTINUE', 'CHANGE', 'END'] as const;

/** A follow-up with the participant and the referrer, at least every third month. */
const FollowUpSchema = defineEntity({
  name: 'FollowUp',
  tableName: 'follow_up',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    participation: () => p.manyToOne(Participation).ref(),
    date: p.date(),
    referrerPresent: p.boolean(),
    decision: p.enum(FOLLOW_UP_DECISIONS),
  },
  filters: tenantFilters,
});

export class FollowUp extends FollowUpSchema.class {}
FollowUpSchema.setClass(FollowUp);
