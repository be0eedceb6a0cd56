import type { SubgraphContext } from '@finsam/kit/context.js';
import { builder } from './builder.js';

/** An insats, owned by teams; here only its id. SurveyResult.ts adds `indicatorResults`. */
export const InterventionRef = builder.externalRef('Intervention', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: () => ({}),
});

export const intervention = (id: string) => ({ id });

/** Which of these insatser belong to the caller's förbund: asked of teams, on the caller's behalf, in one request. */
export async function ownInterventionIds(ctx: SubgraphContext, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const variables = Object.fromEntries(ids.map((id, i) => [`i${i}`, id]));
  const document = `query (${ids.map((_, i) => `$i${i}: ID!`).join(', ')}) { ${ids.map((_, i) => `i${i}: intervention(id: $i${i}) { id }`).join(' ')} }`;
  const data = await ctx.services.query<Record<string, { id: string } | null>>('teams', document, variables);
  return new Set(Object.values(data).flatMap((found) => (found ? [found.id] : [])));
}
