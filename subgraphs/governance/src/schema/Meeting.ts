import { randomUUID } from 'node:crypto';
import { lockForUpdate } from '@finsam/kit/conflicts.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { NotFoundError } from '@finsam/kit/errors.js';
import { maxLength } from '@finsam/kit/input.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { refuse, refuseConflict } from '../domain/issues.js';
import {
  approvalConflict,
  approvalIssues,
  correctionIssues,
  recordingConflict,
  recordingIssues,
} from '../domain/minutes.js';
import { Body } from '../entities/Body.js';
import { Meeting } from '../entities/Meeting.js';
import { MinutesCorrection } from '../entities/MinutesCorrection.js';
import { BodyRef, visibleBodies } from './Body.js';
import { builder } from './builder.js';

const CorrectionRef = builder.objectRef<MinutesCorrection>('MinutesCorrection').implement({
  description: 'A correction to approved minutes; the approved text stays as it was.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The correction’s id.' }),
    text: t.exposeString('text', { description: 'What is corrected (rättelse).' }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the correction was recorded.',
      resolve: (c) => c.createdAt,
    }),
  }),
});

export const MeetingRef = builder.loadableObject('Meeting', {
  description: 'A sammanträde of a body: planned in the årshjul, then held, with minutes.',
  authScopes: { tenantReader: true, steering: true },
  load: (ids: string[], ctx) => ctx.em.find(Meeting, { id: { $in: ids }, body: visibleBodies(ctx) }),
  sort: (m) => m.id,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The meeting’s id.' }),
    date: t.field({ type: 'Date', description: 'The day of the meeting.', resolve: (m) => m.date }),
    title: t.exposeString('title', { nullable: true, description: 'A title, if the meeting has one of its own.' }),
    body: t.field({
      type: BodyRef,
      description: 'The body that meets.',
      resolve: (m, _a, ctx) => BodyRef.getDataloader(ctx).load(m.body.id),
    }),
    agenda: t.exposeStringList('agenda', { description: 'Dagordning.' }),
    attendance: t.exposeIDList('attendance', { description: 'Seats present.' }),
    minutes: t.exposeString('minutes', {
      nullable: true,
      description: 'Minnesanteckningar/protokoll: staffing, volume, activities.',
    }),
    minutesApproved: t.boolean({
      description: 'Whether the minutes are approved (justerade): from then on they never change.',
      resolve: (m) => m.minutesApprovedAt != null,
    }),
    corrections: t.field({
      type: [CorrectionRef],
      description: 'Corrections to the approved minutes, oldest first.',
      resolve: (m, _a, ctx) => ctx.em.find(MinutesCorrection, { meeting: m.id }, { orderBy: { createdAt: 'asc' } }),
    }),
  }),
});

builder.objectField(BodyRef, 'meetings', (t) =>
  t.field({
    type: [MeetingRef],
    description: 'The body’s meetings (sammanträden), in date order.',
    args: { year: t.arg.int({ description: 'Only meetings of this calendar year; all if left out.' }) },
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

/**
 * A meeting to change, with its body and seats, locked until the transaction ends (every change of a
 * meeting goes through here, inside `em.transactional`): two changes at the same time — an approval and
 * a decision, two approvals — run one after the other, each seeing the meeting as the other left it.
 */
export async function writableMeeting(ctx: SubgraphContext, id: string) {
  const meeting = await lockForUpdate(ctx.em, Meeting, { id });
  if (!meeting) {
    throw new NotFoundError(['meetingId'], `No meeting ${id} in your förbund`);
  }
  await ctx.em.populate(meeting, ['body', 'body.members']);
  return meeting;
}

builder.mutationFields((t) => ({
  planMeeting: t.field({
    type: MeetingRef,
    description: 'Puts a meeting in the årshjul. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: {
      bodyId: t.arg.id({ required: true, description: 'The body that meets.' }),
      date: t.arg({ type: 'Date', required: true, description: 'The day of the meeting.' }),
      title: t.arg.string({ description: 'A title of its own, at most 200 characters.' }),
      agenda: t.arg.stringList({ description: 'Dagordning planned so far, one item each; empty if left out.' }),
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
      meetingId: t.arg.id({ required: true, description: 'The meeting held.' }),
      agenda: t.arg.stringList({ required: true, description: 'Dagordning as it was held, one item each.' }),
      attendance: t.arg.idList({ required: true, description: 'The seats present: seats of the body only.' }),
      minutes: t.arg.string({
        required: true,
        description:
          'Minnesanteckningar/protokoll: what was discussed (staffing, volume, activities); ' +
          'at most 100 000 characters.',
        extensions: maxLength(100_000),
      }),
    },
    errors: {},
    resolve: async (_r, { meetingId, ...input }, ctx) => {
      const data = parseInput(recordSchema, input, []);
      return ctx.em.transactional(async (tx) => {
        const meeting = await writableMeeting({ ...ctx, em: tx }, String(meetingId));
        const seats = new Set(
          meeting.body
            .getEntity()
            .members.getItems()
            .map((s) => s.id),
        );
        refuseConflict(recordingConflict(meeting));
        refuse(recordingIssues(data.attendance, seats));
        tx.assign(meeting, data);
        return meeting;
      });
    },
  }),
  approveMinutes: t.field({
    type: MeetingRef,
    description: 'Approves (justerar) the minutes: from now on they are an official record and never change.',
    authScopes: { reportReader: true },
    args: { meetingId: t.arg.id({ required: true, description: 'The meeting whose minutes are approved.' }) },
    errors: {},
    resolve: (_r, { meetingId }, ctx) =>
      ctx.em.transactional(async (tx) => {
        const meeting = await writableMeeting({ ...ctx, em: tx }, String(meetingId));
        refuseConflict(approvalConflict(meeting));
        refuse(approvalIssues(meeting));
        meeting.minutesApprovedAt = new Date();
        return meeting;
      }),
  }),
  correctMinutes: t.field({
    type: MeetingRef,
    description: 'Adds a correction to approved minutes; the approved text is kept.',
    authScopes: { reportReader: true },
    args: {
      meetingId: t.arg.id({ required: true, description: 'The meeting whose approved minutes are corrected.' }),
      text: t.arg.string({
        required: true,
        description: 'What is corrected (rättelse), at most 20 000 characters.',
        extensions: maxLength(20_000),
      }),
    },
    errors: {},
    resolve: (_r, { meetingId, text }, ctx) =>
      ctx.em.transactional(async (tx) => {
        const meeting = await writableMeeting({ ...ctx, em: tx }, String(meetingId));
        refuse(correctionIssues(meeting, text));
        tx.create(MinutesCorrection, { id: randomUUID(), tenantId: meeting.tenantId, meeting, text: text.trim() });
        return meeting;
      }),
  }),
}));
