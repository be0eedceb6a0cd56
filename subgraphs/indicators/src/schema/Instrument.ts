import { randomUUID } from 'node:crypto';
import { errorObjectType } from '@finsam/kit/builder.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { NotFoundError, ValidationError } from '@finsam/kit/errors.js';
import { holds } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { Instrument, RESPONDENT_GROUPS, type Scale } from '../entities/Instrument.js';
import { InstrumentItem } from '../entities/InstrumentItem.js';
import { builder } from './builder.js';

export const RespondentGroupEnum = builder.enumType('RespondentGroup', {
  values: {
    PARTICIPANT_ONGOING: { description: 'Deltagare, pågående insats.' },
    PARTICIPANT_AT_EXIT: { description: 'Deltagare vid avslut.' },
    INTERVENTION_STAFF: { description: 'Insatspersonal.' },
    BOARD_MEMBER: { description: 'Styrelseledamöter.' },
    MANAGER: { description: 'Chefer i samverkan.' },
    REFERRER: { description: 'Remittenter.' },
  } as const,
});

/** A published questionnaire version cannot change: the national texts are never reworded. */
class PublishedInstrumentError extends Error {
  readonly code = 'PUBLISHED';
  constructor(message = 'This questionnaire version is published and cannot change; create a new version instead') {
    super(message);
    this.name = 'PublishedInstrumentError';
  }
}
errorObjectType(builder, PublishedInstrumentError, {
  description: 'The questionnaire version is published (fastställd) and cannot change; nothing was written.',
});

const ScaleLabel = builder.objectRef<{ value: number; label: string; positive: boolean }>('ScaleLabel').implement({
  fields: (t) => ({
    value: t.exposeInt('value'),
    label: t.exposeString('label', { description: 'E.g. "Stämmer helt".' }),
    positive: t.exposeBoolean('positive', { description: 'Counts as a positive answer (andel positiva svar).' }),
  }),
});

const ScaleRef = builder.objectRef<Scale>('AnswerScale').implement({
  description: 'The ordinal answer scale of a questionnaire version (svarsskala).',
  fields: (t) => ({
    min: t.exposeInt('min'),
    max: t.exposeInt('max'),
    positiveValues: t.exposeIntList('positive', { description: 'The values that count as positive.' }),
    labels: t.field({ type: [ScaleLabel], resolve: scaleLabels }),
  }),
});

export function scaleLabels(s: Scale) {
  return s.labels.map((label, i) => ({ value: s.min + i, label, positive: s.positive.includes(s.min + i) }));
}

export const InstrumentItemRef = builder.objectRef<InstrumentItem>('InstrumentItem').implement({
  description: 'One fixed statement (påstående) and the indicator it measures.',
  fields: (t) => ({
    id: t.exposeID('id'),
    position: t.exposeInt('position', { description: '1-based order in the questionnaire.' }),
    text: t.exposeString('text'),
    indicator: t.exposeInt('indicator', { description: 'The indicator (1–16) it measures.' }),
    required: t.exposeBoolean('required', { description: 'An answer must give a value for it.' }),
  }),
});

export const InstrumentRef = builder.objectRef<Instrument>('Instrument').implement({
  description:
    'A version of a national questionnaire (Indikatorer för finansiell samordning) for one respondent group. National: the same for every förbund.',
  // No type scope: a respondent reaches it through `questionnaire(code)`; the root fields ask for a sign-in.
  fields: (t) => ({
    id: t.exposeID('id'),
    respondentGroup: t.field({ type: RespondentGroupEnum, resolve: (i) => i.respondentGroup }),
    version: t.exposeInt('version'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    scale: t.field({ type: ScaleRef, resolve: (i) => i.scale }),
    published: t.boolean({
      description: 'Fastställd: texts and scale are fixed.',
      resolve: (i) => i.publishedAt != null,
    }),
    publishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (i) => i.publishedAt ?? null }),
    items: t.field({
      type: [InstrumentItemRef],
      resolve: async (i) => (await i.items.load({ dataloader: true })).getItems(),
    }),
  }),
});

/** Drafts are the platform administrators' work in progress; everyone else sees published versions. */
function visibleInstruments(ctx: SubgraphContext) {
  return holds(ctx.identity, 'platformAdmin') ? {} : { publishedAt: { $ne: null } };
}

builder.queryFields((t) => ({
  instruments: t.field({
    type: [InstrumentRef],
    description: 'Questionnaire versions, newest first per respondent group.',
    authScopes: { authenticated: true },
    args: { respondentGroup: t.arg({ type: RespondentGroupEnum }) },
    resolve: (_root, { respondentGroup }, ctx) =>
      ctx.em.find(
        Instrument,
        { ...visibleInstruments(ctx), ...(respondentGroup ? { respondentGroup } : {}) },
        { orderBy: { respondentGroup: 'asc', version: 'desc' } },
      ),
  }),
  instrument: t.field({
    type: InstrumentRef,
    nullable: true,
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.em.findOne(Instrument, { id: String(id), ...visibleInstruments(ctx) }),
  }),
}));

// --- writing (platform administrators) ------------------------------------------------------

const ScaleInput = builder.inputType('AnswerScaleInput', {
  fields: (t) => ({
    min: t.int({ required: true }),
    max: t.int({ required: true }),
    labels: t.stringList({ required: true, description: 'One per value, from min to max.' }),
    positiveValues: t.intList({ required: true }),
  }),
});
const ItemInput = builder.inputType('InstrumentItemInput', {
  fields: (t) => ({
    text: t.string({ required: true }),
    indicator: t.int({ required: true, description: '1–16.' }),
    required: t.boolean({ description: 'Default true.' }),
  }),
});
const CreateInstrumentInput = builder.inputType('CreateInstrumentInput', {
  fields: (t) => ({
    respondentGroup: t.field({ type: RespondentGroupEnum, required: true }),
    name: t.string({ required: true }),
    description: t.string({ required: true }),
    scale: t.field({ type: ScaleInput, required: true }),
    items: t.field({ type: [ItemInput], required: true }),
  }),
});

const itemSchema = z.object({
  text: z.string().trim().min(5, 'Give the statement').max(1000),
  indicator: z.number().int().min(1, 'Indicators are numbered 1–16').max(16, 'Indicators are numbered 1–16'),
  required: z
    .boolean()
    .nullish()
    .transform((v) => v ?? true),
});
const scaleSchema = z
  .object({
    min: z.number().int().min(0).max(10),
    max: z.number().int().min(1).max(11),
    labels: z.array(z.string().trim().min(1).max(100)),
    positiveValues: z.array(z.number().int()).min(1, 'Say which values count as positive'),
  })
  .superRefine((s, ctx) => {
    if (s.max <= s.min) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'The scale needs at least two values' });
    }
    if (s.labels.length !== s.max - s.min + 1) {
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'One label per value of the scale' });
    }
    s.positiveValues.forEach((v, i) => {
      if (v < s.min || v > s.max) {
        ctx.addIssue({ code: 'custom', path: ['positiveValues', i], message: 'Outside the scale' });
      }
    });
  });
const createSchema = z.object({
  respondentGroup: z.enum(RESPONDENT_GROUPS),
  name: z.string().trim().min(2).max(200),
  description: z.string().trim().min(2).max(2000),
  scale: scaleSchema,
  items: z.array(itemSchema).min(1, 'A questionnaire has at least one statement').max(100),
});

async function draftItem(ctx: SubgraphContext, id: string): Promise<InstrumentItem> {
  const item = await ctx.em.findOne(InstrumentItem, { id }, { populate: ['instrument'] });
  if (!item) {
    throw new NotFoundError(['id'], `No statement ${id}`);
  }
  if (item.instrument.getEntity().publishedAt) {
    throw new PublishedInstrumentError();
  }
  return item;
}

builder.mutationFields((t) => ({
  createInstrument: t.field({
    type: InstrumentRef,
    description:
      'Adds a draft questionnaire version: the next version number of its respondent group. Platform administrators only.',
    authScopes: { platformAdmin: true },
    args: { input: t.arg({ type: CreateInstrumentInput, required: true }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(createSchema, input);
      return ctx.em.transactional(async (tx) => {
        const latest = await tx.findOne(
          Instrument,
          { respondentGroup: data.respondentGroup },
          { orderBy: { version: 'desc' } },
        );
        const { positiveValues, ...scale } = data.scale;
        const instrument = tx.create(Instrument, {
          id: randomUUID(),
          respondentGroup: data.respondentGroup,
          version: (latest?.version ?? 0) + 1,
          name: data.name,
          description: data.description,
          scale: { ...scale, positive: [...new Set(positiveValues)].sort((a, b) => a - b) },
          publishedAt: null,
        });
        data.items.forEach((item, i) =>
          tx.create(InstrumentItem, { id: randomUUID(), instrument, position: i + 1, ...item }),
        );
        return instrument;
      });
    },
  }),
  updateInstrumentItem: t.field({
    type: InstrumentRef,
    description: 'Rewords a statement of a draft version. A published version cannot change.',
    authScopes: { platformAdmin: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: ItemInput, required: true }) },
    errors: { types: [PublishedInstrumentError] },
    resolve: async (_root, { id, input }, ctx) => {
      const data = parseInput(itemSchema, input);
      return ctx.em.transactional(async (tx) => {
        const item = await draftItem({ ...ctx, em: tx }, String(id));
        tx.assign(item, data);
        return item.instrument.getEntity();
      });
    },
  }),
  publishInstrument: t.field({
    type: InstrumentRef,
    description: 'Fixes a draft version (fastställer): from now on survey rounds may use it and nothing in it changes.',
    authScopes: { platformAdmin: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [PublishedInstrumentError] },
    resolve: (_root, { id }, ctx) =>
      ctx.em.transactional(async (tx) => {
        const instrument = await tx.findOne(Instrument, { id: String(id) });
        if (!instrument) {
          throw new NotFoundError(['id'], `No questionnaire version ${id}`);
        }
        if (instrument.publishedAt) {
          throw new PublishedInstrumentError('This version is already published');
        }
        instrument.publishedAt = new Date();
        return instrument;
      }),
  }),
}));

/** A published instrument by id, for a survey round; otherwise a validation issue at `path`. */
export async function publishedInstrument(
  ctx: SubgraphContext,
  id: string,
  path: (string | number)[],
): Promise<Instrument> {
  const instrument = await ctx.em.findOne(Instrument, { id, publishedAt: { $ne: null } });
  if (!instrument) {
    throw new ValidationError([{ path, message: 'No published questionnaire version with this id' }]);
  }
  return instrument;
}
