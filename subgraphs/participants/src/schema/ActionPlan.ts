/** Handlingsplan (action plan) of an enrolled participant with consent. */
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { setActionPlan } from '../domain/lifecycle.js';
import { orRefuse } from '../domain/verdict.js';
import type { ActionPlan } from '../entities/Participation.js';
import { builder } from './builder.js';
import { own, PARTICIPATION_ID, ParticipationRef } from './Participation.js';

const Responsibility = builder.objectRef<ActionPlan['responsibilities'][number]>('ActionPlanResponsibility').implement({
  description: 'Who does what in the plan.',
  fields: (t) => ({
    party: t.exposeString('party', { description: 'E.g. "Försäkringskassan", "Socialtjänsten", "Deltagaren".' }),
    task: t.exposeString('task', { description: 'What that party does.' }),
  }),
});

const ActionPlanRef = builder.objectRef<ActionPlan>('ActionPlan').implement({
  description: 'Handlingsplan, often a SIP (samordnad individuell plan), agreed with the referrer.',
  fields: (t) => ({
    agreedOn: t.field({ type: 'Date', description: 'The day the plan was agreed.', resolve: (a) => a.agreedOn }),
    sip: t.exposeBoolean('sip', { description: 'A samordnad individuell plan.' }),
    goals: t.exposeStringList('goals', { description: 'The participant’s goals; at least one.' }),
    responsibilities: t.field({
      type: [Responsibility],
      description: 'Who does what; at least one.',
      resolve: (a) => a.responsibilities,
    }),
  }),
});

builder.objectField(ParticipationRef, 'actionPlan', (t) =>
  t.field({
    type: ActionPlanRef,
    nullable: true,
    description: 'The handlingsplan, once one is recorded.',
    resolve: (p) => p.actionPlan ?? null,
  }),
);

const ResponsibilityInput = builder.inputType('ResponsibilityInput', {
  description: 'Who does what in the plan.',
  fields: (r) => ({
    party: r.string({ required: true, description: 'The party, e.g. "Försäkringskassan" or "Deltagaren".' }),
    task: r.string({ required: true, description: 'What that party does.' }),
  }),
});

const ActionPlanInput = builder.inputType('ActionPlanInput', {
  description: 'A handlingsplan as agreed; it replaces any earlier one.',
  fields: (t) => ({
    agreedOn: t.field({ type: 'Date', required: true, description: 'The day the plan was agreed.' }),
    sip: t.boolean({ required: true, description: 'Whether it is a samordnad individuell plan (SIP).' }),
    goals: t.stringList({ required: true, description: 'The participant’s goals; at least one.' }),
    responsibilities: t.field({
      type: [ResponsibilityInput],
      required: true,
      description: 'Who does what; at least one.',
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
    args: {
      participationId: t.arg.id({ required: true, description: PARTICIPATION_ID }),
      input: t.arg({ type: ActionPlanInput, required: true, description: 'The plan.' }),
    },
    errors: {},
    resolve: async (_r, { participationId, input }, ctx) => {
      const plan = parseInput(planSchema, input);
      return ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(participationId));
        orRefuse(setActionPlan(p));
        p.actionPlan = plan;
        return p;
      });
    },
  }),
);
