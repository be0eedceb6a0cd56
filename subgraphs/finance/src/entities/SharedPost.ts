import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { SharedPostService } from './SharedPostService.js';

/**
 * A post the förbund funds that serves several insatser (e.g. Kurator Region Västmanland). Its
 * allocations and requisitions are rows of `allocation` and `requisition` whose `intervention_id`
 * holds the post's id: both tables key money by the budget holder, an insats or a shared post.
 */
const SharedPostSchema = defineEntity({
  name: 'SharedPost',
  tableName: 'shared_post',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    name: p.string(),
    role: p.string(),
    employerMemberId: p.uuid(),
    description: p.text().nullable(),
    services: () => p.oneToMany(SharedPostService).mappedBy('post').orderBy({ position: 'asc' }),
  },
  filters: tenantFilters,
});

export class SharedPost extends SharedPostSchema.class {}
SharedPostSchema.setClass(SharedPost);
