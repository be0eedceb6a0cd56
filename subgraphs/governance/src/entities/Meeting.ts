import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { Body } from './Body.js';

/** A meeting of a body: planned in the årshjul, then held with attendance and minutes. */
const MeetingSchema = defineEntity({
  name: 'Meeting',
  tableName: 'meeting',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    body: () => p.manyToOne(Body).ref(),
    date: p.date(),
    title: p.string().nullable(),
    agenda: p.array(),
    /** Seats present (body_member ids). */
    attendance: p.array(),
    minutes: p.text().nullable(),
    /** Once set, the minutes are an official record: corrections are new records. */
    minutesApprovedAt: p.datetime().nullable(),
  },
  filters: tenantFilters,
});

export class Meeting extends MeetingSchema.class {}
MeetingSchema.setClass(Meeting);
