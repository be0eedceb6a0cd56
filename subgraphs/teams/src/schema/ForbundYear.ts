/**
 * Teams' part of a förbund's year: staffing (årsarbetare per insats, role and employing member,
 * weighted by the days each position covered the year) and structural attendees per insats.
 * Set-based SQL, one statement per table asked and period, for every förbund of the request;
 * no person in it, so the county may read it too.
 */

import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { type ForbundYearKey, forbundYearEntity, periodBounds, type ReportPeriod } from '@finsam/kit/forbund-year.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { STAFF_ROLES } from '../entities/StaffPosition.js';
import { builder } from './builder.js';
import { InterventionRef } from './Intervention.js';
import { MemberRef, member } from './Member.js';
import { StaffRoleEnum } from './StaffPosition.js';

interface StaffingRow {
  tenant_id: string;
  intervention_id: string;
  role: (typeof STAFF_ROLES)[number];
  employer_member_id: string;
  fte_percent: number;
}
interface AttendeeRow {
  tenant_id: string;
  intervention_id: string;
  events: number;
  attendees: number;
}

type Query = (ctx: SubgraphContext, tenants: string[], from: string, to: string) => { sql: string; params: unknown[] };

// A position held for half the year at 100 % counts 50 (percent of one årsarbetare).
const staffingQuery: Query = (ctx, tenants, from, to) => {
  const { bind, build, tenant } = tenantSql(ctx.em);
  return build(`
with a as (
  select ${bind(pgArray(tenants))}::uuid[] as tenants, ${bind(from)}::date as y_from, ${bind(to)}::date as y_to
)
select s."tenant_id", s."intervention_id", s."role", s."employer_member_id",
  round(sum(
    s."fte_percent" * (least(coalesce(s."to_date", a.y_to), a.y_to) - greatest(s."from_date", a.y_from) + 1)::numeric
    / (a.y_to - a.y_from + 1)
  ))::int as fte_percent
from "staff_position" s, a
where ${tenant('s')} and s."tenant_id" = any(a.tenants)
  and s."from_date" <= a.y_to and (s."to_date" is null or s."to_date" >= a.y_from)
group by 1, 2, 3, 4, a.y_from, a.y_to order by 1, 2, 3, 4`);
};

const attendeesQuery: Query = (ctx, tenants, from, to) => {
  const { bind, build, tenant } = tenantSql(ctx.em);
  return build(`
select e."tenant_id", e."intervention_id", count(*)::int as events, sum(e."attendees")::int as attendees
from "structural_event" e
where ${tenant('e')} and e."tenant_id" = any(${bind(pgArray(tenants))}::uuid[])
  and e."date" between ${bind(from)} and ${bind(to)}
group by 1, 2 order by 1, 2`);
};

/**
 * One table's rows for every (förbund, year, period) of a request: one statement per period
 * asked, for all its förbund at once. Keys are already visibility-checked; the tenant filter
 * (`tenantSql`) and RLS bind the statement as well.
 */
function yearTable<R extends { tenant_id: string }>(query: Query) {
  return createContextCache(
    (ctx: SubgraphContext) =>
      new DataLoader<ForbundYearKey & { period: ReportPeriod }, R[], string>(
        async (keys) => {
          const periodOf = (k: { year: number; period: ReportPeriod }) => `${k.year}:${k.period}`;
          // As PostgreSQL writes a uuid: a key may spell it in capitals (a county report's argument).
          const tenantOf = (k: ForbundYearKey) => k.forbundId.toLowerCase();
          const byPeriod = new Map<string, R[]>();
          await Promise.all(
            [...new Set(keys.map(periodOf))].map(async (p) => {
              const asked = keys.filter((k) => periodOf(k) === p);
              const { from, to } = periodBounds(asked[0]!.year, asked[0]!.period);
              const { sql, params } = query(ctx, [...new Set(asked.map(tenantOf))], from, to);
              byPeriod.set(p, await ctx.em.execute<R[]>(sql, params));
            }),
          );
          return keys.map((k) => byPeriod.get(periodOf(k))!.filter((r) => r.tenant_id === tenantOf(k)));
        },
        { cacheKeyFn: (k) => `${k.forbundId}:${k.year}:${k.period}` },
      ),
  );
}

const staffing = yearTable<StaffingRow>(staffingQuery);
const attendees = yearTable<AttendeeRow>(attendeesQuery);

const StaffingFigure = builder.objectRef<StaffingRow>('StaffingYearFigure').implement({
  description: 'Bemanning: årsarbetare of one role from one member in one insats over the year.',
  fields: (t) => ({
    intervention: t.field({ type: InterventionRef, description: 'The insats.', resolve: (r) => r.intervention_id }),
    role: t.field({ type: StaffRoleEnum, description: 'The role, e.g. verksamhetsledare.', resolve: (r) => r.role }),
    employer: t.field({
      type: MemberRef,
      description: 'Arbetsgivare (the member who employs).',
      resolve: (r) => member(r.employer_member_id),
    }),
    fte: t.exposeInt('fte_percent', {
      description: 'Percent of one årsarbetare, weighted by the days held in the year.',
    }),
  }),
});

const AttendeeFigure = builder.objectRef<AttendeeRow>('StructuralAttendeesYear').implement({
  description: 'Strukturövergripande insats: events held and deltagare (attendees) counted in the year.',
  fields: (t) => ({
    intervention: t.field({ type: InterventionRef, description: 'The insats.', resolve: (r) => r.intervention_id }),
    events: t.exposeInt('events', { description: 'Events held in the year (or its first half).' }),
    attendees: t.exposeInt('attendees', { description: 'Deltagare of those events together.' }),
  }),
});

export const { ForbundYearRef, Period } = forbundYearEntity(builder);

builder.objectFields(ForbundYearRef, (t) => ({
  staffing: t.field({
    type: [StaffingFigure],
    description:
      'Bemanning: årsarbetare per insats, role and employing member, weighted by the days each position was held.',
    authScopes: { figureReader: true },
    args: {
      period: t.arg({
        type: Period,
        defaultValue: 'YEAR',
        required: true,
        description: 'The whole year (default) or January–June.',
      }),
    },
    resolve: (k, { period }, ctx) => staffing(ctx).load({ ...k, period }),
  }),
  structuralAttendees: t.field({
    type: [AttendeeFigure],
    description: 'Strukturövergripande insatser: events and attendees (deltagare) per insats.',
    authScopes: { figureReader: true },
    args: {
      period: t.arg({
        type: Period,
        defaultValue: 'YEAR',
        required: true,
        description: 'The whole year (default) or January–June.',
      }),
    },
    resolve: (k, { period }, ctx) => attendees(ctx).load({ ...k, period }),
  }),
}));
