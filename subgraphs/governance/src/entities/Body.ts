import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { BodyMember } from './BodyMember.js';

/** The bodies a förbund is steered through. */
export const BODY_KINDS = ['BOARD', 'PREPARATORY_GROUP', 'MEMBER_COUNCIL', 'STEERING_GROUP'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

const BodySchema = defineEntity({
  name: 'Body',
  tableName: 'body',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    kind: p.enum(BODY_KINDS),
    name: p.string(),
    /** The insats a styrgrupp steers; null for the förbund's own bodies. */
    interventionId: p.uuid().nullable(),
    members: () => p.oneToMany(BodyMember).mappedBy('body').orderBy({ position: 'asc' }),
  },
  filters: tenantFilters,
});

export class Body extends BodySchema.class {}
BodySchema.setClass(Body);
