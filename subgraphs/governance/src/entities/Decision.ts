import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { Meeting } from './Meeting.js';

export const DECISION_KINDS = ['BUDGET', 'VERKSAMHETSPLAN', 'EXTENSION', 'AVVIKELSE', 'OTHER'] as const;
export const VOTES = ['YES', 'NO', 'ABSTAIN'] as const;

export interface Vote {
  seatId: string;
  vote: (typeof VOTES)[number];
}

/** A beslut taken at a meeting; refers by id to what it concerns in other subgraphs. */
const DecisionSchema = defineEntity({
  name: 'Decision',
  tableName: 'decision',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    meeting: () => p.manyToOne(Meeting).ref(),
    kind: p.enum(DECISION_KINDS),
    text: p.text(),
    interventionId: p.uuid().nullable(),
    participationId: p.uuid().nullable(),
    budgetYear: p.integer().nullable(),
    votes: p.json<Vote[]>(),
  },
  filters: tenantFilters,
});

export class Decision extends DecisionSchema.class {}
DecisionSchema.setClass(Decision);
