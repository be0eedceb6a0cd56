import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { addDays, today } from '@finsam/kit/dates.js';
import { NotFoundError, ValidationError } from '@finsam/kit/errors.js';
import { interventionScope } from '@finsam/kit/identity.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { type AVVIKELSE_STATUSES, Avvikelse } from '../entities/Avvikelse.js';
import { Decision } from '../entities/Decision.js';
import { Member } from '../entities/Member.js';
import { builder } from './builder.js';
import { DecisionRef } from './Decision.js';
import { InterventionRef, interventionOwners, seesIntervention } from './Intervention.js';
import { MemberRef } from './Member.js';

/** The styrgrupp answers an avvikelse within this many days. */
const ANSWER_DAYS = 30;

const AvvikelseStatusEnum = builder.enumType('AvvikelseStatus', {
  values: {
    RECEIVED: { description: 'Mottagen.' },
    BEING_HANDLED: { description: 'Under handläggning i styrgruppen.' },
    HANDLED: { description: 'Handled with a decision.' },
    FORWARDED: { description: 'Forwarded to a member’s own organisation.' },
  } as const,
});

const open = (a: Avvikelse) => a.status === 'RECEIVED' || a.status === 'BEING_HANDLED';

const AvvikelseRef = builder.objectRef<Avvikelse>('Avvikelse').implement({
  description: 'A deviation report about collaboration in an insats, handled by its styrgrupp.',
  fields: (t) => ({
    id: t.exposeID('id'),
    intervention: t.field({ type: InterventionRef, resolve: (a) => ({ id: a.interventionId }) }),
    reportedOn: t.field({ type: 'Date', resolve: (a) => a.reportedOn }),
    description: t.exposeString('description'),
    status: t.field({ type: AvvikelseStatusEnum, resolve: (a) => a.status }),
    dueOn: t.field({ type: 'Date', resolve: (a) => a.dueOn }),
    overdue: t.boolean({ description: 'Still open after its due date.', resolve: (a) => open(a) && a.dueOn < today() }),
    decision: t.field({
      type: DecisionRef,
      nullable: true,
      resolve: (a, _x, ctx) => (a.decisionId ? DecisionRef.getDataloader(ctx).load(a.decisionId) : null),
    }),
    forwardedTo: t.field({
      type: MemberRef,
      nullable: true,
      resolve: (a, _x, ctx) =>
        a.forwardedToMemberId ? MemberRef.getDataloader(ctx).load(a.forwardedToMemberId) : null,
    }),
  }),
});

/** Staff see the avvikelser of their own insatser; admins and the board all of the förbund's. */
function visibleAvvikelser(ctx: SubgraphContext) {
  const ids = interventionScope(ctx.identity);
  return ids ? { interventionId: { $in: ids } } : {};
}

builder.queryField('avvikelser', (t) =>
  t.field({
    type: [AvvikelseRef],
    authScopes: { tenantReader: true },
    args: { overdueOnly: t.arg.boolean(), interventionId: t.arg.id() },
    resolve: async (_r, { overdueOnly, interventionId }, ctx) => {
      const rows = await ctx.em.find(
        Avvikelse,
        { $and: [visibleAvvikelser(ctx), interventionId ? { interventionId: String(interventionId) } : {}] },
        { orderBy: { reportedOn: 'asc', id: 'asc' } },
      );
      return overdueOnly ? rows.filter((a) => open(a) && a.dueOn < today()) : rows;
    },
  }),
);

builder.objectField(InterventionRef, 'avvikelser', (t) =>
  t.field({
    type: [AvvikelseRef],
    authScopes: { tenantReader: true },
    resolve: (i, _a, ctx) =>
      seesIntervention(ctx.identity, i.id)
        ? ctx.em.find(Avvikelse, { interventionId: i.id }, { orderBy: { reportedOn: 'asc' } })
        : [],
  }),
);

async function openAvvikelse(ctx: SubgraphContext, id: string) {
  const a = await ctx.em.findOne(Avvikelse, { id });
  if (!a) {
    throw new NotFoundError(['id'], `No avvikelse ${id} in your förbund`);
  }
  if (!open(a)) {
    throw new ValidationError([{ path: ['id'], message: 'The avvikelse is already closed' }]);
  }
  return a;
}

builder.mutationFields((t) => ({
  reportAvvikelse: t.field({
    type: AvvikelseRef,
    description: 'Staff of an insats report a collaboration problem to its styrgrupp.',
    authScopes: { tenantAdmin: true, staff: true },
    args: {
      interventionId: t.arg.id({ required: true }),
      description: t.arg.string({ required: true }),
      reportedOn: t.arg({ type: 'Date' }),
    },
    errors: {},
    resolve: async (_r, args, ctx) => {
      const interventionId = String(args.interventionId);
      const { roles, interventionIds } = ctx.identity;
      if (!roles.includes('forbund_admin') && !interventionIds.includes(interventionId)) {
        throw new ValidationError([{ path: ['interventionId'], message: 'You report avvikelser for your own insats' }]);
      }
      if (!(await interventionOwners(ctx, interventionId))) {
        throw new ValidationError([{ path: ['interventionId'], message: 'No such insats in your förbund' }]);
      }
      const description = args.description.trim();
      if (description.length < 10) {
        throw new ValidationError([
          { path: ['description'], message: 'Describe what happened (at least 10 characters)' },
        ]);
      }
      const reportedOn = args.reportedOn ?? today();
      return ctx.em.transactional(async (tx) =>
        tx.create(Avvikelse, {
          id: randomUUID(),
          tenantId: tenantOf(ctx),
          interventionId,
          reportedOn,
          description,
          status: 'RECEIVED',
          dueOn: addDays(reportedOn, ANSWER_DAYS),
          decisionId: null,
          forwardedToMemberId: null,
          reportedBy: ctx.identity.userId,
        }),
      );
    },
  }),
  handleAvvikelse: t.field({
    type: AvvikelseRef,
    description: 'Moves an avvikelse on: being handled, handled with a decision, or forwarded to a member.',
    authScopes: { reportReader: true },
    args: {
      id: t.arg.id({ required: true }),
      status: t.arg({ type: AvvikelseStatusEnum, required: true }),
      decisionId: t.arg.id({ description: 'For HANDLED: the styrgrupp’s decision.' }),
      forwardedToMemberId: t.arg.id({ description: 'For FORWARDED: the member whose organisation takes it.' }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const a = await openAvvikelse({ ...ctx, em: tx }, String(args.id));
        const status = args.status as (typeof AVVIKELSE_STATUSES)[number];
        if (status === 'RECEIVED') {
          throw new ValidationError([{ path: ['status'], message: 'An avvikelse cannot go back to received' }]);
        }
        if (status === 'HANDLED') {
          const decision = args.decisionId ? await tx.findOne(Decision, { id: String(args.decisionId) }) : null;
          if (!decision) {
            throw new ValidationError([
              { path: ['decisionId'], message: 'Handled means handled with a decision of your förbund' },
            ]);
          }
          a.decisionId = decision.id;
        }
        if (status === 'FORWARDED') {
          const member = args.forwardedToMemberId
            ? await tx.findOne(Member, { id: String(args.forwardedToMemberId) })
            : null;
          if (!member) {
            throw new ValidationError([
              { path: ['forwardedToMemberId'], message: 'Forwarded means forwarded to a member of your förbund' },
            ]);
          }
          a.forwardedToMemberId = member.id;
        }
        a.status = status;
        return a;
      }),
  }),
}));
