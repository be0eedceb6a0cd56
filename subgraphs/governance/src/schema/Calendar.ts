import { cacheable } from '@finsam/kit/cache-control.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { today } from '@finsam/kit/dates.js';
import { badArgument } from '@finsam/kit/errors.js';
import { interventionScope } from '@finsam/kit/identity.js';
import { dueDate, PERIODS_PER_YEAR } from '@finsam/kit/requisition-periods.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';
import { InterventionRef, seesIntervention } from './Intervention.js';
import { MeetingRef } from './Meeting.js';

/**
 * The årshjul: planned meetings plus the deadlines FINSAM and the förbund's own rules fix.
 * Deadlines are computed, never stored: they follow from the date.
 */
export const DEADLINES = {
  BUDGET_AND_PLAN: 'Budget och verksamhetsplan for next year decided by the board (30 November)',
  ANNUAL_REPORT: 'Årsredovisning for last year (within 3 months of year end)',
  HALF_YEAR_REPORT: 'Halvårsrapport January–June (by 31 August)',
  REQUISITION: 'Rekvisitioner for the last two-month period (one month after it ends)',
} as const;
type DeadlineKind = keyof typeof DEADLINES;

interface Deadline {
  date: string;
  kind: DeadlineKind;
  title: string;
}

const DeadlineKindEnum = builder.enumType('DeadlineKind', {
  values: Object.fromEntries(Object.entries(DEADLINES).map(([k, description]) => [k, { description }])) as Record<
    DeadlineKind,
    { description: string }
  >,
});

/** Deadlines from `from` onwards, for as many years as `limit` items need. */
export function deadlines(from: string, kinds: readonly DeadlineKind[], limit: number): Deadline[] {
  const year = Number(from.slice(0, 4));
  const out: Deadline[] = [];
  for (let y = year; y <= year + 2; y++) {
    if (kinds.includes('ANNUAL_REPORT')) {
      out.push({ date: `${y}-03-31`, kind: 'ANNUAL_REPORT', title: `Årsredovisning ${y - 1}` });
    }
    if (kinds.includes('HALF_YEAR_REPORT')) {
      out.push({ date: `${y}-08-31`, kind: 'HALF_YEAR_REPORT', title: `Halvårsrapport jan–jun ${y}` });
    }
    if (kinds.includes('BUDGET_AND_PLAN')) {
      out.push({ date: `${y}-11-30`, kind: 'BUDGET_AND_PLAN', title: `Budget och verksamhetsplan ${y + 1}` });
    }
    if (kinds.includes('REQUISITION')) {
      // Periods Jan–Feb, Mar–Apr, …; each is due on the last day of the month after it ends.
      for (let period = 1; period <= PERIODS_PER_YEAR; period++) {
        out.push({ date: dueDate(y, period), kind: 'REQUISITION', title: `Rekvisition ${y} period ${period}` });
      }
    }
  }
  return out
    .filter((d) => d.date >= from)
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, limit);
}

/** A meeting as the calendar lists it; the meeting itself is loaded only if asked for. */
interface UpcomingMeeting {
  id: string;
  date: string;
  title: string | null;
}

type Upcoming = { date: string; title: string | null; meetingId: string | null; deadline: Deadline | null };

const UpcomingRef = builder.objectRef<Upcoming>('UpcomingItem').implement({
  directives: cacheable,
  description: 'What is due next: a meeting or a deadline.',
  fields: (t) => ({
    date: t.field({ type: 'Date', resolve: (u) => u.date }),
    title: t.string({ resolve: (u) => u.deadline?.title ?? u.title ?? 'Sammanträde' }),
    meeting: t.field({ type: MeetingRef, nullable: true, resolve: (u) => u.meetingId }),
    deadline: t.field({ type: DeadlineKindEnum, nullable: true, resolve: (u) => u.deadline?.kind ?? null }),
  }),
});

function merge(meetings: UpcomingMeeting[], due: Deadline[], limit: number): Upcoming[] {
  return [
    ...meetings.map((m) => ({ date: m.date, title: m.title, meetingId: m.id, deadline: null })),
    ...due.map((d) => ({ date: d.date, title: null, meetingId: null, deadline: d })),
  ]
    .sort((a, b) => a.date.localeCompare(b.date) || (a.deadline ? 1 : -1))
    .slice(0, limit);
}

/**
 * The next meetings from `from`: of the förbund's bodies the caller may see (`forbundId`), at most
 * `limit`; or of these insatser's styrgrupper (`interventionIds`), at most `limit` each. Only the
 * columns the calendar shows, in one statement; the tenant filter's condition on both tables.
 */
export async function nextMeetings(
  ctx: SubgraphContext,
  scope: { forbundId: string } | { interventionIds: string[] },
  from: string,
  limit: number,
): Promise<(UpcomingMeeting & { intervention_id: string | null })[]> {
  const { bind, build, tenant } = tenantSql(ctx.em);
  const meetings = (where: string) => `
    select b."intervention_id", m."id", to_char(m."date", 'YYYY-MM-DD') as "date", m."title"
    from "meeting" m join "body" b on b."id" = m."body_id" and ${tenant('b')}
    where ${tenant('m')} and m."date" >= ${bind(from)}::date and ${where}`;
  let text: string;
  if ('forbundId' in scope) {
    const visible = interventionScope(ctx.identity);
    const bodies = visible ? `b."intervention_id" = any(${bind(pgArray(visible))}::uuid[])` : 'true';
    text = `${meetings(`m."tenant_id" = ${bind(scope.forbundId)}::uuid and ${bodies}`)} order by m."date", m."id" limit ${bind(limit)}`;
  } else {
    text = `
      select "intervention_id", "id", "date", "title" from (
        select *, row_number() over (partition by "intervention_id" order by "date", "id") as "n"
        from (${meetings(`b."intervention_id" = any(${bind(pgArray(scope.interventionIds))}::uuid[])`)}) as "found"
      ) as "ranked"
      where "n" <= ${bind(limit)} order by "date", "id"`;
  }
  const { sql, params } = build(text);
  return ctx.em.execute(sql, params);
}

/** How many calendar items to give: 10 unless asked, at most 100; a negative count is the caller's mistake. */
function upcomingLimit(limit: number | null | undefined): number {
  if (limit != null && limit < 0) {
    throw badArgument('limit', 'limit is 0 or more');
  }
  return Math.min(limit ?? 10, 100);
}

builder.objectField(ForbundRef, 'upcoming', (t) =>
  t.field({
    type: [UpcomingRef],
    description: 'The next meetings of the förbund’s bodies you may see, and the förbund’s deadlines, in date order.',
    authScopes: { tenantReader: true },
    args: {
      from: t.arg({ type: 'Date', description: 'Default: today.' }),
      limit: t.arg.int({ description: 'Default 10, at most 100.' }),
    },
    resolve: async (f, { from, limit }, ctx) => {
      const start = from ?? today();
      const n = upcomingLimit(limit);
      const meetings = await nextMeetings(ctx, { forbundId: f.id }, start, n);
      return merge(meetings, deadlines(start, ['ANNUAL_REPORT', 'HALF_YEAR_REPORT', 'BUDGET_AND_PLAN'], n), n);
    },
  }),
);

builder.objectFields(InterventionRef, (t) => ({
  // Loaded for all insatser of a request at once: a förbund's dashboard lists them all.
  upcoming: t.loadableList({
    type: UpcomingRef,
    description: 'The insats’ next styrgrupp meetings and requisition deadlines.',
    authScopes: { tenantReader: true },
    byPath: true,
    args: {
      from: t.arg({ type: 'Date', description: 'Default: today.' }),
      limit: t.arg.int({ description: 'Default 10, at most 100.' }),
    },
    load: async (keys, ctx, { from, limit }) => {
      const ids = (keys as string[]).filter((id) => seesIntervention(ctx.identity, id));
      const start = from ?? today();
      const n = upcomingLimit(limit);
      const meetings = ids.length ? await nextMeetings(ctx, { interventionIds: ids }, start, n) : [];
      const due = deadlines(start, ['REQUISITION'], n);
      return (keys as string[]).map((id) =>
        ids.includes(id)
          ? merge(
              meetings.filter((m) => m.intervention_id === id),
              due,
              n,
            )
          : [],
      );
    },
    resolve: (i) => i.id,
  }),
}));
