import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { Body } from './Body.js';

export const SEAT_ROLES = ['ORDINARIE', 'ERSATTARE', 'ADJUNGERAD', 'FOREDRAGANDE'] as const;

/** A seat in a body: a named person representing a member (part), with an explicit role. */
const BodyMemberSchema = defineEntity({
  name: 'BodyMember',
  tableName: 'body_member',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    body: () => p.manyToOne(Body).ref(),
    name: p.string(),
    /** The member (part) the person represents; null for e.g. the förbundschef. */
    memberId: p.uuid().nullable(),
    role: p.enum(SEAT_ROLES),
    voting: p.boolean(),
    /** Beslutsmandat from the member's own organisation. */
    mandate: p.boolean(),
    termFrom: p.date(),
    termTo: p.date().nullable(),
    position: p.integer(),
  },
  filters: tenantFilters,
});

export class BodyMember extends BodyMemberSchema.class {}
BodyMemberSchema.setClass(BodyMember);
