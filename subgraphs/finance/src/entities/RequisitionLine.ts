import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { money } from './money.js';
import { Requisition } from './Requisition.js';

/** The cost categories of a requisition, as in the Säter budget (seed 002). */
export const COST_CATEGORIES = [
  'PERSONNEL',
  'PREMISES',
  'SUPERVISION_AND_TRAINING',
  'PLANNING_DAYS',
  'MATERIAL',
  'IT_AND_PHONE',
  'TRAVEL',
  'PARTICIPANT_ACTIVITIES',
  'FURNITURE',
  'OTHER',
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

/** One amount of a requisition, by cost category. */
const RequisitionLineSchema = defineEntity({
  name: 'RequisitionLine',
  tableName: 'requisition_line',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    requisition: () => p.manyToOne(Requisition).ref(),
    category: p.enum(COST_CATEGORIES),
    amount: money(),
    position: p.integer(),
  },
  filters: tenantFilters,
});

export class RequisitionLine extends RequisitionLineSchema.class {}
RequisitionLineSchema.setClass(RequisitionLine);
