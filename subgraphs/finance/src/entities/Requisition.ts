import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { RequisitionLine } from './RequisitionLine.js';

/** WITHDRAWN: a correction took it back (issue 21); it holds no period and counts nowhere. */
const REQUISITION_STATUSES = ['SUBMITTED', 'APPROVED', 'REJECTED', 'PAID', 'WITHDRAWN'] as const;
export type RequisitionStatus = (typeof REQUISITION_STATUSES)[number];
/** Statuses whose amount counts as used. */
export const COUNTED_STATUSES: readonly RequisitionStatus[] = ['APPROVED', 'PAID'];

/**
 * A rekvisition: an insats asks the förbund for its costs of one two-month period. `version`
 * grows with every decision, so two decisions made on the same reading cannot both land.
 */
const RequisitionSchema = defineEntity({
  name: 'Requisition',
  tableName: 'requisition',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    interventionId: p.uuid(),
    year: p.integer(),
    /** 1 = January–February … 6 = November–December. */
    period: p.integer(),
    submittedOn: p.date(),
    status: p.enum(REQUISITION_STATUSES),
    rejectionReason: p.string().nullable(),
    version: p.integer(),
    lines: () => p.oneToMany(RequisitionLine).mappedBy('requisition').orderBy({ position: 'asc' }),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  filters: tenantFilters,
});

export class Requisition extends RequisitionSchema.class {}
RequisitionSchema.setClass(Requisition);
