import { randomUUID } from 'node:crypto';
import { ValidationError } from '@finsam/kit/errors.js';
import type { Participation } from '../entities/Participation.js';
import { type SCREENING_KINDS, Screening } from '../entities/Screening.js';
import { builder } from './builder.js';
import { anonymousRefusal, isAnonymous, own, ParticipationRef } from './Participation.js';

const ScreeningKindEnum = builder.enumType('ScreeningKind', {
  values: {
    VIOLENCE_QUESTIONS: { description: 'Frågor om våld (twice a year): asked, answered, support offered.' },
    KASAM: { description: 'KASAM (känsla av sammanhang), score 13–91.' },
    SRS: { description: 'Session Rating Scale, score 0–40.' },
    ORS: { description: 'Outcome Rating Scale, score 0–40.' },
  } as const,
});

/** Score ranges of the instruments. */
const SCORE_RANGE: Record<Exclude<(typeof SCREENING_KINDS)[number], 'VIOLENCE_QUESTIONS'>, [number, number]> = {
  KASAM: [13, 91],
  SRS: [0, 40],
  ORS: [0, 40],
};

const ScreeningRef = builder.objectRef<Screening>('Screening').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: ScreeningKindEnum, resolve: (s) => s.kind }),
    date: t.field({ type: 'Date', resolve: (s) => s.date }),
    answered: t.exposeBoolean('answered', { nullable: true }),
    supportOffered: t.exposeBoolean('supportOffered', { nullable: true }),
    score: t.exposeInt('score', { nullable: true }),
  }),
});

const byDateThenId = (a: Screening, b: Screening) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Loaded for all participations of a request at once. Sorted again: a screening recorded
 *  earlier in the same request is appended to an already loaded collection, out of date order. */
async function screenings(p: Participation): Promise<Screening[]> {
  return (await p.screenings.load({ dataloader: true })).getItems().sort(byDateThenId);
}

builder.objectField(ParticipationRef, 'screenings', (t) => t.field({ type: [ScreeningRef], resolve: screenings }));

builder.mutationField('recordScreening', (t) =>
  t.field({
    type: ParticipationRef,
    description: 'Records the violence questions (answered, support offered) or a KASAM/SRS/ORS score.',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true }),
      kind: t.arg({ type: ScreeningKindEnum, required: true }),
      date: t.arg({ type: 'Date', required: true }),
      answered: t.arg.boolean(),
      supportOffered: t.arg.boolean(),
      score: t.arg.int(),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        if (isAnonymous(p)) {
          throw anonymousRefusal([['participationId']]);
        }
        if (args.kind === 'VIOLENCE_QUESTIONS') {
          if (args.answered == null || args.supportOffered == null || args.score != null) {
            throw new ValidationError([
              { path: ['answered'], message: 'The violence questions record answered and support offered, no score' },
            ]);
          }
        } else {
          const [min, max] = SCORE_RANGE[args.kind];
          if (args.score == null || args.score < min || args.score > max) {
            throw new ValidationError([{ path: ['score'], message: `${args.kind} scores are ${min}–${max}` }]);
          }
          if (args.answered != null || args.supportOffered != null) {
            throw new ValidationError([
              { path: ['answered'], message: 'Only the violence questions record answered and support offered' },
            ]);
          }
        }
        tx.create(Screening, {
          id: randomUUID(),
          tenantId: p.tenantId,
          participation: p,
          kind: args.kind,
          date: args.date,
          answered: args.answered ?? null,
          supportOffered: args.supportOffered ?? null,
          score: args.score ?? null,
        });
        return p;
      }),
  }),
);
