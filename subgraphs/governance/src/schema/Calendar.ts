import { cacheable } from '@finsam/kit/cache-control.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { today } from '@finsam/kit/dates.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { readableStyrgrupper } from '../domain/bodies.js';
import {
  DEADLINES,
  type DeadlineKind,
  deadlines,
  mergeUpcoming,
  type Upcoming,
  type UpcomingMeeting,
  upcomingLimit,
} from '../domain/calendar.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';
import { InterventionRef, insatsReader, seesIntervention } from './Intervention.js';
import { MeetingRef } from './Meeting.js';

const DeadlineKindEnum = builder.enumType('DeadlineKind', {
  description: 'A deadline of the årshjul, fixed by FINSAM and the förbund’s own rules; computed from the date.',
  values: Object.fromEntries(Object.entries(DEADLINES).map(([k, description]) => [k, { description }])) as Record<
    DeadlineKind,
    { description: string }
  >,
});

const UpcomingRef = builder.objectRef<Upcoming>('UpcomingItem').implement({
  directives: cacheable,
  description: 'What is due next: a meeting or a deadline.',
  fields: (t) => ({
    date: t.field({ type: 'Date', description: 'The day of the meeting or deadline.', resolve: (u) => u.date }),
    title: t.string({
      description: 'The deadline’s title (e.g. "Budget och verksamhetsplan 2023"), the meeting’s, or "Sammanträde".',
      resolve: (u) => u.deadline?.title ?? u.title ?? 'Sammanträde',
    }),
    meeting: t.field({
      type: MeetingRef,
      nullable: true,
      description: 'The meeting, for a meeting; null for a deadline.',
      resolve: (u) => u.meetingId,
    }),
    deadline: t.field({
      type: DeadlineKindEnum,
      nullable: true,
      description: 'Which deadline, for a deadline; null for a meeting.',
      resolve: (u) => u.deadline?.kind ?? null,
    }),
  }),
});

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
    const visible = readableStyrgrupper(insatsReader(ctx));
    const bodies = visible ? `b."intervention_id" = any(${bind(pgArray(visible))}::uuid[])` : 'true';
    const own = `m."tenant_id" = ${bind(scope.forbundId)}::uuid and ${bodies}`;
    text = `${meetings(own)} order by m."date", m."id" limit ${bind(limit)}`;
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

builder.objectField(ForbundRef, 'upcoming', (t) =>
  t.field({
    type: [UpcomingRef],
    description: 'The next meetings of the förbund’s bodies you may see, and the förbund’s deadlines, in date order.',
    authScopes: { tenantReader: true, steering: true },
    args: {
      from: t.arg({ type: 'Date', description: 'Default: today.' }),
      limit: t.arg.int({ description: 'Default 10, at most 100.' }),
    },
    resolve: async (f, { from, limit }, ctx) => {
      const start = from ?? today();
      const n = upcomingLimit(limit);
      const meetings = await nextMeetings(ctx, { forbundId: f.id }, start, n);
      return mergeUpcoming(meetings, deadlines(start, ['ANNUAL_REPORT', 'HALF_YEAR_REPORT', 'BUDGET_AND_PLAN'], n), n);
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
          ? mergeUpcoming(
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
