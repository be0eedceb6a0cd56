import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { unknownInterventionIssues } from '@finsam/kit/directory.js';
import { NotFoundError, ValidationError } from '@finsam/kit/errors.js';
import { interventionScope } from '@finsam/kit/identity.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { type FilterQuery, sql } from '@mikro-orm/core';
import { hashResponseCode, newResponseCode } from '../domain/response-codes.js';
import { type Period, periodDates, periodLabel, periodOf } from '../domain/survey-period.js';
import {
  assertClosable,
  assertIssuable,
  assertRoundUnits,
  MINIMUM_N,
  MOST_CODES_AT_A_TIME,
  parseCodeCount,
  parseNewRound,
  roundStatus,
} from '../domain/survey-round.js';
import { ResponseCode } from '../entities/ResponseCode.js';
import { SurveyRound } from '../entities/SurveyRound.js';
import { builder } from './builder.js';
import { InstrumentRef, publishedInstrument, RespondentGroupEnum } from './Instrument.js';
import { InterventionRef, intervention } from './Intervention.js';

/**
 * What the caller may see: every round of the förbund for admins and the board; staff the rounds
 * covering their insatser; anyone else none.
 */
function visibleRounds(ctx: SubgraphContext): FilterQuery<SurveyRound> {
  const ids = interventionScope(ctx.identity);
  return ids ? { interventionIds: { $overlap: ids } } : {};
}

/** The insatser of a round the caller may see results for. */
export function visibleInterventionIds(ctx: SubgraphContext, round: SurveyRound): string[] {
  const ids = interventionScope(ctx.identity);
  return ids ? round.interventionIds.filter((id) => ids.includes(id)) : round.interventionIds;
}

const RoundStatusEnum = builder.enumType('SurveyRoundStatus', {
  description: 'Where a survey round stands, from its opening and closing times.',
  values: {
    PLANNED: { description: 'Not open yet.' },
    OPEN: { description: 'Takes answers.' },
    CLOSED: { description: 'Takes no more answers.' },
  } as const,
});

const PeriodRef = builder.objectRef<Period>('SurveyPeriod').implement({
  description: 'Mätperiod in whole months, e.g. 2020-11 – 2021-10.',
  fields: (t) => ({
    from: t.exposeString('from', { description: 'First month, YYYY-MM.' }),
    to: t.exposeString('to', { description: 'Last month, YYYY-MM.' }),
    label: t.string({ description: 'As reports write it, e.g. "2020-11 – 2021-10".', resolve: periodLabel }),
  }),
});

export const PeriodInput = builder.inputType('SurveyPeriodInput', {
  description: 'A mätperiod in whole months; it does not end before it starts.',
  fields: (t) => ({
    from: t.string({ required: true, description: 'First month, YYYY-MM.' }),
    to: t.string({ required: true, description: 'Last month, YYYY-MM.' }),
  }),
});

export const SurveyRoundRef = builder.objectRef<SurveyRound>('SurveyRound').implement({
  description: 'An enkätomgång: one questionnaire version answered for some insatser over a period.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The round id.' }),
    instrument: t.field({
      type: InstrumentRef,
      description: 'The questionnaire version answered.',
      resolve: (r) => r.instrument.loadOrFail({ dataloader: true }),
    }),
    respondentGroup: t.field({
      type: RespondentGroupEnum,
      description: 'Who answers: the questionnaire’s respondent group.',
      resolve: async (r) => (await r.instrument.loadOrFail({ dataloader: true })).respondentGroup,
    }),
    period: t.field({ type: PeriodRef, description: 'The mätperiod the answers are about.', resolve: periodOf }),
    interventions: t.field({
      type: [InterventionRef],
      description: 'The insatser it covers (staff: their own); none for a round of the förbund or a named body.',
      resolve: (r, _args, ctx) => visibleInterventionIds(ctx, r).map(intervention),
    }),
    body: t.exposeString('body', {
      nullable: true,
      description:
        'The body a round without insatser is for (e.g. "Beredningsgruppen"); null for an insats round and for ' +
        'a round of the förbund itself (its board, managers or referrers).',
    }),
    opensAt: t.expose('opensAt', { type: 'DateTime', description: 'When codes start to work.' }),
    closesAt: t.expose('closesAt', { type: 'DateTime', description: 'When codes stop working.' }),
    status: t.field({
      type: RoundStatusEnum,
      description: 'Planned, open or closed, now.',
      resolve: (r) => roundStatus(r),
    }),
    minimumN: t.exposeInt('minimumN', {
      description: 'Results with fewer respondents are not shown (minsta antal svarande).',
    }),
    codesIssued: t.exposeInt('codesIssued', { description: 'Svarskoder issued so far.' }),
    codesUnused: t.loadable({
      type: 'Int',
      description:
        'Issued codes whose answers are not in the results yet: unused codes, and used ones whose answer waits ' +
        'for its batch to fill. It moves only when results do, by whole batches, so it never tells that one ' +
        'person has just answered.',
      load: async (rounds: SurveyRound[], ctx) => {
        // Answers in full batches only (domain/publication.ts), as the results count them.
        const { bind, build, tenant } = tenantSql(ctx.em);
        const { sql, params } = build(`
select b."round_id", sum(b.size)::int as "published" from (
  select a."round_id", count(*) as size
  from "answer" a join "survey_round" r on r."id" = a."round_id" and ${tenant('r')}
  where ${tenant('a')} and a."round_id" = any(${bind(pgArray(rounds.map((r) => r.id)))}::uuid[])
  group by a."round_id", a."intervention_id", a."batch", r."minimum_n"
  having count(*) >= r."minimum_n"
) b group by b."round_id"`);
        const rows = await ctx.em.execute<{ round_id: string; published: number }[]>(sql, params);
        const byRound = new Map(rows.map((r) => [r.round_id, r.published]));
        return rounds.map((r) => r.codesIssued - (byRound.get(r.id) ?? 0));
      },
      resolve: (r) => r,
    }),
  }),
});

const RoundFilterInput = builder.inputType('SurveyRoundFilter', {
  description: 'Narrows a list of survey rounds; every condition given must hold.',
  fields: (t) => ({
    respondentGroup: t.field({ type: RespondentGroupEnum, description: 'Only rounds for this respondent group.' }),
    interventionId: t.id({ description: 'Only rounds covering this insats.' }),
  }),
});

builder.queryFields((t) => ({
  surveyRounds: t.field({
    type: [SurveyRoundRef],
    description: "Your förbund's survey rounds, latest period first (staff: rounds covering your insatser).",
    authScopes: { tenantReader: true },
    args: { filter: t.arg({ type: RoundFilterInput, description: 'Narrows the list; all when left out.' }) },
    resolve: (_root, { filter }, ctx) => {
      const where: FilterQuery<SurveyRound>[] = [visibleRounds(ctx)];
      if (filter?.respondentGroup) {
        where.push({ instrument: { respondentGroup: filter.respondentGroup } });
      }
      if (filter?.interventionId) {
        where.push({ interventionIds: { $overlap: [String(filter.interventionId)] } });
      }
      return ctx.em.find(SurveyRound, { $and: where }, { orderBy: { periodFrom: 'desc', id: 'asc' } });
    },
  }),
  surveyRound: t.field({
    type: SurveyRoundRef,
    nullable: true,
    description: 'One survey round of your förbund (staff: covering your insatser); null when there is none.',
    authScopes: { tenantReader: true },
    args: { id: t.arg.id({ required: true, description: 'The round id.' }) },
    resolve: (_root, { id }, ctx) => ctx.em.findOne(SurveyRound, { $and: [{ id: String(id) }, visibleRounds(ctx)] }),
  }),
}));

// --- writing -------------------------------------------------------------------------------

const CreateSurveyRoundInput = builder.inputType('CreateSurveyRoundInput', {
  description:
    'A new survey round (enkätomgång): for insatser of your förbund (participants, staff), or for the förbund ' +
    'itself or a body it names (board members, managers, referrers).',
  fields: (t) => ({
    instrumentId: t.id({
      required: true,
      description: 'A published questionnaire version; it decides the respondent group.',
    }),
    period: t.field({ type: PeriodInput, required: true, description: 'The mätperiod the answers are about.' }),
    interventionIds: t.idList({
      description:
        'Insatser of your förbund the round covers: one or more for a participant or staff questionnaire, none ' +
        '(leave out) for a board, managers’ or referrers’ questionnaire.',
    }),
    body: t.string({
      description:
        'For a round without insatser: the body it is for (e.g. "Beredningsgruppen"); leave out for the förbund.',
    }),
    opensAt: t.field({ type: 'DateTime', required: true, description: 'When codes start to work.' }),
    closesAt: t.field({ type: 'DateTime', required: true, description: 'When codes stop working; after `opensAt`.' }),
    minimumN: t.int({
      description:
        `Fewest respondents for results to be shown (minsta antal svarande); ` +
        `at least ${MINIMUM_N.least}, default ${MINIMUM_N.default}.`,
    }),
  }),
});

/** Loads a round of the caller's förbund that it may see, or says it is not there. */
async function visibleRound(ctx: SubgraphContext, id: string, path: string[]): Promise<SurveyRound> {
  const round = await ctx.em.findOne(SurveyRound, { $and: [{ id }, visibleRounds(ctx)] });
  if (!round) {
    throw new NotFoundError(path, `No survey round ${id} in your förbund`);
  }
  return round;
}

const IssuedCodes = builder
  .objectRef<{ round: SurveyRound; interventionId: string | null; codes: string[] }>('IssuedResponseCodes')
  .implement({
    description: 'New one-time svarskoder. Shown this once: only a hash of each is kept.',
    fields: (t) => ({
      round: t.field({
        type: SurveyRoundRef,
        description: 'The round, with its codes counted.',
        resolve: (i) => i.round,
      }),
      intervention: t.field({
        type: InterventionRef,
        nullable: true,
        description: 'The insats the codes answer for; null for a round of the förbund or a named body.',
        resolve: (i) => (i.interventionId === null ? null : intervention(i.interventionId)),
      }),
      codes: t.exposeStringList('codes', { description: 'The svarskoder, one per respondent; give each out once.' }),
    }),
  });

builder.mutationFields((t) => ({
  createSurveyRound: t.field({
    type: SurveyRoundRef,
    description: 'Plans a survey round for insatser of your förbund. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: CreateSurveyRoundInput, required: true, description: 'The round.' }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseNewRound(input);
      const instrument = await publishedInstrument(ctx, data.instrumentId, ['input', 'instrumentId']);
      assertRoundUnits(instrument.respondentGroup, data);
      // The ids are distinct UUIDs here (the schema checked): one alias each, as always.
      const foreign = await unknownInterventionIssues(
        ctx,
        data.interventionIds.map((id, i) => ({ id, path: ['input', 'interventionIds', i] })),
      );
      if (foreign.length) {
        throw new ValidationError(foreign);
      }
      return ctx.em.transactional(async (tx) =>
        tx.create(SurveyRound, {
          id: randomUUID(),
          tenantId: tenantOf(ctx),
          instrument,
          ...periodDates(data.period),
          interventionIds: data.interventionIds,
          body: data.body,
          opensAt: data.opensAt,
          closesAt: data.closesAt,
          minimumN: data.minimumN,
          codesIssued: 0,
        }),
      );
    },
  }),
  closeSurveyRound: t.field({
    type: SurveyRoundRef,
    description: 'Closes an open round now: its unused codes stop working.',
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true, description: 'The open round to close.' }) },
    errors: {},
    resolve: (_root, { id }, ctx) =>
      ctx.em.transactional(async (tx) => {
        const round = await visibleRound({ ...ctx, em: tx }, String(id), ['id']);
        const now = new Date();
        assertClosable(round, now);
        round.closesAt = now;
        return round;
      }),
  }),
  issueResponseCodes: t.field({
    type: IssuedCodes,
    description:
      'Issues one-time svarskoder for one insats of a round: the förbund administrator, ' +
      "or the insats' own staff (verksamhetsledare). For a round of the förbund (no insats), its administrator.",
    authScopes: (_root, args) =>
      args.interventionId == null
        ? { tenantAdmin: true }
        : { tenantAdmin: true, insatsStaff: String(args.interventionId) },
    args: {
      roundId: t.arg.id({ required: true, description: 'A round that is planned or open.' }),
      interventionId: t.arg.id({
        description: 'An insats the round covers; leave out for a round of the förbund or a named body.',
      }),
      count: t.arg.int({ required: true, description: `1–${MOST_CODES_AT_A_TIME}.` }),
    },
    errors: {},
    resolve: async (_root, { roundId, interventionId, count }, ctx) => {
      const n = parseCodeCount(count);
      return ctx.em.transactional(async (tx) => {
        const round = await visibleRound({ ...ctx, em: tx }, String(roundId), ['roundId']);
        const insats = interventionId == null ? null : String(interventionId);
        const unit = assertIssuable(round, insats);
        const codes = Array.from({ length: n }, newResponseCode);
        for (const code of codes) {
          tx.create(ResponseCode, {
            codeHash: hashResponseCode(code),
            tenantId: round.tenantId,
            round,
            interventionId: unit,
          });
        }
        // Added in SQL, not read and written back: two issues at once (they need not wait for
        // each other's codes) both count. Then read back, with every issue so far. An ORM update,
        // so the tenant filter applies; `sql` binds `n` as a parameter.
        await tx.nativeUpdate(SurveyRound, { id: round.id }, { codesIssued: sql`"codes_issued" + ${n}` });
        await tx.refreshOrFail(round);
        return { round, interventionId: insats, codes };
      });
    },
  }),
}));
