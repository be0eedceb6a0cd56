import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { NotFoundError, ValidationError } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { Body } from '../entities/Body.js';
import { Meeting } from '../entities/Meeting.js';
import { MinutesCorrection } from '../entities/MinutesCorrection.js';
import { BodyRef, visibleBodies } from './Body.js';
import { builder } from './builder.js';

const CorrectionRef = builder.objectRef<MinutesCorrection>('MinutesCorrection').implement({
  description: 'A correction to approved minutes; the approved text stays as it was.',
  fields: (t) => ({
    id: t.exposeID('id'),
    text: t.exposeString('text'),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
  }),
});

export const MeetingRef = builder.loadableObject('Meeting', {
  description: 'A sammanträde of a body: planned in the årshjul, then held, with minutes.',
  authScopes: { tenantReader: true },
  load: (ids: string[], ctx) => ctx.em.find(Meeting, { id: { $in: ids }, body: visibleBodies(ctx) }),
  sort: (m) => m.id,
  fields: (t) => ({
    id: t.exposeID('id'),
    date: t.field({ type: 'Date', resolve: (m) => m.date }),
    title: t.exposeString('title', { nullable: true }),
    body: t.field({ type: BodyRef, resolve: (m, _a, ctx) => BodyRef.getDataloader(ctx).load(m.body.id) }),
    agenda: t.exposeStringList('agenda', { description: 'Dagordning.' }),
    attendance: t.exposeIDList('attendance', { description: 'Seats present.' }),
    minutes: t.exposeString('minutes', {
      nullable: true,
      description: 'Minnesanteckningar/protokoll: staffing, volume, activities.',
    }),
    minutesApproved: t.boolean({ resolve: (m) => m.minutesApprovedAt != null }),
    corrections: t.field({
      type: [CorrectionRef],
      resolve: (m, _a, ctx) => ctx.em.find(MinutesCorrection, { meeting: m.id }, { orderBy: { createdAt: 'asc' } }),
    }),
  }),
});

builder.objectField(BodyRef, 'meetings', (t) =>
  t.field({
    type: [MeetingRef],
    args: { year: t.arg.int() },
    resolve: (b, { year }, ctx) =>
      ctx.em.find(
        Meeting,
        { body: b.id, ...(year ? { date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } } : {}) },
        { orderBy: { date: 'asc' } },
      ),
  }),
);

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date is YYYY-MM-DD');
const planSchema = z.object({
  date: DATE,
  title: z.string().trim().max(200).nullish(),
  agenda: z.array(z.string().trim().min(1).max(500)).default([]),
});
const recordSchema = z.object({
  agenda: z.array(z.string().trim().min(1).max(500)),
  attendance: z.array(z.uuid('Not a seat id')),
  minutes: z.string().trim().min(10, 'Minutes say what was discussed: staffing, volume, activities').max(100_000),
});

export async function writableMeeting(ctx: SubgraphContext, id: string) {
  const meeting = await ctx.em.findOne(Meeting, { id }, { populate: ['body', 'body.members'] });
  if (!meeting) {
    throw new NotFoundError(['meetingId'], `No meeting ${id} in your förbund`);
  }
  return meeting;
}

builder.mutationFields((t) => ({
  planMeeting: t.field({
    type: MeetingRef,
    description: 'Puts a meeting in the årshjul. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: {
      bodyId: t.arg.id({ required: true }),
      date: t.arg({ type: 'Date', required: true }),
      title: t.arg.string(),
      agenda: t.arg.stringList(),
    },
    errors: {},
    resolve: async (_r, args, ctx) => {
      const data = parseInput(planSchema, { date: args.date, title: args.title, agenda: args.agenda ?? [] }, []);
      return ctx.em.transactional(async (tx) => {
        const body = await tx.findOne(Body, { id: String(args.bodyId) });
        if (!body) {
          throw new NotFoundError(['bodyId'], `No body ${args.bodyId} in your förbund`);
        }
        return tx.create(Meeting, {
          id: randomUUID(),
          tenantId: body.tenantId,
          body,
          date: data.date,
          title: data.title ?? null,
          agenda: data.agenda,
          attendance: [],
          minutes: null,
          minutesApprovedAt: null,
        });
      });
    },
  }),
  recordMeeting: t.field({
    type: MeetingRef,
    description: 'Records who attended, the agenda and the minutes of a held meeting (until the minutes are approved).',
    authScopes: { reportReader: true },
    args: {
      meetingId: t.arg.id({ required: true }),
      agenda: t.arg.stringList({ required: true }),
      attendance: t.arg.idList({ required: true }),
      minutes: t.arg.string({ required: true }),
    },
    errors: {},
    resolve: async (_r, { meetingId, ...input }, ctx) => {
      const data = parseInput(recordSchema, input, []);
      return ctx.em.transactional(async (tx) => {
        const meeting = await writableMeeting({ ...ctx, em: tx }, String(meetingId));
        if (meeting.minutesApprovedAt) {
          throw new ValidationError([
            { path: ['minutes'], message: 'The minutes are approved: record a correction instead' },
          ]);
        }
        const seats = new Set(
          meeting.body
            .getEntity()
            .members.getItems()
            .map((s) => s.id),
        );
        const strangers = data.attendance.map((id, i) => [id, i] as const).filter(([id]) => !seats.has(id));
        if (strangers.length) {
          throw new ValidationError(
            strangers.map(([id, i]) => ({ path: ['attendance', i], message: `${id} has no seat in this body` })),
          );
        }
        tx.assign(meeting, data);
        return meeting;
      });
    },
  }),
  approveMinutes: t.field({
    type: MeetingRef,
    description: 'Approves (justerar) the minutes: from now on they are an official record and never change.',
    authScopes: { reportReader: true },
    args: { meetingId: t.arg.id({ required: true }) },
    errors: {},
    resolve: (_r, { meetingId }, ctx) =>
      ctx.em.transactional(async (tx) => {
        const meeting = await writableMeeting({ ...ctx, em: tx }, String(meetingId));
        if (!meeting.minutes) {
          throw new ValidationError([{ path: ['meetingId'], message: 'There are no minutes to approve' }]);
        }
        if (meeting.minutesApprovedAt) {
          throw new ValidationError([{ path: ['meetingId'], message: 'The minutes are already approved' }]);
        }
        meeting.minutesApprovedAt = new Date();
        return meeting;
      }),
  }),
  correctMinutes: t.field({
    type: MeetingRef,
    description: 'Adds a correction to approved minutes; the approved text is kept.',
    authScopes: { reportReader: true },
    args: { meetingId: t.arg.id({ required: true }), text: t.arg.string({ required: true }) },
    errors: {},
    resolve: (_r, { meetingId, text }, ctx) =>
      ctx.em.transactional(async (tx) => {
        const meeting = await writableMeeting({ ...ctx, em: tx }, String(meetingId));
        if (!meeting.minutesApprovedAt) {
          throw new ValidationError([
            { path: ['meetingId'], message: 'The minutes are not approved yet: edit them instead' },
          ]);
        }
        if (text.trim().length < 2) {
          throw new ValidationError([{ path: ['text'], message: 'Say what is corrected' }]);
        }
        tx.create(MinutesCorrection, { id: randomUUID(), tenantId: meeting.tenantId, meeting, text: text.trim() });
        return meeting;
      }),
  }),
}));
