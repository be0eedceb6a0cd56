import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@finsam/kit/errors.js';
import { intBounds, maxLength } from '@finsam/kit/input.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { refuse } from '../domain/issues.js';
import { planOutcomeIssues } from '../domain/plan-goals.js';
import { FOLLOW_UP_STATUSES, OUTCOME_MEASURES, PLAN_ITEM_KINDS, PlanGoal } from '../entities/PlanGoal.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';

const PlanItemKindEnum = builder.enumType('PlanItemKind', {
  description: 'What a line of the verksamhetsplan is: a goal or an internal-control item.',
  values: {
    GOAL: { description: 'Verksamhetsplanens mål.' },
    INTERNAL_CONTROL: { description: 'Intern kontroll: a risk and how it is checked.' },
  } as const,
});
const FOLLOW_UP: Record<(typeof FOLLOW_UP_STATUSES)[number], string> = {
  PLANNED: 'Planerad: not started.',
  IN_PROGRESS: 'Pågår: under way.',
  MET: 'Uppfyllt: the goal is met, or the check found nothing.',
  PARTLY_MET: 'Delvis uppfyllt.',
  NOT_MET: 'Ej uppfyllt.',
};
const FollowUpStatusEnum = builder.enumType('FollowUpStatus', {
  description: 'How far a verksamhetsplan line has come (uppföljning).',
  values: Object.fromEntries(FOLLOW_UP_STATUSES.map((s) => [s, { description: FOLLOW_UP[s] }])) as Record<
    (typeof FOLLOW_UP_STATUSES)[number],
    { description: string }
  >,
});

/** Described the same in participants, which computes the outcome (an enum shared by both subgraphs). */
const PlanOutcomeMeasureEnum = builder.enumType('PlanOutcomeMeasure', {
  description: 'An outcome the platform computes from participants’ records, to follow up a verksamhetsplan goal.',
  values: {
    STEP_FORWARD_SHARE: {
      description: 'Share of the year’s exits with a stegförflyttning (a step towards work or studies).',
    },
    SAME_OR_HIGHER_6_MONTHS: {
      description: 'Of the year’s exits followed up after 6 months: share at the same level or higher.',
    },
    SAME_OR_HIGHER_18_MONTHS: {
      description: 'Of the year’s exits followed up after 18 months: share at the same level or higher.',
    },
  } as const,
});

const PlanGoalRef = builder.objectRef<PlanGoal>('PlanGoal').implement({
  description:
    'A line of the verksamhetsplan for a year, with its follow-up. A goal with an `outcomeMeasure` gets its ' +
    'computed `outcome` from participants.',
  authScopes: { reportReader: true },
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The line’s id; give it to `savePlanGoal` to update the line.' }),
    year: t.exposeInt('year', { description: 'The year of the verksamhetsplan.' }),
    kind: t.field({
      type: PlanItemKindEnum,
      description: 'A goal or an internal-control item.',
      resolve: (g) => g.kind,
    }),
    text: t.exposeString('text', { description: 'The goal, or the risk an internal-control item checks.' }),
    measure: t.exposeString('measure', { description: 'How the goal is measured, or how the risk is checked.' }),
    followUp: t.exposeString('followUp', { nullable: true, description: 'The follow-up (uppföljning) so far.' }),
    status: t.field({ type: FollowUpStatusEnum, description: 'How far it has come.', resolve: (g) => g.status }),
    outcomeMeasure: t.field({
      type: PlanOutcomeMeasureEnum,
      nullable: true,
      description: 'For a goal followed up from records: the computed outcome that measures it; null otherwise.',
      resolve: (g) => g.outcomeMeasure ?? null,
    }),
    targetPercent: t.exposeInt('targetPercent', {
      nullable: true,
      description: 'The target of a goal with an `outcomeMeasure`, in per cent (e.g. 80); null otherwise.',
    }),
  }),
});

// Participants adds the computed outcome to a goal, reading its year, measure and target from here.
builder.asEntity(PlanGoalRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => ctx.em.findOne(PlanGoal, { id: ref.id }),
});

builder.objectField(ForbundRef, 'plan', (t) =>
  t.field({
    type: [PlanGoalRef],
    description: 'Verksamhetsplan goals and internal-control items of a year.',
    authScopes: { reportReader: true },
    args: {
      year: t.arg.int({ required: true, description: 'The year of the verksamhetsplan.' }),
      kind: t.arg({ type: PlanItemKindEnum, description: 'Only goals, or only internal-control items.' }),
    },
    resolve: (f, { year, kind }, ctx) =>
      ctx.em.find(
        PlanGoal,
        { tenantId: f.id, year, ...(kind ? { kind } : {}) },
        { orderBy: { kind: 'asc', id: 'asc' } },
      ),
  }),
);

const PlanGoalInput = builder.inputType('PlanGoalInput', {
  description: 'A line of the verksamhetsplan, whole (an update replaces every field).',
  fields: (t) => ({
    year: t.int({ required: true, description: 'The year of the verksamhetsplan, 2004–2100.' }),
    kind: t.field({ type: PlanItemKindEnum, required: true, description: 'A goal or an internal-control item.' }),
    text: t.string({
      required: true,
      description: 'The goal, or the risk checked; 2–5000 characters.',
      extensions: maxLength(5000),
    }),
    measure: t.string({
      required: true,
      description: 'How it is measured or checked; at most 5000 characters.',
      extensions: maxLength(5000),
    }),
    followUp: t.string({
      description: 'The follow-up so far, at most 10 000 characters; omit or null for none.',
      extensions: maxLength(10_000),
    }),
    status: t.field({ type: FollowUpStatusEnum, required: true, description: 'How far it has come.' }),
    outcomeMeasure: t.field({
      type: PlanOutcomeMeasureEnum,
      description: 'For a goal followed up from records: the outcome that measures it; give `targetPercent` too.',
    }),
    targetPercent: t.int({
      description: 'The target in per cent, 0–100; with `outcomeMeasure` only.',
      extensions: intBounds(0, 100),
    }),
  }),
});

const planGoalSchema = z.object({
  year: z.number().int().min(2004, 'FINSAM began in 2004').max(2100),
  kind: z.enum(PLAN_ITEM_KINDS),
  text: z.string().trim().min(2, 'Say what the goal or risk is').max(5000),
  measure: z.string().trim().min(1, 'Say how it is measured or checked').max(5000),
  followUp: z
    .string()
    .trim()
    .max(10_000)
    .nullish()
    .transform((v) => v ?? null),
  status: z.enum(FOLLOW_UP_STATUSES),
  outcomeMeasure: z
    .enum(OUTCOME_MEASURES)
    .nullish()
    .transform((v) => v ?? null),
  targetPercent: z
    .number()
    .int()
    .min(0)
    .max(100)
    .nullish()
    .transform((v) => v ?? null),
});

builder.mutationField('savePlanGoal', (t) =>
  t.field({
    type: PlanGoalRef,
    description: 'Adds a verksamhetsplan line, or updates one (give its id), e.g. with its follow-up.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ description: 'The line to update; omit to add a new line.' }),
      input: t.arg({ type: PlanGoalInput, required: true, description: 'The line.' }),
    },
    errors: {},
    resolve: async (_r, { id, input }, ctx) => {
      const data = parseInput(planGoalSchema, input);
      refuse(planOutcomeIssues(data));
      return ctx.em.transactional(async (tx) => {
        if (!id) {
          return tx.create(PlanGoal, { ...data, id: randomUUID(), tenantId: tenantOf(ctx) });
        }
        const goal = await tx.findOne(PlanGoal, { id: String(id) });
        if (!goal) {
          throw new NotFoundError(['id'], `No plan line ${id} in your förbund`);
        }
        return tx.assign(goal, data);
      });
    },
  }),
);
