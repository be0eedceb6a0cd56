import { randomUUID } from 'node:crypto';
import { ValidationError } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import type { Intervention } from '../entities/Intervention.js';
import { EVENT_FORMATS, StructuralEvent } from '../entities/StructuralEvent.js';
import { builder } from './builder.js';
import { changeChild, InterventionRef, writableIntervention } from './Intervention.js';

const EventFormatEnum = builder.enumType('EventFormat', { values: EVENT_FORMATS });

const StructuralEventRef = builder.objectRef<StructuralEvent>('StructuralEvent').implement({
  description: 'An event of a strukturövergripande insats: training, frukostseminarium, webinar.',
  fields: (t) => ({
    id: t.exposeID('id'),
    date: t.field({ type: 'Date', resolve: (e) => e.date }),
    title: t.exposeString('title'),
    format: t.field({ type: EventFormatEnum, resolve: (e) => e.format }),
    audience: t.exposeString('audience', { description: 'Who it was for, e.g. "personal hos parterna".' }),
    attendees: t.exposeInt('attendees'),
  }),
});

const Attendance = builder
  .objectRef<{ year: number; events: number; attendees: number; target: number | null }>('StructuralAttendance')
  .implement({
    description: 'Attendees of a strukturövergripande insats in a year, against its yearly target.',
    fields: (t) => ({
      year: t.exposeInt('year'),
      events: t.exposeInt('events'),
      attendees: t.exposeInt('attendees'),
      target: t.exposeInt('target', { nullable: true }),
      targetReached: t.boolean({ nullable: true, resolve: (a) => (a.target == null ? null : a.attendees >= a.target) }),
    }),
  });

async function eventsIn(i: Intervention, year: number | null | undefined) {
  const all = (await i.events.load({ dataloader: true })).getItems();
  return year == null ? all : all.filter((e) => e.date.startsWith(`${year}-`));
}

builder.objectFields(InterventionRef, (t) => ({
  structuralEvents: t.field({
    type: [StructuralEventRef],
    args: { year: t.arg.int() },
    resolve: (i, { year }) => eventsIn(i, year),
  }),
  structuralAttendance: t.field({
    type: Attendance,
    args: { year: t.arg.int({ required: true }) },
    resolve: async (i, { year }) => {
      const events = await eventsIn(i, year);
      return {
        year,
        events: events.length,
        attendees: events.reduce((sum, e) => sum + e.attendees, 0),
        target: i.attendeeTargetPerYear ?? null,
      };
    },
  }),
}));

const StructuralEventInput = builder.inputType('StructuralEventInput', {
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true }),
    title: t.string({ required: true }),
    format: t.field({ type: EventFormatEnum, required: true }),
    audience: t.string({ required: true }),
    attendees: t.int({ required: true }),
  }),
});

const eventSchema = z.object({
  date: z.string(),
  title: z.string().trim().min(2, 'Title is required').max(300),
  format: z.enum(EVENT_FORMATS),
  audience: z.string().trim().min(2, 'Say who it was for').max(300),
  attendees: z.number().int().min(0, 'Attendees cannot be negative').max(100_000),
});

builder.mutationFields((t) => ({
  recordStructuralEvent: t.field({
    type: InterventionRef,
    description: 'Records an event of a strukturövergripande insats.',
    authScopes: { tenantAdmin: true },
    args: {
      interventionId: t.arg.id({ required: true }),
      input: t.arg({ type: StructuralEventInput, required: true }),
    },
    errors: {},
    resolve: async (_root, { interventionId, input }, ctx) => {
      const data = parseInput(eventSchema, input);
      return ctx.em.transactional(async (tx) => {
        const intervention = await writableIntervention({ ...ctx, em: tx }, String(interventionId), ['interventionId']);
        if (intervention.kind !== 'STRUCTURAL') {
          throw new ValidationError([
            { path: ['interventionId'], message: 'Events belong to a strukturövergripande insats' },
          ]);
        }
        tx.create(StructuralEvent, { ...data, id: randomUUID(), tenantId: intervention.tenantId, intervention });
        return intervention;
      });
    },
  }),
  updateStructuralEvent: t.field({
    type: InterventionRef,
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: StructuralEventInput, required: true }) },
    errors: {},
    resolve: async (_root, { id, input }, ctx) => {
      const data = parseInput(eventSchema, input);
      return changeChild(ctx, StructuralEvent, String(id), 'event', (tx, event) => tx.assign(event, data));
    },
  }),
  removeStructuralEvent: t.field({
    type: InterventionRef,
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true }) },
    errors: {},
    resolve: (_root, { id }, ctx) =>
      changeChild(ctx, StructuralEvent, String(id), 'event', (tx, event) => tx.remove(event)),
  }),
}));
