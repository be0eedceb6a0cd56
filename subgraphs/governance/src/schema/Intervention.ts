import { cacheable } from '@finsam/kit/cache-control.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { type Identity, interventionScope } from '@finsam/kit/identity.js';
import { holds } from '@finsam/kit/scopes.js';
import type { AvvikelseReader } from '../domain/avvikelser.js';
import { builder } from './builder.js';

/** An insats, owned by teams; governance adds its styrgrupp, decisions, avvikelser and calendar. */
export const InterventionRef = builder.externalRef('Intervention', builder.selection<{ id: string }>('id')).implement({
  directives: cacheable,
  externalFields: (t) => ({ id: t.id() }),
  fields: () => ({}),
});

/** The caller may see this insats' governance records: the whole förbund, or staff of this insats. */
export function seesIntervention(identity: Identity, interventionId: string): boolean {
  const ids = interventionScope(identity);
  return !ids || ids.includes(interventionId);
}

/** The caller by insats: the whole förbund (report readers), or the insatser they staff or steer. */
export function insatsReader(ctx: SubgraphContext): AvvikelseReader {
  const { identity } = ctx;
  return {
    wholeForbund: holds(identity, 'reportReader'),
    staffOf: holds(identity, 'staff') ? identity.interventionIds : [],
    steeringOf: holds(identity, 'steering') ? identity.steeringInterventionIds : [],
  };
}

/** The owners of an insats, asked of teams on the caller's behalf. */
export async function interventionOwners(ctx: SubgraphContext, interventionId: string): Promise<string[] | null> {
  const data = await ctx.services.query<{ intervention: { owners: { id: string }[] } | null }>(
    'teams',
    'query ($id: ID!) { intervention(id: $id) { owners { id } } }',
    { id: interventionId },
  );
  return data.intervention ? data.intervention.owners.map((o) => o.id) : null;
}
