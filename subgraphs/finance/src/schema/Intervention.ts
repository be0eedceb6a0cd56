import type { SubgraphContext } from '@finsam/kit/context.js';
import type { ValidationIssue } from '@finsam/kit/errors.js';
import type { Role } from '@finsam/kit/identity.js';
import { builder } from './builder.js';
import { isUuid } from '@finsam/kit/ids.js';
import { cacheable } from '@finsam/kit/cache-control.js';

/** An insats, owned by teams; finance adds its money (allocation, requisitions, usage). */
export const InterventionRef = builder.externalRef('Intervention', builder.selection<{ id: string }>('id')).implement({
  directives: cacheable,
  externalFields: (t) => ({ id: t.id() }),
  fields: () => ({}),
});

export const intervention = (id: string) => ({ id });

/** Admins and the board see every insats' figures; staff those of their own insatser. */
export const readsFiguresOf = (i: { id: string }) => ({ role: ['forbund_admin', 'board'] as Role[], staffOf: i.id });

/**
 * Which of these insatser the caller can see in its own förbund, asked of teams on the caller's
 * behalf in one call (one alias per id). Teams applies its walls: another förbund's insats, or
 * for staff one that is not theirs, comes back null.
 */
export async function visibleInterventions(ctx: SubgraphContext, ids: string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids)].filter(isUuid);
  if (wanted.length === 0) return new Set();
  const vars = wanted.map((_, n) => `$i${n}: ID!`).join(', ');
  const fields = wanted.map((_, n) => `i${n}: intervention(id: $i${n}) { id }`).join(' ');
  const data = await ctx.services.query<Record<string, { id: string } | null>>(
    'teams',
    `query (${vars}) { ${fields} }`,
    Object.fromEntries(wanted.map((id, n) => [`i${n}`, id])),
  );
  return new Set(Object.values(data).flatMap((found) => (found ? [found.id] : [])));
}

/** An issue for each id (at its path) that is not an insats of the caller's förbund. */
export async function unknownInterventionIssues(ctx: SubgraphContext, named: { id: string; path: (string | number)[] }[]): Promise<ValidationIssue[]> {
  const known = await visibleInterventions(ctx, named.map((n) => n.id));
  return named.filter((n) => !known.has(n.id)).map((n) => ({ path: n.path, message: `${n.id} is not an insats of your förbund` }));
}
