/** An insats' participant deadlines: what is due or overdue (rules in ../domain/deadlines.ts). */
import type { SubgraphContext } from '@finsam/kit/context.js';
import { today } from '@finsam/kit/dates.js';
import {
  DEADLINE_KINDS,
  DEFAULT_WITHIN_DAYS,
  type DeadlineKind,
  type DeadlineState,
  dueWithin,
} from '../domain/deadlines.js';
import { builder } from './builder.js';
import { InterventionRef } from './Intervention.js';
import { ParticipationRef, type ParticipationView, participationRows } from './Participation.js';

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
  participation: ParticipationView;
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

/**
 * The participations of an insats with something left to do (exits whose follow-ups are all
 * recorded have no deadline), each with the date of its latest follow-up (of an enrolled one only):
 * one statement, rows rather than entities (`participationRows`), in participation order.
 */
const deadlineRows = (ctx: SubgraphContext, interventionId: string) =>
  participationRows<Pick<DeadlineState, 'lastFollowUp'>>(ctx, {
    extra: ({ tenant }) => `case when p."status" = 'ENROLLED' then (
        select max(f."date") from "follow_up" f where f."participation_id" = p."id" and ${tenant('f')}
      ) end as "lastFollowUp"`,
    where: ({ bind }) => `p."intervention_id" = ${bind(interventionId)}::uuid
      and (p."status" = 'ENROLLED'
        or (p."status" = 'EXITED' and (p."final_documentation_sent_on" is null
          or p."level_6_months" is null or p."level_18_months" is null)))`,
    orderBy: 'p."id"',
  });

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
        for (const d of dueWithin(row, asOfDay, within ?? DEFAULT_WITHIN_DAYS)) {
          due.push({ ...d, participation: row });
        }
      }
      // Stable: deadlines due the same day stay in participation order.
      return due.sort((a, b) => a.due.localeCompare(b.due));
    },
  }),
);
