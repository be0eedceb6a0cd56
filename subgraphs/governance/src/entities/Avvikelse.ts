import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';

export const AVVIKELSE_STATUSES = ['RECEIVED', 'BEING_HANDLED', 'HANDLED', 'FORWARDED'] as const;

/** A deviation report about collaboration, from an insats' staff to its styrgrupp. */
const AvvikelseSchema = defineEntity({
  name: 'Avvikelse',
  tableName: 'avvikelse',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    interventionId: p.uuid(),
    reportedOn: p.date(),
    description: p.text(),
    status: p.enum(AVVIKELSE_STATUSES),
    /** The styrgrupp answers within this date. */
    dueOn: p.date(),
    decisionId: p.uuid().nullable(),
    forwardedToMemberId: p.uuid().nullable(),
    reportedBy: p.string(),
  },
  filters: tenantFilters,
});

export class Avvikelse extends AvvikelseSchema.class {}
AvvikelseSchema.setClass(Avvikelse);
