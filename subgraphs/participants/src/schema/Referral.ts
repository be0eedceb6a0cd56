/** The first steps of a participation: a referral (remiss/anvisning) is registered, then decided. */
import { randomUUID } from 'node:crypto';
import { ownMembers } from '@finsam/kit/directory.js';
import { forbidden } from '@finsam/kit/errors.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import {
  checkReferral,
  checkReferringMember,
  checkTargetGroup,
  decideReferral,
  mayDecideReferral,
  referredParticipation,
} from '../domain/lifecycle.js';
import { orRefuse } from '../domain/verdict.js';
import { EXCLUSION_GROUNDS, KON, Participation, REFERRER_UNITS, STUDY_VISIT } from '../entities/Participation.js';
import { Person } from '../entities/Person.js';
import { encrypt, personHash, personKeys } from '../person-crypto.js';
import { builder } from './builder.js';
import { referralDecider, targetGroup } from './Intervention.js';
import {
  ExclusionEnum,
  KonEnum,
  own,
  PARTICIPATION_ID,
  ParticipationRef,
  ReferrerUnitEnum,
  StudyVisitEnum,
} from './Participation.js';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date is YYYY-MM-DD');

const ReferralInput = builder.inputType('ReferralInput', {
  description: 'A remiss/anvisning. With consent give the personnummer; without, the participation is anonymous.',
  fields: (t) => ({
    interventionId: t.id({ required: true, description: 'The insats referred to; one you work in.' }),
    referredOn: t.field({ type: 'Date', required: true, description: 'The day of the referral.' }),
    referrerUnit: t.field({ type: ReferrerUnitEnum, required: true, description: 'Who referred.' }),
    referringMemberId: t.id({
      description: 'The member (part) that referred, from `forbund { members { id } }`: which kommun, for instance.',
    }),
    needsTwoMembers: t.boolean({ required: true, description: 'Coordinated needs from at least two members.' }),
    motivated: t.boolean({ required: true, description: 'Judged motivated to take part.' }),
    exclusionGrounds: t.field({
      type: [ExclusionEnum],
      required: true,
      description: 'Grounds found when checked; empty when none.',
    }),
    studyVisit: t.field({
      type: StudyVisitEnum,
      required: true,
      description: 'Whether a studiebesök was offered or made.',
    }),
    consentGivenOn: t.field({
      type: 'Date',
      description: 'Samtycke for this insats; without it nothing identifying may be given.',
    }),
    personnummer: t.string({ description: 'YYYYMMDD-NNNN; with consent only.' }),
    name: t.string({ description: 'With consent only.' }),
    hemkommun: t.string({ description: 'SCB kommun code; with consent only.' }),
    kon: t.field({
      type: KonEnum,
      description: 'For an anonymous participation (with consent it follows from the personnummer).',
    }),
    age: t.int({ description: 'For an anonymous participation: checked against the target group, not stored.' }),
  }),
});

export const referralSchema = z.object({
  interventionId: z.uuid(),
  referredOn: DATE,
  referrerUnit: z.enum(REFERRER_UNITS),
  referringMemberId: z.uuid('Not a member id').nullish(),
  needsTwoMembers: z.boolean(),
  motivated: z.boolean(),
  exclusionGrounds: z.array(z.enum(EXCLUSION_GROUNDS)),
  studyVisit: z.enum(STUDY_VISIT),
  consentGivenOn: DATE.nullish(),
  personnummer: z.string().nullish(),
  name: z.string().trim().min(1).max(200).nullish(),
  hemkommun: z
    .string()
    .regex(/^\d{4}$/, 'A kommun is its 4-digit SCB code')
    .nullish(),
  kon: z.enum(KON).nullish(),
  age: z.number().int().min(0).max(120).nullish(),
});

builder.mutationFields((t) => ({
  referParticipant: t.field({
    type: ParticipationRef,
    description: 'Registers a referral (remiss) to an insats you work in.',
    authScopes: { staff: true },
    args: { input: t.arg({ type: ReferralInput, required: true, description: 'The referral.' }) },
    errors: {},
    resolve: async (_r, { input }, ctx) => {
      const data = parseInput(referralSchema, input);
      const referred = orRefuse(checkReferral(ctx.identity, data));
      if (data.referringMemberId) {
        orRefuse(checkReferringMember(data.referringMemberId, await ownMembers(ctx)));
      }
      orRefuse(checkTargetGroup(await targetGroup(ctx, data.interventionId), referred));
      const tenantId = tenantOf(ctx);
      return ctx.em.transactional(async (tx) => {
        let person: Person | null = null;
        if (referred.person) {
          const keys = personKeys(ctx.secrets);
          const personnummer = referred.person.value;
          const hash = personHash(keys, tenantId, personnummer);
          // Found or created within the insats only: whether the person takes part elsewhere in the
          // förbund never shows, neither in the answer (a stored name) nor in an error. Of two referrals of
          // a new person at the same time, the second waits for the first's row and then takes it
          // (`insert … on conflict do nothing`, then a read).
          person = await tx.upsert(
            Person,
            {
              id: randomUUID(),
              tenantId,
              interventionId: data.interventionId,
              personNumberHash: hash,
              personNumberCipher: encrypt(keys, personnummer),
              nameCipher: data.name ? encrypt(keys, data.name) : null,
            },
            { onConflictFields: ['tenantId', 'interventionId', 'personNumberHash'], onConflictAction: 'ignore' },
          );
        }
        return tx.create(Participation, {
          id: randomUUID(),
          tenantId,
          person,
          ...referredParticipation(data, referred),
        });
      });
    },
  }),
  decideReferral: t.field({
    type: ParticipationRef,
    description:
      'Accepts or rejects a referral, by whom the insats gives the mandate (`Intervention.referralDecidedBy`): its ' +
      'verksamhetsledare, or its staff when the team decides; anyone else is FORBIDDEN. A rejection says why, and ' +
      'so does accepting a referral that does not meet the inclusion criteria (needsTwoMembers, motivated).',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true, description: PARTICIPATION_ID }),
      accept: t.arg.boolean({
        required: true,
        description: 'True to accept (not with exclusion grounds), false to reject.',
      }),
      reason: t.arg.string({
        description:
          'Why (motivering): required for a rejection, and as the justification for accepting a referral that does ' +
          'not meet the inclusion criteria.',
      }),
      decidedOn: t.arg({
        type: 'Date',
        required: true,
        description: 'The day of the decision; not before the referral.',
      }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        if (!mayDecideReferral(ctx.identity, p.interventionId, await referralDecider(ctx, p.interventionId))) {
          throw forbidden('The insats gives the decision on referrals to its verksamhetsledare');
        }
        return Object.assign(p, orRefuse(decideReferral(p, args)));
      }),
  }),
}));
