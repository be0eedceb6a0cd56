/** Inskrivning (enrolment) of an accepted referral, and its förlängning (extension) by the styrgrupp. */
import type { SubgraphContext } from '@finsam/kit/context.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { checkExtensionDecision, type DecisionFacts, enrol, extend } from '../domain/lifecycle.js';
import { orRefuse } from '../domain/verdict.js';
import { EDUCATION, SUPPORT_SOURCES } from '../entities/Participation.js';
import { builder } from './builder.js';
import { insatsPeriod } from './Intervention.js';
import { EducationEnum, own, PARTICIPATION_ID, ParticipationRef, SupportSourceEnum } from './Participation.js';

const BackgroundInput = builder.inputType('BackgroundInput', {
  description: 'Background at entry; only with consent.',
  fields: (t) => ({
    educationLevel: t.field({ type: EducationEnum, required: true, description: 'Highest education completed.' }),
    supportBefore: t.field({
      type: [SupportSourceEnum],
      required: true,
      description: 'What the person lived on before entry: at least one source, or INGEN_OFFENTLIG_FORSORJNING.',
    }),
    yearsInSupport: t.int({ required: true, description: 'Years on public support before entry, 0–60.' }),
  }),
});
export const backgroundSchema = z.object({
  educationLevel: z.enum(EDUCATION),
  supportBefore: z.array(z.enum(SUPPORT_SOURCES)).min(1, 'Give at least one source, or INGEN_OFFENTLIG_FORSORJNING'),
  yearsInSupport: z.number().int().min(0).max(60),
});

/** Governance's decision by id: its kind and the participation it is about (null when there is none). */
async function decisionFacts(ctx: SubgraphContext, decisionId: string): Promise<DecisionFacts | null> {
  const data = await ctx.services.query<{ _entities: (DecisionFacts | null)[] }>(
    'governance',
    'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Decision { kind participationId } } }',
    { reps: [{ __typename: 'Decision', id: decisionId }] },
  );
  return data._entities[0] ?? null;
}

builder.mutationFields((t) => ({
  enrolParticipant: t.field({
    type: ParticipationRef,
    description: 'Inskrivning: the planned end is one year later.',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true, description: PARTICIPATION_ID }),
      enrolledOn: t.arg({
        type: 'Date',
        required: true,
        description: 'The day of inskrivning; not before the referral, while the insats runs.',
      }),
      background: t.arg({ type: BackgroundInput, description: 'Background at entry; only with consent.' }),
    },
    errors: {},
    resolve: async (_r, args, ctx) => {
      // When the insats runs is teams' to say: asked before the transaction, not while it holds rows.
      const { interventionId } = await own(ctx, String(args.participationId), { lock: false });
      const insats = await insatsPeriod(ctx, interventionId);
      return ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        const enrolment = orRefuse(enrol(p, args.enrolledOn, insats, args.background));
        const background = args.background ? parseInput(backgroundSchema, args.background, ['background']) : {};
        return Object.assign(p, background, enrolment);
      });
    },
  }),
  extendParticipation: t.field({
    type: ParticipationRef,
    description: 'Förlängning beyond the planned end: points to the styrgrupp’s extension decision (governance).',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true, description: PARTICIPATION_ID }),
      decisionId: t.arg.id({
        required: true,
        description: 'The styrgrupp’s EXTENSION decision about this participation (from governance).',
      }),
      newPlannedEnd: t.arg({
        type: 'Date',
        required: true,
        description: 'The new planned end; later than the current one.',
      }),
    },
    errors: {},
    resolve: async (_r, args, ctx) => {
      const participationId = String(args.participationId);
      const decisionId = String(args.decisionId);
      orRefuse(checkExtensionDecision(await decisionFacts(ctx, decisionId), participationId));
      return ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, participationId);
        return Object.assign(p, orRefuse(extend(p, decisionId, args.newPlannedEnd)));
      });
    },
  }),
}));
