import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { unknownInterventionIssues } from '@finsam/kit/directory.js';
import { NotFoundError, ValidationError } from '@finsam/kit/errors.js';
import { interventionScope } from '@finsam/kit/identity.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { parseInput } from '@finsam/kit/validation.js';
import { type FilterQuery, raw } from '@mikro-orm/core';
import { z } from 'zod';
import { ResponseCode } from '../entities/ResponseCode.js';
import { SurveyRound } from '../entities/SurveyRound.js';
import { hashResponseCode, newResponseCode } from '../response-codes.js';
import { builder } from './builder.js';
import { InstrumentRef, publishedInstrument, RespondentGroupEnum } from './Instrument.js';
import { InterventionRef, intervention } from './Intervention.js';

/** What the caller may see: every round of the förbund for admins and the board; staff the rounds covering their insatser; anyone else none. */
function visibleRounds(ctx: SubgraphContext): FilterQuery<SurveyRound> {
  const ids = interventionScope(ctx.identity);
  return ids ? { interventionIds: { $overlap: ids } } : {};
}

/** The insatser of a round the caller may see results for. */
export function visibleInterventionIds(ctx: SubgraphContext, round: SurveyRound): string[] {
  const ids = interventionScope(ctx.identity);
  return ids ? round.interventionIds.filter((id) => ids.includes(id)) : round.interventionIds;
}

type RoundStatus = 'PLANNED' | 'OPEN' | 'CLOSED';
function roundStatus(round: Pick<SurveyRound, 'opensAt' | 'closesAt'>, now = new Date()): RoundStatus {
  if (now < round.opensAt) {
    return 'PLANNED';
  }
  return now < round.closesAt ? 'OPEN' : 'CLOSED';
}

const RoundStatusEnum = builder.enumType('SurveyRoundStatus', {
  values: {
    PLANNED: { description: 'Not open yet.' },
    OPEN: { description: 'Takes answers.' },
    CLOSED: { description: 'Takes no more answers.' },
  } as const,
});

/** A period of whole months; stored as the first day of the first and the last month. */
export interface Period {
  from: string;
  to: string;
}
const month = (date: string) => date.slice(0, 7);
export const periodOf = (r: SurveyRound): Period => ({ from: month(r.periodFrom), to: month(r.periodTo) });
/** E.g. 2020-11 – 2021-10. */
export const periodLabel = (p: Period) => `${p.from} – ${p.to}`;

const PeriodRef = builder.objectRef<Period>('SurveyPeriod').implement({
  description: 'Mätperiod in whole months, e.g. 2020-11 – 2021-10.',
  fields: (t) => ({
    from: t.exposeString('from', { description: 'First month, YYYY-MM.' }),
    to: t.exposeString('to', { description: 'Last month, YYYY-MM.' }),
    label: t.string({ resolve: periodLabel }),
  }),
});

const MONTH = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month is YYYY-MM');
export const periodSchema = z
  .object({ from: MONTH, to: MONTH })
  .refine((p) => p.to >= p.from, { path: ['to'], message: 'The period ends before it starts' });

export const PeriodInput = builder.inputType('SurveyPeriodInput', {
  fields: (t) => ({
    from: t.string({ required: true, description: 'First month, YYYY-MM.' }),
    to: t.string({ required: true, description: 'Last month, YYYY-MM.' }),
  }),
});

export const SurveyRoundRef = builder.objectRef<SurveyRound>('SurveyRound').implement({
  description: 'An enkätomgång: one questionnaire version answered for some insatser over a period.',
  fields: (t) => ({
    id: t.exposeID('id'),
    instrument: t.field({ type: InstrumentRef, resolve: (r) => r.instrument.loadOrFail({ dataloader: true }) }),
    respondentGroup: t.field({
      type: RespondentGroupEnum,
      resolve: async (r) => (await r.instrument.loadOrFail({ dataloader: true })).respondentGroup,
    }),
    period: t.field({ type: PeriodRef, resolve: periodOf }),
    interventions: t.field({
      type: [InterventionRef],
      description: 'The insatser it covers (staff: their own).',
      resolve: (r, _args, ctx) => visibleInterventionIds(ctx, r).map(intervention),
    }),
    opensAt: t.expose('opensAt', { type: 'DateTime' }),
    closesAt: t.expose('closesAt', { type: 'DateTime' }),
    status: t.field({ type: RoundStatusEnum, resolve: (r) => roundStatus(r) }),
    minimumN: t.exposeInt('minimumN', {
      description: 'Results with fewer respondents are not shown (minsta antal svarande).',
    }),
    codesIssued: t.exposeInt('codesIssued', { description: 'Svarskoder issued so far.' }),
    codesUnused: t.loadable({
      type: 'Int',
      description: 'Issued codes not yet used. (Used codes are deleted when answered.)',
      load: async (ids: string[], ctx) => {
        const { bind, build, tenant } = tenantSql(ctx.em);
        const { sql, params } = build(
          `select c."round_id", count(*)::int as "unused" from "response_code" c where ${tenant('c')} and c."round_id" = any(${bind(pgArray(ids))}::uuid[]) group by c."round_id"`,
        );
        const rows = await ctx.em.execute<{ round_id: string; unused: number }[]>(sql, params);
        const byRound = new Map(rows.map((r) => [r.round_id, r.unused]));
        return ids.map((id) => byRound.get(id) ?? 0);
      },
      resolve: (r) => r.id,
    }),
  }),
});

const RoundFilterInput = builder.inputType('SurveyRoundFilter', {
  fields: (t) => ({
    respondentGroup: t.field({ type: RespondentGroupEnum }),
    interventionId: t.id({ description: 'Only rounds covering this insats.' }),
  }),
});

builder.queryFields((t) => ({
  surveyRounds: t.field({
    type: [SurveyRoundRef],
    description: "Your förbund's survey rounds, latest period first (staff: rounds covering your insatser).",
    authScopes: { tenantReader: true },
    args: { filter: t.arg({ type: RoundFilterInput }) },
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
    authScopes: { tenantReader: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.em.findOne(SurveyRound, { $and: [{ id: String(id) }, visibleRounds(ctx)] }),
  }),
}));

// --- writing -------------------------------------------------------------------------------

const CreateSurveyRoundInput = builder.inputType('CreateSurveyRoundInput', {
  fields: (t) => ({
    instrumentId: t.id({
      required: true,
      description: 'A published questionnaire version; it decides the respondent group.',
    }),
    period: t.field({ type: PeriodInput, required: true }),
    interventionIds: t.idList({ required: true, description: 'Insatser of your förbund the round covers.' }),
    opensAt: t.field({ type: 'DateTime', required: true }),
    closesAt: t.field({ type: 'DateTime', required: true }),
    minimumN: t.int({ description: 'Fewest respondents for results to be shown; default 5.' }),
  }),
});

const createSchema = z
  .object({
    instrumentId: z.uuid('Not a questionnaire id'),
    period: periodSchema,
    interventionIds: z.array(z.uuid('Not an insats id')).min(1, 'A round covers at least one insats'),
    opensAt: z.date(),
    closesAt: z.date(),
    minimumN: z
      .number()
      .int()
      .min(3, 'Fewer than 3 respondents cannot be anonymous')
      .max(100)
      .nullish()
      .transform((v) => v ?? 5),
  })
  .superRefine((d, ctx) => {
    if (d.closesAt <= d.opensAt) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'The round closes before it opens' });
    }
    if (new Set(d.interventionIds).size !== d.interventionIds.length) {
      ctx.addIssue({ code: 'custom', path: ['interventionIds'], message: 'An insats is listed twice' });
    }
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
  .objectRef<{ round: SurveyRound; interventionId: string; codes: string[] }>('IssuedResponseCodes')
  .implement({
    description: 'New one-time svarskoder. Shown this once: only a hash of each is kept.',
    fields: (t) => ({
      round: t.field({ type: SurveyRoundRef, resolve: (i) => i.round }),
      intervention: t.field({ type: InterventionRef, resolve: (i) => intervention(i.interventionId) }),
      codes: t.exposeStringList('codes'),
    }),
  });

builder.mutationFields((t) => ({
  createSurveyRound: t.field({
    type: SurveyRoundRef,
    description: 'Plans a survey round for insatser of your förbund. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: CreateSurveyRoundInput, required: true }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(createSchema, input);
      const instrument = await publishedInstrument(ctx, data.instrumentId, ['input', 'instrumentId']);
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
          periodFrom: `${data.period.from}-01`,
          periodTo: `${data.period.to}-01`,
          interventionIds: data.interventionIds,
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
    args: { id: t.arg.id({ required: true }) },
    errors: {},
    resolve: (_root, { id }, ctx) =>
      ctx.em.transactional(async (tx) => {
        const round = await visibleRound({ ...ctx, em: tx }, String(id), ['id']);
        if (roundStatus(round) !== 'OPEN') {
          throw new ValidationError([{ path: ['id'], message: 'Only an open round can be closed' }]);
        }
        round.closesAt = new Date();
        return round;
      }),
  }),
  issueResponseCodes: t.field({
    type: IssuedCodes,
    description:
      "Issues one-time svarskoder for one insats of a round: the förbund administrator, or the insats' own staff (verksamhetsledare).",
    authScopes: (_root, args) => ({ tenantAdmin: true, insatsStaff: String(args.interventionId) }),
    args: {
      roundId: t.arg.id({ required: true }),
      interventionId: t.arg.id({ required: true }),
      count: t.arg.int({ required: true, description: '1–500.' }),
    },
    errors: {},
    resolve: async (_root, { roundId, interventionId, count }, ctx) => {
      const n = parseInput(
        z.number().int().min(1, 'Issue at least one code').max(500, 'At most 500 codes at a time'),
        count,
        ['count'],
      );
      return ctx.em.transactional(async (tx) => {
        const round = await visibleRound({ ...ctx, em: tx }, String(roundId), ['roundId']);
        if (!round.interventionIds.includes(String(interventionId))) {
          throw new ValidationError([{ path: ['interventionId'], message: 'The round does not cover this insats' }]);
        }
        if (roundStatus(round) === 'CLOSED') {
          throw new ValidationError([{ path: ['roundId'], message: 'The round is closed' }]);
        }
        const codes = Array.from({ length: n }, newResponseCode);
        for (const code of codes) {
          tx.create(ResponseCode, {
            codeHash: hashResponseCode(code),
            tenantId: round.tenantId,
            round,
            interventionId: String(interventionId),
          });
        }
        // Added in SQL, not read and written back: two issues at once (they need not wait for
        // each other's codes) both count. Then read back, with every issue so far.
        await tx.nativeUpdate(SurveyRound, { id: round.id }, { codesIssued: raw('"codes_issued" + ?', [n]) });
        await tx.refreshOrFail(round);
        return { round, interventionId: String(interventionId), codes };
      });
    },
  }),
}));
