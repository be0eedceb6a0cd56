import type { SubgraphContext } from '@finsam/kit/context.js';
import { builder } from './builder.js';

/** A förbund member, owned by governance; here only its id. */
export const MemberRef = builder.externalRef('Member', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: () => ({}),
});

export const member = (id: string) => ({ id });

export interface DirectoryMember {
  id: string;
  kind: 'FORSAKRINGSKASSAN' | 'ARBETSFORMEDLINGEN' | 'REGION' | 'KOMMUN';
  scbCode: string | null;
}

/** The caller's förbund's members, asked of governance on the caller's behalf. */
export async function ownMembers(ctx: SubgraphContext): Promise<DirectoryMember[]> {
  const data = await ctx.services.query<{ forbund: { members: DirectoryMember[] } | null }>(
    'governance',
    '{ forbund { members { id kind scbCode } } }',
  );
  return data.forbund?.members ?? [];
}
