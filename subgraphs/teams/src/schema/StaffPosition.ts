import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { today } from '@finsam/kit/dates.js';
import { ownMembers } from '@finsam/kit/directory.js';
import { type FteSummary, fteOn, heldOn, parseStaffPosition, staffPosition } from '../domain/staff.js';
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
  description: 'The role of a staff position in an insats team.',
  values: Object.fromEntries(STAFF_ROLES.map((r) => [r, { description: ROLE_NAMES[r] }])) as Record<
    (typeof STAFF_ROLES)[number],
    { description: string }
  >,
});
const FINANCING_NAMES: Record<(typeof FINANCING)[number], string> = {
  FORBUND: 'Paid by the förbund.',
  LENT_BY_MEMBER: 'Lent by the employing member at no cost to the förbund.',
};
const FinancingEnum = builder.enumType('Financing', {
  description: 'Who pays for a staff position.',
  values: Object.fromEntries(FINANCING.map((f) => [f, { description: FINANCING_NAMES[f] }])) as Record<
    (typeof FINANCING)[number],
    { description: string }
  >,
});

const StaffPositionRef = builder.objectRef<StaffPosition>('StaffPosition').implement({
  description: 'A position in an insats team (a role and its size, not a person).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The position id, for `updateStaffPosition` and `removeStaffPosition`.' }),
    role: t.field({ type: StaffRoleEnum, description: 'The role, e.g. verksamhetsledare.', resolve: (s) => s.role }),
    fte: t.exposeInt('ftePercent', { description: 'Tjänstgöringsgrad in percent of full time.' }),
    employer: t.field({
      type: MemberRef,
      description: 'The member that employs the person.',
      resolve: (s) => member(s.employerMemberId),
    }),
    financing: t.field({
      type: FinancingEnum,
      description: 'Paid by the förbund or lent by the employing member.',
      resolve: (s) => s.financing,
    }),
    from: t.field({ type: 'Date', description: 'The first day the position is held.', resolve: (s) => s.fromDate }),
    to: t.field({
      type: 'Date',
      nullable: true,
      description: 'The last day it is held; null while it runs on.',
      resolve: (s) => s.toDate ?? null,
    }),
  }),
});

const FteByEmployer = builder.objectRef<FteSummary['byEmployer'][number]>('FteByEmployer').implement({
  description: 'The FTE one member employs in an insats on a date.',
  fields: (t) => ({
    employer: t.field({ type: MemberRef, description: 'The employing member.', resolve: (r) => member(r.employer) }),
    fte: t.exposeInt('fte', { description: 'Sum of FTE percent.' }),
  }),
});
const FteSummaryRef = builder.objectRef<FteSummary>('FteSummary').implement({
  description: 'Staffing of an insats on a date, in FTE percent (100 = one full-time position).',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Sum of FTE percent of every position held on the date.' }),
    byEmployer: t.field({
      type: [FteByEmployer],
      description: 'The same per employing member.',
      resolve: (s) => s.byEmployer,
    }),
  }),
});

async function positions(i: Intervention) {
  return (await i.staff.load({ dataloader: true })).getItems();
}

builder.objectFields(InterventionRef, (t) => ({
  staff: t.field({
    type: [StaffPositionRef],
    description: 'Bemanning: its staff positions (roles and FTE, no names), earliest first.',
    args: { activeOn: t.arg({ type: 'Date', description: 'Only positions held on this date.' }) },
    resolve: async (i, { activeOn }) => (await positions(i)).filter((s) => heldOn(s, activeOn)),
  }),
  fte: t.field({
    type: FteSummaryRef,
    description: 'FTE in total and per employing member on a date (default: today).',
    args: { on: t.arg({ type: 'Date', description: 'The day counted; default today.' }) },
    resolve: async (i, { on }) => fteOn(await positions(i), on ?? today()),
  }),
}));

const StaffPositionInput = builder.inputType('StaffPositionInput', {
  description: 'A staff position: a role, its employer and size, and its dates.',
  fields: (t) => ({
    role: t.field({ type: StaffRoleEnum, required: true, description: 'The role, e.g. verksamhetsledare.' }),
    employerMemberId: t.id({ required: true, description: 'A member of your förbund.' }),
    fte: t.int({ required: true, description: 'Percent of full time, 1–100.' }),
    financing: t.field({
      type: FinancingEnum,
      required: true,
      description: 'Paid by the förbund or lent by the employing member.',
    }),
    from: t.field({ type: 'Date', required: true, description: 'The first day the position is held.' }),
    to: t.field({ type: 'Date', description: 'The last day; not before `from`. Leave out while it runs on.' }),
  }),
});

/** The input checked by the rules, with its employer checked against governance's members. */
async function checkedStaff(ctx: SubgraphContext, input: unknown) {
  const data = parseStaffPosition(input);
  return staffPosition(
    data,
    (await ownMembers(ctx)).map((m) => m.id),
  );
}

builder.mutationFields((t) => ({
  addStaffPosition: t.field({
    type: InterventionRef,
    description: 'Adds a staff position to an insats; the answer is the insats. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: {
      interventionId: t.arg.id({ required: true, description: 'The insats the position belongs to.' }),
      input: t.arg({ type: StaffPositionInput, required: true, description: 'The position.' }),
    },
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
    description: 'Replaces a staff position (e.g. a new FTE or an end date); the answer is its insats.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true, description: 'The position to change.' }),
      input: t.arg({ type: StaffPositionInput, required: true, description: 'The position as it is to be.' }),
    },
    errors: {},
    resolve: async (_root, { id, input }, ctx) => {
      const data = await checkedStaff(ctx, input);
      return changeChild(ctx, StaffPosition, String(id), 'staff position', (tx, position) => tx.assign(position, data));
    },
  }),
  removeStaffPosition: t.field({
    type: InterventionRef,
    description:
      'Deletes a staff position, history and all (to end a position, give it an end date instead); ' +
      'the answer is its insats.',
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true, description: 'The position to remove.' }) },
    errors: {},
    resolve: (_root, { id }, ctx) =>
      changeChild(ctx, StaffPosition, String(id), 'staff position', (tx, position) => tx.remove(position)),
  }),
}));
