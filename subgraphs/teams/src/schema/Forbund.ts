import { cacheable } from '@finsam/kit/cache-control.js';
import { builder } from './builder.js';
import { findInterventions, InterventionFilterInput, InterventionRef } from './Intervention.js';

/** `Forbund` is owned by governance; teams adds its interventions. */
export const ForbundRef = builder.externalRef('Forbund', builder.selection<{ id: string }>('id')).implement({
  directives: cacheable,
  externalFields: (t) => ({ id: t.id() }),
  fields: (t) => ({
    interventions: t.field({
      type: [InterventionRef],
      description: 'The insatser the förbund funds, by name.',
      authScopes: { tenantReader: true },
      args: { filter: t.arg({ type: InterventionFilterInput, description: 'Narrows the list; all when left out.' }) },
      resolve: (forbund, { filter }, ctx) => findInterventions(ctx, { ...filter, tenantId: forbund.id }),
    }),
  }),
});
