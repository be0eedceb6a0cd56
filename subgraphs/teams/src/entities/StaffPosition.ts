import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { FINANCING, STAFF_ROLES } from '../domain/staff.js';
import { Intervention } from './Intervention.js';

/** A position in an intervention's team: a role, not a person (no names are kept). */
const StaffPositionSchema = defineEntity({
  name: 'StaffPosition',
  tableName: 'staff_position',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    intervention: () => p.manyToOne(Intervention).ref(),
    role: p.enum(STAFF_ROLES),
    employerMemberId: p.uuid(),
    ftePercent: p.integer(),
    financing: p.enum(FINANCING),
    fromDate: p.date(),
    toDate: p.date().nullable(),
  },
  filters: tenantFilters,
});

export class StaffPosition extends StaffPositionSchema.class {}
StaffPositionSchema.setClass(StaffPosition);

export { FINANCING, STAFF_ROLES };
