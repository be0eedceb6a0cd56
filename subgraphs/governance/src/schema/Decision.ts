import { randomUUID } from 'node:crypto';
import { ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { DECISION_KINDS, Decision, VOTES, type Vote } from '../entities/Decision.js';
import { visibleBodies } from './Body.js';
import { builder } from './builder.js';
import { InterventionRef, seesIntervention } from './Intervention.js';
import { MeetingRef, writableMeeting } from './Meeting.js';

const DecisionKindEnum = builder.enumType('DecisionKind', {
  values: {
    BUDGET: { description: 'Budget.' },
    VERKSAMHETSPLAN: { description: 'Verksamhetsplan.' },
    EXTENSION: { description: 'Förlängning of a participation beyond a year.' },
    AVVIKELSE: { description: 'Handling of an avvikelse.' },
    OTHER: {},
  } as const,
});
const VoteEnum = builder.enumType('VoteChoice', { values: VOTES });

const VoteRef = builder.objectRef<Vote>('Vote').implement({
  fields: (t) => ({ seatId: t.exposeID('seatId'), vote: t.field({ type: VoteEnum, resolve: (v) => v.vote }) }),
});

export const DecisionRef = builder.loadableObject('Decision', {
  description: 'A beslut. Other subgraphs refer to it by id (e.g. a participation’s extension).',
  authScopes: { tenantReader: true },
  load: (ids: string[], ctx) => ctx.em.find(Decision, { id: { $in: ids }, meeting: { body: visibleBodies(ctx) } }),
  sort: (d) => d.id,
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: DecisionKindEnum, resolve: (d) => d.kind }),
    text: t.exposeString('text'),
    meeting: t.field({ type: MeetingRef, resolve: (d, _a, ctx) => MeetingRef.getDataloader(ctx).load(d.meeting.id) }),
    intervention: t.field({
      type: InterventionRef,
      nullable: true,
      resolve: (d) => (d.interventionId ? { id: d.interventionId } : null),
    }),
    participationId: t.exposeID('participationId', {
      nullable: true,
      description: 'The participation it concerns (participants subgraph).',
    }),
    budgetYear: t.exposeInt('budgetYear', { nullable: true }),
    votes: t.field({ type: [VoteRef], resolve: (d) => d.votes }),
  }),
});

builder.asEntity(DecisionRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) =>
    DecisionRef.getDataloader(ctx)
      .load(ref.id)
      .catch(() => null),
});

builder.objectField(MeetingRef, 'decisions', (t) =>
  t.field({
    type: [DecisionRef],
    resolve: (m, _a, ctx) => ctx.em.find(Decision, { meeting: m.id }, { orderBy: { id: 'asc' } }),
  }),
);
builder.objectField(InterventionRef, 'decisions', (t) =>
  t.field({
    type: [DecisionRef],
    description: 'Decisions concerning the insats.',
    authScopes: { tenantReader: true },
    resolve: (i, _a, ctx) =>
      seesIntervention(ctx.identity, i.id)
        ? ctx.em.find(Decision, { interventionId: i.id }, { orderBy: { id: 'asc' } })
        : [],
  }),
);

const VoteInput = builder.inputType('VoteInput', {
  fields: (t) => ({ seatId: t.id({ required: true }), vote: t.field({ type: VoteEnum, required: true }) }),
});
const DecisionInput = builder.inputType('DecisionInput', {
  fields: (t) => ({
    kind: t.field({ type: DecisionKindEnum, required: true }),
    text: t.string({ required: true }),
    interventionId: t.id(),
    participationId: t.id({ description: 'For an extension (förlängning).' }),
    budgetYear: t.int(),
    votes: t.field({ type: [VoteInput], description: 'When the decision was taken by vote.' }),
  }),
});

const decisionSchema = z
  .object({
    kind: z.enum(DECISION_KINDS),
    text: z.string().trim().min(2, 'Say what was decided').max(20_000),
    interventionId: z.uuid().nullish(),
    participationId: z.uuid().nullish(),
    budgetYear: z.number().int().min(2004).max(2100).nullish(),
    votes: z.array(z.object({ seatId: z.uuid(), vote: z.enum(VOTES) })).nullish(),
  })
  .refine((d) => d.kind !== 'EXTENSION' || !!d.participationId, {
    path: ['participationId'],
    message: 'An extension concerns a participation',
  })
  .refine((d) => d.kind !== 'BUDGET' || d.budgetYear != null, {
    path: ['budgetYear'],
    message: 'A budget decision names its year',
  });

builder.mutationField('recordDecision', (t) =>
  t.field({
    type: DecisionRef,
    description: 'Records a beslut taken at a meeting, with the votes when there was a vote.',
    authScopes: { reportReader: true },
    args: { meetingId: t.arg.id({ required: true }), input: t.arg({ type: DecisionInput, required: true }) },
    errors: {},
    resolve: async (_r, { meetingId, input }, ctx) => {
      const data = parseInput(decisionSchema, input);
      return ctx.em.transactional(async (tx) => {
        const meeting = await writableMeeting({ ...ctx, em: tx }, String(meetingId));
        const seats = new Map(
          meeting.body
            .getEntity()
            .members.getItems()
            .map((s) => [s.id, s]),
        );
        const issues: ValidationIssue[] = [];
        const seen = new Set<string>();
        (data.votes ?? []).forEach((v, i) => {
          const seat = seats.get(v.seatId);
          if (!seat) {
            issues.push({ path: ['input', 'votes', i, 'seatId'], message: `${v.seatId} has no seat in this body` });
          } else if (seat.role === 'ADJUNGERAD') {
            issues.push({
              path: ['input', 'votes', i, 'seatId'],
              message: `${seat.name} is adjungerad and has no vote`,
            });
          } else if (!seat.voting) {
            issues.push({ path: ['input', 'votes', i, 'seatId'], message: `${seat.name} has no vote in this body` });
          }
          if (seen.has(v.seatId)) {
            issues.push({ path: ['input', 'votes', i, 'seatId'], message: 'One vote per seat' });
          }
          seen.add(v.seatId);
        });
        if (issues.length) {
          throw new ValidationError(issues);
        }
        return tx.create(Decision, {
          id: randomUUID(),
          tenantId: meeting.tenantId,
          meeting,
          kind: data.kind,
          text: data.text,
          interventionId: data.interventionId ?? meeting.body.getEntity().interventionId ?? null,
          participationId: data.participationId ?? null,
          budgetYear: data.budgetYear ?? null,
          votes: data.votes ?? [],
        });
      });
    },
  }),
);
