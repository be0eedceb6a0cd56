import { randomUUID } from 'node:crypto';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { GOAL_STATUSES, LocalGoal } from '../entities/LocalGoal.js';
import { builder } from './builder.js';
import { changeChild, InterventionRef, writableIntervention } from './Intervention.js';

const GoalStatusEnum = builder.enumType('GoalStatus', { values: GOAL_STATUSES });

const LocalGoalRef = builder.objectRef<LocalGoal>('LocalGoal').implement({
  description: 'A yearly local goal (lokalt mål) of an insats, with its follow-up.',
  fields: (t) => ({
    id: t.exposeID('id'),
    year: t.exposeInt('year'),
    text: t.exposeString('text', { description: 'E.g. "Fler ungdomar 16–30 anvisade".' }),
    measure: t.exposeString('measure', { description: 'How it is measured.' }),
    target: t.exposeString('target'),
    result: t.exposeString('result', { nullable: true }),
    status: t.field({ type: GoalStatusEnum, resolve: (g) => g.status }),
  }),
});

builder.objectField(InterventionRef, 'goals', (t) =>
  t.field({
    type: [LocalGoalRef],
    args: { year: t.arg.int() },
    resolve: async (i, { year }) =>
      (await i.goals.load({ dataloader: true })).getItems().filter((g) => year == null || g.year === year),
  }),
);

const LocalGoalInput = builder.inputType('LocalGoalInput', {
  fields: (t) => ({
    year: t.int({ required: true }),
    text: t.string({ required: true }),
    measure: t.string({ required: true }),
    target: t.string({ required: true }),
    result: t.string(),
    status: t.field({ type: GoalStatusEnum, required: true }),
  }),
});

const goalSchema = z.object({
  year: z.number().int().min(2004, 'FINSAM began in 2004').max(2100),
  text: z.string().trim().min(2, 'Say what the goal is').max(1000),
  measure: z.string().trim().min(1, 'Say how it is measured').max(1000),
  target: z.string().trim().min(1, 'Say what counts as reached').max(500),
  result: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => v ?? null),
  status: z.enum(GOAL_STATUSES),
});

builder.mutationFields((t) => ({
  addLocalGoal: t.field({
    type: InterventionRef,
    authScopes: { tenantAdmin: true },
    args: { interventionId: t.arg.id({ required: true }), input: t.arg({ type: LocalGoalInput, required: true }) },
    errors: {},
    resolve: async (_root, { interventionId, input }, ctx) => {
      const data = parseInput(goalSchema, input);
      return ctx.em.transactional(async (tx) => {
        const intervention = await writableIntervention({ ...ctx, em: tx }, String(interventionId), ['interventionId']);
        tx.create(LocalGoal, { ...data, id: randomUUID(), tenantId: intervention.tenantId, intervention });
        return intervention;
      });
    },
  }),
  updateLocalGoal: t.field({
    type: InterventionRef,
    description: 'Updates a goal, e.g. with its result at year end.',
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: LocalGoalInput, required: true }) },
    errors: {},
    resolve: async (_root, { id, input }, ctx) => {
      const data = parseInput(goalSchema, input);
      return changeChild(ctx, LocalGoal, String(id), 'goal', (tx, goal) => tx.assign(goal, data));
    },
  }),
  removeLocalGoal: t.field({
    type: InterventionRef,
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true }) },
    errors: {},
    resolve: (_root, { id }, ctx) => changeChild(ctx, LocalGoal, String(id), 'goal', (tx, goal) => tx.remove(goal)),
  }),
}));
