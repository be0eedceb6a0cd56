/** Samtycke (consent) withdrawn: the participation becomes anonymous (rules in ../domain/consent.ts). */
import { withdrawConsent } from '../domain/consent.js';
import { orRefuse } from '../domain/verdict.js';
import { Participation } from '../entities/Participation.js';
import { builder } from './builder.js';
import { own, PARTICIPATION_ID, ParticipationRef } from './Participation.js';

builder.mutationField('withdrawConsent', (t) =>
  t.field({
    type: ParticipationRef,
    description: 'Samtycke withdrawn: identifying and background data go; kön, start year and the insats stay.',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true, description: PARTICIPATION_ID }),
      withdrawnOn: t.arg({ type: 'Date', required: true, description: 'The day consent was withdrawn.' }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        const changes = orRefuse(withdrawConsent(p, args.withdrawnOn));
        const person = p.person ? await p.person.load() : null;
        Object.assign(p, changes);
        await tx.flush();
        // The person goes too when no other participation still rests on consent.
        if (person && (await tx.count(Participation, { person: person.id })) === 0) {
          tx.remove(person);
        }
        return p;
      }),
  }),
);
