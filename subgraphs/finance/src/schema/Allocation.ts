import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { unknownInterventionIssues } from '@finsam/kit/directory.js';
import { ValidationError } from '@finsam/kit/errors.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { Allocation } from '../entities/Allocation.js';
import { builder } from './builder.js';
import { InterventionRef, intervention, readsFiguresOf } from './Intervention.js';
import { amountSchema, kronor } from './money.js';

export const YEAR = z.number().int().min(2004, 'FINSAM began in 2004').max(2200);

const AllocationRef = builder.objectRef<Allocation>('Allocation').implement({
  description: 'Tilldelade medel: what the förbund grants an insats for a year, in whole kronor.',
  fields: (t) => ({
    id: t.exposeID('id'),
    intervention: t.field({ type: InterventionRef, resolve: (a) => intervention(a.interventionId) }),
    year: t.exposeInt('year'),
    amount: t.int({ description: 'Kronor.', resolve: (a) => kronor(a.amount) }),
  }),
});

/** The allocations of these insatser for a year, in one query; keyed by intervention id. */
async function allocationsFor(
  ctx: SubgraphContext,
  interventionIds: readonly string[],
  year: number,
): Promise<Map<string, Allocation>> {
  const found = await ctx.em.find(Allocation, { interventionId: { $in: [...interventionIds] }, year });
  return new Map(found.map((a) => [a.interventionId, a]));
}

builder.objectFields(InterventionRef, (t) => ({
  allocation: t.loadable({
    type: AllocationRef,
    nullable: true,
    description: 'Tilldelade medel for the year; null when none is decided.',
    authScopes: readsFiguresOf,
    byPath: true,
    args: { year: t.arg.int({ required: true }) },
    load: async (keys, ctx, { year }) => {
      const ids = keys as string[];
      const byId = await allocationsFor(ctx, ids, year);
      return ids.map((id) => byId.get(id) ?? null);
    },
    resolve: (i) => i.id,
  }),
}));

const allocationSchema = z.object({ interventionId: z.uuid('Not an insats id'), year: YEAR, amount: amountSchema });

builder.mutationFields((t) => ({
  setAllocation: t.field({
    type: AllocationRef,
    description:
      "Decides an insats' tilldelade medel for a year (replacing an earlier decision). Förbund administrators only.",
    authScopes: { tenantAdmin: true },
    args: {
      interventionId: t.arg.id({ required: true }),
      year: t.arg.int({ required: true }),
      amount: t.arg.int({ required: true, description: 'Whole kronor.' }),
    },
    errors: {},
    resolve: async (_root, args, ctx) => {
      const data = parseInput(allocationSchema, { ...args, interventionId: String(args.interventionId) }, []);
      const issues = await unknownInterventionIssues(ctx, [{ id: data.interventionId, path: ['interventionId'] }]);
      if (issues.length) {
        throw new ValidationError(issues);
      }
      return ctx.em.transactional(async (tx) => {
        const current = await tx.findOne(Allocation, { interventionId: data.interventionId, year: data.year });
        if (current) {
          current.amount = BigInt(data.amount);
          return current;
        }
        return tx.create(Allocation, {
          id: randomUUID(),
          tenantId: tenantOf(ctx),
          interventionId: data.interventionId,
          year: data.year,
          amount: BigInt(data.amount),
        });
      });
    },
  }),
}));
