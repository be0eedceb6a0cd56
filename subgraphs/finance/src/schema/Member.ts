import type { SubgraphContext } from '@finsam/kit/context.js';
import { builder } from './builder.js';

/** A förbund member, owned by governance; here only its id. */
export const MemberRef = builder.externalRef('Member', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: () => ({}),
});

export interface DirectoryMember {
  id: string;
  kind: 'FORSAKRINGSKASSAN' | 'ARBETSFORMEDLINGEN' | 'REGION' | 'KOMMUN';
  name: string;
  scbCode: string | null;
  /** A kommun's agreed share of the whole budget, in basis points (800 = 8 %). */
  shareBasisPoints: number | null;
}

/** The caller's förbund's members with their agreed shares, asked of governance on the caller's behalf. */
export async function ownMembers(ctx: SubgraphContext): Promise<DirectoryMember[]> {
  const data = await ctx.services.query<{ forbund: { members: DirectoryMember[] } | null }>(
    'governance',
    '{ forbund { members { id kind name scbCode shareBasisPoints } } }',
  );
  return data.forbund?.members ?? [];
}
