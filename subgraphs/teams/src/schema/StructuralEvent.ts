import { randomUUID } from 'node:crypto';
import { maxLength } from '@finsam/kit/input.js';
import {
  type Attendance,
  assertRecordsEvents,
  attendance,
  eventsIn,
  parseStructuralEvent,
  targetReached,
} from '../domain/structural-events.js';
import { EVENT_FORMATS, StructuralEvent } from '../entities/StructuralEvent.js';
import { builder } from './builder.js';
import { changeChild, InterventionRef, writableIntervention } from './Intervention.js';

const FORMAT_NAMES: Record<(typeof EVENT_FORMATS)[number], string> = {
  DIGITAL: 'Online, e.g. a webinar.',
  PHYSICAL: 'In person.',
};
const EventFormatEnum = builder.enumType('EventFormat', {
  description: 'How an event of a strukturövergripande insats was held.',
  values: Object.fromEntries(EVENT_FORMATS.map((f) => [f, { description: FORMAT_NAMES[f] }])) as Record<
    (typeof EVENT_FORMATS)[number],
    { description: string }
  >,
});

const StructuralEventRef = builder.objectRef<StructuralEvent>('StructuralEvent').implement({
  description: 'An event of a strukturövergripande insats: training, frukostseminarium, webinar.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The event id, for `updateStructuralEvent` and `removeStructuralEvent`.' }),
    date: t.field({ type: 'Date', description: 'The day it was held.', resolve: (e) => e.date }),
    title: t.exposeString('title', { description: 'E.g. "Frukostseminarium: SIP".' }),
    format: t.field({ type: EventFormatEnum, description: 'In person or online.', resolve: (e) => e.format }),
    audience: t.exposeString('audience', { description: 'Who it was for, e.g. "personal hos parterna".' }),
    attendees: t.exposeInt('attendees', { description: 'Deltagare: how many took part.' }),
  }),
});

const AttendanceRef = builder.objectRef<Attendance>('StructuralAttendance').implement({
  description: 'Attendees of a strukturövergripande insats in a year, against its yearly target.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The calendar year counted.' }),
    events: t.exposeInt('events', { description: 'Events held in the year.' }),
    attendees: t.exposeInt('attendees', { description: 'Deltagare of those events together.' }),
    target: t.exposeInt('target', {
      nullable: true,
      description: 'Attendees aimed for per year; null when the insats has no target.',
    }),
    targetReached: t.boolean({
      nullable: true,
      description: 'Whether the attendees reached the target; null without a target.',
      resolve: targetReached,
    }),
  }),
});

builder.objectFields(InterventionRef, (t) => ({
  structuralEvents: t.field({
    type: [StructuralEventRef],
    description: 'Events of a strukturövergripande insats, earliest first.',
    args: { year: t.arg.int({ description: 'Only the events of this calendar year.' }) },
    resolve: async (i, { year }) => eventsIn((await i.events.load({ dataloader: true })).getItems(), year),
  }),
  structuralAttendance: t.field({
    type: AttendanceRef,
    description: 'Events and attendees in a year against the yearly target (strukturövergripande insatser).',
    args: { year: t.arg.int({ required: true, description: 'The calendar year.' }) },
    resolve: async (i, { year }) =>
      attendance(year, eventsIn((await i.events.load({ dataloader: true })).getItems(), year), i.attendeeTargetPerYear),
  }),
}));

const StructuralEventInput = builder.inputType('StructuralEventInput', {
  description: 'An event held by a strukturövergripande insats.',
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true, description: 'The day it was held.' }),
    title: t.string({
      required: true,
      description: 'What it was, e.g. "Frukostseminarium: SIP"; at most 300 characters.',
      extensions: maxLength(300),
    }),
    format: t.field({ type: EventFormatEnum, required: true, description: 'In person or online.' }),
    audience: t.string({ required: true, description: 'Who it was for, e.g. "personal hos parterna".' }),
    attendees: t.int({ required: true, description: 'How many took part (0 or more).' }),
  }),
});

builder.mutationFields((t) => ({
  recordStructuralEvent: t.field({
    type: InterventionRef,
    description: 'Records an event of a strukturövergripande insats.',
    authScopes: { tenantAdmin: true },
    args: {
      interventionId: t.arg.id({ required: true, description: 'A strukturövergripande insats of your förbund.' }),
      input: t.arg({ type: StructuralEventInput, required: true, description: 'The event.' }),
    },
    errors: {},
    resolve: async (_root, { interventionId, input }, ctx) => {
      const data = parseStructuralEvent(input);
      return ctx.em.transactional(async (tx) => {
        const intervention = await writableIntervention({ ...ctx, em: tx }, String(interventionId), ['interventionId']);
        assertRecordsEvents(intervention);
        tx.create(StructuralEvent, { ...data, id: randomUUID(), tenantId: intervention.tenantId, intervention });
        return intervention;
      });
    },
  }),
  updateStructuralEvent: t.field({
    type: InterventionRef,
    description: 'Corrects a recorded event; the answer is its insats.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true, description: 'The event to change.' }),
      input: t.arg({ type: StructuralEventInput, required: true, description: 'The event as it is to be.' }),
    },
    errors: {},
    resolve: async (_root, { id, input }, ctx) => {
      const data = parseStructuralEvent(input);
      return changeChild(ctx, StructuralEvent, String(id), 'event', (tx, event) => tx.assign(event, data));
    },
  }),
  removeStructuralEvent: t.field({
    type: InterventionRef,
    description: 'Deletes a recorded event; the answer is its insats.',
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true, description: 'The event to remove.' }) },
    errors: {},
    resolve: (_root, { id }, ctx) =>
      changeChild(ctx, StructuralEvent, String(id), 'event', (tx, event) => tx.remove(event)),
  }),
}));
