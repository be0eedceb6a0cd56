/**
 * Teams' part of a förbund's year: staffing (årsarbetare per insats, role and employing member,
 * weighted by the days each position covered the year) and structural attendees per insats.
 * Set-based SQL, one statement per table; no person in it, so the county may read it too.
 */
import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { periodBounds, FIGURE_READERS, type ForbundYearKey, type ReportPeriod, forbundYearEntity } from '@finsam/kit/report-period.js';
import { builder } from './builder.js';
import { InterventionRef } from './Intervention.js';
import { MemberRef, member } from './Member.js';
import { StaffRoleEnum } from './StaffPosition.js';
import type { STAFF_ROLES } from '../entities/StaffPosition.js';

interface StaffingRow { intervention_id: string; role: (typeof STAFF_ROLES)[number]; employer_member_id: string; fte_percent: number }
interface AttendeeRow { intervention_id: string; events: number; attendees: number }

// A position held for half the year at 100 % counts 50 (percent of one årsarbetare).
const STAFFING_SQL = `
with a as (select ?::uuid as tenant, ?::date as y_from, ?::date as y_to)
select s."intervention_id", s."role", s."employer_member_id",
  round(sum(s."fte_percent" * (least(coalesce(s."to_date", a.y_to), a.y_to) - greatest(s."from_date", a.y_from) + 1)::numeric
            / (a.y_to - a.y_from + 1)))::int as fte_percent
from "staff_position" s, a
where s."tenant_id" = a.tenant and s."from_date" <= a.y_to and (s."to_date" is null or s."to_date" >= a.y_from)
group by 1, 2, 3, a.y_from, a.y_to order by 1, 2, 3`;

const ATTENDEES_SQL = `
select e."intervention_id", count(*)::int as events, sum(e."attendees")::int as attendees
from "structural_event" e
where e."tenant_id" = ? and e."date" between ? and ?
group by 1 order by 1`;

const teamYears = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<ForbundYearKey & { period: ReportPeriod }, { staffing: StaffingRow[]; attendees: AttendeeRow[] }, string>(
      (keys) =>
        Promise.all(
          keys.map(async ({ forbundId, year, period }) => {
            const { from, to } = periodBounds(year, period);
            const [staffing, attendees] = await Promise.all([
              ctx.em.execute<StaffingRow[]>(STAFFING_SQL, [forbundId, from, to]),
              ctx.em.execute<AttendeeRow[]>(ATTENDEES_SQL, [forbundId, from, to]),
            ]);
            return { staffing, attendees };
          }),
        ),
      { cacheKeyFn: (k) => `${k.forbundId}:${k.year}:${k.period}` },
    ),
);

const StaffingFigure = builder.objectRef<StaffingRow>('StaffingYearFigure').implement({
  description: 'Bemanning: årsarbetare of one role from one member in one insats over the year.',
  fields: (t) => ({
    intervention: t.field({ type: InterventionRef, resolve: (r) => r.intervention_id }),
    role: t.field({ type: StaffRoleEnum, resolve: (r) => r.role }),
    employer: t.field({ type: MemberRef, description: 'Arbetsgivare (the member who employs).', resolve: (r) => member(r.employer_member_id) }),
    fte: t.exposeInt('fte_percent', { description: 'Percent of one årsarbetare, weighted by the days held in the year.' }),
  }),
});

const AttendeeFigure = builder.objectRef<AttendeeRow>('StructuralAttendeesYear').implement({
  description: 'Strukturövergripande insats: events held and deltagare (attendees) counted in the year.',
  fields: (t) => ({
    intervention: t.field({ type: InterventionRef, resolve: (r) => r.intervention_id }),
    events: t.exposeInt('events'),
    attendees: t.exposeInt('attendees'),
  }),
});

export const { ForbundYearRef, Period } = forbundYearEntity(builder);

builder.objectFields(ForbundYearRef, (t) => ({
  staffing: t.field({
    type: [StaffingFigure],
    authScopes: { role: [...FIGURE_READERS] },
    args: { period: t.arg({ type: Period, defaultValue: 'YEAR', required: true }) },
    resolve: async (k, { period }, ctx) => (await teamYears(ctx).load({ ...k, period })).staffing,
  }),
  structuralAttendees: t.field({
    type: [AttendeeFigure],
    authScopes: { role: [...FIGURE_READERS] },
    args: { period: t.arg({ type: Period, defaultValue: 'YEAR', required: true }) },
    resolve: async (k, { period }, ctx) => (await teamYears(ctx).load({ ...k, period })).attendees,
  }),
}));

