/**
 * A förbund merger's part in finance, asked by governance alone (a service call, not in the client API):
 * the carried insatser's allocations (insatsbudget) for the merger year and later continue in the merged
 * förbund, on the insatser's copies; and, when the decision says so, the merged förbund's budget is the sum
 * of theirs (domain/merger.ts). The old förbund's allocations and budgets stay as their history.
 */
import { mergerArgs } from '@finsam/kit/builder.js';
import { derivedId } from '@finsam/kit/ids.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { type BudgetPart, combinedBudgets } from '../domain/merger.js';
import { Allocation } from '../entities/Allocation.js';
import { Budget } from '../entities/Budget.js';
import { BudgetContribution } from '../entities/BudgetContribution.js';
import { BudgetCostLine, type CostLineCategory } from '../entities/BudgetCostLine.js';
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
      ...mergerArgs(t.arg),
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

builder.mutationField('carryOverBudgets', (t) =>
  t.field({
    type: 'Int',
    description:
      'A merger: for each year from that of `effectiveOn` for which a förbund of `fromIds` has a budget and ' +
      '`intoId` has none, `intoId` gets their sum (members by `fromMemberIds` → `toMemberIds`, insats lines on ' +
      'the copies of `interventionIds`), undecided. Answers how many budgets were made now; repeating it makes ' +
      'none again. Not in the client API: governance’s `mergeForbund` asks it.',
    inaccessible: true,
    authScopes: { platformAdmin: true },
    args: {
      ...mergerArgs(t.arg, 'The merger date (1 January).'),
      interventionIds: t.arg.idList({ required: true, description: 'The insatser carried over (originals).' }),
      fromMemberIds: t.arg.idList({ required: true, description: 'Members of the merging förbund.' }),
      toMemberIds: t.arg.idList({ required: true, description: 'Their counterparts, in the same order.' }),
    },
    resolve: async (_r, args, ctx) => {
      const mergerId = String(args.mergerId);
      const intoId = String(args.intoId);
      const memberOf = new Map(args.fromMemberIds.map((id, i) => [String(id), String(args.toMemberIds[i])]));
      const copyOf = new Map(args.interventionIds.map((id) => [String(id), derivedId(mergerId, String(id))]));
      const parts: BudgetPart[] = [];
      for (const fromId of args.fromIds.map(String)) {
        const budgets = await forkForTenant(ctx.em, fromId).find(
          Budget,
          { year: { $gte: Number(args.effectiveOn.slice(0, 4)) } },
          { populate: ['contributions', 'costLines'] },
        );
        for (const b of budgets) {
          parts.push({
            ...b,
            contributions: b.contributions.getItems(),
            costLines: b.costLines.getItems(),
          });
        }
      }
      return forkForTenant(ctx.em, intoId).transactional(async (tx) => {
        let made = 0;
        for (const c of combinedBudgets(parts, memberOf, copyOf)) {
          // A budget C already has (its own, or this merger's on a repeat) is C's: left as it is.
          if (await tx.count(Budget, { year: c.year })) {
            continue;
          }
          const budget = tx.create(Budget, {
            id: derivedId(mergerId, `budget:${c.year}`),
            tenantId: intoId,
            year: c.year,
            openingEquity: c.openingEquity,
            decidedOn: null,
            prognosisIncome1: c.prognosisIncome1,
            prognosisCosts1: c.prognosisCosts1,
            prognosisIncome2: c.prognosisIncome2,
            prognosisCosts2: c.prognosisCosts2,
          });
          c.contributions.forEach((x, position) =>
            tx.create(BudgetContribution, {
              id: derivedId(budget.id, `contribution:${position}`),
              tenantId: intoId,
              budget,
              memberId: x.memberId,
              amount: x.amount,
              position,
            }),
          );
          c.costLines.forEach((l, position) =>
            tx.create(BudgetCostLine, {
              id: derivedId(budget.id, `cost:${position}`),
              tenantId: intoId,
              budget,
              category: l.category as CostLineCategory,
              interventionId: l.interventionId,
              description: l.description,
              amount: l.amount,
              position,
            }),
          );
          made += 1;
        }
        return made;
      });
    },
  }),
);
