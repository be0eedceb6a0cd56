import { builder } from './builder.js';
import { InterventionRef, staffScope } from './Intervention.js';
import { ParticipationRef } from './Participation.js';
import { Participation } from '../entities/Participation.js';
import { addDays, addMonths, today } from '@finsam/kit/dates.js';

const DEADLINE_KINDS = {
  FOLLOW_UP: 'A follow-up with participant and referrer, at most 3 months after the last',
  PLANNED_END: 'The planned end passed without an extension decision',
  FINAL_DOCUMENTATION: 'Final documentation to participant and referrer within 3 weeks of exit',
  AFTER_6_MONTHS: 'Follow-up 6 months after exit',
  AFTER_18_MONTHS: 'Follow-up 18 months after exit',
} as const;
type Kind = keyof typeof DEADLINE_KINDS;

const DeadlineKindEnum = builder.enumType('ParticipationDeadlineKind', {
  values: Object.fromEntries(Object.entries(DEADLINE_KINDS).map(([k, description]) => [k, { description }])) as Record<Kind, { description: string }>,
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


/** What each participation owes next, as of a date. */
async function deadlinesOf(p: Participation, asOf: string): Promise<Omit<Due, 'overdue'>[]> {
  const out: Omit<Due, 'overdue'>[] = [];
  if (p.status === 'ENROLLED' && p.enrolledOn) {
    const last = (await p.followUps.load({ dataloader: true })).getItems().at(-1);
    out.push({ kind: 'FOLLOW_UP', due: addMonths(last?.date ?? p.enrolledOn, 3), participation: p });
    if (p.plannedEnd && p.plannedEnd < asOf) out.push({ kind: 'PLANNED_END', due: p.plannedEnd, participation: p });
  }
  if (p.status === 'EXITED' && p.exitedOn) {
    const exit = p.exitedOn;
    if (!p.finalDocumentationSentOn) out.push({ kind: 'FINAL_DOCUMENTATION', due: addDays(exit, 21), participation: p });
    if (!p.level6Months) out.push({ kind: 'AFTER_6_MONTHS', due: addMonths(exit, 6), participation: p });
    if (!p.level18Months) out.push({ kind: 'AFTER_18_MONTHS', due: addMonths(exit, 18), participation: p });
  }
  return out;
}

builder.objectField(InterventionRef, 'participantDeadlines', (t) =>
  t.field({
    type: [DueRef],
    description: 'What is due or overdue for the insats’ participants, soonest first (staff of the insats).',
    authScopes: { role: 'staff' },
    args: { asOf: t.arg({ type: 'Date', description: 'Default: today.' }), within: t.arg.int({ description: 'Only what is due within this many days (default 30); overdue always shows.' }) },
    resolve: async (i, { asOf, within }, ctx) => {
      const asOfDay = asOf ?? today();
      const horizon = addDays(asOfDay, within ?? 30);
      // Only participations with something left to do: exits whose follow-ups are all recorded have no deadline.
      // Both conditions on the insats: a spread `staffScope` would be overwritten by `interventionId: i.id`.
      const participations = await ctx.em.find(Participation, {
        $and: [staffScope(ctx), { interventionId: i.id }],
        $or: [{ status: 'ENROLLED' }, { status: 'EXITED', $or: [{ finalDocumentationSentOn: null }, { level6Months: null }, { level18Months: null }] }],
      });
      const all = (await Promise.all(participations.map((p) => deadlinesOf(p, asOfDay)))).flat();
      return all
        .filter((d) => d.due <= horizon)
        .map((d) => ({ ...d, overdue: d.due < asOfDay }))
        .sort((a, b) => a.due.localeCompare(b.due));
    },
  }),
);
