import type { Participation } from '../entities/Participation.js';
import { decrypt, personKeys } from '../person-crypto.js';
import { audited } from './Audit.js';
import { builder } from './builder.js';
import { ParticipationRef } from './Participation.js';

/** Identifying fields: each read is written to the audit log first. */
const PersonDetails = builder.objectRef<Participation>('PersonDetails').implement({
  description: 'Who the participant is. Every read of these fields is audited.',
  fields: (t) => ({
    personnummer: t.string({
      description: 'Personnummer or samordningsnummer, YYYYMMDD-NNNN.',
      resolve: async (p, _a, ctx) => {
        const person = await p.person!.load({ dataloader: true });
        return audited(ctx, p.id, 'personnummer', () => decrypt(personKeys(ctx.secrets), person!.personNumberCipher));
      },
    }),
    name: t.string({
      nullable: true,
      description: 'The name, when one was given at referral.',
      resolve: async (p, _a, ctx) => {
        const person = await p.person!.load({ dataloader: true });
        return audited(ctx, p.id, 'name', () =>
          person?.nameCipher ? decrypt(personKeys(ctx.secrets), person.nameCipher) : null,
        );
      },
    }),
  }),
});

builder.objectField(ParticipationRef, 'person', (t) =>
  t.field({
    type: PersonDetails,
    nullable: true,
    description: 'Who the participant is; null without consent. Every read of its fields is audited.',
    resolve: (p) => (p.person ? p : null),
  }),
);
