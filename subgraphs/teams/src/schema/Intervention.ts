import { randomUUID } from 'node:crypto';
import type { SubgraphTypes } from '@finsam/kit/builder.js';
import { cacheable } from '@finsam/kit/cache-control.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { ownMembers } from '@finsam/kit/directory.js';
import { NotFoundError } from '@finsam/kit/errors.js';
import { interventionScope } from '@finsam/kit/identity.js';
import { loadById } from '@finsam/kit/ids.js';
import { holds, tenantOf } from '@finsam/kit/scopes.js';
import type { EntityClass, FilterQuery, Ref, RequiredEntityData } from '@mikro-orm/core';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import {
  changedIntervention,
  checkIntervention,
  closing,
  type InterventionData,
  interventionData,
  isActive,
  parseInterventionChange,
  parseNewIntervention,
  positionEndOnClose,
} from '../domain/intervention.js';
import { type INTERVENTION_KINDS, Intervention, type METHODS } from '../entities/Intervention.js';
import { builder } from './builder.js';
import { MemberRef, member } from './Member.js';

export const InterventionKindEnum = builder.enumType('InterventionKind', {
  description:
    'Inriktning of an insats; fixed when it is registered. A mixed insats is registered as two insatser, one of each.',
  values: {
    INDIVIDUAL: { description: 'Individinriktad: works with participants.' },
    STRUCTURAL: { description: 'Strukturövergripande: trainings, seminars, development across organisations.' },
  } as const,
});
const InterventionFormEnum = builder.enumType('InterventionForm', {
  description: 'How long an insats runs: tills vidare, or as a project with an end date.',
  values: {
    UNTIL_FURTHER_NOTICE: { description: 'Tills vidare, with a notice period.' },
    PROJECT: { description: 'A project with an end date.' },
  } as const,
});
const ReferralDeciderEnum = builder.enumType('ReferralDecider', {
  description: 'Who accepts or rejects a referral to an insats, as its insatsbeskrivning gives the mandate.',
  values: {
    VERKSAMHETSLEDARE: { description: 'The verksamhetsledare (a VERKSAMHETSLEDARE grant for the insats).' },
    TEAM: { description: 'The team under the insats’ mandate: any of its staff.' },
  } as const,
});
const MethodEnum = builder.enumType('Method', {
  description: 'A method (arbetsmetod) an insats works with.',
  values: {
    SOLUTION_FOCUSED: { description: 'Lösningsfokuserat arbetssätt.' },
    SUPPORTED_EMPLOYMENT: { description: 'Supported Employment / IPS.' },
    CASE_MANAGEMENT: { description: 'Case management.' },
    SJU_TJUGO: { description: '7Tjugo.' },
    BIP: { description: 'BIP (Benchmarking Inclusion Process).' },
    OTHER: { description: 'Another method.' },
  } as const,
});

/**
 * What the caller may see: the whole tenant for admins and the board, own insatser for staff, and for a
 * styrgrupp member the insatser they steer (named in their styrgrupp's meetings and decisions).
 */
export function visibleTo(ctx: SubgraphContext): FilterQuery<Intervention> {
  if (holds(ctx.identity, 'countyReader')) {
    // The county's förbund, as the tenant filter and RLS bound them: an insats is no person.
    return {};
  }
  const ids = interventionScope(ctx.identity);
  const steered = holds(ctx.identity, 'steering') ? ctx.identity.steeringInterventionIds : [];
  return ids ? { id: { $in: [...ids, ...steered] } } : {};
}

export const InterventionRef = builder.loadableObject('Intervention', {
  directives: cacheable,
  description:
    'An insats the förbund funds. Participants, money, styrgrupper and surveys attach to it. The county analyst ' +
    'reads what teams keeps of it (its name beside the county figures); who takes part stays with the förbund.',
  // An insats' description is no person: the county reads it beside staffing and money.
  authScopes: { tenantReader: true, steering: true, countyReader: true },
  load: (ids: string[], ctx) => ctx.em.find(Intervention, { $and: [{ id: { $in: ids } }, visibleTo(ctx)] }),
  sort: (i) => i.id,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The insats id; other subgraphs refer to the insats by it.' }),
    name: t.exposeString('name', { description: 'Its name, e.g. "Samordningsteam Sala".' }),
    kind: t.field({
      type: InterventionKindEnum,
      description: 'Individinriktad or strukturövergripande; fixed at creation.',
      resolve: (i) => i.kind,
    }),
    form: t.field({
      type: InterventionFormEnum,
      description: 'Tills vidare (with notice) or a project (with an end date).',
      resolve: (i) => i.form,
    }),
    owners: t.field({
      type: [MemberRef],
      description: 'The members behind the insats (at least two).',
      resolve: (i) => i.ownerMemberIds.map(member),
    }),
    bookkeepingMember: t.field({
      type: MemberRef,
      description: 'The member that keeps its books.',
      resolve: (i) => member(i.bookkeepingMemberId),
    }),
    startDate: t.field({ type: 'Date', description: 'The first day it runs.', resolve: (i) => i.startDate }),
    endDate: t.field({
      type: 'Date',
      nullable: true,
      description: 'The last day it runs; null for a tills vidare insats that has not been closed.',
      resolve: (i) => i.endDate ?? null,
    }),
    noticeMonths: t.exposeInt('noticeMonths', {
      nullable: true,
      description: 'Uppsägningstid for a tills vidare insats.',
    }),
    closedReason: t.exposeString('closedReason', {
      nullable: true,
      description: 'Why it ended, when it was closed (`closeIntervention`); otherwise null.',
    }),
    activeOn: t.boolean({
      description: 'Whether the insats runs on the date (start ≤ date ≤ end).',
      args: { date: t.arg({ type: 'Date', required: true, description: 'The day asked about.' }) },
      resolve: (i, { date }) => isActive(i, date),
    }),
    kommunCodes: t.exposeStringList('kommunCodes', { description: 'SCB codes of the kommuner it covers.' }),
    targetAgeMin: t.exposeInt('targetAgeMin', {
      description: 'Youngest age of the target group (målgrupp); FINSAM: from 16.',
    }),
    targetAgeMax: t.exposeInt('targetAgeMax', {
      description: 'Oldest age of the target group; FINSAM: up to 64, since 2024 up to 67.',
    }),
    priorityGroups: t.exposeStringList('priorityGroups', {
      description: 'E.g. "unga 19–29 med aktivitetsersättning".',
    }),
    maxEnrolled: t.exposeInt('maxEnrolled', { nullable: true, description: 'Most participants enrolled at once.' }),
    yearlyPlaces: t.exposeInt('yearlyPlaces', { nullable: true, description: 'Årsplatser.' }),
    methods: t.field({
      type: [MethodEnum],
      description: 'The methods (arbetsmetoder) it works with.',
      resolve: (i) => i.methods as (typeof METHODS)[number][],
    }),
    followUpMethod: t.exposeString('followUpMethod', { description: 'Fixed at creation.' }),
    referralDecidedBy: t.field({
      type: ReferralDeciderEnum,
      description: 'Who accepts or rejects a referral (remiss), as the insatsbeskrivning gives the mandate.',
      resolve: (i) => i.referralDecidedBy,
    }),
    esfFunded: t.exposeBoolean('esfFunded', { description: 'ESF-financed; fixed at creation.' }),
  }),
});

builder.asEntity(InterventionRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadById(InterventionRef.getDataloader(ctx), ref.id),
});

export const InterventionFilterInput = builder.inputType('InterventionFilter', {
  description: 'Narrows a list of insatser; every condition given must hold.',
  fields: (t) => ({
    kind: t.field({ type: InterventionKindEnum, description: 'Only insatser of this kind.' }),
    activeOn: t.field({ type: 'Date', description: 'Only insatser running on this date.' }),
    kommunCode: t.string({ description: 'Only insatser covering this kommun (SCB code).' }),
  }),
});

interface InterventionFilter {
  kind?: (typeof INTERVENTION_KINDS)[number] | null;
  activeOn?: string | null;
  kommunCode?: string | null;
  tenantId?: string;
}

export function findInterventions(
  ctx: SubgraphContext,
  filter: InterventionFilter,
  page: { limit?: number; offset?: number } = {},
) {
  const where: FilterQuery<Intervention>[] = [visibleTo(ctx)];
  if (filter.tenantId) {
    where.push({ tenantId: filter.tenantId });
  }
  if (filter.kind) {
    where.push({ kind: filter.kind });
  }
  if (filter.kommunCode) {
    where.push({ kommunCodes: { $overlap: [filter.kommunCode] } });
  }
  if (filter.activeOn) {
    where.push({
      startDate: { $lte: filter.activeOn },
      $or: [{ endDate: null }, { endDate: { $gte: filter.activeOn } }],
    });
  }
  return ctx.em.find(Intervention, { $and: where }, { orderBy: { name: 'asc', id: 'asc' }, ...page });
}

builder.queryFields((t) => ({
  interventions: t.connection(
    {
      type: InterventionRef,
      description: 'Insatser of your förbund (staff: your own).',
      authScopes: { tenantReader: true },
      args: { filter: t.arg({ type: InterventionFilterInput, description: 'Narrows the list; all when left out.' }) },
      resolve: (_root, args, ctx) =>
        resolveOffsetConnection({ args }, ({ limit, offset }) =>
          findInterventions(ctx, args.filter ?? {}, { limit, offset }),
        ),
    },
    { name: 'InterventionConnection' },
    { name: 'InterventionEdge' },
  ),
  intervention: t.field({
    type: InterventionRef,
    nullable: true,
    description: 'One insats of your förbund (staff: your own); null when there is none you may see.',
    authScopes: { tenantReader: true },
    args: { id: t.arg.id({ required: true, description: 'The insats id.' }) },
    resolve: (_root, { id }, ctx) => loadById(InterventionRef.getDataloader(ctx), String(id)),
  }),
}));

// --- writing -------------------------------------------------------------------------------

/** The whole insats against the rules, with owners and kommuner checked against governance's members. */
async function check(ctx: SubgraphContext, d: InterventionData) {
  checkIntervention(d, await ownMembers(ctx));
}

const InterventionInputFields = (
  t: PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<SubgraphTypes>, 'InputObject'>,
  required: boolean,
) => ({
  name: t.string({ required, description: 'Its name, 2–200 characters.' }),
  form: t.field({
    type: InterventionFormEnum,
    required,
    description: 'Tills vidare or project; a project needs an end date.',
  }),
  ownerMemberIds: t.idList({ required, description: 'Member ids (from `forbund { members { id } }`); at least two.' }),
  bookkeepingMemberId: t.id({ required, description: 'One of the owners.' }),
  startDate: t.field({ type: 'Date', required, description: 'The first day it runs.' }),
  endDate: t.field({
    type: 'Date',
    description: 'The last day it runs; required for a project, not before the start.',
  }),
  noticeMonths: t.int({ description: 'Uppsägningstid in months (0–24), for a tills vidare insats.' }),
  kommunCodes: t.stringList({ required, description: "SCB codes of kommuner covered; a subset of the förbund's." }),
  targetAgeMin: t.int({ description: 'Default 16.' }),
  targetAgeMax: t.int({ description: 'Default 64 (FINSAM allows up to 67 since 2024).' }),
  priorityGroups: t.stringList({ description: 'Prioriterade grupper, e.g. "unga 19–29 med aktivitetsersättning".' }),
  maxEnrolled: t.int({
    description: 'Most participants enrolled at once; an individinriktad insats states this and/or årsplatser.',
  }),
  yearlyPlaces: t.int({ description: 'Årsplatser.' }),
  methods: t.field({ type: [MethodEnum], description: 'The methods (arbetsmetoder) it works with.' }),
  attendeeTargetPerYear: t.int({ description: 'Strukturövergripande only: attendees aimed for per year.' }),
  referralDecidedBy: t.field({
    type: ReferralDeciderEnum,
    description: 'Who decides on referrals, as the insatsbeskrivning says. Default (at creation): VERKSAMHETSLEDARE.',
  }),
  kind: t.field({
    type: InterventionKindEnum,
    required,
    description: required
      ? 'Individinriktad or strukturövergripande; fixed at creation.'
      : 'Fixed at creation: giving another value is an error.',
  }),
  followUpMethod: t.string({
    required,
    description: required
      ? 'How the insats is followed up, e.g. "Indikatorer för finansiell samordning"; fixed at creation.'
      : 'Fixed at creation.',
  }),
  esfFunded: t.boolean({
    required,
    description: required
      ? 'Whether ESF (Europeiska socialfonden) finances it; fixed at creation.'
      : 'Fixed at creation.',
  }),
});

const CreateInterventionInput = builder.inputType('CreateInterventionInput', {
  description: 'A new insats. Kind, follow-up method and ESF funding cannot change later.',
  fields: (t) => InterventionInputFields(t, true),
});
const UpdateInterventionInput = builder.inputType('UpdateInterventionInput', {
  description: 'Fields left out stay as they are.',
  fields: (t) => InterventionInputFields(t, false),
});

/** Loads an intervention the caller may write, or says it is not there. */
export async function writableIntervention(
  ctx: SubgraphContext,
  id: string,
  path: (string | number)[],
): Promise<Intervention> {
  const found = await ctx.em.findOne(Intervention, { id });
  if (!found) {
    throw new NotFoundError(path, `No insats ${id} in your förbund`);
  }
  return found;
}

/**
 * Staff positions, goals and events belong to an insats: one of them is changed (or removed) in a
 * transaction, only if it is in the caller's förbund, and the answer is its insats.
 */
export function changeChild<T extends { intervention: Ref<Intervention> }>(
  ctx: SubgraphContext,
  entity: EntityClass<T>,
  id: string,
  what: string,
  change: (tx: SubgraphContext['em'], child: T) => void,
): Promise<Intervention> {
  return ctx.em.transactional(async (tx) => {
    const child = (await tx.findOne(entity, { id } as never, { populate: ['intervention'] as never })) as T | null;
    if (!child) {
      throw new NotFoundError(['id'], `No ${what} ${id} in your förbund`);
    }
    change(tx, child);
    return child.intervention.getEntity();
  });
}

builder.mutationFields((t) => ({
  createIntervention: t.field({
    type: InterventionRef,
    description: 'Registers an insats of your förbund. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: CreateInterventionInput, required: true, description: 'The insats to register.' }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseNewIntervention(input);
      await check(ctx, data);
      return ctx.em.transactional(async (tx) =>
        tx.create(Intervention, {
          ...nullable(data),
          id: randomUUID(),
          tenantId: tenantOf(ctx),
          closedReason: null,
        } as RequiredEntityData<Intervention>),
      );
    },
  }),
  updateIntervention: t.field({
    type: InterventionRef,
    description: 'Edits an insats. Kind, follow-up method and ESF funding are fixed at creation.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true, description: 'The insats to edit.' }),
      input: t.arg({ type: UpdateInterventionInput, required: true, description: 'The fields to change.' }),
    },
    errors: {},
    resolve: async (_root, { id, input }, ctx) => {
      const change = parseInterventionChange(input);
      return ctx.em.transactional(async (tx) => {
        const current = await writableIntervention({ ...ctx, em: tx }, String(id), ['id']);
        await check(ctx, changedIntervention(interventionData(current), change));
        tx.assign(current, nullable(change));
        return current;
      });
    },
  }),
  closeIntervention: t.field({
    type: InterventionRef,
    description: 'Ends an insats on a date; staff positions still open end with it.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true, description: 'The insats to close.' }),
      endDate: t.arg({ type: 'Date', required: true, description: 'Its last day; not before it started.' }),
      reason: t.arg.string({ required: true, description: 'Why it ends, e.g. "Medlen tog slut".' }),
    },
    errors: {},
    resolve: async (_root, { id, endDate, reason }, ctx) =>
      ctx.em.transactional(async (tx) => {
        const current = await writableIntervention({ ...ctx, em: tx }, String(id), ['id']);
        tx.assign(current, closing(current, endDate, reason));
        for (const position of await current.staff.load()) {
          position.toDate = positionEndOnClose(position.toDate, endDate);
        }
        return current;
      }),
  }),
}));

/** Optional columns are stored as null, not undefined. */
function nullable<T extends Partial<InterventionData>>(d: T): Record<string, unknown> {
  return {
    ...(d as object),
    ...('endDate' in d ? { endDate: d.endDate ?? null } : {}),
    ...('noticeMonths' in d ? { noticeMonths: d.noticeMonths ?? null } : {}),
    ...('maxEnrolled' in d ? { maxEnrolled: d.maxEnrolled ?? null } : {}),
    ...('yearlyPlaces' in d ? { yearlyPlaces: d.yearlyPlaces ?? null } : {}),
    ...('attendeeTargetPerYear' in d ? { attendeeTargetPerYear: d.attendeeTargetPerYear ?? null } : {}),
  };
}
