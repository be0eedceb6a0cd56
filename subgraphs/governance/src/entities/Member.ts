import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { Forbund } from './Forbund.js';

/** The four kinds of member (medlem/part) FINSAM allows. */
export const MEMBER_KINDS = ['FORSAKRINGSKASSAN', 'ARBETSFORMEDLINGEN', 'REGION', 'KOMMUN'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

const MemberSchema = defineEntity({
  name: 'Member',
  tableName: 'forbund_member',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    forbund: () => p.manyToOne(Forbund).ref(),
    kind: p.enum(MEMBER_KINDS),
    name: p.string(),
    /** SCB code: 4 digits for a kommun, 2 (the län) for a region; null for the state agencies. */
    scbCode: p.string().nullable(),
    /** A kommun's agreed share of the whole budget in basis points (1100 = 11 %); kommuner sum to 2500. */
    shareBasisPoints: p.integer().nullable(),
    position: p.integer(),
  },
  filters: tenantFilters,
});

export class Member extends MemberSchema.class {}
MemberSchema.setClass(Member);
