import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { addMonths } from '@finsam/kit/dates.js';
import { ownMembers } from '@finsam/kit/directory.js';
import { forbidden, NotFoundError, ValidationError } from '@finsam/kit/errors.js';
import { holds, tenantOf } from '@finsam/kit/scopes.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { parseInput } from '@finsam/kit/validation.js';
import { createContextCache } from '@pothos/core';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import DataLoader from 'dataloader';
import { z } from 'zod';
import { FOLLOW_UP_DECISIONS, FollowUp } from '../entities/FollowUp.js';
import {
  EDUCATION,
  EXCLUSION_GROUNDS,
  KON,
  LEVELS,
  OUTCOMES,
  Participation,
  REFERRER_UNITS,
  STATUSES,
  STUDY_VISIT,
  SUPPORT_SOURCES,
} from '../entities/Participation.js';
import { Person } from '../entities/Person.js';
import { decrypt, encrypt, personHash, personKeys } from '../person-crypto.js';
import { ageOn, parsePersonNumber } from '../personnummer.js';
import { audited } from './Audit.js';
import { builder } from './builder.js';
import { InterventionRef, staffScope, targetGroup } from './Intervention.js';

const enumOf = <T extends readonly string[]>(name: string, values: T, description?: string) =>
  builder.enumType(name, { values, description });
export const StatusEnum = enumOf('ParticipationStatus', STATUSES);
export const KonEnum = enumOf(
  'Kon',
  KON,
  'Legal kön from the personnummer, or as stated for an anonymous participation.',
);
export const ReferrerUnitEnum = enumOf(
  'ReferrerUnit',
  REFERRER_UNITS,
  'Who referred: FK, AF, a kommun unit (försörjningsstöd, KAA, IFO, LSS) or the region.',
);
const ExclusionEnum = enumOf(
  'ExclusionGround',
  EXCLUSION_GROUNDS,
  'Grounds that exclude: ongoing substance abuse, known threat, imminent deprivation of liberty, too ill.',
);
const StudyVisitEnum = enumOf('StudyVisit', STUDY_VISIT);
const EducationEnum = enumOf('EducationLevel', EDUCATION);
export const SupportSourceEnum = enumOf('SupportSource', SUPPORT_SOURCES, 'Försörjningskälla.');
export const OutcomeEnum = enumOf(
  'Outcome',
  OUTCOMES,
  'Why a participation ended (avslutsorsak); one participation may have several.',
);
const LevelEnum = enumOf('FollowUpLevel', LEVELS, 'After exit: higher, the same or a lower level than at exit.');
const FollowUpDecisionEnum = enumOf('FollowUpDecision', FOLLOW_UP_DECISIONS);

/** A decision, owned by governance (an extension points to one). */
const DecisionRef = builder.externalRef('Decision', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: () => ({}),
});

/** A follow-up as the graph shows it: the entity, or a row read for `latestFollowUp`. */
type FollowUpView = Pick<FollowUp, 'id' | 'date' | 'referrerPresent' | 'decision'>;

const FollowUpRef = builder.objectRef<FollowUpView>('FollowUp').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    date: t.field({ type: 'Date', resolve: (f) => f.date }),
    referrerPresent: t.exposeBoolean('referrerPresent'),
    decision: t.field({ type: FollowUpDecisionEnum, resolve: (f) => f.decision }),
  }),
});

export const isAnonymous = (p: Participation) => !p.consentGivenOn || !!p.consentWithdrawnOn;

/** Identifying fields: each read is written to the audit log first. */
const PersonDetails = builder.objectRef<Participation>('PersonDetails').implement({
  description: 'Who the participant is. Every read of these fields is audited.',
  fields: (t) => ({
    personnummer: t.string({
      resolve: async (p, _a, ctx) => {
        const person = await p.person!.load({ dataloader: true });
        return audited(ctx, p.id, 'personnummer', () => decrypt(personKeys(ctx.secrets), person!.personNumberCipher));
      },
    }),
    name: t.string({
      nullable: true,
      resolve: async (p, _a, ctx) => {
        const person = await p.person!.load({ dataloader: true });
        return audited(ctx, p.id, 'name', () =>
          person?.nameCipher ? decrypt(personKeys(ctx.secrets), person.nameCipher) : null,
        );
      },
    }),
  }),
});

async function followUps(p: Participation) {
  return (await p.followUps.load({ dataloader: true })).getItems();
}

interface LatestFollowUpRow {
  participation_id: string;
  id: string;
  date: string;
  referrer_present: boolean;
  decision: FollowUp['decision'];
}

/**
 * The latest follow-up (by date, then id) of every participation a request asks about, in one
 * statement that reads only those rows. Not cached across the request: a mutation may add one.
 */
const latestFollowUps = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<string, FollowUpView | null>(
      async (ids) => {
        const { bind, build, tenant } = tenantSql(ctx.em);
        const { sql, params } = build(`
          select distinct on (f."participation_id") f."participation_id", f."id", to_char(f."date", 'YYYY-MM-DD') as "date", f."referrer_present", f."decision"
          from "follow_up" f
          where ${tenant('f')} and f."participation_id" = any(${bind(pgArray(ids))}::uuid[])
          order by f."participation_id", f."date" desc, f."id" desc`);
        const rows = await ctx.em.execute<LatestFollowUpRow[]>(sql, params);
        const byParticipation = new Map(
          rows.map((r) => [
            r.participation_id,
            { id: r.id, date: r.date, referrerPresent: r.referrer_present, decision: r.decision },
          ]),
        );
        return ids.map((id) => byParticipation.get(id) ?? null);
      },
      { cache: false },
    ),
);

export const ParticipationRef = builder.loadableObject('Participation', {
  description: 'One person’s participation in one insats. Only the insats’ staff see it.',
  authScopes: { staff: true },
  load: (ids: string[], ctx) => ctx.em.find(Participation, { id: { $in: ids }, ...staffScope(ctx) }),
  sort: (p) => p.id,
  fields: (t) => ({
    id: t.exposeID('id'),
    intervention: t.field({ type: InterventionRef, resolve: (p) => ({ id: p.interventionId }) }),
    status: t.field({ type: StatusEnum, resolve: (p) => p.status }),
    anonymous: t.boolean({
      description: 'No (or withdrawn) consent: only kön, start year and insats are kept.',
      resolve: isAnonymous,
    }),
    kon: t.field({ type: KonEnum, resolve: (p) => p.kon }),
    startYear: t.exposeInt('startYear'),
    person: t.field({ type: PersonDetails, nullable: true, resolve: (p) => (p.person ? p : null) }),
    ageAtReferral: t.exposeInt('ageAtReferral', { nullable: true }),
    hemkommun: t.exposeString('hemkommun', { nullable: true }),
    referredOn: t.field({ type: 'Date', resolve: (p) => p.referredOn }),
    referrerUnit: t.field({ type: ReferrerUnitEnum, resolve: (p) => p.referrerUnit }),
    referringMemberId: t.exposeID('referringMemberId', {
      nullable: true,
      description: 'The member (part) that referred, e.g. which kommun.',
    }),
    needsTwoMembers: t.exposeBoolean('needsTwoMembers'),
    motivated: t.exposeBoolean('motivated'),
    exclusionGrounds: t.field({ type: [ExclusionEnum], resolve: (p) => p.exclusionGrounds as never }),
    studyVisit: t.field({ type: StudyVisitEnum, resolve: (p) => p.studyVisit }),
    decisionReason: t.exposeString('decisionReason', { nullable: true }),
    consentGivenOn: t.field({ type: 'Date', nullable: true, resolve: (p) => p.consentGivenOn }),
    consentWithdrawnOn: t.field({ type: 'Date', nullable: true, resolve: (p) => p.consentWithdrawnOn }),
    enrolledOn: t.field({ type: 'Date', nullable: true, resolve: (p) => p.enrolledOn }),
    plannedEnd: t.field({
      type: 'Date',
      nullable: true,
      description: 'One year after enrolment unless extended by the styrgrupp.',
      resolve: (p) => p.plannedEnd,
    }),
    extensionDecision: t.field({
      type: DecisionRef,
      nullable: true,
      resolve: (p) => (p.extensionDecisionId ? { id: p.extensionDecisionId } : null),
    }),
    educationLevel: t.field({ type: EducationEnum, nullable: true, resolve: (p) => p.educationLevel ?? null }),
    supportBefore: t.field({
      type: [SupportSourceEnum],
      nullable: true,
      resolve: (p) => (p.supportBefore as never) ?? null,
    }),
    yearsInSupport: t.exposeInt('yearsInSupport', { nullable: true }),
    exitedOn: t.field({ type: 'Date', nullable: true, resolve: (p) => p.exitedOn }),
    outcomes: t.field({ type: [OutcomeEnum], resolve: (p) => p.outcomes as never }),
    supportAfter: t.field({
      type: [SupportSourceEnum],
      nullable: true,
      resolve: (p) => (p.supportAfter as never) ?? null,
    }),
    finalDocumentationSentOn: t.field({ type: 'Date', nullable: true, resolve: (p) => p.finalDocumentationSentOn }),
    level6Months: t.field({ type: LevelEnum, nullable: true, resolve: (p) => p.level6Months ?? null }),
    level18Months: t.field({ type: LevelEnum, nullable: true, resolve: (p) => p.level18Months ?? null }),
    followUps: t.field({ type: [FollowUpRef], resolve: followUps }),
    latestFollowUp: t.field({
      type: FollowUpRef,
      nullable: true,
      resolve: (p, _a, ctx) => latestFollowUps(ctx).load(p.id),
    }),
  }),
});

builder.asEntity(ParticipationRef, {
  key: builder.selection<{ id: string }>('id'),
  // A role that may never read a participation (the county, the board) is told so, rather than
  // getting a null that looks like "not found"; staff of another insats get that null.
  resolveReference: (ref, ctx) => {
    if (!holds(ctx.identity, 'staff')) {
      throw forbidden();
    }
    return ParticipationRef.getDataloader(ctx)
      .load(ref.id)
      .catch(() => null);
  },
});

builder.queryFields((t) => ({
  participations: t.connection(
    {
      type: ParticipationRef,
      description: 'Participations of an insats you work in.',
      authScopes: { staff: true },
      args: { interventionId: t.arg.id({ required: true }), status: t.arg({ type: StatusEnum }) },
      resolve: (_r, args, ctx) =>
        resolveOffsetConnection({ args, defaultSize: 50, maxSize: 1000 }, ({ limit, offset }) =>
          ctx.em.find(
            Participation,
            {
              $and: [
                staffScope(ctx),
                { interventionId: String(args.interventionId) },
                args.status ? { status: args.status } : {},
              ],
            },
            { orderBy: { referredOn: 'asc', id: 'asc' }, limit, offset },
          ),
        ),
    },
    { name: 'ParticipationConnection' },
    { name: 'ParticipationEdge' },
  ),
  participation: t.field({
    type: ParticipationRef,
    nullable: true,
    authScopes: { staff: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, ctx) =>
      ParticipationRef.getDataloader(ctx)
        .load(String(id))
        .catch(() => null),
  }),
}));

// --- writing: only the staff of the insats ------------------------------------------------

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date is YYYY-MM-DD');

/** Loads a participation the caller works with, or says it is not there. */
export async function own(ctx: SubgraphContext, id: string): Promise<Participation> {
  const p = await ctx.em.findOne(Participation, { id, ...staffScope(ctx) });
  if (!p) {
    throw new NotFoundError(['participationId'], `No participation ${id} in your insatser`);
  }
  return p;
}

const ReferralInput = builder.inputType('ReferralInput', {
  description: 'A remiss/anvisning. With consent give the personnummer; without, the participation is anonymous.',
  fields: (t) => ({
    interventionId: t.id({ required: true }),
    referredOn: t.field({ type: 'Date', required: true }),
    referrerUnit: t.field({ type: ReferrerUnitEnum, required: true }),
    referringMemberId: t.id({
      description: 'The member (part) that referred, from `forbund { members { id } }`: which kommun, for instance.',
    }),
    needsTwoMembers: t.boolean({ required: true, description: 'Coordinated needs from at least two members.' }),
    motivated: t.boolean({ required: true }),
    exclusionGrounds: t.field({
      type: [ExclusionEnum],
      required: true,
      description: 'Grounds found when checked; empty when none.',
    }),
    studyVisit: t.field({ type: StudyVisitEnum, required: true }),
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

const referralSchema = z.object({
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

const IDENTIFYING = ['personnummer', 'name', 'hemkommun'] as const;

const BackgroundInput = builder.inputType('BackgroundInput', {
  description: 'Background at entry; only with consent.',
  fields: (t) => ({
    educationLevel: t.field({ type: EducationEnum, required: true }),
    supportBefore: t.field({ type: [SupportSourceEnum], required: true }),
    yearsInSupport: t.int({ required: true }),
  }),
});
const backgroundSchema = z.object({
  educationLevel: z.enum(EDUCATION),
  supportBefore: z.array(z.enum(SUPPORT_SOURCES)).min(1, 'Give at least one source, or INGEN_OFFENTLIG_FORSORJNING'),
  yearsInSupport: z.number().int().min(0).max(60),
});

/** Refuses identifying or background data for an anonymous participation: one issue at each path. */
export const anonymousRefusal = (paths: string[][]) =>
  new ValidationError(
    paths.map((path) => ({
      path,
      message: 'An anonymous participation (no consent) keeps no identifying or background data',
    })),
  );

builder.mutationFields((t) => ({
  referParticipant: t.field({
    type: ParticipationRef,
    description: 'Registers a referral (remiss) to an insats you work in.',
    authScopes: { staff: true },
    args: { input: t.arg({ type: ReferralInput, required: true }) },
    errors: {},
    resolve: async (_r, { input }, ctx) => {
      const data = parseInput(referralSchema, input);
      if (!ctx.identity.interventionIds.includes(data.interventionId)) {
        throw new ValidationError([
          { path: ['input', 'interventionId'], message: 'You register referrals for your own insats' },
        ]);
      }
      const consented = !!data.consentGivenOn;
      if (!consented) {
        const given = IDENTIFYING.filter((f) => data[f] != null);
        if (given.length) {
          throw anonymousRefusal(given.map((f) => ['input', f]));
        }
        if (!data.kon) {
          throw new ValidationError([{ path: ['input', 'kon'], message: 'An anonymous participation states kön' }]);
        }
      } else if (!data.personnummer) {
        throw new ValidationError([
          { path: ['input', 'personnummer'], message: 'With consent, give the personnummer or samordningsnummer' },
        ]);
      }
      const pnr = data.personnummer ? parsePersonNumber(data.personnummer) : null;
      if (typeof pnr === 'string') {
        throw new ValidationError([{ path: ['input', 'personnummer'], message: pnr }]);
      }
      const age = pnr ? ageOn(pnr.birthDate, data.referredOn) : data.age;
      if (data.referringMemberId && !(await ownMembers(ctx)).some((m) => m.id === data.referringMemberId)) {
        throw new ValidationError([
          {
            path: ['input', 'referringMemberId'],
            message: `${data.referringMemberId} is not a member of your förbund`,
          },
        ]);
      }
      const target = await targetGroup(ctx, data.interventionId);
      if (!target) {
        throw new ValidationError([{ path: ['input', 'interventionId'], message: 'No such insats in your förbund' }]);
      }
      if (age != null && (age < target.targetAgeMin || age > target.targetAgeMax)) {
        throw new ValidationError([
          {
            path: ['input', pnr ? 'personnummer' : 'age'],
            message: `Age ${age} is outside the insats' target group ${target.targetAgeMin}–${target.targetAgeMax}`,
          },
        ]);
      }
      const tenantId = tenantOf(ctx);
      return ctx.em.transactional(async (tx) => {
        let person: Person | null = null;
        if (pnr) {
          const keys = personKeys(ctx.secrets);
          const hash = personHash(keys, tenantId, pnr.value);
          person =
            (await tx.findOne(Person, { personNumberHash: hash })) ??
            tx.create(Person, {
              id: randomUUID(),
              tenantId,
              personNumberHash: hash,
              personNumberCipher: encrypt(keys, pnr.value),
              nameCipher: data.name ? encrypt(keys, data.name) : null,
            });
        }
        return tx.create(Participation, {
          id: randomUUID(),
          tenantId,
          interventionId: data.interventionId,
          person,
          status: 'REFERRED',
          kon: pnr ? pnr.kon : data.kon!,
          startYear: Number(data.referredOn.slice(0, 4)),
          birthYear: pnr ? Number(pnr.birthDate.slice(0, 4)) : null,
          ageAtReferral: pnr ? (age ?? null) : null,
          hemkommun: consented ? (data.hemkommun ?? null) : null,
          referredOn: data.referredOn,
          referrerUnit: data.referrerUnit,
          referringMemberId: data.referringMemberId ?? null,
          needsTwoMembers: data.needsTwoMembers,
          motivated: data.motivated,
          exclusionGrounds: data.exclusionGrounds,
          studyVisit: data.studyVisit,
          decisionReason: null,
          decidedOn: null,
          consentGivenOn: data.consentGivenOn ?? null,
          consentWithdrawnOn: null,
          enrolledOn: null,
          plannedEnd: null,
          educationLevel: null,
          supportBefore: null,
          yearsInSupport: null,
          extensionDecisionId: null,
          exitedOn: null,
          outcomes: [],
          supportAfter: null,
          finalDocumentationSentOn: null,
          level6Months: null,
          level18Months: null,
        });
      });
    },
  }),
  decideReferral: t.field({
    type: ParticipationRef,
    description: 'The verksamhetsledare accepts or rejects a referral; a rejection says why.',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true }),
      accept: t.arg.boolean({ required: true }),
      reason: t.arg.string(),
      decidedOn: t.arg({ type: 'Date', required: true }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        if (p.status !== 'REFERRED') {
          throw new ValidationError([
            { path: ['participationId'], message: 'Only a referral awaiting decision can be decided' },
          ]);
        }
        if (!args.accept && !args.reason?.trim()) {
          throw new ValidationError([{ path: ['reason'], message: 'A rejection says why' }]);
        }
        if (args.accept && p.exclusionGrounds.length) {
          throw new ValidationError([
            { path: ['accept'], message: `Exclusion grounds were found: ${p.exclusionGrounds.join(', ')}` },
          ]);
        }
        if (args.decidedOn < p.referredOn!) {
          throw new ValidationError([{ path: ['decidedOn'], message: 'The decision is before the referral' }]);
        }
        p.status = args.accept ? 'ACCEPTED' : 'REJECTED';
        p.decisionReason = args.reason?.trim() || null;
        p.decidedOn = args.decidedOn;
        return p;
      }),
  }),
  enrolParticipant: t.field({
    type: ParticipationRef,
    description: 'Inskrivning: the planned end is one year later.',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true }),
      enrolledOn: t.arg({ type: 'Date', required: true }),
      background: t.arg({ type: BackgroundInput }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        if (p.status !== 'ACCEPTED') {
          throw new ValidationError([
            { path: ['participationId'], message: 'Only an accepted referral can be enrolled' },
          ]);
        }
        if (args.enrolledOn < p.referredOn!) {
          throw new ValidationError([{ path: ['enrolledOn'], message: 'Enrolment is before the referral' }]);
        }
        if (args.background) {
          if (isAnonymous(p)) {
            throw anonymousRefusal(Object.keys(args.background).map((f) => ['background', f]));
          }
          const b = parseInput(backgroundSchema, args.background, ['background']);
          Object.assign(p, b);
        }
        p.status = 'ENROLLED';
        p.enrolledOn = args.enrolledOn;
        p.plannedEnd = addMonths(args.enrolledOn, 12);
        return p;
      }),
  }),
  recordFollowUp: t.field({
    type: ParticipationRef,
    description: 'A follow-up with participant and referrer (at least every third month).',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true }),
      date: t.arg({ type: 'Date', required: true }),
      referrerPresent: t.arg.boolean({ required: true }),
      decision: t.arg({ type: FollowUpDecisionEnum, required: true }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        if (p.status !== 'ENROLLED') {
          throw new ValidationError([
            { path: ['participationId'], message: 'Follow-ups are for enrolled participants' },
          ]);
        }
        if (args.date < p.enrolledOn!) {
          throw new ValidationError([{ path: ['date'], message: 'The follow-up is before enrolment' }]);
        }
        tx.create(FollowUp, {
          id: randomUUID(),
          tenantId: p.tenantId,
          participation: p,
          date: args.date,
          referrerPresent: args.referrerPresent,
          decision: args.decision,
        });
        return p;
      }),
  }),
  extendParticipation: t.field({
    type: ParticipationRef,
    description: 'Förlängning beyond the planned end: points to the styrgrupp’s extension decision (governance).',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true }),
      decisionId: t.arg.id({ required: true }),
      newPlannedEnd: t.arg({ type: 'Date', required: true }),
    },
    errors: {},
    resolve: async (_r, args, ctx) => {
      const decision = await ctx.services.query<{
        _entities: ({ kind: string; participationId: string | null } | null)[];
      }>(
        'governance',
        'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Decision { kind participationId } } }',
        { reps: [{ __typename: 'Decision', id: String(args.decisionId) }] },
      );
      const d = decision._entities[0];
      if (d?.kind !== 'EXTENSION' || d.participationId !== String(args.participationId)) {
        throw new ValidationError([
          { path: ['decisionId'], message: 'Not an extension decision of the styrgrupp for this participation' },
        ]);
      }
      return ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        if (p.status !== 'ENROLLED') {
          throw new ValidationError([
            { path: ['participationId'], message: 'Only an ongoing participation can be extended' },
          ]);
        }
        if (args.newPlannedEnd <= p.plannedEnd!) {
          throw new ValidationError([
            { path: ['newPlannedEnd'], message: 'An extension ends later than the planned end' },
          ]);
        }
        p.extensionDecisionId = String(args.decisionId);
        p.plannedEnd = args.newPlannedEnd;
        return p;
      });
    },
  }),
  exitParticipation: t.field({
    type: ParticipationRef,
    description: 'Avslut: date, one or more outcomes, support after (with consent).',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true }),
      exitedOn: t.arg({ type: 'Date', required: true }),
      outcomes: t.arg({ type: [OutcomeEnum], required: true }),
      supportAfter: t.arg({ type: [SupportSourceEnum] }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        if (p.status !== 'ENROLLED') {
          throw new ValidationError([{ path: ['participationId'], message: 'Only an ongoing participation can end' }]);
        }
        if (args.exitedOn < p.enrolledOn!) {
          throw new ValidationError([{ path: ['exitedOn'], message: 'The exit date is before enrolment' }]);
        }
        if (args.outcomes.length === 0) {
          throw new ValidationError([{ path: ['outcomes'], message: 'Give at least one outcome' }]);
        }
        if (args.supportAfter && isAnonymous(p)) {
          throw anonymousRefusal([['input', 'supportAfter']]);
        }
        p.status = 'EXITED';
        p.exitedOn = args.exitedOn;
        p.outcomes = [...new Set(args.outcomes)];
        p.supportAfter = args.supportAfter ?? null;
        return p;
      }),
  }),
  recordAfterExit: t.field({
    type: ParticipationRef,
    description: 'Final documentation sent, and the 6- and 18-month follow-ups after exit.',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true }),
      finalDocumentationSentOn: t.arg({ type: 'Date' }),
      level6Months: t.arg({ type: LevelEnum }),
      level18Months: t.arg({ type: LevelEnum }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        if (p.status !== 'EXITED') {
          throw new ValidationError([{ path: ['participationId'], message: 'Only after exit' }]);
        }
        if (args.finalDocumentationSentOn) {
          if (args.finalDocumentationSentOn < p.exitedOn!) {
            throw new ValidationError([{ path: ['finalDocumentationSentOn'], message: 'Sent before the exit' }]);
          }
          p.finalDocumentationSentOn = args.finalDocumentationSentOn;
        }
        if (args.level6Months) {
          p.level6Months = args.level6Months;
        }
        if (args.level18Months) {
          p.level18Months = args.level18Months;
        }
        return p;
      }),
  }),
  withdrawConsent: t.field({
    type: ParticipationRef,
    description: 'Samtycke withdrawn: identifying and background data go; kön, start year and the insats stay.',
    authScopes: { staff: true },
    args: { participationId: t.arg.id({ required: true }), withdrawnOn: t.arg({ type: 'Date', required: true }) },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        if (isAnonymous(p)) {
          throw new ValidationError([{ path: ['participationId'], message: 'There is no consent to withdraw' }]);
        }
        const person = p.person ? await p.person.load() : null;
        Object.assign(p, {
          consentWithdrawnOn: args.withdrawnOn,
          person: null,
          birthYear: null,
          ageAtReferral: null,
          hemkommun: null,
          educationLevel: null,
          supportBefore: null,
          yearsInSupport: null,
          supportAfter: null,
        });
        await tx.flush();
        // The person goes too when no other participation still rests on consent.
        if (person && (await tx.count(Participation, { person: person.id })) === 0) {
          tx.remove(person);
        }
        return p;
      }),
  }),
}));

builder.objectField(InterventionRef, 'activeParticipations', (t) =>
  t.field({
    type: [ParticipationRef],
    description: 'Enrolled now (staff of the insats only).',
    authScopes: { staff: true },
    // Both conditions on the insats: a spread `staffScope` would be overwritten by `interventionId: i.id`.
    resolve: (i, _a, ctx) =>
      ctx.em.find(
        Participation,
        { $and: [staffScope(ctx), { interventionId: i.id, status: 'ENROLLED' }] },
        { orderBy: { enrolledOn: 'asc', id: 'asc' } },
      ),
  }),
);
