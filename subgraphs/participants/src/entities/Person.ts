import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';

/** A person who consented: identity encrypted, found again by keyed hash. */
const PersonSchema = defineEntity({
  name: 'Person',
  tableName: 'person',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    personNumberHash: p.string(),
    personNumberCipher: p.string(),
    nameCipher: p.string().nullable(),
  },
  filters: tenantFilters,
});

export class Person extends PersonSchema.class {}
PersonSchema.setClass(Person);
