import { cacheable } from '@finsam/kit/cache-control.js';
import { tenantOf } from '@finsam/kit/scopes.js';
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

builder.queryFields((t) => ({
  // Shared with governance, which owns the förbund (its name, its calendar). The caller's förbund is the
  // tenant of their token, known without a read, so a query for its insatser (the dashboard) starts here
  // and in governance at once instead of waiting for governance's answer to learn the id: one sequential
  // subgraph fetch less. Same scopes as governance's field; a förbund row is never deleted (a merged one
  // is marked), so governance never answers null where teams answers the id.
  forbund: t.field({
    type: ForbundRef,
    nullable: true,
    shareable: true,
    description: "The caller's own förbund.",
    authScopes: { tenantReader: true, steering: true },
    resolve: (_root, _args, ctx) => ({ id: tenantOf(ctx) }),
  }),
}));
