import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@finsam/kit/errors.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { FOLLOW_UP_STATUSES, PLAN_ITEM_KINDS, PlanGoal } from '../entities/PlanGoal.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';

const PlanItemKindEnum = builder.enumType('PlanItemKind', {
  values: {
    GOAL: { description: 'Verksamhetsplanens mål.' },
    INTERNAL_CONTROL: { description: 'Intern kontroll: a risk and how it is checked.' },
  } as const,
});
const FollowUpStatusEnum = builder.enumType('FollowUpStatus', { values: FOLLOW_UP_STATUSES });

const PlanGoalRef = builder.objectRef<PlanGoal>('PlanGoal').implement({
  description: 'A line of the verksamhetsplan for a year, with its follow-up.',
  fields: (t) => ({
    id: t.exposeID('id'),
    year: t.exposeInt('year'),
    kind: t.field({ type: PlanItemKindEnum, resolve: (g) => g.kind }),
    text: t.exposeString('text'),
    measure: t.exposeString('measure'),
    followUp: t.exposeString('followUp', { nullable: true }),
    status: t.field({ type: FollowUpStatusEnum, resolve: (g) => g.status }),
  }),
});

builder.objectField(ForbundRef, 'plan', (t) =>
  t.field({
    type: [PlanGoalRef],
    description: 'Verksamhetsplan goals and internal-control items of a year.',
    authScopes: { reportReader: true },
    args: { year: t.arg.int({ required: true }), kind: t.arg({ type: PlanItemKindEnum }) },
    resolve: (f, { year, kind }, ctx) =>
      ctx.em.find(
        PlanGoal,
        { tenantId: f.id, year, ...(kind ? { kind } : {}) },
        { orderBy: { kind: 'asc', id: 'asc' } },
      ),
  }),
);

const PlanGoalInput = builder.inputType('PlanGoalInput', {
  fields: (t) => ({
    year: t.int({ required: true }),
    kind: t.field({ type: PlanItemKindEnum, required: true }),
    text: t.string({ required: true }),
    measure: t.string({ required: true }),
    followUp: t.string(),
    status: t.field({ type: FollowUpStatusEnum, required: true }),
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
});

builder.mutationField('savePlanGoal', (t) =>
  t.field({
    type: PlanGoalRef,
    description: 'Adds a verksamhetsplan line, or updates one (give its id), e.g. with its follow-up.',
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id(), input: t.arg({ type: PlanGoalInput, required: true }) },
    errors: {},
    resolve: async (_r, { id, input }, ctx) => {
      const data = parseInput(planGoalSchema, input);
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
