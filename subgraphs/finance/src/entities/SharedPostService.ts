import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { SharedPost } from './SharedPost.js';

/** The time a shared post gives one insats it serves (its staffing there). */
const SharedPostServiceSchema = defineEntity({
  name: 'SharedPostService',
  tableName: 'shared_post_service',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    post: () => p.manyToOne(SharedPost).ref(),
    interventionId: p.uuid(),
    ftePercent: p.integer(),
    position: p.integer(),
  },
  filters: tenantFilters,
});

export class SharedPostService extends SharedPostServiceSchema.class {}
SharedPostServiceSchema.setClass(SharedPostService);
