import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { Meeting } from './Meeting.js';

/** A correction to approved minutes: the original stays as it was approved. */
const MinutesCorrectionSchema = defineEntity({
  name: 'MinutesCorrection',
  tableName: 'minutes_correction',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    meeting: () => p.manyToOne(Meeting).ref(),
    text: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  filters: tenantFilters,
});

export class MinutesCorrection extends MinutesCorrectionSchema.class {}
MinutesCorrectionSchema.setClass(MinutesCorrection);
