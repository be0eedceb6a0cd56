/**
 * A förbund merger's part in finance, asked by governance alone (a service call, not in the client API):
 * the carried insatser's allocations (insatsbudget) for the merger year and later continue in the merged
 * förbund, on the insatser's copies. The old förbund's allocations stay as its history; the merged
 * förbund's own budget (medlemsbidrag) is its own to decide (governance's domain/merger.ts).
 */
import { derivedId } from '@finsam/kit/ids.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { Allocation } from '../entities/Allocation.js';
import { builder } from './builder.js';

builder.mutationField('carryOverAllocations', (t) =>
  t.field({
    type: 'Int',
    description:
      'A merger: the allocations of the insatser `interventionIds` (of `fromIds`) for the year of `effectiveOn` and ' +
      'later continue in `intoId` on the insatser’s copies (`derivedId(mergerId, id)`). Answers how many were ' +
      'carried now; repeating it carries none again. Not in the client API: governance’s `mergeForbund` asks it.',
    inaccessible: true,
    authScopes: { platformAdmin: true },
    args: {
      mergerId: t.arg.id({ required: true, description: 'The merger.' }),
      fromIds: t.arg.idList({ required: true, description: 'The merging förbund.' }),
      intoId: t.arg.id({ required: true, description: 'The merged förbund.' }),
      effectiveOn: t.arg({ type: 'Date', required: true, description: 'The merger date.' }),
      interventionIds: t.arg.idList({ required: true, description: 'The insatser carried over (originals).' }),
    },
    resolve: async (_r, args, ctx) => {
      const mergerId = String(args.mergerId);
      const intoId = String(args.intoId);
      let carried = 0;
      for (const fromId of args.fromIds.map(String)) {
        const allocations = await forkForTenant(ctx.em, fromId).find(Allocation, {
          interventionId: { $in: args.interventionIds.map(String) },
          year: { $gte: Number(args.effectiveOn.slice(0, 4)) },
        });
        await forkForTenant(ctx.em, intoId).transactional(async (tx) => {
          for (const a of allocations) {
            const id = derivedId(mergerId, a.id);
            if (await tx.findOne(Allocation, { id })) {
              continue;
            }
            tx.create(Allocation, {
              id,
              tenantId: intoId,
              interventionId: derivedId(mergerId, a.interventionId),
              year: a.year,
              amount: a.amount,
            });
            carried += 1;
          }
        });
      }
      return carried;
    },
  }),
);
