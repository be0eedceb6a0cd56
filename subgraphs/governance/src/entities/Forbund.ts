import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { Member } from './Member.js';

/**
 * A samordningsförbund: the tenant itself. Its `tenantId` equals its `id`, so the same two
 * walls that guard every tenant-owned row guard the registry too.
 */
const ForbundSchema = defineEntity({
  name: 'Forbund',
  tableName: 'forbund',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    name: p.string(),
    slug: p.string().unique(),
    organisationNumber: p.string(),
    /** The förbund it merged into (domain/merger.ts), and from which day; null while it stands alone. */
    mergedInto: p.uuid().nullable(),
    mergedOn: p.date().nullable(),
    members: () => p.oneToMany(Member).mappedBy('forbund').orderBy({ position: 'asc' }),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  filters: tenantFilters,
});

export class Forbund extends ForbundSchema.class {}
ForbundSchema.setClass(Forbund);
