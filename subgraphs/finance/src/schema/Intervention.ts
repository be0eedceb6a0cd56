import { cacheable } from '@finsam/kit/cache-control.js';
import { builder } from './builder.js';

/** An insats, owned by teams; finance adds its money (allocation, requisitions, usage). */
export const InterventionRef = builder.externalRef('Intervention', builder.selection<{ id: string }>('id')).implement({
  directives: cacheable,
  externalFields: (t) => ({ id: t.id() }),
  fields: () => ({}),
});

export const intervention = (id: string) => ({ id });
