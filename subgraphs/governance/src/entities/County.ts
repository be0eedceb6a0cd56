import { defineEntity, p } from '@mikro-orm/core';

/** A county (län) as a set of förbund: what a county analyst sees. Platform-level: no tenant. */
const CountySchema = defineEntity({
  name: 'County',
  tableName: 'county',
  properties: {
    id: p.uuid().primary(),
    name: p.text().unique(),
    forbundIds: p.array().columnType('uuid[]'),
    createdAt: p.datetime(),
  },
});

export class County extends CountySchema.class {}
CountySchema.setClass(County);
