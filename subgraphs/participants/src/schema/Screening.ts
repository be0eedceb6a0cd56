/** Screenings of a participant with consent: the violence questions, and KASAM, SRS and ORS scores. */
import { randomUUID } from 'node:crypto';
import { checkScreening, SCORE_RANGE } from '../domain/screening.js';
import { orRefuse } from '../domain/verdict.js';
import type { Participation } from '../entities/Participation.js';
import { Screening } from '../entities/Screening.js';
import { builder } from './builder.js';
import { entityOf, own, PARTICIPATION_ID, ParticipationRef } from './Participation.js';

const range = (kind: keyof typeof SCORE_RANGE) => SCORE_RANGE[kind].join('–');

const ScreeningKindEnum = builder.enumType('ScreeningKind', {
  description: 'Which screening: the violence questions, or a scored instrument.',
  values: {
    VIOLENCE_QUESTIONS: { description: 'Frågor om våld (twice a year): asked, answered, support offered.' },
    KASAM: { description: `KASAM (känsla av sammanhang), score ${range('KASAM')}.` },
    SRS: { description: `Session Rating Scale, score ${range('SRS')}.` },
    ORS: { description: `Outcome Rating Scale, score ${range('ORS')}.` },
  } as const,
});

const ScreeningRef = builder.objectRef<Screening>('Screening').implement({
  description: 'A screening recorded in the work with a participant.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The screening’s id.' }),
    kind: t.field({ type: ScreeningKindEnum, description: 'Which screening.', resolve: (s) => s.kind }),
    date: t.field({ type: 'Date', description: 'The day it was made.', resolve: (s) => s.date }),
    answered: t.exposeBoolean('answered', {
      nullable: true,
      description: 'The violence questions: whether they were answered; null for a score.',
    }),
    supportOffered: t.exposeBoolean('supportOffered', {
      nullable: true,
      description: 'The violence questions: whether support was offered; null for a score.',
    }),
    score: t.exposeInt('score', {
      nullable: true,
      description: 'KASAM, SRS or ORS: the score; null for the violence questions.',
    }),
  }),
});

const byDateThenId = (a: Screening, b: Screening) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Loaded for all participations of a request at once. Sorted again: a screening recorded
 *  earlier in the same request is appended to an already loaded collection, out of date order. */
async function screenings(p: Participation): Promise<Screening[]> {
  return (await p.screenings.load({ dataloader: true })).getItems().sort(byDateThenId);
}

builder.objectField(ParticipationRef, 'screenings', (t) =>
  t.field({
    type: [ScreeningRef],
    description: 'Screenings, oldest first.',
    resolve: async (p, _a, ctx) => screenings(await entityOf(ctx, p)),
  }),
);

builder.mutationField('recordScreening', (t) =>
  t.field({
    type: ParticipationRef,
    description: 'Records the violence questions (answered, support offered) or a KASAM/SRS/ORS score.',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true, description: PARTICIPATION_ID }),
      kind: t.arg({ type: ScreeningKindEnum, required: true, description: 'Which screening.' }),
      date: t.arg({ type: 'Date', required: true, description: 'The day it was made.' }),
      answered: t.arg.boolean({ description: 'The violence questions only: whether they were answered.' }),
      supportOffered: t.arg.boolean({ description: 'The violence questions only: whether support was offered.' }),
      score: t.arg.int({ description: 'KASAM, SRS or ORS only: the score, within the instrument’s scale.' }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        orRefuse(checkScreening(p, args));
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
