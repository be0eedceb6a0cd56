import { randomUUID } from 'node:crypto';
import { errorObjectType } from '@finsam/kit/builder.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { NotFoundError, ValidationError } from '@finsam/kit/errors.js';
import { holds } from '@finsam/kit/scopes.js';
import {
  assertDraft,
  nextVersion,
  PublishedInstrumentError,
  parseInstrumentItem,
  parseNewInstrument,
  published,
  scaleLabels,
  storedScale,
} from '../domain/instrument.js';
import {
  INSTRUMENT_FILE_FORMAT,
  InstrumentFileError,
  type InstrumentFileProblem,
  loadTarget,
  parseInstrumentFile,
} from '../domain/instrument-file.js';
import { Instrument, type Scale } from '../entities/Instrument.js';
import { InstrumentItem } from '../entities/InstrumentItem.js';
import { builder } from './builder.js';

export const RespondentGroupEnum = builder.enumType('RespondentGroup', {
  description: 'Who a questionnaire is for (svarsgrupp): each group has its own national questionnaire.',
  values: {
    PARTICIPANT_ONGOING: { description: 'Deltagare, pågående insats.' },
    PARTICIPANT_AT_EXIT: { description: 'Deltagare vid avslut.' },
    INTERVENTION_STAFF: { description: 'Insatspersonal.' },
    BOARD_MEMBER: { description: 'Styrelseledamöter.' },
    MANAGER: { description: 'Chefer i samverkan.' },
    REFERRER: { description: 'Remittenter.' },
  } as const,
});

errorObjectType(builder, PublishedInstrumentError, {
  description: 'The questionnaire version is published (fastställd) and cannot change; nothing was written.',
});

const ScaleLabel = builder.objectRef<ReturnType<typeof scaleLabels>[number]>('ScaleLabel').implement({
  description: 'One value of an answer scale and its label.',
  fields: (t) => ({
    value: t.exposeInt('value', { description: 'The value, between the scale’s min and max.' }),
    label: t.exposeString('label', { description: 'E.g. "Stämmer helt".' }),
    positive: t.exposeBoolean('positive', { description: 'Counts as a positive answer (andel positiva svar).' }),
  }),
});

const ScaleRef = builder.objectRef<Scale>('AnswerScale').implement({
  description: 'The ordinal answer scale of a questionnaire version (svarsskala).',
  fields: (t) => ({
    min: t.exposeInt('min', { description: 'The lowest value.' }),
    max: t.exposeInt('max', { description: 'The highest value.' }),
    positiveValues: t.exposeIntList('positive', { description: 'The values that count as positive.' }),
    labels: t.field({
      type: [ScaleLabel],
      description: 'Every value with its label, lowest first.',
      resolve: scaleLabels,
    }),
  }),
});

export const InstrumentItemRef = builder.objectRef<InstrumentItem>('InstrumentItem').implement({
  description: 'One fixed statement (påstående) and the indicator it measures.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The statement id; an answer names it as `itemId`.' }),
    position: t.exposeInt('position', { description: '1-based order in the questionnaire.' }),
    text: t.exposeString('text', { description: 'The statement as the respondent reads it.' }),
    indicator: t.exposeInt('indicator', { description: 'The indicator (1–16) it measures.' }),
    required: t.exposeBoolean('required', { description: 'An answer must give a value for it.' }),
  }),
});

export const InstrumentRef = builder.objectRef<Instrument>('Instrument').implement({
  description:
    'A version of a national questionnaire (Indikatorer för finansiell samordning) for one respondent group. ' +
    'National: the same for every förbund. Its texts are the loaded file’s, never reworded by the platform; the ' +
    'demo’s questionnaires are invented paraphrases and say so (name "(demo, omskriven)", description "DEMO: …").',
  // No type scope: a respondent reaches it through `questionnaire(code)`; the root fields ask for a sign-in.
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The questionnaire version id.' }),
    respondentGroup: t.field({
      type: RespondentGroupEnum,
      description: 'Who answers it.',
      resolve: (i) => i.respondentGroup,
    }),
    version: t.exposeInt('version', { description: 'Version number within its respondent group, from 1.' }),
    name: t.exposeString('name', { description: 'The questionnaire’s name.' }),
    description: t.exposeString('description', { description: 'What it asks about, for whom.' }),
    scale: t.field({ type: ScaleRef, description: 'Its answer scale (svarsskala).', resolve: (i) => i.scale }),
    published: t.boolean({
      description: 'Fastställd: texts and scale are fixed.',
      resolve: (i) => i.publishedAt != null,
    }),
    publishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was published (fastställd); null for a draft.',
      resolve: (i) => i.publishedAt ?? null,
    }),
    items: t.field({
      type: [InstrumentItemRef],
      description: 'Its statements, in order.',
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
    args: { respondentGroup: t.arg({ type: RespondentGroupEnum, description: 'Only this respondent group’s.' }) },
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
    description: 'One questionnaire version (drafts for platform administrators only); null when there is none.',
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true, description: 'The questionnaire version id.' }) },
    resolve: (_root, { id }, ctx) => ctx.em.findOne(Instrument, { id: String(id), ...visibleInstruments(ctx) }),
  }),
}));

// --- writing (platform administrators) ------------------------------------------------------

const ScaleInput = builder.inputType('AnswerScaleInput', {
  description: 'An ordinal answer scale: whole numbers from min to max, at least two values.',
  fields: (t) => ({
    min: t.int({ required: true, description: 'The lowest value, 0–10.' }),
    max: t.int({ required: true, description: 'The highest value, above min and at most 11.' }),
    labels: t.stringList({ required: true, description: 'One per value, from min to max.' }),
    positiveValues: t.intList({
      required: true,
      description: 'The values that count as positive (andel positiva svar); at least one, within the scale.',
    }),
  }),
});
const ItemInput = builder.inputType('InstrumentItemInput', {
  description: 'A statement (påstående) of a questionnaire version.',
  fields: (t) => ({
    text: t.string({ required: true, description: 'The statement, as the national questionnaire words it.' }),
    indicator: t.int({ required: true, description: '1–16.' }),
    required: t.boolean({ description: 'Default true.' }),
  }),
});
const CreateInstrumentInput = builder.inputType('CreateInstrumentInput', {
  description: 'A new questionnaire version, created as a draft.',
  fields: (t) => ({
    respondentGroup: t.field({
      type: RespondentGroupEnum,
      required: true,
      description: 'Who answers it; it gets the next version number of this group.',
    }),
    name: t.string({ required: true, description: 'Its name.' }),
    description: t.string({ required: true, description: 'What it asks about, for whom.' }),
    scale: t.field({ type: ScaleInput, required: true, description: 'Its answer scale (svarsskala).' }),
    items: t.field({ type: [ItemInput], required: true, description: 'Its statements in order; 1–100.' }),
  }),
});

async function draftItem(ctx: SubgraphContext, id: string): Promise<InstrumentItem> {
  const item = await ctx.em.findOne(InstrumentItem, { id }, { populate: ['instrument'] });
  if (!item) {
    throw new NotFoundError(['id'], `No statement ${id}`);
  }
  assertDraft(item.instrument.getEntity());
  return item;
}

builder.mutationFields((t) => ({
  createInstrument: t.field({
    type: InstrumentRef,
    description:
      'Adds a draft questionnaire version: the next version number of its respondent group. ' +
      'Platform administrators only.',
    authScopes: { platformAdmin: true },
    args: {
      input: t.arg({ type: CreateInstrumentInput, required: true, description: 'The questionnaire version.' }),
    },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseNewInstrument(input);
      return ctx.em.transactional(async (tx) => {
        const latest = await tx.findOne(
          Instrument,
          { respondentGroup: data.respondentGroup },
          { orderBy: { version: 'desc' } },
        );
        const instrument = tx.create(Instrument, {
          id: randomUUID(),
          respondentGroup: data.respondentGroup,
          version: nextVersion(latest),
          name: data.name,
          description: data.description,
          scale: storedScale(data.scale),
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
    args: {
      id: t.arg.id({ required: true, description: 'The statement to change.' }),
      input: t.arg({ type: ItemInput, required: true, description: 'The statement as it is to be.' }),
    },
    errors: { types: [PublishedInstrumentError] },
    resolve: async (_root, { id, input }, ctx) => {
      const data = parseInstrumentItem(input);
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
    args: { id: t.arg.id({ required: true, description: 'The draft version to publish.' }) },
    errors: { types: [PublishedInstrumentError] },
    resolve: (_root, { id }, ctx) =>
      ctx.em.transactional(async (tx) => {
        const instrument = await tx.findOne(Instrument, { id: String(id) });
        if (!instrument) {
          throw new NotFoundError(['id'], `No questionnaire version ${id}`);
        }
        tx.assign(instrument, published(instrument));
        return instrument;
      }),
  }),
}));

const FileProblem = builder.objectRef<InstrumentFileProblem>('InstrumentFileProblem').implement({
  description: 'One problem in an instrument file: its line, the statement it concerns, and what is wrong.',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'The line of the file (1-based).' }),
    item: t.exposeInt('item', {
      nullable: true,
      description: 'The statement (påstående) it concerns, numbered from 1 as in the file; null for other entries.',
    }),
    path: t.stringList({
      description: 'Where in the file, e.g. ["items", "2", "indicator"] (statements counted from 0 here).',
      resolve: (p) => p.path.map(String),
    }),
    message: t.exposeString('message', { description: 'What is wrong there.' }),
  }),
});

errorObjectType(builder, InstrumentFileError, {
  description: 'The instrument file cannot be loaded: every problem with its line and statement. Nothing was written.',
  fields: (t) => ({
    problems: t.field({ type: [FileProblem], description: 'Every problem found.', resolve: (e) => e.problems }),
  }),
});

/** Writes the questionnaire version a file describes: a new version, or the same number's draft replaced. */
async function loadInstrumentFile(ctx: SubgraphContext, text: string, publish: boolean): Promise<Instrument> {
  const file = parseInstrumentFile(text);
  return ctx.em.transactional(async (tx) => {
    const group = file.respondentGroup;
    const existing = await tx.findOne(Instrument, { respondentGroup: group, version: file.version });
    const latest = await tx.findOne(Instrument, { respondentGroup: group }, { orderBy: { version: 'desc' } });
    const target = loadTarget(file, existing, latest);
    if (target === 'PUBLISHED') {
      throw new PublishedInstrumentError(
        `Version ${file.version} of ${group} is published and cannot change; load the file as version ` +
          `${nextVersion(latest)}`,
      );
    }
    if (typeof target === 'object') {
      throw new InstrumentFileError([
        {
          line: file.versionLine,
          item: null,
          path: ['version'],
          message: `The next version of ${group} is ${target.next}`,
        },
      ]);
    }
    const fields = {
      name: file.name,
      description: file.description,
      scale: storedScale(file.scale),
    };
    let instrument: Instrument;
    if (existing) {
      // A draft is still work in progress: its statements are replaced by the file's.
      await tx.nativeDelete(InstrumentItem, { instrument: existing });
      instrument = tx.assign(existing, fields);
    } else {
      instrument = tx.create(Instrument, {
        id: randomUUID(),
        respondentGroup: group,
        version: file.version,
        ...fields,
        publishedAt: null,
      });
    }
    file.items.forEach((item, i) =>
      tx.create(InstrumentItem, { id: randomUUID(), instrument, position: i + 1, ...item }),
    );
    if (publish) {
      // The trigger refuses statements under a published version: they go in first, then it is fixed.
      await tx.flush();
      tx.assign(instrument, published(instrument));
    }
    return instrument;
  });
}

builder.mutationField('loadInstrument', (t) =>
  t.field({
    type: InstrumentRef,
    description:
      `Loads a questionnaire version from an instrument file (format ${INSTRUMENT_FILE_FORMAT}, YAML or JSON; ` +
      'see the indicators README): the next version of its respondent group, or a draft of the same number ' +
      'replaced. A published version never changes (PublishedInstrumentError). Platform administrators only.',
    authScopes: { platformAdmin: true },
    args: {
      file: t.arg.string({ required: true, description: 'The instrument file’s text.' }),
      publish: t.arg.boolean({
        defaultValue: false,
        required: true,
        description: 'Publish (fastställ) it at once; default false: a draft to check first.',
      }),
    },
    errors: { types: [InstrumentFileError, PublishedInstrumentError] },
    resolve: (_root, { file, publish }, ctx) => loadInstrumentFile(ctx, file, publish),
  }),
);

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
