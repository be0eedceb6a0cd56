import { z } from 'zod';
import { MEMBER_KINDS, Member } from '../entities/Member.js';
import { builder } from './builder.js';

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
    id: t.exposeID('id'),
    kind: t.field({ type: MemberKindEnum, resolve: (m) => m.kind }),
    name: t.exposeString('name'),
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
  resolveReference: (ref, ctx) =>
    MemberRef.getDataloader(ctx)
      .load(ref.id)
      .catch(() => null),
});

export const MemberInput = builder.inputType('MemberInput', {
  description: 'A member. Give `id` to keep an existing member (and what other records say about it).',
  fields: (t) => ({
    id: t.id({ required: false }),
    kind: t.field({ type: MemberKindEnum, required: true }),
    name: t.string({ required: true }),
    scbCode: t.string({ required: false }),
    shareBasisPoints: t.int({ required: false }),
  }),
});

export function formatBasisPoints(bp: number): string {
  return `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}

/** SCB länskoder in use since 2007. */
const LAN_CODES = [
  '01',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '12',
  '13',
  '14',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
];
/** The kommun quarter of a FINSAM budget, in basis points. */
export const KOMMUN_QUARTER_BP = 2500;

const member = z.object({
  id: z.uuid().nullish(),
  kind: z.enum(MEMBER_KINDS),
  name: z.string().trim().min(2, 'Name is required').max(200),
  scbCode: z.string().trim().nullish(),
  shareBasisPoints: z.number().int().nullish(),
});

/** FINSAM's rules for who the members are and how the kommuner split their quarter. */
export const membersSchema = z.array(member).superRefine((members, ctx) => {
  const count = (kind: (typeof MEMBER_KINDS)[number]) => members.filter((m) => m.kind === kind).length;
  for (const [kind, label] of [
    ['FORSAKRINGSKASSAN', 'Försäkringskassan'],
    ['ARBETSFORMEDLINGEN', 'Arbetsförmedlingen'],
    ['REGION', 'region'],
  ] as const) {
    if (count(kind) !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `A förbund has exactly one ${label} member (found ${count(kind)})`,
      });
    }
  }
  if (count('KOMMUN') === 0) {
    ctx.addIssue({ code: 'custom', path: [], message: 'A förbund has at least one kommun member' });
  }

  const region = members.find((m) => m.kind === 'REGION');
  const seen = new Map<string, number>();
  let kommunShare = 0;
  members.forEach((m, i) => {
    if (m.kind === 'KOMMUN') {
      if (!m.scbCode || !/^\d{4}$/.test(m.scbCode) || !LAN_CODES.includes(m.scbCode.slice(0, 2))) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'scbCode'],
          message: 'A kommun needs its 4-digit SCB kommunkod, e.g. 1980',
        });
      } else {
        if (seen.has(m.scbCode)) {
          ctx.addIssue({ code: 'custom', path: [i, 'scbCode'], message: `Kommun ${m.scbCode} is listed twice` });
        }
        seen.set(m.scbCode, i);
        if (region?.scbCode && m.scbCode.slice(0, 2) !== region.scbCode) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'scbCode'],
            message: `Kommun ${m.scbCode} is not in the region's län ${region.scbCode}`,
          });
        }
      }
      if (m.shareBasisPoints == null || m.shareBasisPoints <= 0 || m.shareBasisPoints > KOMMUN_QUARTER_BP) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'shareBasisPoints'],
          message: 'A kommun needs a share between 0.01 % and 25 % (in basis points, 1–2500)',
        });
      } else {
        kommunShare += m.shareBasisPoints;
      }
    } else {
      if (m.shareBasisPoints != null) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'shareBasisPoints'],
          message: 'Only kommuner have an agreed share; the state (50 %) and the region (25 %) are set by law',
        });
      }
      if (m.kind === 'REGION') {
        if (!m.scbCode || !LAN_CODES.includes(m.scbCode)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'scbCode'],
            message: 'A region needs its 2-digit SCB länskod, e.g. 19',
          });
        }
      } else if (m.scbCode) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'scbCode'],
          message: 'Försäkringskassan and Arbetsförmedlingen have no SCB code',
        });
      }
    }
  });
  const allSharesGiven = members.every(
    (m) => m.kind !== 'KOMMUN' || (m.shareBasisPoints != null && m.shareBasisPoints > 0),
  );
  if (count('KOMMUN') > 0 && allSharesGiven && kommunShare !== KOMMUN_QUARTER_BP) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: `The kommuner's shares sum to ${formatBasisPoints(kommunShare)} %; together they must be 25.00 %`,
    });
  }
});
