/** An insats' participant deadlines: what is due or overdue (rules in ../domain/deadlines.ts). */
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { today } from '@finsam/kit/dates.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import type { EntityDictionary } from '@mikro-orm/core';
import {
  DEADLINE_KINDS,
  DEFAULT_WITHIN_DAYS,
  type DeadlineKind,
  type DeadlineState,
  dueWithin,
} from '../domain/deadlines.js';
import { Participation } from '../entities/Participation.js';
import { builder } from './builder.js';
import { InterventionRef, staffScope } from './Intervention.js';
import { ParticipationRef } from './Participation.js';

const DeadlineKindEnum = builder.enumType('ParticipationDeadlineKind', {
  description: 'What is owed: a follow-up, an extension decision, or what follows an exit.',
  values: Object.fromEntries(Object.entries(DEADLINE_KINDS).map(([k, description]) => [k, { description }])) as Record<
    DeadlineKind,
    { description: string }
  >,
});

interface Due {
  kind: DeadlineKind;
  due: string;
  participation: Participation;
  overdue: boolean;
}

const DueRef = builder.objectRef<Due>('ParticipationDeadline').implement({
  description: 'Something a participation owes, and by when.',
  fields: (t) => ({
    kind: t.field({ type: DeadlineKindEnum, description: 'What is owed.', resolve: (d) => d.kind }),
    due: t.field({ type: 'Date', description: 'The last day for it.', resolve: (d) => d.due }),
    overdue: t.exposeBoolean('overdue', { description: 'The day has passed (as of the day asked about).' }),
    participation: t.field({
      type: ParticipationRef,
      description: 'The participation that owes it.',
      resolve: (d) => d.participation,
    }),
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
  level_6_months: Participation['level6Months'];
  level_18_months: Participation['level18Months'];
  /** Of an enrolled participation only. */
  last_follow_up: string | null;
};

const stateOf = (r: DeadlineRow): DeadlineState => ({
  status: r.status,
  enrolledOn: r.enrolled_on,
  plannedEnd: r.planned_end,
  exitedOn: r.exited_on,
  finalDocumentationSentOn: r.final_documentation_sent_on,
  level6Months: r.level_6_months,
  level18Months: r.level_18_months,
  lastFollowUp: r.last_follow_up,
});

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
        or (p."status" = 'EXITED' and (p."final_documentation_sent_on" is null
          or p."level_6_months" is null or p."level_18_months" is null)))
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
      within: t.arg.int({
        description: `Only what is due within this many days (default ${DEFAULT_WITHIN_DAYS}); overdue always shows.`,
      }),
    },
    resolve: async (i, { asOf, within }, ctx) => {
      const asOfDay = asOf ?? today();
      const due: Due[] = [];
      for (const row of await deadlineRows(ctx, i.id)) {
        const owed = dueWithin(stateOf(row), asOfDay, within ?? DEFAULT_WITHIN_DAYS);
        if (owed.length === 0) {
          continue;
        }
        const participation = participationOf(ctx, row);
        for (const d of owed) {
          due.push({ ...d, participation });
        }
      }
      // Stable: deadlines due the same day stay in participation order.
      return due.sort((a, b) => a.due.localeCompare(b.due));
    },
  }),
);
