/** The förbund's own costs (kansli, löner och arvoden, …), recorded as they occur. */
import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { costYear, forbundCostInput, OWN_COST_CATEGORIES, type OwnCostCategory } from '../domain/forbund-costs.js';
import { ForbundCost } from '../entities/ForbundCost.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';

const NAMES: Record<OwnCostCategory, string> = {
  KANSLI: 'Fast kostnad: kansli.',
  SALARIES_AND_FEES: 'Fast kostnad: löner och arvoden.',
  STRUCTURAL_INTERVENTION: 'Rörlig kostnad: strukturella insatser the förbund pays itself.',
  OTHER: 'Rörlig kostnad: övrigt.',
};
export const OwnCostCategoryEnum = builder.enumType('ForbundCostCategory', {
  description: 'Kostnadsslag of a cost the förbund records itself (an individinsats’ costs come by rekvisition).',
  values: Object.fromEntries(OWN_COST_CATEGORIES.map((c) => [c, { description: NAMES[c] }])) as Record<
    OwnCostCategory,
    { description: string }
  >,
});

const ForbundCostRef = builder.objectRef<ForbundCost>('ForbundCost').implement({
  description: 'One of the förbund’s own costs as it occurred (kansli, arvoden, …), in whole kronor.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The cost’s id.' }),
    bookedOn: t.field({ type: 'Date', description: 'The day it was booked.', resolve: (c) => c.bookedOn }),
    category: t.field({ type: OwnCostCategoryEnum, description: 'Kostnadsslag.', resolve: (c) => c.category }),
    description: t.exposeString('description', { description: 'What it was.' }),
    amount: t.field({ type: 'Kronor', description: 'Kronor.', resolve: (c) => c.amount }),
  }),
});

/** The förbund's own costs of a year, booked up to `until` (a date) when given; oldest first. */
export function ownCostsOf(ctx: SubgraphContext, tenantId: string, year: number, until?: string) {
  return ctx.em.find(
    ForbundCost,
    { tenantId, year, ...(until ? { bookedOn: { $lte: until } } : {}) },
    { orderBy: { bookedOn: 'asc', createdAt: 'asc' } },
  );
}

builder.objectFields(ForbundRef, (t) => ({
  costs: t.field({
    type: [ForbundCostRef],
    description: 'The förbund’s own costs recorded for a year, oldest first.',
    authScopes: { reportReader: true },
    args: { year: t.arg.int({ required: true, description: 'The calendar year.' }) },
    resolve: (forbund, { year }, ctx) => ownCostsOf(ctx, forbund.id, year),
  }),
}));

const RecordForbundCostInput = builder.inputType('RecordForbundCostInput', {
  description: 'One of the förbund’s own costs as it occurred.',
  fields: (t) => ({
    bookedOn: t.field({ type: 'Date', required: true, description: 'The day it was booked; its year is the cost’s.' }),
    category: t.field({ type: OwnCostCategoryEnum, required: true, description: 'Kostnadsslag.' }),
    description: t.string({ required: true, description: 'What it was, 2–200 characters.' }),
    amount: t.field({ type: 'Kronor', required: true, description: 'Whole kronor, more than 0.' }),
  }),
});

builder.mutationFields((t) => ({
  recordForbundCost: t.field({
    type: ForbundCostRef,
    description: 'Records one of the förbund’s own costs (kansli, arvoden, …). Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: RecordForbundCostInput, required: true, description: 'The cost.' }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(forbundCostInput, input);
      return ctx.em.transactional(async (tx) =>
        tx.create(ForbundCost, {
          id: randomUUID(),
          tenantId: tenantOf(ctx),
          year: costYear(data.bookedOn),
          bookedOn: data.bookedOn,
          category: data.category,
          description: data.description,
          amount: BigInt(data.amount),
          createdAt: new Date(),
        }),
      );
    },
  }),
}));
