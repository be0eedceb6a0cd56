import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { Participation } from './Participation.js';

export const SCREENING_KINDS = ['VIOLENCE_QUESTIONS', 'KASAM', 'SRS', 'ORS'] as const;

/**
 * A screening in the team's work: the violence questions (asked twice a year: asked, answered,
 * support offered), or a KASAM / SRS / ORS score.
 */
const ScreeningSchema = defineEntity({
  name: 'Screening',
  tableName: 'screening',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    participation: () => p.manyToOne(Participation).ref(),
    kind: p.enum(SCREENING_KINDS),
    date: p.date(),
    answered: p.boolean().nullable(),
    supportOffered: p.boolean().nullable(),
    score: p.integer().nullable(),
  },
  filters: tenantFilters,
});

export class Screening extends ScreeningSchema.class {}
ScreeningSchema.setClass(Screening);
