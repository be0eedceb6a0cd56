import { randomUUID } from 'node:crypto';
import type { SubgraphTypes } from '@finsam/kit/builder.js';
import { cacheable } from '@finsam/kit/cache-control.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { ownMembers } from '@finsam/kit/directory.js';
import { NotFoundError, ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import { interventionScope } from '@finsam/kit/identity.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput, withoutNulls } from '@finsam/kit/validation.js';
import type { EntityClass, FilterQuery, Ref, RequiredEntityData } from '@mikro-orm/core';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { z } from 'zod';
import { INTERVENTION_FORMS, INTERVENTION_KINDS, Intervention, METHODS } from '../entities/Intervention.js';
import { builder } from './builder.js';
import { MemberRef, member } from './Member.js';

export const InterventionKindEnum = builder.enumType('InterventionKind', {
  values: {
    INDIVIDUAL: { description: 'Individinriktad: works with participants.' },
    STRUCTURAL: { description: 'Strukturövergripande: trainings, seminars, development across organisations.' },
  } as const,
});
const InterventionFormEnum = builder.enumType('InterventionForm', {
  values: {
    UNTIL_FURTHER_NOTICE: { description: 'Tills vidare, with a notice period.' },
    PROJECT: { description: 'A project with an end date.' },
  } as const,
});
const MethodEnum = builder.enumType('Method', {
  values: {
    SOLUTION_FOCUSED: { description: 'Lösningsfokuserat arbetssätt.' },
    SUPPORTED_EMPLOYMENT: { description: 'Supported Employment / IPS.' },
    CASE_MANAGEMENT: { description: 'Case management.' },
    SJU_TJUGO: { description: '7Tjugo.' },
    BIP: { description: 'BIP (Benchmarking Inclusion Process).' },
    OTHER: {},
  } as const,
});

/** What the caller may see: the whole tenant for admins and the board, own insatser for staff. */
export function visibleTo(ctx: SubgraphContext): FilterQuery<Intervention> {
  const ids = interventionScope(ctx.identity);
  return ids ? { id: { $in: ids } } : {};
}

export const InterventionRef = builder.loadableObject('Intervention', {
  directives: cacheable,
  description: 'An insats the förbund funds. Participants, money, styrgrupper and surveys attach to it.',
  authScopes: { tenantReader: true },
  load: (ids: string[], ctx) => ctx.em.find(Intervention, { $and: [{ id: { $in: ids } }, visibleTo(ctx)] }),
  sort: (i) => i.id,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    kind: t.field({ type: InterventionKindEnum, resolve: (i) => i.kind }),
    form: t.field({ type: InterventionFormEnum, resolve: (i) => i.form }),
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
    startDate: t.field({ type: 'Date', resolve: (i) => i.startDate }),
    endDate: t.field({ type: 'Date', nullable: true, resolve: (i) => i.endDate ?? null }),
    noticeMonths: t.exposeInt('noticeMonths', {
      nullable: true,
      description: 'Uppsägningstid for a tills vidare insats.',
    }),
    closedReason: t.exposeString('closedReason', { nullable: true }),
    activeOn: t.boolean({
      description: 'Whether the insats runs on the date (start ≤ date ≤ end).',
      args: { date: t.arg({ type: 'Date', required: true }) },
      resolve: (i, { date }) => isActive(i, date),
    }),
    kommunCodes: t.exposeStringList('kommunCodes', { description: 'SCB codes of the kommuner it covers.' }),
    targetAgeMin: t.exposeInt('targetAgeMin'),
    targetAgeMax: t.exposeInt('targetAgeMax'),
    priorityGroups: t.exposeStringList('priorityGroups', {
      description: 'E.g. "unga 19–29 med aktivitetsersättning".',
    }),
    maxEnrolled: t.exposeInt('maxEnrolled', { nullable: true, description: 'Most participants enrolled at once.' }),
    yearlyPlaces: t.exposeInt('yearlyPlaces', { nullable: true, description: 'Årsplatser.' }),
    methods: t.field({ type: [MethodEnum], resolve: (i) => i.methods as (typeof METHODS)[number][] }),
    followUpMethod: t.exposeString('followUpMethod', { description: 'Fixed at creation.' }),
    esfFunded: t.exposeBoolean('esfFunded', { description: 'ESF-financed; fixed at creation.' }),
  }),
});

builder.asEntity(InterventionRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) =>
    InterventionRef.getDataloader(ctx)
      .load(ref.id)
      .catch(() => null),
});

export function isActive(i: Pick<Intervention, 'startDate' | 'endDate'>, date: string): boolean {
  return i.startDate <= date && (i.endDate == null || i.endDate >= date);
}

export const InterventionFilterInput = builder.inputType('InterventionFilter', {
  fields: (t) => ({
    kind: t.field({ type: InterventionKindEnum }),
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
      args: { filter: t.arg({ type: InterventionFilterInput }) },
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
    authScopes: { tenantReader: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) =>
      InterventionRef.getDataloader(ctx)
        .load(String(id))
        .catch(() => null),
  }),
}));

// --- writing -------------------------------------------------------------------------------

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date is YYYY-MM-DD');
const KOMMUN = z.string().regex(/^\d{4}$/, 'A kommun is its 4-digit SCB code');

const fields = {
  name: z.string().trim().min(2, 'Name is required').max(200),
  form: z.enum(INTERVENTION_FORMS),
  ownerMemberIds: z.array(z.uuid('Not a member id')).min(2, 'An insats has at least two owners'),
  bookkeepingMemberId: z.uuid('Not a member id'),
  startDate: DATE,
  endDate: DATE.nullish(),
  noticeMonths: z.number().int().min(0).max(24).nullish(),
  kommunCodes: z.array(KOMMUN),
  // FINSAM: 16–64, since 2024 16–67.
  targetAgeMin: z.number().int().min(16, 'FINSAM insatser are for ages 16–67').max(67),
  targetAgeMax: z.number().int().min(16).max(67, 'FINSAM insatser are for ages 16–67'),
  priorityGroups: z.array(z.string().trim().min(1).max(200)),
  maxEnrolled: z.number().int().positive().nullish(),
  yearlyPlaces: z.number().int().positive().nullish(),
  methods: z.array(z.enum(METHODS)),
  attendeeTargetPerYear: z.number().int().positive().nullish(),
};
/** Fixed at creation (Uppföljning Finsam): kind, follow-up method, ESF funding. */
const fixed = {
  kind: z.enum(INTERVENTION_KINDS),
  followUpMethod: z.string().trim().min(2, 'Follow-up method is required').max(500),
  esfFunded: z.boolean(),
};
type Data = z.infer<z.ZodObject<typeof fields & typeof fixed>>;

/** Rules that span fields; run on the intervention as it will be after the change. */
function crossFieldIssues(d: Data): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (field: string, message: string) => issues.push({ path: ['input', field], message });
  if (new Set(d.ownerMemberIds).size !== d.ownerMemberIds.length) {
    at('ownerMemberIds', 'An owner is listed twice');
  }
  if (!d.ownerMemberIds.includes(d.bookkeepingMemberId)) {
    at('bookkeepingMemberId', 'The bookkeeping member must be one of the owners');
  }
  if (d.form === 'PROJECT' && !d.endDate) {
    at('endDate', 'A project has an end date');
  }
  if (d.endDate && d.endDate < d.startDate) {
    at('endDate', 'The end date is before the start date');
  }
  if (d.targetAgeMax < d.targetAgeMin) {
    at('targetAgeMax', 'The age range is empty');
  }
  if (new Set(d.kommunCodes).size !== d.kommunCodes.length) {
    at('kommunCodes', 'A kommun is listed twice');
  }
  if (d.kind === 'INDIVIDUAL' && d.maxEnrolled == null && d.yearlyPlaces == null) {
    at('maxEnrolled', 'An individinriktad insats states its capacity: max enrolled and/or årsplatser');
  }
  if (d.kind === 'INDIVIDUAL' && d.attendeeTargetPerYear != null) {
    at('attendeeTargetPerYear', 'Only a strukturövergripande insats counts attendees');
  }
  return issues;
}

/** Owners and kommuner must belong to the caller's förbund; governance knows its members. */
async function membershipIssues(
  ctx: SubgraphContext,
  d: Pick<Data, 'ownerMemberIds' | 'kommunCodes'>,
): Promise<ValidationIssue[]> {
  const members = await ownMembers(ctx);
  const ids = new Set(members.map((m) => m.id));
  const kommuner = new Set(members.filter((m) => m.kind === 'KOMMUN').map((m) => m.scbCode));
  const issues: ValidationIssue[] = [];
  d.ownerMemberIds.forEach((id, i) => {
    if (!ids.has(id)) {
      issues.push({ path: ['input', 'ownerMemberIds', i], message: `${id} is not a member of your förbund` });
    }
  });
  d.kommunCodes.forEach((code, i) => {
    if (!kommuner.has(code)) {
      issues.push({ path: ['input', 'kommunCodes', i], message: `Kommun ${code} is not a member of your förbund` });
    }
  });
  return issues;
}

async function check(ctx: SubgraphContext, d: Data) {
  const issues = [...crossFieldIssues(d), ...(await membershipIssues(ctx, d))];
  if (issues.length) {
    throw new ValidationError(issues);
  }
}

const InterventionInputFields = (
  t: PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<SubgraphTypes>, 'InputObject'>,
  required: boolean,
) => ({
  name: t.string({ required }),
  form: t.field({ type: InterventionFormEnum, required }),
  ownerMemberIds: t.idList({ required, description: 'Member ids (from `forbund { members { id } }`); at least two.' }),
  bookkeepingMemberId: t.id({ required, description: 'One of the owners.' }),
  startDate: t.field({ type: 'Date', required }),
  endDate: t.field({ type: 'Date' }),
  noticeMonths: t.int(),
  kommunCodes: t.stringList({ required, description: "SCB codes of kommuner covered; a subset of the förbund's." }),
  targetAgeMin: t.int({ description: 'Default 16.' }),
  targetAgeMax: t.int({ description: 'Default 64 (FINSAM allows up to 67 since 2024).' }),
  priorityGroups: t.stringList(),
  maxEnrolled: t.int(),
  yearlyPlaces: t.int({ description: 'Årsplatser.' }),
  methods: t.field({ type: [MethodEnum] }),
  attendeeTargetPerYear: t.int({ description: 'Strukturövergripande only: attendees aimed for per year.' }),
  kind: t.field({
    type: InterventionKindEnum,
    required,
    description: required ? undefined : 'Fixed at creation: giving another value is an error.',
  }),
  followUpMethod: t.string({ required, description: required ? undefined : 'Fixed at creation.' }),
  esfFunded: t.boolean({ required, description: required ? undefined : 'Fixed at creation.' }),
});

const CreateInterventionInput = builder.inputType('CreateInterventionInput', {
  fields: (t) => InterventionInputFields(t, true),
});
const UpdateInterventionInput = builder.inputType('UpdateInterventionInput', {
  description: 'Fields left out stay as they are.',
  fields: (t) => InterventionInputFields(t, false),
});

const createSchema = z.object({ ...fields, ...fixed });
const updateSchema = z.object({ ...fields, ...fixed }).partial();

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
    args: { input: t.arg({ type: CreateInterventionInput, required: true }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(createSchema, {
        targetAgeMin: 16,
        targetAgeMax: 64,
        priorityGroups: [],
        methods: [],
        ...withoutNulls(input),
      });
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
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateInterventionInput, required: true }) },
    errors: {},
    resolve: async (_root, { id, input }, ctx) => {
      const change = parseInput(updateSchema, withoutNulls(input));
      return ctx.em.transactional(async (tx) => {
        const current = await writableIntervention({ ...ctx, em: tx }, String(id), ['id']);
        const fixedIssues = (Object.keys(fixed) as (keyof typeof fixed)[])
          .filter((key) => change[key] !== undefined && change[key] !== current[key])
          .map((key) => ({
            path: ['input', key],
            message: `${key} is fixed when the insats is created (Uppföljning Finsam); register a new insats instead`,
          }));
        if (fixedIssues.length) {
          throw new ValidationError(fixedIssues);
        }
        const next = { ...snapshot(current), ...change } as Data;
        await check(ctx, next);
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
      id: t.arg.id({ required: true }),
      endDate: t.arg({ type: 'Date', required: true }),
      reason: t.arg.string({ required: true }),
    },
    errors: {},
    resolve: async (_root, { id, endDate, reason }, ctx) =>
      ctx.em.transactional(async (tx) => {
        const current = await writableIntervention({ ...ctx, em: tx }, String(id), ['id']);
        if (endDate < current.startDate) {
          throw new ValidationError([{ path: ['endDate'], message: 'The end date is before the start date' }]);
        }
        if (reason.trim().length < 2) {
          throw new ValidationError([{ path: ['reason'], message: 'Say why the insats ends' }]);
        }
        current.endDate = endDate;
        current.closedReason = reason.trim();
        for (const position of await current.staff.load()) {
          if (!position.toDate || position.toDate > endDate) {
            position.toDate = endDate;
          }
        }
        return current;
      }),
  }),
}));

function snapshot(i: Intervention): Data {
  const {
    name,
    form,
    ownerMemberIds,
    bookkeepingMemberId,
    noticeMonths,
    kommunCodes,
    targetAgeMin,
    targetAgeMax,
    priorityGroups,
    maxEnrolled,
    yearlyPlaces,
    methods,
    attendeeTargetPerYear,
    kind,
    followUpMethod,
    esfFunded,
  } = i;
  return {
    name,
    form,
    ownerMemberIds,
    bookkeepingMemberId,
    noticeMonths,
    kommunCodes,
    targetAgeMin,
    targetAgeMax,
    priorityGroups,
    maxEnrolled,
    yearlyPlaces,
    attendeeTargetPerYear,
    kind,
    followUpMethod,
    esfFunded,
    methods: methods as Data['methods'],
    startDate: i.startDate,
    endDate: i.endDate ?? null,
  };
}

/** Optional columns are stored as null, not undefined. */
function nullable<T extends Partial<Data>>(d: T): Record<string, unknown> {
  return {
    ...(d as object),
    ...('endDate' in d ? { endDate: d.endDate ?? null } : {}),
    ...('noticeMonths' in d ? { noticeMonths: d.noticeMonths ?? null } : {}),
    ...('maxEnrolled' in d ? { maxEnrolled: d.maxEnrolled ?? null } : {}),
    ...('yearlyPlaces' in d ? { yearlyPlaces: d.yearlyPlaces ?? null } : {}),
    ...('attendeeTargetPerYear' in d ? { attendeeTargetPerYear: d.attendeeTargetPerYear ?? null } : {}),
  };
}
