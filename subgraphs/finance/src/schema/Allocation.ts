import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { unknownInterventionIssues } from '@finsam/kit/directory.js';
import { ValidationError } from '@finsam/kit/errors.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { allocationInput } from '../domain/allocations.js';
import { Allocation } from '../entities/Allocation.js';
import { builder } from './builder.js';
import { InterventionRef, intervention } from './Intervention.js';

const AllocationRef = builder.objectRef<Allocation>('Allocation').implement({
  description: 'Tilldelade medel: what the förbund grants an insats for a year, in whole kronor.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The allocation's id; a new decision for the year keeps it." }),
    intervention: t.field({
      type: InterventionRef,
      description: 'The insats the money is granted to.',
      resolve: (a) => intervention(a.interventionId),
    }),
    year: t.exposeInt('year', { description: 'The calendar year the money is for.' }),
    amount: t.field({ type: 'Kronor', description: 'Kronor.', resolve: (a) => a.amount }),
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
    description:
      "Tilldelade medel for the year; null when none is decided. Read by the förbund's administrators and board, " +
      "and by the insats' own staff.",
    authScopes: (i) => ({ reportReader: true, insatsStaff: i.id }),
    byPath: true,
    args: { year: t.arg.int({ required: true, description: 'The calendar year.' }) },
    load: async (keys, ctx, { year }) => {
      const ids = keys as string[];
      const byId = await allocationsFor(ctx, ids, year);
      return ids.map((id) => byId.get(id) ?? null);
    },
    resolve: (i) => i.id,
  }),
}));

builder.mutationFields((t) => ({
  setAllocation: t.field({
    type: AllocationRef,
    description:
      "Decides an insats' tilldelade medel for a year (replacing an earlier decision). Förbund administrators only.",
    authScopes: { tenantAdmin: true },
    args: {
      interventionId: t.arg.id({ required: true, description: 'An insats of your förbund.' }),
      year: t.arg.int({ required: true, description: 'The calendar year the money is for (2004 or later).' }),
      amount: t.arg({ type: 'Kronor', required: true, description: 'Whole kronor.' }),
    },
    errors: {},
    resolve: async (_root, args, ctx) => {
      const data = parseInput(allocationInput, { ...args, interventionId: String(args.interventionId) }, []);
      const issues = await unknownInterventionIssues(ctx, [{ id: data.interventionId, path: ['interventionId'] }]);
      if (issues.length) {
        throw new ValidationError(issues);
      }
      // A decision replaces the year's earlier one: an upsert, so two decisions for a new year at the same
      // moment apply one after the other (the last stays) instead of one failing on the unique key.
      return ctx.em.transactional((tx) =>
        tx.upsert(
          Allocation,
          {
            id: randomUUID(),
            tenantId: tenantOf(ctx),
            interventionId: data.interventionId,
            year: data.year,
            amount: BigInt(data.amount),
            updatedAt: new Date(),
          },
          { onConflictFields: ['tenantId', 'interventionId', 'year'], onConflictExcludeFields: ['id'] },
        ),
      );
    },
  }),
}));
