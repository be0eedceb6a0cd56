import { loadById } from '@finsam/kit/ids.js';
import { z } from 'zod';
import { formatBasisPoints, memberIssues } from '../domain/registry.js';
import { MEMBER_KINDS, Member } from '../entities/Member.js';
import { builder } from './builder.js';
import { addIssues } from './issues.js';

export const MemberKindEnum = builder.enumType('MemberKind', {
  description: 'Who a member (medlem/part) of a samordningsförbund is. FINSAM requires all four kinds.',
  values: {
    FORSAKRINGSKASSAN: { description: 'Försäkringskassan (FK); pays the state half on behalf of FK and AF.' },
    ARBETSFORMEDLINGEN: { description: 'Arbetsförmedlingen (AF).' },
    REGION: { description: 'The region; pays 25 %.' },
    KOMMUN: { description: 'A kommun; the kommuner together pay 25 %, split by agreed shares.' },
  } as const,
});

export const MemberRef = builder.loadableObject('Member', {
  description:
    'A member (medlem/part) of a förbund. Other subgraphs refer to members by id (owners, employers, contributors).',
  authScopes: { authenticated: true },
  // Tenant-scoped like every load: a member of another förbund is not found.
  load: (ids: string[], ctx) => ctx.em.find(Member, { id: { $in: ids } }),
  sort: (m) => m.id,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The member’s id, by which other subgraphs refer to it.' }),
    kind: t.field({ type: MemberKindEnum, description: 'Which kind of member it is.', resolve: (m) => m.kind }),
    name: t.exposeString('name', { description: 'The member’s name, e.g. "Västerås stad" or "Region Västmanland".' }),
    scbCode: t.exposeString('scbCode', {
      nullable: true,
      description: 'SCB code: kommunkod (4 digits) for a kommun, länskod (2 digits) for a region.',
    }),
    shareBasisPoints: t.exposeInt('shareBasisPoints', {
      nullable: true,
      description: "A kommun's agreed share of the förbund's whole budget in basis points (1100 = 11 %).",
    }),
    sharePercent: t.string({
      nullable: true,
      description: 'The same share as an exact decimal percentage, e.g. "11.00".',
      resolve: (m) => (m.shareBasisPoints == null ? null : formatBasisPoints(m.shareBasisPoints)),
    }),
  }),
});

builder.asEntity(MemberRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadById(MemberRef.getDataloader(ctx), ref.id),
});

export const MemberInput = builder.inputType('MemberInput', {
  description: 'A member. Give `id` to keep an existing member (and what other records say about it).',
  fields: (t) => ({
    id: t.id({ required: false, description: 'An existing member’s id, to keep it; omit for a new member.' }),
    kind: t.field({
      type: MemberKindEnum,
      required: true,
      description: 'Which kind: exactly one Försäkringskassan, Arbetsförmedlingen and region, at least one kommun.',
    }),
    name: t.string({ required: true, description: 'The member’s name, 2–200 characters.' }),
    scbCode: t.string({
      required: false,
      description:
        'Kommunkod (4 digits, in the region’s län) for a kommun, länskod (2 digits) for the region; ' +
        'none for Försäkringskassan and Arbetsförmedlingen.',
    }),
    shareBasisPoints: t.int({
      required: false,
      description:
        'A kommun’s agreed share in basis points (1–2500); the kommuner’s shares sum to 2500 (25 %). ' +
        'Kommuner only.',
    }),
  }),
});

const member = z.object({
  id: z.uuid().nullish(),
  kind: z.enum(MEMBER_KINDS),
  name: z.string().trim().min(2, 'Name is required').max(200),
  scbCode: z.string().trim().nullish(),
  shareBasisPoints: z.number().int().nullish(),
});

/** A förbund's member list, checked against FINSAM's rules (`memberIssues`). */
export const membersSchema = z.array(member).superRefine((members, ctx) => addIssues(ctx, memberIssues(members)));
