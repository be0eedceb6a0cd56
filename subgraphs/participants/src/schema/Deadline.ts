import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { addDays, addMonths, today } from '@finsam/kit/dates.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import type { EntityDictionary } from '@mikro-orm/core';
import { Participation } from '../entities/Participation.js';
import { builder } from './builder.js';
import { InterventionRef, staffScope } from './Intervention.js';
import { ParticipationRef } from './Participation.js';

const DEADLINE_KINDS = {
  FOLLOW_UP: 'A follow-up with participant and referrer, at most 3 months after the last',
  PLANNED_END: 'The planned end passed without an extension decision',
  FINAL_DOCUMENTATION: 'Final documentation to participant and referrer within 3 weeks of exit',
  AFTER_6_MONTHS: 'Follow-up 6 months after exit',
  AFTER_18_MONTHS: 'Follow-up 18 months after exit',
} as const;
type Kind = keyof typeof DEADLINE_KINDS;

const DeadlineKindEnum = builder.enumType('ParticipationDeadlineKind', {
  values: Object.fromEntries(Object.entries(DEADLINE_KINDS).map(([k, description]) => [k, { description }])) as Record<
    Kind,
    { description: string }
  >,
});

interface Due {
  kind: Kind;
  due: string;
  participation: Participation;
  overdue: boolean;
}

const DueRef = builder.objectRef<Due>('ParticipationDeadline').implement({
  fields: (t) => ({
    kind: t.field({ type: DeadlineKindEnum, resolve: (d) => d.kind }),
    due: t.field({ type: 'Date', resolve: (d) => d.due }),
    overdue: t.exposeBoolean('overdue'),
    participation: t.field({ type: ParticipationRef, resolve: (d) => d.participation }),
  }),
});

/** A participation row as the database has it (for `em.map`), with the date of its latest follow-up. */
type DeadlineRow = EntityDictionary<Participation> & {
  id: string;
  status: Participation['status'];
  enrolled_on: string | null;
  planned_end: string | null;
  exited_on: string | null;
  final_documentation_sent_on: string | null;
  level_6_months: string | null;
  level_18_months: string | null;
  /** Of an enrolled participation only. */
  last_follow_up: string | null;
};

/** What a participation owes next, as of a date. */
function deadlinesOf(p: DeadlineRow, asOf: string): { kind: Kind; due: string }[] {
  const out: { kind: Kind; due: string }[] = [];
  if (p.status === 'ENROLLED' && p.enrolled_on) {
    out.push({ kind: 'FOLLOW_UP', due: addMonths(p.last_follow_up ?? p.enrolled_on, 3) });
    if (p.planned_end && p.planned_end < asOf) {
      out.push({ kind: 'PLANNED_END', due: p.planned_end });
    }
  }
  if (p.status === 'EXITED' && p.exited_on) {
    const exit = p.exited_on;
    if (!p.final_documentation_sent_on) {
      out.push({ kind: 'FINAL_DOCUMENTATION', due: addDays(exit, 21) });
    }
    if (!p.level_6_months) {
      out.push({ kind: 'AFTER_6_MONTHS', due: addMonths(exit, 6) });
    }
    if (!p.level_18_months) {
      out.push({ kind: 'AFTER_18_MONTHS', due: addMonths(exit, 18) });
    }
  }
  return out;
}

/**
 * The participations of an insats with something left to do (exits whose follow-ups are all
 * recorded have no deadline), each with the date of its latest follow-up: one statement, and no
 * entity made for a participation with nothing due in the window.
 */
async function deadlineRows(ctx: SubgraphContext, interventionId: string): Promise<DeadlineRow[]> {
  const { bind, build, tenant } = tenantSql(ctx.em);
  const { sql, params } = build(`
    select p.*, case when p."status" = 'ENROLLED' then (
        select max(f."date") from "follow_up" f where f."participation_id" = p."id" and ${tenant('f')}
      ) end as "last_follow_up"
    from "participation" p
    where ${tenant('p')} and p."intervention_id" = ${bind(interventionId)}::uuid
      and p."intervention_id" = any(${bind(pgArray(staffScope(ctx).interventionId.$in))}::uuid[])
      and (p."status" = 'ENROLLED'
        or (p."status" = 'EXITED' and (p."final_documentation_sent_on" is null or p."level_6_months" is null or p."level_18_months" is null)))
    order by p."id"`);
  return ctx.em.execute<DeadlineRow[]>(sql, params);
}

/** The participation of a row: the one this request already has, or made from the row. */
function participationOf(ctx: SubgraphContext, row: DeadlineRow): Participation {
  const { last_follow_up: _, ...columns } = row;
  return ctx.em.getUnitOfWork().getById(Participation, row.id) ?? ctx.em.map(Participation, columns);
}

builder.objectField(InterventionRef, 'participantDeadlines', (t) =>
  t.field({
    type: [DueRef],
    description: 'What is due or overdue for the insats’ participants, soonest first (staff of the insats).',
    authScopes: { staff: true },
    args: {
      asOf: t.arg({ type: 'Date', description: 'Default: today.' }),
      within: t.arg.int({ description: 'Only what is due within this many days (default 30); overdue always shows.' }),
    },
    resolve: async (i, { asOf, within }, ctx) => {
      const asOfDay = asOf ?? today();
      const horizon = addDays(asOfDay, within ?? 30);
      const due: Due[] = [];
      for (const row of await deadlineRows(ctx, i.id)) {
        const owed = deadlinesOf(row, asOfDay).filter((d) => d.due <= horizon);
        if (owed.length === 0) {
          continue;
        }
        const participation = participationOf(ctx, row);
        for (const d of owed) {
          due.push({ ...d, participation, overdue: d.due < asOfDay });
        }
      }
      // Stable: deadlines due the same day stay in participation order.
      return due.sort((a, b) => a.due.localeCompare(b.due));
    },
  }),
);
