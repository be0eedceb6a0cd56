/**
 * The caller's förbund as other subgraphs need it to check a write: its members, asked of
 * governance (which owns them) on the caller's behalf, so tenant walls and roles apply there too.
 */
import type { SubgraphContext } from './context.js';

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
