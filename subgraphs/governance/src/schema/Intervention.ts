import { builder } from './builder.js';

/** An insats, owned by teams; governance adds its styrgrupp, decisions, avvikelser and calendar. */
export const InterventionRef = builder.externalRef('Intervention', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: () => ({}),
});

/** The caller may see this insats' governance records: the whole förbund, or staff of this insats. */
export function seesIntervention(identity: { roles: string[]; interventionIds: string[] }, interventionId: string): boolean {
  return identity.roles.includes('forbund_admin') || identity.roles.includes('board') || (identity.roles.includes('staff') && identity.interventionIds.includes(interventionId));
}

/** The owners of an insats, asked of teams on the caller's behalf. */
export async function interventionOwners(ctx: import('@finsam/kit/context.js').SubgraphContext, interventionId: string): Promise<string[] | null> {
  const data = await ctx.services.query<{ intervention: { owners: { id: string }[] } | null }>(
    'teams',
    'query ($id: ID!) { intervention(id: $id) { owners { id } } }',
    { id: interventionId },
  );
  return data.intervention ? data.intervention.owners.map((o) => o.id) : null;
}
