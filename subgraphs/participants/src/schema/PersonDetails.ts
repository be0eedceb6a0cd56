import type { SubgraphContext } from '@finsam/kit/context.js';
import { badArgument, forbidden } from '@finsam/kit/errors.js';
import { isInsatsStaff } from '@finsam/kit/scopes.js';
import { markProtected, mayReadProtected, REASON_ARGUMENT, readReason } from '../domain/protected-identity.js';
import { orRefuse } from '../domain/verdict.js';
import type { Participation } from '../entities/Participation.js';
import type { Person } from '../entities/Person.js';
import { decrypt, personKeys } from '../person-crypto.js';
import { audited } from './Audit.js';
import { builder } from './builder.js';
import { entityOf, own, PARTICIPATION_ID, ParticipationRef } from './Participation.js';

const REASON =
  'Why you read it (one line, up to 200 characters), kept in the audit log with the read. Required for a ' +
  'protected identity (skyddad personuppgift).';

/**
 * Reads one identifying field of the participation's person: the staff of its insats only when the
 * identity is protected, the reason checked (../domain/protected-identity.ts), the read on record first.
 */
async function identifying<T>(
  p: Participation,
  ctx: SubgraphContext,
  field: string,
  reasonArg: string | null | undefined,
  value: (person: Person) => T,
): Promise<T> {
  const person = (await p.person!.load({ dataloader: true }))!;
  if (person.protectedIdentity && !mayReadProtected(isInsatsStaff(ctx.identity, p.interventionId))) {
    throw forbidden('A protected identity (skyddad personuppgift) is read only by the staff of its insats');
  }
  const verdict = readReason(person.protectedIdentity, reasonArg);
  if (!verdict.ok) {
    throw badArgument(REASON_ARGUMENT, verdict.issues[0]!.message);
  }
  return audited(ctx, p.id, field, () => value(person), verdict.value);
}

/** Identifying fields: each read is written to the audit log first, with its reason. */
const PersonDetails = builder.objectRef<Participation>('PersonDetails').implement({
  description:
    'Who the participant is. Every read of the name and personnummer is audited; a protected identity ' +
    '(skyddad personuppgift) is read only by the staff of its insats, with a reason.',
  fields: (t) => ({
    personnummer: t.string({
      description: 'Personnummer or samordningsnummer, YYYYMMDD-NNNN.',
      args: { reason: t.arg.string({ required: false, description: REASON }) },
      resolve: (p, args, ctx) =>
        identifying(p, ctx, 'personnummer', args.reason, (person) =>
          decrypt(personKeys(ctx.secrets), person.personNumberCipher),
        ),
    }),
    name: t.string({
      nullable: true,
      description: 'The name, when one was given at referral.',
      args: { reason: t.arg.string({ required: false, description: REASON }) },
      resolve: (p, args, ctx) =>
        identifying(p, ctx, 'name', args.reason, (person) =>
          person.nameCipher ? decrypt(personKeys(ctx.secrets), person.nameCipher) : null,
        ),
    }),
    protected: t.boolean({
      description:
        'Skyddad personuppgift: the name and personnummer are read only by the staff of this insats, each ' +
        'read with a reason.',
      resolve: async (p) => (await p.person!.load({ dataloader: true }))!.protectedIdentity,
    }),
  }),
});

builder.objectField(ParticipationRef, 'person', (t) =>
  t.field({
    type: PersonDetails,
    nullable: true,
    description: 'Who the participant is; null without consent. Every read of its fields is audited.',
    resolve: async (p, _a, ctx) => {
      const participation = await entityOf(ctx, p);
      return participation.person ? participation : null;
    },
  }),
);

builder.mutationField('setProtectedIdentity', (t) =>
  t.field({
    type: ParticipationRef,
    description:
      'Marks the participant’s identity protected (skyddad personuppgift), or lifts the mark: while marked, the ' +
      'name and personnummer are read only by the staff of this insats, each read with a reason.',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true, description: PARTICIPATION_ID }),
      protected: t.arg.boolean({ required: true, description: 'True to protect the identity, false to lift it.' }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        orRefuse(markProtected(Boolean(p.person)));
        const person = (await p.person!.load())!;
        person.protectedIdentity = args.protected;
        await tx.flush();
        return p;
      }),
  }),
);
