/** Follow-ups while enrolled (uppföljning): the type, a participation's follow-ups, and recording one. */
import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { recordFollowUp } from '../domain/lifecycle.js';
import { orRefuse } from '../domain/verdict.js';
import { type FOLLOW_UP_DECISIONS, FollowUp } from '../entities/FollowUp.js';
import type { Participation } from '../entities/Participation.js';
import { builder } from './builder.js';
import { entityOf, own, PARTICIPATION_ID, ParticipationRef } from './Participation.js';

const FollowUpDecisionEnum = builder.enumType('FollowUpDecision', {
  description: 'What a follow-up decided about the participation.',
  values: {
    CONTINUE: { description: 'Continue as planned.' },
    CHANGE: { description: 'Change the plan.' },
    END: { description: 'End the participation (the exit itself is recorded by `exitParticipation`).' },
  } satisfies Record<(typeof FOLLOW_UP_DECISIONS)[number], { description: string }>,
});

/** A follow-up as the graph shows it: the entity, or a row read for `latestFollowUp`. */
type FollowUpView = Pick<FollowUp, 'id' | 'date' | 'referrerPresent' | 'decision'>;

const FollowUpRef = builder.objectRef<FollowUpView>('FollowUp').implement({
  description: 'A follow-up with the participant and the referrer, at least every third month while enrolled.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The follow-up’s id.' }),
    date: t.field({ type: 'Date', description: 'The day of the follow-up.', resolve: (f) => f.date }),
    referrerPresent: t.exposeBoolean('referrerPresent', { description: 'Whether the referrer took part.' }),
    decision: t.field({ type: FollowUpDecisionEnum, description: 'What was decided.', resolve: (f) => f.decision }),
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
          select distinct on (f."participation_id")
            f."participation_id", f."id", to_char(f."date", 'YYYY-MM-DD') as "date", f."referrer_present", f."decision"
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

builder.objectFields(ParticipationRef, (t) => ({
  followUps: t.field({
    type: [FollowUpRef],
    description: 'Follow-ups, oldest first.',
    resolve: async (p, _a, ctx) => followUps(await entityOf(ctx, p)),
  }),
  latestFollowUp: t.field({
    type: FollowUpRef,
    nullable: true,
    description: 'The latest follow-up (by date), if any.',
    resolve: (p, _a, ctx) => latestFollowUps(ctx).load(p.id),
  }),
}));

builder.mutationField('recordFollowUp', (t) =>
  t.field({
    type: ParticipationRef,
    description: 'A follow-up with participant and referrer (at least every third month).',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true, description: PARTICIPATION_ID }),
      date: t.arg({ type: 'Date', required: true, description: 'The day of the follow-up; not before enrolment.' }),
      referrerPresent: t.arg.boolean({ required: true, description: 'Whether the referrer took part.' }),
      decision: t.arg({ type: FollowUpDecisionEnum, required: true, description: 'What was decided.' }),
    },
    errors: {},
    resolve: (_r, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, String(args.participationId));
        orRefuse(recordFollowUp(p, args.date));
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
);
