import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { today } from '@finsam/kit/dates.js';
import { unknownInterventionIssues } from '@finsam/kit/directory.js';
import { ConflictError, NotFoundError, ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import { interventionScope } from '@finsam/kit/identity.js';
import { dueDate, PERIODS_PER_YEAR, periodEnd, periodStart } from '@finsam/kit/requisition-periods.js';
import { holds, tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { Requisition, type RequisitionStatus } from '../entities/Requisition.js';
import { COST_CATEGORIES, RequisitionLine } from '../entities/RequisitionLine.js';
import { YEAR } from './Allocation.js';
import { builder } from './builder.js';
import { InterventionRef, intervention, readsFiguresOf } from './Intervention.js';
import { amountSchema, kronor, sum } from './money.js';

const CATEGORY_NAMES: Record<(typeof COST_CATEGORIES)[number], string> = {
  PERSONNEL: 'Personal.',
  PREMISES: 'Lokaler.',
  SUPERVISION_AND_TRAINING: 'Handledning och utbildning.',
  PLANNING_DAYS: 'Planeringsdagar.',
  MATERIAL: 'Material.',
  IT_AND_PHONE: 'IT och telefon.',
  TRAVEL: 'Resor.',
  PARTICIPANT_ACTIVITIES: 'Deltagaraktiviteter.',
  FURNITURE: 'Möbler.',
  OTHER: 'Övrigt.',
};
const CostCategoryEnum = builder.enumType('CostCategory', {
  description: 'Kostnadsslag of a requisition.',
  values: Object.fromEntries(COST_CATEGORIES.map((c) => [c, { description: CATEGORY_NAMES[c] }])) as Record<
    (typeof COST_CATEGORIES)[number],
    { description: string }
  >,
});
const RequisitionStatusEnum = builder.enumType('RequisitionStatus', {
  values: {
    SUBMITTED: { description: 'Inskickad: waiting for the förbund.' },
    APPROVED: { description: 'Godkänd: counts as used.' },
    REJECTED: { description: 'Avslagen, with a reason; does not count. The period may be requisitioned again.' },
    PAID: { description: 'Utbetald: approved and paid; counts as used.' },
  } as const,
});

/** Amount of a requisition: the sum of its lines (never stored). */
const requisitionAmount = (r: Requisition): bigint => sum(r.lines.getItems().map((l) => l.amount));

const RequisitionLineRef = builder.objectRef<RequisitionLine>('RequisitionLine').implement({
  fields: (t) => ({
    category: t.field({ type: CostCategoryEnum, resolve: (l) => l.category }),
    amount: t.int({ description: 'Kronor.', resolve: (l) => kronor(l.amount) }),
  }),
});

const RequisitionRef = builder.objectRef<Requisition>('Requisition').implement({
  description:
    'Rekvisition: an insats asks the förbund for its costs of a two-month period, due one month after the period ends.',
  fields: (t) => ({
    id: t.exposeID('id'),
    intervention: t.field({ type: InterventionRef, resolve: (r) => intervention(r.interventionId) }),
    year: t.exposeInt('year'),
    period: t.exposeInt('period', { description: '1 = January–February … 6 = November–December.' }),
    periodStart: t.field({ type: 'Date', resolve: (r) => periodStart(r.year, r.period) }),
    periodEnd: t.field({ type: 'Date', resolve: (r) => periodEnd(r.year, r.period) }),
    dueDate: t.field({
      type: 'Date',
      description: 'Senast: one month after the period ends.',
      resolve: (r) => dueDate(r.year, r.period),
    }),
    submittedOn: t.field({ type: 'Date', resolve: (r) => r.submittedOn }),
    late: t.boolean({
      description: 'Submitted after the due date.',
      resolve: (r) => r.submittedOn > dueDate(r.year, r.period),
    }),
    status: t.field({ type: RequisitionStatusEnum, resolve: (r) => r.status }),
    rejectionReason: t.exposeString('rejectionReason', { nullable: true }),
    version: t.exposeInt('version', {
      description: 'Send it back with a decision: a decision on an older version is a ConflictError.',
    }),
    amount: t.int({ description: 'Kronor: the sum of the lines.', resolve: (r) => kronor(requisitionAmount(r)) }),
    lines: t.field({ type: [RequisitionLineRef], resolve: (r) => r.lines.getItems() }),
  }),
});

/** Lines come in the same statement (a join): a separate populate query could merge with another request's or not, depending on timing. */
const WITH_LINES = { populate: ['lines'], strategy: 'joined' } as const;

/** Requisitions of these insatser (optionally one year), lines included, in one query. */
async function requisitionsFor(
  ctx: SubgraphContext,
  interventionIds: readonly string[],
  { year }: { year?: number | null } = {},
): Promise<Requisition[]> {
  const where: FilterQuery<Requisition> = { interventionId: { $in: [...interventionIds] } };
  if (year != null) {
    where.year = year;
  }
  return ctx.em.find(Requisition, where, {
    ...WITH_LINES,
    orderBy: { year: 'asc', period: 'asc', createdAt: 'asc', lines: { position: 'asc' } },
  });
}

builder.objectFields(InterventionRef, (t) => ({
  requisitions: t.loadableList({
    type: RequisitionRef,
    description: "The insats' requisitions, by period.",
    authScopes: readsFiguresOf,
    byPath: true,
    args: { year: t.arg.int() },
    load: async (keys, ctx, { year }) => {
      const ids = keys as string[];
      const found = await requisitionsFor(ctx, ids, { year });
      return ids.map((id) => found.filter((r) => r.interventionId === id));
    },
    resolve: (i) => i.id,
  }),
}));

/** Staff see the requisitions of their own insatser; admins and the board all of the förbund's. */
function visibleTo(ctx: SubgraphContext): FilterQuery<Requisition> {
  const ids = interventionScope(ctx.identity);
  return ids ? { interventionId: { $in: ids } } : {};
}

builder.queryFields((t) => ({
  requisitions: t.field({
    type: [RequisitionRef],
    description: 'Requisitions of your förbund (staff: of your insatser), oldest period first.',
    authScopes: { tenantReader: true },
    args: { year: t.arg.int({ required: true }), status: t.arg({ type: RequisitionStatusEnum }) },
    resolve: (_root, { year, status }, ctx) =>
      ctx.em.find(
        Requisition,
        { $and: [visibleTo(ctx), { year }, status ? { status } : {}] },
        { ...WITH_LINES, orderBy: { period: 'asc', createdAt: 'asc', lines: { position: 'asc' } } },
      ),
  }),
}));

// --- writing -------------------------------------------------------------------------------

const RequisitionLineInput = builder.inputType('RequisitionLineInput', {
  fields: (t) => ({
    category: t.field({ type: CostCategoryEnum, required: true }),
    amount: t.int({ required: true, description: 'Whole kronor.' }),
  }),
});
const SubmitRequisitionInput = builder.inputType('SubmitRequisitionInput', {
  fields: (t) => ({
    interventionId: t.id({ required: true }),
    year: t.int({ required: true }),
    period: t.int({ required: true, description: '1 = January–February … 6 = November–December.' }),
    lines: t.field({ type: [RequisitionLineInput], required: true }),
    submittedOn: t.field({
      type: 'Date',
      description: 'Förbund administrators registering a requisition received earlier; otherwise today.',
    }),
  }),
});

const submitSchema = z.object({
  interventionId: z.uuid('Not an insats id'),
  year: YEAR,
  period: z.number().int().min(1, 'Periods are 1–6').max(PERIODS_PER_YEAR, 'Periods are 1–6'),
  lines: z
    .array(z.object({ category: z.enum(COST_CATEGORIES), amount: amountSchema }))
    .min(1, 'A requisition has at least one line')
    .refine((lines) => new Set(lines.map((l) => l.category)).size === lines.length, 'A cost category is listed twice')
    .refine((lines) => lines.some((l) => l.amount > 0), 'A requisition asks for more than 0 kr'),
  /** A `Date` argument: the scalar has checked it is YYYY-MM-DD. */
  submittedOn: z.string().nullish(),
});
type SubmitData = z.infer<typeof submitSchema>;

async function submitIssues(ctx: SubgraphContext, d: SubmitData, submittedOn: string): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  if (d.submittedOn && !holds(ctx.identity, 'tenantAdmin')) {
    issues.push({
      path: ['input', 'submittedOn'],
      message: 'Only a förbund administrator registers an earlier submission date',
    });
  }
  if (submittedOn < periodStart(d.year, d.period)) {
    issues.push({ path: ['input', 'submittedOn'], message: 'A requisition is sent after its period has begun' });
  }
  if (submittedOn > today()) {
    issues.push({ path: ['input', 'submittedOn'], message: 'The submission date is in the future' });
  }
  issues.push(...(await unknownInterventionIssues(ctx, [{ id: d.interventionId, path: ['input', 'interventionId'] }])));
  return issues;
}

builder.mutationFields((t) => ({
  submitRequisition: t.field({
    type: RequisitionRef,
    description: "Sends an insats' requisition for a period. Its own staff, or a förbund administrator.",
    authScopes: (_root, { input }) => ({ tenantAdmin: true, insatsStaff: String(input.interventionId) }),
    args: { input: t.arg({ type: SubmitRequisitionInput, required: true }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(submitSchema, { ...input, interventionId: String(input.interventionId) });
      const submittedOn = data.submittedOn ?? today();
      const issues = await submitIssues(ctx, data, submittedOn);
      if (issues.length) {
        throw new ValidationError(issues);
      }
      return ctx.em.transactional(async (tx) => {
        const live = await tx.count(Requisition, {
          interventionId: data.interventionId,
          year: data.year,
          period: data.period,
          status: { $ne: 'REJECTED' },
        });
        if (live) {
          throw new ValidationError([
            { path: ['input', 'period'], message: `Period ${data.period} of ${data.year} is already requisitioned` },
          ]);
        }
        const tenantId = tenantOf(ctx);
        const requisition = tx.create(Requisition, {
          id: randomUUID(),
          tenantId,
          interventionId: data.interventionId,
          year: data.year,
          period: data.period,
          submittedOn,
          status: 'SUBMITTED',
          rejectionReason: null,
          version: 1,
        });
        data.lines.forEach((l, position) =>
          tx.create(RequisitionLine, {
            id: randomUUID(),
            tenantId,
            requisition,
            category: l.category,
            amount: BigInt(l.amount),
            position,
          }),
        );
        return requisition;
      });
    },
  }),
  approveRequisition: t.field({
    type: RequisitionRef,
    description: 'Approves a submitted requisition; from now on it counts as used.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true }),
      expectedVersion: t.arg.int({ required: true, description: 'The version you read.' }),
    },
    errors: {},
    resolve: (_root, { id, expectedVersion }, ctx) =>
      decide(ctx, String(id), expectedVersion, 'SUBMITTED', { status: 'APPROVED' }),
  }),
  rejectRequisition: t.field({
    type: RequisitionRef,
    description: 'Rejects a submitted requisition with a reason.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true }),
      expectedVersion: t.arg.int({ required: true }),
      reason: t.arg.string({ required: true }),
    },
    errors: {},
    resolve: (_root, { id, expectedVersion, reason }, ctx) => {
      if (reason.trim().length < 2) {
        throw new ValidationError([{ path: ['reason'], message: 'Say why the requisition is rejected' }]);
      }
      return decide(ctx, String(id), expectedVersion, 'SUBMITTED', {
        status: 'REJECTED',
        rejectionReason: reason.trim(),
      });
    },
  }),
  markRequisitionPaid: t.field({
    type: RequisitionRef,
    description: 'Records that an approved requisition is paid.',
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }) },
    errors: {},
    resolve: (_root, { id, expectedVersion }, ctx) =>
      decide(ctx, String(id), expectedVersion, 'APPROVED', { status: 'PAID' }),
  }),
}));

/**
 * Optimistic locking: the change lands only on the version the caller read, in one
 * `update … where version = $n`. Of two decisions made on the same reading the database lets
 * exactly one match; the other updates no row and gets a ConflictError.
 */
async function decide(
  ctx: SubgraphContext,
  id: string,
  expectedVersion: number,
  from: RequisitionStatus,
  change: { status: RequisitionStatus; rejectionReason?: string },
): Promise<Requisition> {
  return ctx.em.transactional(async (tx) => {
    const updated = await tx.nativeUpdate(
      Requisition,
      { id, version: expectedVersion, status: from },
      { ...change, version: expectedVersion + 1 },
    );
    const current = await tx.findOne(Requisition, { id }, { ...WITH_LINES, refresh: true });
    if (!current) {
      throw new NotFoundError(['id'], `No requisition ${id} in your förbund`);
    }
    if (updated === 1) {
      return current;
    }
    if (current.version !== expectedVersion) {
      throw new ConflictError(
        ['expectedVersion'],
        `The requisition changed since you read version ${expectedVersion}: it is now ${current.status} (version ${current.version})`,
      );
    }
    throw new ValidationError([
      {
        path: ['id'],
        message: `Only a ${from.toLowerCase()} requisition can become ${change.status.toLowerCase()}; this one is ${current.status.toLowerCase()}`,
      },
    ]);
  });
}
