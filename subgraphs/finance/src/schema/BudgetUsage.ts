import type { SubgraphContext } from '@finsam/kit/context.js';
import { builder } from './builder.js';
import { InterventionRef, intervention, readsFiguresOf } from './Intervention.js';
import { allocationsFor } from './Allocation.js';
import { requisitionAmount, requisitionsFor } from './Requisition.js';
import { kronor, sum } from './money.js';
import { PERIODS_PER_YEAR } from './periods.js';
import { COUNTED_STATUSES } from '../entities/Requisition.js';

/** The raw figures of one insats and year; everything else is derived from them on read. */
export interface Usage {
  interventionId: string;
  year: number;
  allocated: bigint;
  used: bigint;
  /** Distinct periods with a counted requisition: the pace so far. */
  periodsCounted: number;
  pending: bigint;
}

/**
 * Usage of these insatser in a year, in a constant number of queries (allocations; requisitions
 * with their lines). Used = approved and paid requisitions; submitted ones are pending.
 */
/** `untilPeriod`: count only requisitions of periods up to it (3 = January–June). */
export async function usageFor(ctx: SubgraphContext, interventionIds: readonly string[], year: number, untilPeriod = 6): Promise<Usage[]> {
  const [allocations, requisitions] = await Promise.all([
    allocationsFor(ctx, interventionIds, year),
    requisitionsFor(ctx, interventionIds, { year, statuses: [...COUNTED_STATUSES, 'SUBMITTED'] }),
  ]);
  return interventionIds.map((id) => {
    const own = requisitions.filter((r) => r.interventionId === id && r.period <= untilPeriod);
    const counted = own.filter((r) => COUNTED_STATUSES.includes(r.status));
    return {
      interventionId: id,
      year,
      allocated: allocations.get(id)?.amount ?? 0n,
      used: sum(counted.map(requisitionAmount)),
      periodsCounted: new Set(counted.map((r) => r.period)).size,
      pending: sum(own.filter((r) => r.status === 'SUBMITTED').map(requisitionAmount)),
    };
  });
}

/** Used per period counted so far, for the whole year; rounded half up to whole kronor. */
export function forecast(u: Pick<Usage, 'used' | 'periodsCounted'>): bigint | null {
  if (u.periodsCounted === 0) return null;
  const periods = BigInt(u.periodsCounted);
  return (u.used * BigInt(PERIODS_PER_YEAR) * 2n + periods) / (2n * periods);
}

export const BudgetUsageRef = builder.objectRef<Usage>('BudgetUsage').implement({
  description: "An insats' money in a year, computed from its allocation and requisitions (the Årsrapport's budget table row).",
  fields: (t) => ({
    intervention: t.field({ type: InterventionRef, resolve: (u) => intervention(u.interventionId) }),
    year: t.exposeInt('year'),
    allocated: t.int({ description: 'Tilldelade medel, kronor (0 when none is decided).', resolve: (u) => kronor(u.allocated) }),
    used: t.int({ description: 'Förbrukat: approved and paid requisitions, kronor.', resolve: (u) => kronor(u.used) }),
    differens: t.int({ description: 'Differens = tilldelat − förbrukat; negative when over-used.', resolve: (u) => kronor(u.allocated - u.used) }),
    overUsed: t.boolean({ description: 'More used than allocated.', resolve: (u) => u.used > u.allocated }),
    pending: t.int({ description: 'Submitted requisitions not yet decided, kronor.', resolve: (u) => kronor(u.pending) }),
    periodsCounted: t.exposeInt('periodsCounted', { description: 'Two-month periods with an approved or paid requisition.' }),
    forecast: t.int({
      nullable: true,
      description: 'Prognos for the year at the pace so far (used per counted period × 6); null before any is counted.',
      resolve: (u) => {
        const value = forecast(u);
        return value === null ? null : kronor(value);
      },
    }),
  }),
});

builder.objectFields(InterventionRef, (t) => ({
  budgetUsage: t.loadable({
    type: BudgetUsageRef,
    description: 'Allocated, used, differens and forecast for the year.',
    authScopes: readsFiguresOf,
    byPath: true,
    args: { year: t.arg.int({ required: true }) },
    load: (ids, ctx, { year }) => usageFor(ctx, ids as string[], year),
    resolve: (i) => i.id,
  }),
}));
