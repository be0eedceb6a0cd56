/** Samtycke (consent) withdrawn: the participation becomes anonymous (rules in ../domain/consent.ts). */
import { todayInSweden } from '@finsam/kit/dates.js';
import { withdrawConsent } from '../domain/consent.js';
import { orRefuse } from '../domain/verdict.js';
import { Participation } from '../entities/Participation.js';
import { Screening } from '../entities/Screening.js';
import { builder } from './builder.js';
import { own, PARTICIPATION_ID, ParticipationRef } from './Participation.js';

builder.mutationField('withdrawConsent', (t) =>
  t.field({
    type: ParticipationRef,
    description:
      'Samtycke withdrawn: identity, background, handlingsplan and screenings go; kön, start year, the insats ' +
      'and the steps stay (the full list: participants README, "Consent").',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true, description: PARTICIPATION_ID }),
      withdrawnOn: t.arg({
        type: 'Date',
        required: true,
        description: 'The day consent was withdrawn; not before it was given, not in the future.',
      }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        const changes = orRefuse(withdrawConsent(p, args.withdrawnOn, todayInSweden()));
        const person = p.person ? await p.person.load() : null;
        // The screenings go first: the withdrawal leaves none (WITHDRAWAL in ../domain/consent.ts).
        await tx.nativeDelete(Screening, { participation: p.id });
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
