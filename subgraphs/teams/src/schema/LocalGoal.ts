import { randomUUID } from 'node:crypto';
import { goalsOf, parseLocalGoal } from '../domain/goals.js';
import { GOAL_STATUSES, LocalGoal } from '../entities/LocalGoal.js';
import { builder } from './builder.js';
import { changeChild, InterventionRef, writableIntervention } from './Intervention.js';

const STATUS_NAMES: Record<(typeof GOAL_STATUSES)[number], string> = {
  PLANNED: 'Set; work has not started.',
  IN_PROGRESS: 'Being worked on.',
  MET: 'Reached (uppfyllt).',
  PARTLY_MET: 'Partly reached (delvis uppfyllt).',
  NOT_MET: 'Not reached (ej uppfyllt).',
};
const GoalStatusEnum = builder.enumType('GoalStatus', {
  description: 'Where a local goal stands; at year end, whether it was reached.',
  values: Object.fromEntries(GOAL_STATUSES.map((s) => [s, { description: STATUS_NAMES[s] }])) as Record<
    (typeof GOAL_STATUSES)[number],
    { description: string }
  >,
});

const LocalGoalRef = builder.objectRef<LocalGoal>('LocalGoal').implement({
  description: 'A yearly local goal (lokalt mål) of an insats, with its follow-up.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The goal id, for `updateLocalGoal` and `removeLocalGoal`.' }),
    year: t.exposeInt('year', { description: 'The calendar year the goal is for.' }),
    text: t.exposeString('text', { description: 'E.g. "Fler ungdomar 16–30 anvisade".' }),
    measure: t.exposeString('measure', { description: 'How it is measured.' }),
    target: t.exposeString('target', { description: 'What counts as reached, e.g. "100 %".' }),
    result: t.exposeString('result', { nullable: true, description: 'The outcome at follow-up; null until then.' }),
    status: t.field({ type: GoalStatusEnum, description: 'Where the goal stands.', resolve: (g) => g.status }),
  }),
});

builder.objectField(InterventionRef, 'goals', (t) =>
  t.field({
    type: [LocalGoalRef],
    description: 'Its local goals (lokala mål), by year.',
    args: { year: t.arg.int({ description: 'Only the goals of this year.' }) },
    resolve: async (i, { year }) => goalsOf((await i.goals.load({ dataloader: true })).getItems(), year),
  }),
);

const LocalGoalInput = builder.inputType('LocalGoalInput', {
  description: 'A local goal (lokalt mål) for a year, with its follow-up.',
  fields: (t) => ({
    year: t.int({ required: true, description: 'The calendar year, 2004 or later.' }),
    text: t.string({ required: true, description: 'What the goal is.' }),
    measure: t.string({ required: true, description: 'How it is measured.' }),
    target: t.string({ required: true, description: 'What counts as reached.' }),
    result: t.string({ description: 'The outcome at follow-up; leave out until known.' }),
    status: t.field({ type: GoalStatusEnum, required: true, description: 'Where the goal stands.' }),
  }),
});

builder.mutationFields((t) => ({
  addLocalGoal: t.field({
    type: InterventionRef,
    description: 'Adds a local goal to an insats; the answer is the insats. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: {
      interventionId: t.arg.id({ required: true, description: 'The insats the goal is for.' }),
      input: t.arg({ type: LocalGoalInput, required: true, description: 'The goal.' }),
    },
    errors: {},
    resolve: async (_root, { interventionId, input }, ctx) => {
      const data = parseLocalGoal(input);
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
    args: {
      id: t.arg.id({ required: true, description: 'The goal to change.' }),
      input: t.arg({ type: LocalGoalInput, required: true, description: 'The goal as it is to be.' }),
    },
    errors: {},
    resolve: async (_root, { id, input }, ctx) => {
      const data = parseLocalGoal(input);
      return changeChild(ctx, LocalGoal, String(id), 'goal', (tx, goal) => tx.assign(goal, data));
    },
  }),
  removeLocalGoal: t.field({
    type: InterventionRef,
    description: 'Deletes a local goal; the answer is its insats.',
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true, description: 'The goal to remove.' }) },
    errors: {},
    resolve: (_root, { id }, ctx) => changeChild(ctx, LocalGoal, String(id), 'goal', (tx, goal) => tx.remove(goal)),
  }),
}));
