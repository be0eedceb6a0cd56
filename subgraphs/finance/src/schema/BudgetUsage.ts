import { cacheable } from '@finsam/kit/cache-control.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { PERIODS_PER_YEAR } from '@finsam/kit/requisition-periods.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { differens, forecast, noUsage, overUsed, type Usage } from '../domain/allocations.js';
import { COUNTED_STATUSES } from '../entities/Requisition.js';
import { builder } from './builder.js';
import { InterventionRef, intervention } from './Intervention.js';

interface UsageRow {
  intervention_id: string;
  /** bigint sums, as text: never through a float. */
  allocated: string;
  used: string;
  periods_counted: number;
  pending: string;
}

/** Whose usage: these insatser, or every insats of a förbund with an allocation or a requisition that year. */
type UsageScope = { interventionIds: readonly string[] } | { forbundId: string };

/**
 * Usage in a year, summed by the database in one statement: allocations, and requisitions'
 * lines by status (used = approved and paid; submitted ones are pending). `untilPeriod`: count
 * only requisitions of periods up to it (3 = January–June). Tenant walls as everywhere: the
 * fork's tenant filter as a condition on every table, and RLS on the fork's transaction.
 */
async function usageRows(
  ctx: SubgraphContext,
  scope: UsageScope,
  year: number,
  untilPeriod: number,
): Promise<UsageRow[]> {
  const { bind, build, tenant } = tenantSql(ctx.em);
  const counted = pgArray(COUNTED_STATUSES);
  const wanted =
    'interventionIds' in scope
      ? `select unnest(${bind(pgArray(scope.interventionIds))}::uuid[]) as "intervention_id"`
      : `select a."intervention_id" from "allocation" a
         where ${tenant('a')} and a."tenant_id" = ${bind(scope.forbundId)}::uuid and a."year" = ${bind(year)}
         union select r."intervention_id" from "requisition" r
         where ${tenant('r')} and r."tenant_id" = ${bind(scope.forbundId)}::uuid and r."year" = ${bind(year)}`;
  const { sql, params } = build(`
    with "wanted" as (${wanted}),
    "usage" as (
      select r."intervention_id",
        sum(l."amount") filter (where r."status" = any(${bind(counted)}::text[])) as "used",
        count(distinct r."period")
          filter (where r."status" = any(${bind(counted)}::text[]))::int as "periods_counted",
        sum(l."amount") filter (where r."status" = 'SUBMITTED') as "pending"
      from "requisition" r
      left join "requisition_line" l on l."requisition_id" = r."id" and ${tenant('l')}
      where ${tenant('r')} and r."year" = ${bind(year)} and r."period" <= ${bind(untilPeriod)}
        and r."intervention_id" in (select "intervention_id" from "wanted")
      group by r."intervention_id"
    )
    select w."intervention_id",
      coalesce(a."amount", 0)::text as "allocated",
      coalesce(u."used", 0)::text as "used",
      coalesce(u."periods_counted", 0) as "periods_counted",
      coalesce(u."pending", 0)::text as "pending"
    from "wanted" w
    left join "allocation" a
      on a."intervention_id" = w."intervention_id" and a."year" = ${bind(year)} and ${tenant('a')}
    left join "usage" u on u."intervention_id" = w."intervention_id"
    order by w."intervention_id"`);
  return ctx.em.execute<UsageRow[]>(sql, params);
}

const usageOf = (row: UsageRow, year: number): Usage => ({
  interventionId: row.intervention_id,
  year,
  allocated: BigInt(row.allocated),
  used: BigInt(row.used),
  periodsCounted: row.periods_counted,
  pending: BigInt(row.pending),
});

/** Usage of these insatser in a year, in their order; one statement for any number of them. */
export async function usageFor(
  ctx: SubgraphContext,
  interventionIds: readonly string[],
  year: number,
  untilPeriod = PERIODS_PER_YEAR,
): Promise<Usage[]> {
  const rows = await usageRows(ctx, { interventionIds }, year, untilPeriod);
  const byId = new Map(rows.map((r) => [r.intervention_id, r]));
  return interventionIds.map((id) => {
    const row = byId.get(id);
    return row ? usageOf(row, year) : noUsage(id, year);
  });
}

/** Usage of every insats of a förbund with an allocation or a requisition that year, by id. */
export async function forbundUsage(
  ctx: SubgraphContext,
  forbundId: string,
  year: number,
  untilPeriod = PERIODS_PER_YEAR,
): Promise<Usage[]> {
  return (await usageRows(ctx, { forbundId }, year, untilPeriod)).map((row) => usageOf(row, year));
}

export const BudgetUsageRef = builder.objectRef<Usage>('BudgetUsage').implement({
  directives: cacheable,
  description:
    "An insats' money in a year, computed from its allocation and requisitions (the Årsrapport's budget table row).",
  fields: (t) => ({
    intervention: t.field({
      type: InterventionRef,
      description: 'The insats the figures are for.',
      resolve: (u) => intervention(u.interventionId),
    }),
    year: t.exposeInt('year', { description: 'The calendar year the figures are for.' }),
    allocated: t.field({
      type: 'Kronor',
      description: 'Tilldelade medel, kronor (0 when none is decided).',
      resolve: (u) => u.allocated,
    }),
    used: t.field({
      type: 'Kronor',
      description: 'Förbrukat: approved and paid requisitions, kronor.',
      resolve: (u) => u.used,
    }),
    differens: t.field({
      type: 'Kronor',
      description: 'Differens = tilldelat − förbrukat; negative when over-used.',
      resolve: (u) => differens(u),
    }),
    overUsed: t.boolean({ description: 'More used than allocated.', resolve: overUsed }),
    pending: t.field({
      type: 'Kronor',
      description: 'Submitted requisitions not yet decided, kronor.',
      resolve: (u) => u.pending,
    }),
    periodsCounted: t.exposeInt('periodsCounted', {
      description: 'Two-month periods with an approved or paid requisition.',
    }),
    forecast: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Prognos for the year at the pace so far (used per counted period × 6); null before any is counted.',
      resolve: (u) => {
        const value = forecast(u);
        return value === null ? null : value;
      },
    }),
  }),
});

builder.objectFields(InterventionRef, (t) => ({
  budgetUsage: t.loadable({
    type: BudgetUsageRef,
    description:
      "Tilldelat, förbrukat, differens and prognos for the year. Read by the förbund's administrators and board, " +
      "and by the insats' own staff.",
    authScopes: (i) => ({ reportReader: true, insatsStaff: i.id }),
    byPath: true,
    args: { year: t.arg.int({ required: true, description: 'The calendar year.' }) },
    load: (ids, ctx, { year }) => usageFor(ctx, ids as string[], year),
    resolve: (i) => i.id,
  }),
}));
