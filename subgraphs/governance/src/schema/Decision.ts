import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { loadById } from '@finsam/kit/ids.js';
import { maxLength } from '@finsam/kit/input.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { type ConcernedFacts, concernIssues, decisionIssues, voteIssues } from '../domain/decisions.js';
import { refuse } from '../domain/issues.js';
import { decisionRecordingIssues } from '../domain/minutes.js';
import { DECISION_KINDS, Decision, VOTES, type Vote } from '../entities/Decision.js';
import { visibleBodies } from './Body.js';
import { builder } from './builder.js';
import { InterventionRef, seesIntervention } from './Intervention.js';
import { addIssues } from './issues.js';
import { MeetingRef, writableMeeting } from './Meeting.js';

const DecisionKindEnum = builder.enumType('DecisionKind', {
  description: 'What a beslut is about.',
  values: {
    BUDGET: { description: 'Budget for a year (names its year).' },
    VERKSAMHETSPLAN: { description: 'Verksamhetsplan.' },
    EXTENSION: { description: 'Förlängning of a participation beyond a year (names the participation).' },
    AVVIKELSE: { description: 'Handling of an avvikelse.' },
    OTHER: { description: 'Any other beslut.' },
  } as const,
});
const VOTE_DESCRIPTIONS: Record<(typeof VOTES)[number], string> = {
  YES: 'Ja: for the proposal.',
  NO: 'Nej: against the proposal.',
  ABSTAIN: 'Avstår: takes no side.',
};
const VoteEnum = builder.enumType('VoteChoice', {
  description: 'How a seat voted (röstade).',
  values: Object.fromEntries(VOTES.map((v) => [v, { description: VOTE_DESCRIPTIONS[v] }])) as Record<
    (typeof VOTES)[number],
    { description: string }
  >,
});

const VoteRef = builder.objectRef<Vote>('Vote').implement({
  description: 'One seat’s vote (röst) in a decision taken by vote (votering).',
  fields: (t) => ({
    seatId: t.exposeID('seatId', { description: 'The seat that voted (a `Seat.id` of the meeting’s body).' }),
    vote: t.field({ type: VoteEnum, description: 'How the seat voted.', resolve: (v) => v.vote }),
  }),
});

export const DecisionRef = builder.loadableObject('Decision', {
  description: 'A beslut. Other subgraphs refer to it by id (e.g. a participation’s extension).',
  authScopes: { tenantReader: true, steering: true },
  load: (ids: string[], ctx) => ctx.em.find(Decision, { id: { $in: ids }, meeting: { body: visibleBodies(ctx) } }),
  sort: (d) => d.id,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The decision’s id.' }),
    kind: t.field({ type: DecisionKindEnum, description: 'What the decision is about.', resolve: (d) => d.kind }),
    text: t.exposeString('text', { description: 'What was decided, as the minutes say it.' }),
    meeting: t.field({
      type: MeetingRef,
      description: 'The meeting at which it was taken.',
      resolve: (d, _a, ctx) => MeetingRef.getDataloader(ctx).load(d.meeting.id),
    }),
    intervention: t.field({
      type: InterventionRef,
      nullable: true,
      description: 'The insats it concerns: as recorded, or the insats whose styrgrupp took it.',
      resolve: (d) => (d.interventionId ? { id: d.interventionId } : null),
    }),
    participationId: t.exposeID('participationId', {
      nullable: true,
      description: 'The participation it concerns (participants subgraph).',
    }),
    budgetYear: t.exposeInt('budgetYear', { nullable: true, description: 'The year a budget decision is for.' }),
    votes: t.field({
      type: [VoteRef],
      description: 'The votes, when the decision was taken by vote; empty otherwise.',
      resolve: (d) => d.votes,
    }),
  }),
});

builder.asEntity(DecisionRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => loadById(DecisionRef.getDataloader(ctx), ref.id),
});

builder.objectField(MeetingRef, 'decisions', (t) =>
  t.field({
    type: [DecisionRef],
    description: 'The beslut taken at the meeting.',
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
  description: 'One seat’s vote: a voting seat of the meeting’s body (never an adjungerad), once.',
  fields: (t) => ({
    seatId: t.id({ required: true, description: 'The seat that voted.' }),
    vote: t.field({ type: VoteEnum, required: true, description: 'How it voted.' }),
  }),
});
const DecisionInput = builder.inputType('DecisionInput', {
  description: 'A beslut as the minutes record it.',
  fields: (t) => ({
    kind: t.field({ type: DecisionKindEnum, required: true, description: 'What the decision is about.' }),
    text: t.string({
      required: true,
      description: 'What was decided, 2–20 000 characters.',
      extensions: maxLength(20_000),
    }),
    interventionId: t.id({ description: 'The insats it concerns; default: the insats whose styrgrupp meets.' }),
    participationId: t.id({ description: 'For an extension (förlängning).' }),
    budgetYear: t.int({ description: 'For a budget: the year it is for (2004–2100).' }),
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
  .superRefine((d, ctx) => addIssues(ctx, decisionIssues(d)));

/** Asks teams whether the named insats is the förbund's, and participants which insats the participation is in. */
async function concernedFacts(
  ctx: SubgraphContext,
  d: { interventionId?: string | null; participationId?: string | null },
): Promise<ConcernedFacts> {
  const [intervention, participation] = await Promise.all([
    d.interventionId
      ? ctx.services.query<{ intervention: { id: string } | null }>(
          'teams',
          'query ($id: ID!) { intervention(id: $id) { id } }',
          { id: d.interventionId },
        )
      : null,
    d.participationId
      ? ctx.services.query<{ participationInsatsId: string | null }>(
          'participants',
          'query ($id: ID!) { participationInsatsId(id: $id) }',
          { id: d.participationId },
        )
      : null,
  ]);
  return {
    ...(intervention ? { interventionFound: intervention.intervention !== null } : {}),
    ...(participation ? { participationInsatsId: participation.participationInsatsId } : {}),
  };
}

builder.mutationField('recordDecision', (t) =>
  t.field({
    type: DecisionRef,
    description: 'Records a beslut taken at a meeting, with the votes when there was a vote.',
    authScopes: { reportReader: true },
    args: {
      meetingId: t.arg.id({ required: true, description: 'The meeting at which it was taken.' }),
      input: t.arg({ type: DecisionInput, required: true, description: 'The decision.' }),
    },
    errors: {},
    resolve: async (_r, { meetingId, input }, ctx) => {
      const data = parseInput(decisionSchema, input);
      // What the decision names is the other subgraphs' to say: asked before the transaction.
      const facts = await concernedFacts(ctx, data);
      return ctx.em.transactional(async (tx) => {
        const meeting = await writableMeeting({ ...ctx, em: tx }, String(meetingId));
        refuse(decisionRecordingIssues(meeting));
        const body = meeting.body.getEntity();
        refuse(concernIssues(data, data.interventionId ?? body.interventionId ?? null, facts));
        const seats = new Map(body.members.getItems().map((s) => [s.id, s]));
        refuse(voteIssues(data.votes ?? [], seats));
        return tx.create(Decision, {
          id: randomUUID(),
          tenantId: meeting.tenantId,
          meeting,
          kind: data.kind,
          text: data.text,
          interventionId: data.interventionId ?? body.interventionId ?? null,
          participationId: data.participationId ?? null,
          budgetYear: data.budgetYear ?? null,
          votes: data.votes ?? [],
        });
      });
    },
  }),
);
