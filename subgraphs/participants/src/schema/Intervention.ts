import { cacheable } from '@finsam/kit/cache-control.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { type InsatsPeriod, type ReferralDecider, type TargetGroup, workingInsatser } from '../domain/lifecycle.js';
import { builder } from './builder.js';

/** Enrolled now per insats, for every insats of a request in one query. */
const enrolledCounts = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<string, number>(async (ids) => {
      // Counted by the database: an insats may have hundreds enrolled, none of them needed here.
      const { bind, build, tenant } = tenantSql(ctx.em);
      const { sql, params } = build(`select p."intervention_id", count(*)::int as n from "participation" p
        where ${tenant('p')} and p."status" = 'ENROLLED'
          and p."intervention_id" = any(${bind(pgArray(ids))}::uuid[])
        group by 1`);
      const rows = await ctx.em.execute<{ intervention_id: string; n: number }[]>(sql, params);
      const byId = new Map(rows.map((r) => [r.intervention_id, r.n]));
      return ids.map((id) => byId.get(id) ?? 0);
    }),
);

const OccupancyRef = builder.objectRef<{ enrolled: number; capacity: number | null }>('Occupancy').implement({
  directives: cacheable,
  description: 'Enrolled now against the most the insats takes at once.',
  fields: (t) => ({
    enrolled: t.exposeInt('enrolled', { description: 'Participants enrolled (inskrivna) now.' }),
    capacity: t.exposeInt('capacity', {
      nullable: true,
      description: 'The most the insats takes at once, as teams keeps it; null when it has no limit set.',
    }),
    overCapacity: t.boolean({
      description: 'A warning: more enrolled than the insats takes.',
      resolve: (o) => o.capacity != null && o.enrolled > o.capacity,
    }),
  }),
});

/** An insats, owned by teams; participants adds who takes part in it. */
export const InterventionRef = builder.externalRef('Intervention', builder.selection<{ id: string }>('id')).implement({
  directives: cacheable,
  externalFields: (t) => ({ id: t.id(), maxEnrolled: t.int({ nullable: true }) }),
  fields: (t) => ({
    occupancy: t.field({
      type: OccupancyRef,
      description:
        'How full the insats is: enrolled now against its capacity (figures only, no person). The förbund’s ' +
        'administrators and board, and the insats’ own staff.',
      // Whatever path led here (a decision, `_entities`): staff read only the insatser they work in.
      authScopes: (i) => ({ reportReader: true, insatsStaff: i.id }),
      // Capacity is teams' to know: the gateway fetches it from there first.
      requires: builder.selection<{ maxEnrolled?: number | null }>('maxEnrolled'),
      resolve: async (i, _a, ctx) => ({
        enrolled: await enrolledCounts(ctx).load(i.id),
        capacity: i.maxEnrolled ?? null,
      }),
    }),
  }),
});

/** Individual records are for the staff of the insats only: the filter for the insatser the caller works in. */
export function staffScope(ctx: SubgraphContext) {
  return { interventionId: { $in: workingInsatser(ctx.identity) } };
}

/** `staffScope` for raw SQL (`tenantSql`): the participation alias' insats is one the caller works in. */
export function staffScopeSql(ctx: SubgraphContext, alias: string, bind: (value: unknown) => string): string {
  return `${alias}."intervention_id" = any(${bind(pgArray(staffScope(ctx).interventionId.$in))}::uuid[])`;
}

/** When the insats runs (start and end date), asked of teams on the caller's behalf; null when not theirs. */
export async function insatsPeriod(ctx: SubgraphContext, interventionId: string): Promise<InsatsPeriod | null> {
  const data = await ctx.services.query<{ intervention: InsatsPeriod | null }>(
    'teams',
    'query ($id: ID!) { intervention(id: $id) { startDate endDate } }',
    { id: interventionId },
  );
  return data.intervention;
}

/** The insats' target ages, asked of teams on the caller's behalf; null when not theirs. */
export async function targetGroup(ctx: SubgraphContext, interventionId: string): Promise<TargetGroup | null> {
  const data = await ctx.services.query<{ intervention: TargetGroup | null }>(
    'teams',
    'query ($id: ID!) { intervention(id: $id) { targetAgeMin targetAgeMax } }',
    { id: interventionId },
  );
  return data.intervention;
}

/** Who decides on referrals to the insats (its insatsbeskrivning), asked of teams; null when not theirs. */
export async function referralDecider(ctx: SubgraphContext, interventionId: string): Promise<ReferralDecider | null> {
  const data = await ctx.services.query<{ intervention: { referralDecidedBy: ReferralDecider } | null }>(
    'teams',
    'query ($id: ID!) { intervention(id: $id) { referralDecidedBy } }',
    { id: interventionId },
  );
  return data.intervention?.referralDecidedBy ?? null;
}
