import { ValidationError } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import type { ActionPlan } from '../entities/Participation.js';
import { builder } from './builder.js';
import { anonymousRefusal, isAnonymous, own, ParticipationRef } from './Participation.js';

const Responsibility = builder.objectRef<ActionPlan['responsibilities'][number]>('ActionPlanResponsibility').implement({
  fields: (t) => ({
    party: t.exposeString('party', { description: 'E.g. "Försäkringskassan", "Socialtjänsten", "Deltagaren".' }),
    task: t.exposeString('task'),
  }),
});

const ActionPlanRef = builder.objectRef<ActionPlan>('ActionPlan').implement({
  description: 'Handlingsplan, often a SIP (samordnad individuell plan), agreed with the referrer.',
  fields: (t) => ({
    agreedOn: t.field({ type: 'Date', resolve: (a) => a.agreedOn }),
    sip: t.exposeBoolean('sip', { description: 'A samordnad individuell plan.' }),
    goals: t.exposeStringList('goals'),
    responsibilities: t.field({ type: [Responsibility], resolve: (a) => a.responsibilities }),
  }),
});

builder.objectField(ParticipationRef, 'actionPlan', (t) =>
  t.field({ type: ActionPlanRef, nullable: true, resolve: (p) => p.actionPlan ?? null }),
);

const ActionPlanInput = builder.inputType('ActionPlanInput', {
  fields: (t) => ({
    agreedOn: t.field({ type: 'Date', required: true }),
    sip: t.boolean({ required: true }),
    goals: t.stringList({ required: true }),
    responsibilities: t.field({
      type: [
        builder.inputType('ResponsibilityInput', {
          fields: (r) => ({ party: r.string({ required: true }), task: r.string({ required: true }) }),
        }),
      ],
      required: true,
    }),
  }),
});

const planSchema = z.object({
  agreedOn: z.string(),
  sip: z.boolean(),
  goals: z.array(z.string().trim().min(2).max(1000)).min(1, 'A plan has at least one goal'),
  responsibilities: z
    .array(z.object({ party: z.string().trim().min(2).max(200), task: z.string().trim().min(2).max(1000) }))
    .min(1, 'Say who does what'),
});

builder.mutationField('setActionPlan', (t) =>
  t.field({
    type: ParticipationRef,
    description: 'Records (or replaces) the handlingsplan of an ongoing participation with consent.',
    authScopes: { staff: true },
    args: { participationId: t.arg.id({ required: true }), input: t.arg({ type: ActionPlanInput, required: true }) },
    errors: {},
    resolve: async (_r, { participationId, input }, ctx) => {
      const plan = parseInput(planSchema, input);
      return ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(participationId));
        if (isAnonymous(p)) {
          throw anonymousRefusal([['input']]);
        }
        if (p.status !== 'ENROLLED') {
          throw new ValidationError([{ path: ['participationId'], message: 'A plan is for an enrolled participant' }]);
        }
        p.actionPlan = plan;
        return p;
      });
    },
  }),
);
