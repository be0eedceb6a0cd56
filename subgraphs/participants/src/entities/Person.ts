import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';

/**
 * A person who consented to take part in one insats: identity encrypted, found again by keyed hash
 * within that insats only (a referral elsewhere creates the person anew, and learns nothing).
 */
const PersonSchema = defineEntity({
  name: 'Person',
  tableName: 'person',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    /** The insats whose participant this is; null only for persons from before identities were per insats. */
    interventionId: p.uuid().nullable(),
    personNumberHash: p.string(),
    personNumberCipher: p.string(),
    nameCipher: p.string().nullable(),
    /** Skyddad personuppgift: name and personnummer read only by the insats' staff, with a reason. */
    protectedIdentity: p.boolean().default(false),
  },
  filters: tenantFilters,
});

export class Person extends PersonSchema.class {}
PersonSchema.setClass(Person);
