import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import {
  DEFAULT_REFERRAL_DECIDER,
  INTERVENTION_FORMS,
  INTERVENTION_KINDS,
  METHODS,
  REFERRAL_DECIDERS,
} from '../domain/intervention.js';
import { LocalGoal } from './LocalGoal.js';
import { StaffPosition } from './StaffPosition.js';
import { StructuralEvent } from './StructuralEvent.js';

/**
 * An insats the förbund funds. Members are referred to by id: governance owns them, and the
 * mutations check them against the caller's förbund there.
 */
const InterventionSchema = defineEntity({
  name: 'Intervention',
  tableName: 'intervention',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    name: p.string(),
    kind: p.enum(INTERVENTION_KINDS),
    form: p.enum(INTERVENTION_FORMS),
    ownerMemberIds: p.array(),
    bookkeepingMemberId: p.uuid(),
    startDate: p.date(),
    endDate: p.date().nullable(),
    noticeMonths: p.integer().nullable(),
    kommunCodes: p.array(),
    targetAgeMin: p.integer(),
    targetAgeMax: p.integer(),
    priorityGroups: p.array(),
    maxEnrolled: p.integer().nullable(),
    yearlyPlaces: p.integer().nullable(),
    methods: p.array(),
    followUpMethod: p.string(),
    esfFunded: p.boolean(),
    attendeeTargetPerYear: p.integer().nullable(),
    closedReason: p.string().nullable(),
    /** Who accepts or rejects a referral (its insatsbeskrivning): the verksamhetsledare or the team. */
    referralDecidedBy: p.enum(REFERRAL_DECIDERS).default(DEFAULT_REFERRAL_DECIDER),
    staff: () => p.oneToMany(StaffPosition).mappedBy('intervention').orderBy({ fromDate: 'asc', id: 'asc' }),
    goals: () => p.oneToMany(LocalGoal).mappedBy('intervention').orderBy({ year: 'asc', id: 'asc' }),
    events: () => p.oneToMany(StructuralEvent).mappedBy('intervention').orderBy({ date: 'asc', id: 'asc' }),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  filters: tenantFilters,
});

export class Intervention extends InterventionSchema.class {}
InterventionSchema.setClass(Intervention);

export { INTERVENTION_FORMS, INTERVENTION_KINDS, METHODS };
