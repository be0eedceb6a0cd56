import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { EVENT_FORMATS } from '../domain/structural-events.js';
import { Intervention } from './Intervention.js';

/** One event of a strukturövergripande intervention: a training, seminar or webinar. */
const StructuralEventSchema = defineEntity({
  name: 'StructuralEvent',
  tableName: 'structural_event',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    intervention: () => p.manyToOne(Intervention).ref(),
    date: p.date(),
    title: p.string(),
    format: p.enum(EVENT_FORMATS),
    audience: p.string(),
    attendees: p.integer(),
  },
  filters: tenantFilters,
});

export class StructuralEvent extends StructuralEventSchema.class {}
StructuralEventSchema.setClass(StructuralEvent);

export { EVENT_FORMATS };
