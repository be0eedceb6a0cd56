/** Avslut (exit) of an ongoing participation, and what is recorded after it. */
import { todayInSweden } from '@finsam/kit/dates.js';
import { exit, recordAfterExit } from '../domain/lifecycle.js';
import { orRefuse } from '../domain/verdict.js';
import { builder } from './builder.js';
import { LevelEnum, OutcomeEnum, own, PARTICIPATION_ID, ParticipationRef, SupportSourceEnum } from './Participation.js';

builder.mutationFields((t) => ({
  exitParticipation: t.field({
    type: ParticipationRef,
    description: 'Avslut: date, one or more outcomes, support after (with consent).',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true, description: PARTICIPATION_ID }),
      exitedOn: t.arg({ type: 'Date', required: true, description: 'The day of avslut; not before enrolment.' }),
      outcomes: t.arg({
        type: [OutcomeEnum],
        required: true,
        description: 'Why it ended (avslutsorsaker): at least one, each kept once.',
      }),
      supportAfter: t.arg({
        type: [SupportSourceEnum],
        description: 'What the person lives on after exit; only with consent.',
      }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        return Object.assign(p, orRefuse(exit(p, args)));
      }),
  }),
  recordAfterExit: t.field({
    type: ParticipationRef,
    description: 'Final documentation sent, and the 6- and 18-month follow-ups after exit.',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true, description: PARTICIPATION_ID }),
      finalDocumentationSentOn: t.arg({
        type: 'Date',
        description: 'The day the final documentation went to participant and referrer; from the exit to today.',
      }),
      level6Months: t.arg({
        type: LevelEnum,
        description: 'The level six months after exit; recorded from six months after the exit on.',
      }),
      level18Months: t.arg({
        type: LevelEnum,
        description: 'The level eighteen months after exit; recorded from eighteen months after the exit on.',
      }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        return Object.assign(p, orRefuse(recordAfterExit(p, args, todayInSweden())));
      }),
  }),
}));
