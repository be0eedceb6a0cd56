import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { today } from '@finsam/kit/dates.js';
import { ownMembers } from '@finsam/kit/directory.js';
import { ValidationError } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import type { Intervention } from '../entities/Intervention.js';
import { FINANCING, STAFF_ROLES, StaffPosition } from '../entities/StaffPosition.js';
import { builder } from './builder.js';
import { changeChild, InterventionRef, writableIntervention } from './Intervention.js';
import { MemberRef, member } from './Member.js';

const ROLE_NAMES: Record<(typeof STAFF_ROLES)[number], string> = {
  VERKSAMHETSLEDARE: 'Verksamhetsledare (team leader).',
  SOCIALKONSULENT: 'Socialkonsulent.',
  ARBETSKONSULENT: 'Arbetskonsulent.',
  ARBETSFORMEDLARE: 'Arbetsförmedlare.',
  KURATOR: 'Kurator.',
  COACH: 'Coach.',
  FORSAKRINGSUTREDARE: 'Försäkringsutredare.',
  PROJEKTLEDARE: 'Projektledare.',
  OTHER: 'Other role.',
};

export const StaffRoleEnum = builder.enumType('StaffRole', {
  values: Object.fromEntries(STAFF_ROLES.map((r) => [r, { description: ROLE_NAMES[r] }])) as Record<
    (typeof STAFF_ROLES)[number],
    { description: string }
  >,
});
const FinancingEnum = builder.enumType('Financing', {
  values: {
    FORBUND: { description: 'Paid by the förbund.' },
    LENT_BY_MEMBER: { description: 'Lent by the employing member at no cost to the förbund.' },
  } as const,
});

const StaffPositionRef = builder.objectRef<StaffPosition>('StaffPosition').implement({
  description: 'A position in an insats team (a role and its size, not a person).',
  fields: (t) => ({
    id: t.exposeID('id'),
    role: t.field({ type: StaffRoleEnum, resolve: (s) => s.role }),
    fte: t.exposeInt('ftePercent', { description: 'Tjänstgöringsgrad in percent of full time.' }),
    employer: t.field({
      type: MemberRef,
      description: 'The member that employs the person.',
      resolve: (s) => member(s.employerMemberId),
    }),
    financing: t.field({ type: FinancingEnum, resolve: (s) => s.financing }),
    from: t.field({ type: 'Date', resolve: (s) => s.fromDate }),
    to: t.field({ type: 'Date', nullable: true, resolve: (s) => s.toDate ?? null }),
  }),
});

const FteByEmployer = builder.objectRef<{ employer: string; fte: number }>('FteByEmployer').implement({
  fields: (t) => ({
    employer: t.field({ type: MemberRef, resolve: (r) => member(r.employer) }),
    fte: t.exposeInt('fte', { description: 'Sum of FTE percent.' }),
  }),
});
const FteSummary = builder
  .objectRef<{ total: number; byEmployer: { employer: string; fte: number }[] }>('FteSummary')
  .implement({
    description: 'Staffing of an insats on a date, in FTE percent (100 = one full-time position).',
    fields: (t) => ({
      total: t.exposeInt('total'),
      byEmployer: t.field({ type: [FteByEmployer], resolve: (s) => s.byEmployer }),
    }),
  });

const onDate = (s: StaffPosition, date: string | null | undefined) =>
  !date || (s.fromDate <= date && (s.toDate == null || s.toDate >= date));

async function positions(i: Intervention) {
  return (await i.staff.load({ dataloader: true })).getItems();
}

builder.objectFields(InterventionRef, (t) => ({
  staff: t.field({
    type: [StaffPositionRef],
    args: { activeOn: t.arg({ type: 'Date', description: 'Only positions held on this date.' }) },
    resolve: async (i, { activeOn }) => (await positions(i)).filter((s) => onDate(s, activeOn)),
  }),
  fte: t.field({
    type: FteSummary,
    description: 'FTE in total and per employing member on a date (default: today).',
    args: { on: t.arg({ type: 'Date' }) },
    resolve: async (i, { on }) => {
      const date = on ?? today();
      const held = (await positions(i)).filter((s) => onDate(s, date));
      const byEmployer = new Map<string, number>();
      for (const s of held) {
        byEmployer.set(s.employerMemberId, (byEmployer.get(s.employerMemberId) ?? 0) + s.ftePercent);
      }
      return {
        total: held.reduce((sum, s) => sum + s.ftePercent, 0),
        byEmployer: [...byEmployer].map(([employer, fte]) => ({ employer, fte })),
      };
    },
  }),
}));

const StaffPositionInput = builder.inputType('StaffPositionInput', {
  fields: (t) => ({
    role: t.field({ type: StaffRoleEnum, required: true }),
    employerMemberId: t.id({ required: true, description: 'A member of your förbund.' }),
    fte: t.int({ required: true, description: 'Percent of full time, 1–100.' }),
    financing: t.field({ type: FinancingEnum, required: true }),
    from: t.field({ type: 'Date', required: true }),
    to: t.field({ type: 'Date' }),
  }),
});

const staffSchema = z
  .object({
    role: z.enum(STAFF_ROLES),
    employerMemberId: z.uuid('Not a member id'),
    fte: z.number().int().min(1, 'FTE is 1–100 %').max(100, 'FTE is 1–100 % (one position per person)'),
    financing: z.enum(FINANCING),
    from: z.string(),
    to: z.string().nullish(),
  })
  .refine((s) => !s.to || s.to >= s.from, { path: ['to'], message: 'The position ends before it starts' });

async function checkedStaff(ctx: SubgraphContext, input: unknown) {
  const data = parseInput(staffSchema, input);
  if (!(await ownMembers(ctx)).some((m) => m.id === data.employerMemberId)) {
    throw new ValidationError([
      { path: ['input', 'employerMemberId'], message: `${data.employerMemberId} is not a member of your förbund` },
    ]);
  }
  return {
    role: data.role,
    employerMemberId: data.employerMemberId,
    ftePercent: data.fte,
    financing: data.financing,
    fromDate: data.from,
    toDate: data.to ?? null,
  };
}

builder.mutationFields((t) => ({
  addStaffPosition: t.field({
    type: InterventionRef,
    authScopes: { tenantAdmin: true },
    args: { interventionId: t.arg.id({ required: true }), input: t.arg({ type: StaffPositionInput, required: true }) },
    errors: {},
    resolve: async (_root, { interventionId, input }, ctx) => {
      const data = await checkedStaff(ctx, input);
      return ctx.em.transactional(async (tx) => {
        const intervention = await writableIntervention({ ...ctx, em: tx }, String(interventionId), ['interventionId']);
        tx.create(StaffPosition, { ...data, id: randomUUID(), tenantId: intervention.tenantId, intervention });
        return intervention;
      });
    },
  }),
  updateStaffPosition: t.field({
    type: InterventionRef,
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: StaffPositionInput, required: true }) },
    errors: {},
    resolve: async (_root, { id, input }, ctx) => {
      const data = await checkedStaff(ctx, input);
      return changeChild(ctx, StaffPosition, String(id), 'staff position', (tx, position) => tx.assign(position, data));
    },
  }),
  removeStaffPosition: t.field({
    type: InterventionRef,
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true }) },
    errors: {},
    resolve: (_root, { id }, ctx) =>
      changeChild(ctx, StaffPosition, String(id), 'staff position', (tx, position) => tx.remove(position)),
  }),
}));
