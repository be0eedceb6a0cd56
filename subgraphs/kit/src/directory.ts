/**
 * The caller's förbund as other subgraphs need it to check a write: its members, asked of
 * governance (which owns them), and its insatser, asked of teams (which owns them), each on the
 * caller's behalf, so tenant walls and roles apply there too.
 */
import type { SubgraphContext } from './context.js';
import type { ValidationIssue } from './errors.js';
import { isUuid } from './ids.js';

export interface DirectoryMember {
  id: string;
  kind: 'FORSAKRINGSKASSAN' | 'ARBETSFORMEDLINGEN' | 'REGION' | 'KOMMUN';
  name: string;
  scbCode: string | null;
  /** A kommun's agreed share of the whole budget, in basis points (800 = 8 %). */
  shareBasisPoints: number | null;
}

export async function ownMembers(ctx: SubgraphContext): Promise<DirectoryMember[]> {
  const data = await ctx.services.query<{ forbund: { members: DirectoryMember[] } | null }>(
    'governance',
    '{ forbund { members { id kind name scbCode shareBasisPoints } } }',
  );
  return data.forbund?.members ?? [];
}

/**
 * Which of these insatser the caller can see in its own förbund, asked of teams on the caller's
 * behalf in one call (one alias per id). Teams applies its walls: another förbund's insats, or
 * for staff one that is not theirs, comes back null.
 */
async function visibleInterventions(ctx: SubgraphContext, ids: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids)].filter(isUuid);
  if (wanted.length === 0) {
    return new Set();
  }
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
export async function unknownInterventionIssues(
  ctx: SubgraphContext,
  named: { id: string; path: (string | number)[] }[],
): Promise<ValidationIssue[]> {
  const known = await visibleInterventions(
    ctx,
    named.map((n) => n.id),
  );
  return named
    .filter((n) => !known.has(n.id))
    .map((n) => ({ path: n.path, message: `${n.id} is not an insats of your förbund` }));
}
