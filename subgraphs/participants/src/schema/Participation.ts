/**
 * The Participation type, the enums its fields use, and the queries that read it. The lifecycle's
 * mutations sit beside it by step (Referral.ts, Enrolment.ts, FollowUp.ts, Exit.ts, Consent.ts),
 * their rules in ../domain/lifecycle.ts.
 */
import { lockForUpdate } from '@finsam/kit/conflicts.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { forbidden, NotFoundError } from '@finsam/kit/errors.js';
import { loadById } from '@finsam/kit/ids.js';
import { holds } from '@finsam/kit/scopes.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { type EntityManager, ReferenceKind } from '@mikro-orm/core';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { withoutConsent } from '../domain/consent.js';
import { STEP_FORWARD } from '../domain/figures.js';
import { nextStatuses } from '../domain/lifecycle.js';
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
import { builder } from './builder.js';
import { InterventionRef, staffScope, staffScopeSql } from './Intervention.js';

/** An enum of the participation's, each value described. */
const enumOf = <const T extends readonly string[]>(
  name: string,
  description: string,
  values: T,
  describe: Record<T[number], string>,
) =>
  builder.enumType(name, {
    description,
    values: Object.fromEntries(values.map((v: T[number]) => [v, { description: describe[v] }])) as Record<
      T[number],
      { description: string }
    >,
  });

const STATUS_MEANS: Record<(typeof STATUSES)[number], string> = {
  REFERRED: 'Remiss registered, awaiting the decision.',
  ACCEPTED: 'The referral was accepted; not yet enrolled.',
  REJECTED: 'The referral was rejected (the decision reason says why).',
  ENROLLED: 'Inskriven: taking part in the insats.',
  EXITED: 'Avslutad: the participation has ended.',
};
export const StatusEnum = enumOf(
  'ParticipationStatus',
  'Where a participation is in its lifecycle: referral, decision, enrolment, exit.',
  STATUSES,
  Object.fromEntries(
    STATUSES.map((s) => [
      s,
      `${STATUS_MEANS[s]} ${nextStatuses(s).length ? `Next: ${nextStatuses(s).join(' or ')}.` : 'Final.'}`,
    ]),
  ) as Record<(typeof STATUSES)[number], string>,
);
export const KonEnum = enumOf(
  'Kon',
  'Legal kön from the personnummer, or as stated for an anonymous participation.',
  KON,
  { KVINNA: 'Kvinna (woman).', MAN: 'Man.', UNKNOWN: 'Not known (stated so for an anonymous participation).' },
);
export const ReferrerUnitEnum = enumOf(
  'ReferrerUnit',
  'Who referred: FK, AF, a kommun unit (försörjningsstöd, KAA, IFO, LSS) or the region.',
  REFERRER_UNITS,
  {
    FORSAKRINGSKASSAN: 'Försäkringskassan (the Social Insurance Agency).',
    ARBETSFORMEDLINGEN: 'Arbetsförmedlingen (the Public Employment Service).',
    KOMMUN_FORSORJNINGSSTOD: 'A kommun’s försörjningsstöd (income support).',
    KOMMUN_KAA: 'A kommun’s KAA (kommunala aktivitetsansvaret, for young people outside school).',
    KOMMUN_IFO: 'A kommun’s IFO (individ- och familjeomsorg, social services).',
    KOMMUN_LSS: 'A kommun’s LSS unit (support for people with certain disabilities).',
    KOMMUN_OTHER: 'Another kommun unit.',
    REGION: 'The region (health care).',
  },
);
export const ExclusionEnum = enumOf(
  'ExclusionGround',
  'Grounds that exclude: ongoing substance abuse, known threat, imminent deprivation of liberty, too ill.',
  EXCLUSION_GROUNDS,
  {
    SUBSTANCE_ABUSE: 'Ongoing substance abuse (missbruk).',
    KNOWN_THREAT: 'A known threat (hot) from the person.',
    DEPRIVATION_OF_LIBERTY: 'An imminent deprivation of liberty (frihetsberövande).',
    TOO_ILL: 'Too ill to take part.',
  },
);
export const StudyVisitEnum = enumOf(
  'StudyVisit',
  'Studiebesök: whether the referred person was offered, or made, a visit to the insats.',
  STUDY_VISIT,
  {
    NOT_OFFERED: 'No visit was offered.',
    OFFERED: 'A visit was offered, not (yet) made.',
    DONE: 'The visit was made.',
  },
);
export const EducationEnum = enumOf('EducationLevel', 'Highest education completed, at entry.', EDUCATION, {
  GRUNDSKOLA_EJ_AVSLUTAD: 'Grundskola (compulsory school) not completed.',
  GRUNDSKOLA: 'Grundskola (compulsory school).',
  GYMNASIUM: 'Gymnasium (upper secondary school).',
  EFTERGYMNASIAL: 'Eftergymnasial (post-secondary) education.',
  OKAND: 'Not known.',
});
export const SupportSourceEnum = enumOf(
  'SupportSource',
  'Försörjningskälla: what the person lives on.',
  SUPPORT_SOURCES,
  {
    LON: 'Lön: wages.',
    STUDIEMEDEL: 'Studiemedel: student finance.',
    A_KASSA_AKTIVITETSSTOD: 'A-kassa or aktivitetsstöd: unemployment benefit or activity support.',
    SJUKPENNING: 'Sjukpenning: sickness benefit.',
    AKTIVITETSERSATTNING: 'Aktivitetsersättning: activity compensation.',
    SJUKERSATTNING: 'Sjukersättning: sickness compensation.',
    FORSORJNINGSSTOD: 'Försörjningsstöd: the kommun’s income support.',
    INGEN_OFFENTLIG_FORSORJNING: 'No public support.',
    OTHER: 'Another source.',
  },
);
const OUTCOME_MEANS: Record<(typeof OUTCOMES)[number], string> = {
  ARBETE_UTAN_STOD: 'Arbete utan stöd: work without support.',
  ARBETE_MED_STOD: 'Arbete med stöd: work with support (e.g. a subsidised job).',
  STUDIER: 'Studier: studies.',
  AKTIVT_ARBETSSOKANDE: 'Aktivt arbetssökande: actively seeking work.',
  FORTSATT_REHABILITERING: 'Fortsatt rehabilitering: continued rehabilitation elsewhere.',
  MEDICINSK_REHABILITERING: 'Medicinsk rehabilitering: medical rehabilitation.',
  AVBROTT: 'Avbrott: the participation was broken off.',
  OVRIGT: 'Övrigt: another reason.',
};
export const OutcomeEnum = enumOf(
  'Outcome',
  'Why a participation ended (avslutsorsak); one participation may have several.',
  OUTCOMES,
  Object.fromEntries(
    OUTCOMES.map((o) => [
      o,
      STEP_FORWARD.includes(o) ? `${OUTCOME_MEANS[o]} Counts as a step forward (stepForwardShare).` : OUTCOME_MEANS[o],
    ]),
  ) as Record<(typeof OUTCOMES)[number], string>,
);
export const LevelEnum = enumOf(
  'FollowUpLevel',
  'After exit: higher, the same or a lower level than at exit.',
  LEVELS,
  { HIGHER: 'A higher level than at exit.', SAME: 'The same level as at exit.', LOWER: 'A lower level than at exit.' },
);

/** A decision, owned by governance (an extension points to one). */
const DecisionRef = builder.externalRef('Decision', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: () => ({}),
});

/** How a mutation's `participationId` argument is described. */
export const PARTICIPATION_ID = 'The participation, in an insats you work in.';

/**
 * What the graph reads of a participation: its own columns, not its relations. A loaded entity is one;
 * so is a row of a list read without making entities (`participationRows`). The fields that need a
 * relation (the person, follow-ups, screenings) get the entity through `entityOf`.
 */
export type ParticipationView = Pick<
  Participation,
  Exclude<keyof Participation, symbol | 'person' | 'followUps' | 'screenings'>
>;

/** The select list of a participation's own columns under their property names, made once from the metadata. */
let viewColumns: ((alias: string) => string) | undefined;
function participationColumns(em: EntityManager, alias: string): string {
  if (!viewColumns) {
    const columns = em
      .getMetadata()
      .get(Participation)
      .props.filter((prop) => prop.kind === ReferenceKind.SCALAR && prop.persist !== false)
      .map((prop) => [prop.fieldNames[0]!, prop.name] as const);
    viewColumns = (a) => columns.map(([column, name]) => `${a}."${column}" as "${name}"`).join(', ');
  }
  return viewColumns(alias);
}

/** The pieces of raw SQL `participationRows` hands its caller (`tenantSql`'s). */
type SqlPieces = Pick<ReturnType<typeof tenantSql>, 'bind' | 'tenant'>;

/**
 * Participations of the insatser the caller works in, read as rows (`ParticipationView`): a list of
 * hundreds makes no entity, and needs none for what it shows. `where` and `orderBy` are SQL on alias
 * `p`, `extra` more columns; both tenancy walls bind it (the filter's condition here, RLS below).
 */
export async function participationRows<Extra extends object = object>(
  ctx: SubgraphContext,
  query: { where: (sql: SqlPieces) => string; orderBy: string; extra?: (sql: SqlPieces) => string },
): Promise<(ParticipationView & Extra)[]> {
  const { bind, build, tenant } = tenantSql(ctx.em);
  const pieces = { bind, tenant };
  const { sql, params } = build(`
    select ${participationColumns(ctx.em, 'p')}${query.extra ? `, ${query.extra(pieces)}` : ''}
    from "participation" p
    where ${tenant('p')} and ${staffScopeSql(ctx, 'p', bind)} and ${query.where(pieces)}
    order by ${query.orderBy}`);
  return ctx.em.execute<(ParticipationView & Extra)[]>(sql, params);
}

export const ParticipationRef = builder.loadableObject('Participation', {
  description: 'One person’s participation in one insats. Only the insats’ staff see it.',
  authScopes: { staff: true },
  // Entities (they are views too): `entityOf` relies on it.
  load: (ids: string[], ctx): Promise<ParticipationView[]> =>
    ctx.em.find(Participation, { id: { $in: ids }, ...staffScope(ctx) }),
  sort: (p) => p.id,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The participation’s id.' }),
    intervention: t.field({
      type: InterventionRef,
      description: 'The insats (intervention) taken part in.',
      resolve: (p) => ({ id: p.interventionId }),
    }),
    status: t.field({
      type: StatusEnum,
      description: 'Where the participation is in its lifecycle.',
      resolve: (p) => p.status,
    }),
    anonymous: t.boolean({
      description: 'No (or withdrawn) consent: only kön, start year and insats are kept.',
      resolve: withoutConsent,
    }),
    kon: t.field({
      type: KonEnum,
      description: 'Kön: from the personnummer with consent, as stated without.',
      resolve: (p) => p.kon,
    }),
    startYear: t.exposeInt('startYear', { description: 'The year of the referral; kept without consent too.' }),
    ageAtReferral: t.exposeInt('ageAtReferral', {
      nullable: true,
      description: 'Age on the day of referral, from the personnummer; null without consent.',
    }),
    hemkommun: t.exposeString('hemkommun', {
      nullable: true,
      description: 'Hemkommun (home kommun) as its SCB code; with consent only.',
    }),
    referredOn: t.field({
      type: 'Date',
      description: 'The day of the referral (remiss).',
      resolve: (p) => p.referredOn,
    }),
    referrerUnit: t.field({ type: ReferrerUnitEnum, description: 'Who referred.', resolve: (p) => p.referrerUnit }),
    referringMemberId: t.exposeID('referringMemberId', {
      nullable: true,
      description: 'The member (part) that referred, e.g. which kommun.',
    }),
    needsTwoMembers: t.exposeBoolean('needsTwoMembers', {
      description: 'Coordinated needs from at least two members, as FINSAM asks of a participant.',
    }),
    motivated: t.exposeBoolean('motivated', { description: 'Judged motivated to take part, at referral.' }),
    exclusionGrounds: t.field({
      type: [ExclusionEnum],
      description: 'Grounds found at referral that exclude; empty when none. With any, it cannot be accepted.',
      resolve: (p) => p.exclusionGrounds as never,
    }),
    studyVisit: t.field({
      type: StudyVisitEnum,
      description: 'Whether a studiebesök was offered or made.',
      resolve: (p) => p.studyVisit,
    }),
    decisionReason: t.exposeString('decisionReason', {
      nullable: true,
      description: 'Why the referral was decided as it was; always given for a rejection.',
    }),
    consentGivenOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day samtycke (consent) was given; null for an anonymous participation.',
      resolve: (p) => p.consentGivenOn,
    }),
    consentWithdrawnOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day consent was withdrawn, if it was.',
      resolve: (p) => p.consentWithdrawnOn,
    }),
    enrolledOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day of inskrivning (enrolment).',
      resolve: (p) => p.enrolledOn,
    }),
    plannedEnd: t.field({
      type: 'Date',
      nullable: true,
      description: 'One year after enrolment unless extended by the styrgrupp.',
      resolve: (p) => p.plannedEnd,
    }),
    extensionDecision: t.field({
      type: DecisionRef,
      nullable: true,
      description: 'The styrgrupp’s decision to extend past the planned end (förlängning), if any.',
      resolve: (p) => (p.extensionDecisionId ? { id: p.extensionDecisionId } : null),
    }),
    educationLevel: t.field({
      type: EducationEnum,
      nullable: true,
      description: 'Education at entry; with consent only.',
      resolve: (p) => p.educationLevel ?? null,
    }),
    supportBefore: t.field({
      type: [SupportSourceEnum],
      nullable: true,
      description: 'Försörjning before entry; with consent only.',
      resolve: (p) => (p.supportBefore as never) ?? null,
    }),
    yearsInSupport: t.exposeInt('yearsInSupport', {
      nullable: true,
      description: 'Years on public support before entry; with consent only.',
    }),
    exitedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day of avslut (exit).',
      resolve: (p) => p.exitedOn,
    }),
    outcomes: t.field({
      type: [OutcomeEnum],
      description: 'Why the participation ended; empty until the exit.',
      resolve: (p) => p.outcomes as never,
    }),
    supportAfter: t.field({
      type: [SupportSourceEnum],
      nullable: true,
      description: 'Försörjning after exit; with consent only.',
      resolve: (p) => (p.supportAfter as never) ?? null,
    }),
    finalDocumentationSentOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'When the final documentation went to participant and referrer.',
      resolve: (p) => p.finalDocumentationSentOn,
    }),
    level6Months: t.field({
      type: LevelEnum,
      nullable: true,
      description: 'Six months after exit, compared with the level at exit.',
      resolve: (p) => p.level6Months ?? null,
    }),
    level18Months: t.field({
      type: LevelEnum,
      nullable: true,
      description: 'Eighteen months after exit, compared with the level at exit.',
      resolve: (p) => p.level18Months ?? null,
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
    return loadById(ParticipationRef.getDataloader(ctx), ref.id);
  },
});

builder.queryFields((t) => ({
  participations: t.connection(
    {
      type: ParticipationRef,
      description: 'Participations of an insats you work in, in order of referral.',
      authScopes: { staff: true },
      args: {
        interventionId: t.arg.id({ required: true, description: 'The insats.' }),
        status: t.arg({ type: StatusEnum, description: 'Only participations in this status.' }),
      },
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
    description: 'One participation in an insats you work in; null when there is none you may see.',
    authScopes: { staff: true },
    args: { id: t.arg.id({ required: true, description: 'The participation’s id.' }) },
    resolve: (_r, { id }, ctx) => loadById(ParticipationRef.getDataloader(ctx), String(id)),
  }),
  participationInsatsId: t.id({
    nullable: true,
    description:
      'The insats a participation of your förbund belongs to; null when there is none. Nothing about the ' +
      'person: it lets a board record a decision about a participation (governance checks it here). Not in the ' +
      'client API: only governance asks it, by a service call.',
    inaccessible: true,
    authScopes: { reportReader: true },
    args: { id: t.arg.id({ required: true, description: 'The participation’s id.' }) },
    resolve: async (_r, { id }, ctx) =>
      (await ctx.em.findOne(Participation, { id: String(id) }, { fields: ['interventionId'] }))?.interventionId ?? null,
  }),
}));

builder.objectField(InterventionRef, 'activeParticipations', (t) =>
  t.field({
    type: [ParticipationRef],
    description: 'Enrolled now (staff of the insats only).',
    authScopes: { staff: true },
    // A staff member's caseload, the most asked list: rows, not entities (`participationRows`).
    resolve: (i, _a, ctx) =>
      participationRows(ctx, {
        where: ({ bind }) => `p."intervention_id" = ${bind(i.id)}::uuid and p."status" = 'ENROLLED'`,
        orderBy: 'p."enrolled_on", p."id"',
      }),
  }),
);

/**
 * The participation as an entity, for a field that reads its relations: itself when it is one, else
 * through the request's loader (one statement for every row of a list that asks).
 */
export async function entityOf(ctx: SubgraphContext, p: ParticipationView): Promise<Participation> {
  if (p instanceof Participation) {
    return p;
  }
  const loaded = await loadById(ParticipationRef.getDataloader(ctx), p.id);
  if (!(loaded instanceof Participation)) {
    throw new Error(`Participation ${p.id} was read and then could not be loaded`);
  }
  return loaded;
}

/**
 * Loads a participation the caller works with, locked until the transaction ends (every step goes
 * through here, inside `em.transactional`), or says it is not there. Two steps on one participation
 * at the same time run one after the other, each deciding on the participation as the other left it.
 * `{ lock: false }` reads it outside a transaction, e.g. to ask another subgraph before taking the lock.
 */
export async function own(ctx: SubgraphContext, id: string, { lock = true } = {}): Promise<Participation> {
  const where = { id, ...staffScope(ctx) };
  const p = lock ? await lockForUpdate(ctx.em, Participation, where) : await ctx.em.findOne(Participation, where);
  if (!p) {
    throw new NotFoundError(['participationId'], `No participation ${id} in your insatser`);
  }
  return p;
}
