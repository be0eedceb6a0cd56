import { randomUUID } from 'node:crypto';
import { lockForUpdate } from '@finsam/kit/conflicts.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { today } from '@finsam/kit/dates.js';
import { NotFoundError, ValidationError } from '@finsam/kit/errors.js';
import { maxLength } from '@finsam/kit/input.js';
import { holds, tenantOf } from '@finsam/kit/scopes.js';
import {
  type AvvikelseReader,
  type AvvikelseStatus,
  type AvvikelseSummary,
  answerDue,
  descriptionIssues,
  handles,
  isOverdue,
  readableInsatser,
  reporterIssues,
  resolutionIssues,
  summarize,
  transitionIssues,
} from '../domain/avvikelser.js';
import { refuse } from '../domain/issues.js';
import { Avvikelse } from '../entities/Avvikelse.js';
import { Decision } from '../entities/Decision.js';
import { Member } from '../entities/Member.js';
import { builder } from './builder.js';
import { DecisionRef } from './Decision.js';
import { InterventionRef, insatsReader, interventionOwners } from './Intervention.js';
import { MemberRef } from './Member.js';

const AvvikelseStatusEnum = builder.enumType('AvvikelseStatus', {
  description: 'Where an avvikelse is in its handling; handled and forwarded are closed.',
  values: {
    RECEIVED: { description: 'Mottagen.' },
    BEING_HANDLED: { description: 'Under handläggning i styrgruppen.' },
    HANDLED: { description: 'Handled with a decision.' },
    FORWARDED: { description: 'Forwarded to a member’s own organisation.' },
  } as const,
});

const AvvikelseRef = builder.objectRef<Avvikelse>('Avvikelse').implement({
  description: 'A deviation report about collaboration in an insats, handled by its styrgrupp.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The avvikelse’s id.' }),
    intervention: t.field({
      type: InterventionRef,
      description: 'The insats where it happened.',
      resolve: (a) => ({ id: a.interventionId }),
    }),
    reportedOn: t.field({ type: 'Date', description: 'The day it was reported.', resolve: (a) => a.reportedOn }),
    description: t.exposeString('description', { description: 'What happened, as the staff reported it.' }),
    status: t.field({
      type: AvvikelseStatusEnum,
      description: 'Where it is in its handling.',
      resolve: (a) => a.status,
    }),
    dueOn: t.field({
      type: 'Date',
      description: 'The day the styrgrupp’s answer is due: 30 days after it was reported.',
      resolve: (a) => a.dueOn,
    }),
    overdue: t.boolean({ description: 'Still open after its due date.', resolve: (a) => isOverdue(a, today()) }),
    decision: t.field({
      type: DecisionRef,
      nullable: true,
      description: 'For a handled one: the decision that handled it.',
      resolve: (a, _x, ctx) => (a.decisionId ? DecisionRef.getDataloader(ctx).load(a.decisionId) : null),
    }),
    forwardedTo: t.field({
      type: MemberRef,
      nullable: true,
      description: 'For a forwarded one: the member whose own organisation took it.',
      resolve: (a, _x, ctx) =>
        a.forwardedToMemberId ? MemberRef.getDataloader(ctx).load(a.forwardedToMemberId) : null,
    }),
  }),
});

/**
 * The caller as a reader of avvikelser: like the rest of governance by insats, but the whole förbund
 * is its administrators only — the board reads the summary (`avvikelseSummary`), not the reports.
 */
function avvikelseReader(ctx: SubgraphContext): AvvikelseReader {
  return { ...insatsReader(ctx), wholeForbund: holds(ctx.identity, 'tenantAdmin') };
}

/** Staff see the avvikelser of their own insatser, styrgrupp members their styrgrupp's; administrators all. */
function visibleAvvikelser(ctx: SubgraphContext) {
  const ids = readableInsatser(avvikelseReader(ctx));
  return ids ? { interventionId: { $in: ids } } : {};
}

builder.queryField('avvikelser', (t) =>
  t.field({
    type: [AvvikelseRef],
    description:
      'The avvikelser you may see, oldest first: administrators all, staff and styrgrupp members those of their own ' +
      'insatser. The board reads `avvikelseSummary` instead.',
    authScopes: { tenantAdmin: true, staff: true, steering: true },
    args: {
      overdueOnly: t.arg.boolean({ description: 'Only those still open after their due date.' }),
      interventionId: t.arg.id({ description: 'Only those of this insats.' }),
    },
    resolve: async (_r, { overdueOnly, interventionId }, ctx) => {
      const rows = await ctx.em.find(
        Avvikelse,
        { $and: [visibleAvvikelser(ctx), interventionId ? { interventionId: String(interventionId) } : {}] },
        { orderBy: { reportedOn: 'asc', id: 'asc' } },
      );
      const on = today();
      return overdueOnly ? rows.filter((a) => isOverdue(a, on)) : rows;
    },
  }),
);

builder.objectField(InterventionRef, 'avvikelser', (t) =>
  t.field({
    type: [AvvikelseRef],
    description:
      'The insats’ avvikelser, oldest first (staff and styrgrupp members of other insatser see none; the board ' +
      'reads `avvikelseSummary`).',
    authScopes: { tenantAdmin: true, staff: true, steering: true },
    resolve: (i, _a, ctx) => {
      const ids = readableInsatser(avvikelseReader(ctx));
      return !ids || ids.includes(i.id)
        ? ctx.em.find(Avvikelse, { interventionId: i.id }, { orderBy: { reportedOn: 'asc' } })
        : [];
    },
  }),
);

/** An avvikelse the caller handles; another styrgrupp's is not found, like one of another förbund. */
/** An avvikelse to move on, locked until the transaction ends: two moves at once run one after the other. */
async function findAvvikelse(ctx: SubgraphContext, id: string) {
  const a = await lockForUpdate(ctx.em, Avvikelse, { id });
  if (!a || !handles(avvikelseReader(ctx), a.interventionId)) {
    throw new NotFoundError(['id'], `No avvikelse ${id} in your förbund`);
  }
  return a;
}

const AvvikelseSummaryRef = builder.objectRef<AvvikelseSummary>('AvvikelseSummary').implement({
  description:
    'The avvikelser of one insats counted by where they are in their handling: what the board follows, without ' +
    'the reports’ text.',
  fields: (t) => ({
    intervention: t.field({
      type: InterventionRef,
      description: 'The insats.',
      resolve: (s) => ({ id: s.interventionId }),
    }),
    received: t.exposeInt('received', { description: 'Mottagna: not yet taken up by the styrgrupp.' }),
    beingHandled: t.exposeInt('beingHandled', { description: 'Under handläggning in the styrgrupp.' }),
    handled: t.exposeInt('handled', { description: 'Handled with a decision.' }),
    forwarded: t.exposeInt('forwarded', { description: 'Forwarded to a member’s own organisation.' }),
    overdue: t.exposeInt('overdue', { description: 'Still open after their due date (of those received or in hand).' }),
  }),
});

builder.queryField('avvikelseSummary', (t) =>
  t.field({
    type: [AvvikelseSummaryRef],
    description:
      'The förbund’s avvikelser as counts by status per insats (insatser with none are left out): for the board ' +
      'and the administrators. No report text.',
    authScopes: { reportReader: true },
    args: {
      year: t.arg.int({ description: 'Only those reported in this year; all years when left out.' }),
    },
    resolve: async (_r, { year }, ctx) => {
      const rows = await ctx.em.find(
        Avvikelse,
        year == null ? {} : { reportedOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } },
        { fields: ['interventionId', 'status', 'dueOn'], orderBy: { interventionId: 'asc' } },
      );
      return summarize(rows, today());
    },
  }),
);

builder.mutationFields((t) => ({
  reportAvvikelse: t.field({
    type: AvvikelseRef,
    description: 'Staff of an insats (or an administrator) report a collaboration problem to its styrgrupp.',
    authScopes: { tenantAdmin: true, staff: true },
    args: {
      interventionId: t.arg.id({ required: true, description: 'The insats where it happened: your own.' }),
      description: t.arg.string({
        required: true,
        description: 'What happened, 10–10 000 characters.',
        extensions: maxLength(10_000),
      }),
      reportedOn: t.arg({ type: 'Date', description: 'The day it is reported. Default: today.' }),
    },
    errors: {},
    resolve: async (_r, args, ctx) => {
      const interventionId = String(args.interventionId);
      const caller = { tenantAdmin: holds(ctx.identity, 'tenantAdmin'), interventionIds: ctx.identity.interventionIds };
      refuse(reporterIssues(caller, interventionId));
      if (!(await interventionOwners(ctx, interventionId))) {
        throw new ValidationError([{ path: ['interventionId'], message: 'No such insats in your förbund' }]);
      }
      refuse(descriptionIssues(args.description));
      const description = args.description.trim();
      const reportedOn = args.reportedOn ?? today();
      return ctx.em.transactional(async (tx) =>
        tx.create(Avvikelse, {
          id: randomUUID(),
          tenantId: tenantOf(ctx),
          interventionId,
          reportedOn,
          description,
          status: 'RECEIVED',
          dueOn: answerDue(reportedOn),
          decisionId: null,
          forwardedToMemberId: null,
          reportedBy: ctx.identity.userId,
        }),
      );
    },
  }),
  handleAvvikelse: t.field({
    type: AvvikelseRef,
    description:
      'Moves an avvikelse on: being handled, handled with a decision, or forwarded to a member. Its styrgrupp ' +
      '(or the förbund’s administrators); not the board, which follows the summary.',
    authScopes: { tenantAdmin: true, steering: true },
    args: {
      id: t.arg.id({ required: true, description: 'The avvikelse, still open.' }),
      status: t.arg({
        type: AvvikelseStatusEnum,
        required: true,
        description: 'Where it moves: never back to received.',
      }),
      decisionId: t.arg.id({ description: 'For HANDLED: the styrgrupp’s decision.' }),
      forwardedToMemberId: t.arg.id({ description: 'For FORWARDED: the member whose organisation takes it.' }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const a = await findAvvikelse({ ...ctx, em: tx }, String(args.id));
        const status = args.status as AvvikelseStatus;
        refuse(transitionIssues(a.status, status));
        if (status === 'HANDLED') {
          const decision = args.decisionId ? await tx.findOne(Decision, { id: String(args.decisionId) }) : null;
          refuse(resolutionIssues(status, { decision: !!decision }));
          a.decisionId = decision!.id;
        }
        if (status === 'FORWARDED') {
          const member = args.forwardedToMemberId
            ? await tx.findOne(Member, { id: String(args.forwardedToMemberId) })
            : null;
          refuse(resolutionIssues(status, { member: !!member }));
          a.forwardedToMemberId = member!.id;
        }
        a.status = status;
        return a;
      }),
  }),
}));
