import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { today } from '@finsam/kit/dates.js';
import { unknownInterventionIssues } from '@finsam/kit/directory.js';
import { ConflictError, ValidationError } from '@finsam/kit/errors.js';
import { interventionScope } from '@finsam/kit/identity.js';
import { dueDate, periodEnd, periodStart } from '@finsam/kit/requisition-periods.js';
import { holds, tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import type { FilterQuery } from '@mikro-orm/core';
import {
  DECISIONS,
  type Decision,
  decisionRefusal,
  isLate,
  PERIOD_HOLDING_STATUSES,
  periodTaken,
  rejectionIssues,
  requisitionAmount,
  type SubmitInput,
  submissionDate,
  submissionIssues,
  submitInput,
} from '../domain/requisitions.js';
import { Requisition } from '../entities/Requisition.js';
import { COST_CATEGORIES, RequisitionLine } from '../entities/RequisitionLine.js';
import { SharedPost } from '../entities/SharedPost.js';
import { builder } from './builder.js';
import { InterventionRef, intervention } from './Intervention.js';

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
  description: 'Where a rekvisition stands: inskickad, then godkänd and utbetald, or avslagen.',
  values: {
    SUBMITTED: { description: 'Inskickad: waiting for the förbund.' },
    APPROVED: { description: 'Godkänd: counts as used.' },
    REJECTED: { description: 'Avslagen, with a reason; does not count. The period may be requisitioned again.' },
    PAID: { description: 'Utbetald: approved and paid; counts as used.' },
    WITHDRAWN: {
      description:
        'Återkallad: withdrawn as a correction, with a reason (see `corrections`); does not count, and ' +
        'its period may be requisitioned again.',
    },
  } as const,
});

const RequisitionLineRef = builder.objectRef<RequisitionLine>('RequisitionLine').implement({
  description: 'One amount of a rekvisition: what the insats spent on one kostnadsslag in the period.',
  fields: (t) => ({
    category: t.field({ type: CostCategoryEnum, description: 'Kostnadsslag.', resolve: (l) => l.category }),
    amount: t.field({ type: 'Kronor', description: 'Kronor.', resolve: (l) => l.amount }),
  }),
});

export const RequisitionRef = builder.objectRef<Requisition>('Requisition').implement({
  description:
    'Rekvisition: an insats asks the förbund for its costs of a two-month period, ' +
    'due one month after the period ends.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The rekvisition's id; decisions name it." }),
    intervention: t.field({
      type: InterventionRef,
      description: 'The insats that asks for its costs.',
      resolve: (r) => intervention(r.interventionId),
    }),
    year: t.exposeInt('year', { description: 'The calendar year of the period.' }),
    period: t.exposeInt('period', { description: '1 = January–February … 6 = November–December.' }),
    periodStart: t.field({
      type: 'Date',
      description: 'First day of the period.',
      resolve: (r) => periodStart(r.year, r.period),
    }),
    periodEnd: t.field({
      type: 'Date',
      description: 'Last day of the period.',
      resolve: (r) => periodEnd(r.year, r.period),
    }),
    dueDate: t.field({
      type: 'Date',
      description: 'Senast: one month after the period ends.',
      resolve: (r) => dueDate(r.year, r.period),
    }),
    submittedOn: t.field({
      type: 'Date',
      description: 'When the förbund received it: the day it was sent, or the date an administrator registered for it.',
      resolve: (r) => r.submittedOn,
    }),
    late: t.boolean({
      description: 'Submitted after the due date.',
      resolve: isLate,
    }),
    status: t.field({
      type: RequisitionStatusEnum,
      description: 'Where it stands; approved and paid ones count as used (förbrukat).',
      resolve: (r) => r.status,
    }),
    rejectionReason: t.exposeString('rejectionReason', {
      nullable: true,
      description: 'Why the förbund rejected it; null unless rejected.',
    }),
    version: t.exposeInt('version', {
      description: 'Send it back with a decision: a decision on an older version is a ConflictError.',
    }),
    amount: t.field({
      type: 'Kronor',
      description: 'Kronor: the sum of the lines.',
      resolve: (r) => requisitionAmount(r.lines.getItems()),
    }),
    lines: t.field({
      type: [RequisitionLineRef],
      description: 'The amounts by kostnadsslag, in the order they were sent.',
      resolve: (r) => r.lines.getItems(),
    }),
  }),
});

/**
 * Lines come in the same statement (a join): a separate populate query could merge with another
 * request's or not, depending on timing.
 */
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
    description:
      "The insats' rekvisitioner, oldest period first. Read by the förbund's administrators and board, " +
      "and by the insats' own staff.",
    authScopes: (i) => ({ reportReader: true, insatsStaff: i.id }),
    byPath: true,
    args: { year: t.arg.int({ description: 'Only this calendar year; every year when left out.' }) },
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
    args: {
      year: t.arg.int({ required: true, description: 'The calendar year of the periods.' }),
      status: t.arg({
        type: RequisitionStatusEnum,
        description: 'Only requisitions in this status; all when left out.',
      }),
    },
    resolve: async (_root, { year, status }, ctx) => {
      // A shared post's requisitions share the table (keyed by holder) but are no insats': not listed here.
      const posts = (await ctx.em.find(SharedPost, {}, { fields: ['id'] })).map((p) => p.id);
      return ctx.em.find(
        Requisition,
        {
          $and: [
            visibleTo(ctx),
            { year },
            status ? { status } : {},
            posts.length ? { interventionId: { $nin: posts } } : {},
          ],
        },
        { ...WITH_LINES, orderBy: { period: 'asc', createdAt: 'asc', lines: { position: 'asc' } } },
      );
    },
  }),
}));

// --- writing -------------------------------------------------------------------------------

export const RequisitionLineInput = builder.inputType('RequisitionLineInput', {
  description: 'What the insats spent on one kostnadsslag in the period.',
  fields: (t) => ({
    category: t.field({
      type: CostCategoryEnum,
      required: true,
      description: 'Kostnadsslag; each at most once per requisition.',
    }),
    amount: t.field({ type: 'Kronor', required: true, description: 'Whole kronor.' }),
  }),
});
const SubmitRequisitionInput = builder.inputType('SubmitRequisitionInput', {
  description: "A rekvisition: an insats' costs of one two-month period, sent once the period has begun.",
  fields: (t) => ({
    interventionId: t.id({ required: true, description: 'The insats (one of yours, for staff).' }),
    year: t.int({ required: true, description: 'The calendar year of the period.' }),
    period: t.int({ required: true, description: '1 = January–February … 6 = November–December.' }),
    lines: t.field({
      type: [RequisitionLineInput],
      required: true,
      description: 'At least one line; together more than 0 kr.',
    }),
    submittedOn: t.field({
      type: 'Date',
      description: 'Förbund administrators registering a requisition received earlier; otherwise today.',
    }),
  }),
});

/** When and by whom it may be sent (domain/requisitions.ts), and whether the insats is the caller's (teams says). */
async function submitIssues(ctx: SubgraphContext, d: SubmitInput, day: string) {
  return [
    ...submissionIssues(d, { today: day, byTenantAdmin: holds(ctx.identity, 'tenantAdmin') }),
    ...(await unknownInterventionIssues(ctx, [{ id: d.interventionId, path: ['input', 'interventionId'] }])),
  ];
}

builder.mutationFields((t) => ({
  submitRequisition: t.field({
    type: RequisitionRef,
    description: "Sends an insats' requisition for a period. Its own staff, or a förbund administrator.",
    authScopes: (_root, { input }) => ({ tenantAdmin: true, insatsStaff: String(input.interventionId) }),
    args: {
      input: t.arg({ type: SubmitRequisitionInput, required: true, description: 'The rekvisition to send.' }),
    },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(submitInput, { ...input, interventionId: String(input.interventionId) });
      const day = today();
      const submittedOn = submissionDate(data, day);
      const issues = await submitIssues(ctx, data, day);
      if (issues.length) {
        throw new ValidationError(issues);
      }
      return ctx.em.transactional(async (tx) => {
        const live = await tx.count(Requisition, {
          interventionId: data.interventionId,
          year: data.year,
          period: data.period,
          status: { $in: [...PERIOD_HOLDING_STATUSES] },
        });
        // Taken is a conflict with what is stored, as when another submission takes it at the same
        // moment (then the database's requisition_period_uniq refuses it; the builder names it the same).
        if (live) {
          const { path, message } = periodTaken(data);
          throw new ConflictError(path, message);
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
    description:
      'Approves a submitted requisition; from now on it counts as used. Förbund administrators only; ' +
      'a decision on an older version is a ConflictError.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true, description: 'The requisition.' }),
      expectedVersion: t.arg.int({ required: true, description: 'The version you read.' }),
    },
    errors: {},
    resolve: (_root, { id, expectedVersion }, ctx) => decide(ctx, String(id), expectedVersion, 'approve'),
  }),
  rejectRequisition: t.field({
    type: RequisitionRef,
    description:
      'Rejects a submitted requisition with a reason; its period may be requisitioned again. ' +
      'Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true, description: 'The requisition.' }),
      expectedVersion: t.arg.int({ required: true, description: 'The version you read.' }),
      reason: t.arg.string({ required: true, description: 'Why: shown to the insats (at least 2 characters).' }),
    },
    errors: {},
    resolve: (_root, { id, expectedVersion, reason }, ctx) => {
      const issues = rejectionIssues(reason);
      if (issues.length) {
        throw new ValidationError(issues);
      }
      return decide(ctx, String(id), expectedVersion, 'reject', { rejectionReason: reason.trim() });
    },
  }),
  markRequisitionPaid: t.field({
    type: RequisitionRef,
    description: 'Records that an approved requisition is paid (utbetald). Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true, description: 'The requisition.' }),
      expectedVersion: t.arg.int({ required: true, description: 'The version you read.' }),
    },
    errors: {},
    resolve: (_root, { id, expectedVersion }, ctx) => decide(ctx, String(id), expectedVersion, 'markPaid'),
  }),
}));

/**
 * Optimistic locking: the decision lands only on the version the caller read, in one
 * `update … where version = $n`. Of two decisions made on the same reading the database lets
 * exactly one match; for the other, `decisionRefusal` says why it did not land (a ConflictError).
 */
async function decide(
  ctx: SubgraphContext,
  id: string,
  expectedVersion: number,
  decision: Decision,
  details: { rejectionReason?: string } = {},
): Promise<Requisition> {
  const { from, to } = DECISIONS[decision];
  return ctx.em.transactional(async (tx) => {
    const updated = await tx.nativeUpdate(
      Requisition,
      { id, version: expectedVersion, status: from },
      { ...details, status: to, version: expectedVersion + 1 },
    );
    const current = await tx.findOne(Requisition, { id }, { ...WITH_LINES, refresh: true });
    if (updated === 1 && current) {
      return current;
    }
    throw decisionRefusal(id, current, expectedVersion, decision);
  });
}
