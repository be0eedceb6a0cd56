/**
 * Finance's idempotent demo seed, run as the database owner: a budget year, or an insats' allocation
 * for a year, that already exists is left as it is.
 */
import { randomUUID } from 'node:crypto';
import { demoMemberId, forbundBySlug } from '@finsam/governance/demo/forbund.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Allocation } from '../entities/Allocation.js';
import { Budget } from '../entities/Budget.js';
import { BudgetContribution } from '../entities/BudgetContribution.js';
import { BudgetCostLine } from '../entities/BudgetCostLine.js';
import { ForbundCost } from '../entities/ForbundCost.js';
import { InsatsBudget } from '../entities/InsatsBudget.js';
import { InsatsBudgetLine } from '../entities/InsatsBudgetLine.js';
import { Requisition } from '../entities/Requisition.js';
import { RequisitionLine } from '../entities/RequisitionLine.js';
import { SharedPost } from '../entities/SharedPost.js';
import { SharedPostService } from '../entities/SharedPostService.js';
import {
  DEMO_ALLOCATIONS,
  DEMO_BUDGETS,
  DEMO_INSATS_BUDGETS,
  DEMO_OWN_COSTS,
  DEMO_SHARED_POSTS,
  demoRequisitions,
} from './money.js';

export async function seedFinance(orm: MikroORM): Promise<void> {
  // Shared posts first: their allocations below are keyed by the post's id.
  for (const d of DEMO_SHARED_POSTS) {
    const tenantId = forbundBySlug(d.forbund).id;
    const em = forkForTenant(orm.em, tenantId);
    if (await em.count(SharedPost, { id: d.id })) {
      continue;
    }
    await em.transactional(async (tx) => {
      const post = tx.create(SharedPost, {
        id: d.id,
        tenantId,
        name: d.name,
        role: d.role,
        employerMemberId: demoMemberId(tenantId, d.employer),
        description: d.description,
      });
      d.services.forEach(([interventionId, ftePercent], position) =>
        tx.create(SharedPostService, { id: randomUUID(), tenantId, post, interventionId, ftePercent, position }),
      );
    });
  }
  for (const b of DEMO_INSATS_BUDGETS) {
    const tenantId = forbundBySlug(b.forbund).id;
    const em = forkForTenant(orm.em, tenantId);
    if (await em.count(InsatsBudget, { interventionId: b.interventionId, year: b.year })) {
      continue;
    }
    await em.transactional(async (tx) => {
      const budget = tx.create(InsatsBudget, {
        id: randomUUID(),
        tenantId,
        interventionId: b.interventionId,
        year: b.year,
        note: b.note,
        updatedAt: new Date(),
      });
      const lines = [
        ...b.income.map((l) => ({ side: 'INCOME' as const, category: l.source, lentBy: undefined, ...l })),
        ...b.costs.map((l) => ({ side: 'COST' as const, ...l })),
      ];
      lines.forEach((l, position) =>
        tx.create(InsatsBudgetLine, {
          id: randomUUID(),
          tenantId,
          budget,
          side: l.side,
          category: l.category,
          description: l.description,
          amount: BigInt(l.amount),
          lentByMemberId: l.lentBy ? demoMemberId(tenantId, l.lentBy) : null,
          notedValue: null,
          position,
        }),
      );
    });
  }
  for (const slug of new Set(DEMO_OWN_COSTS.map((c) => c.forbund))) {
    const tenantId = forbundBySlug(slug).id;
    const em = forkForTenant(orm.em, tenantId);
    const costs = DEMO_OWN_COSTS.filter((c) => c.forbund === slug);
    if (
      await em.count(ForbundCost, { year: { $in: [...new Set(costs.map((c) => Number(c.bookedOn.slice(0, 4))))] } })
    ) {
      continue;
    }
    await em.transactional(async (tx) => {
      for (const c of costs) {
        tx.create(ForbundCost, {
          id: randomUUID(),
          tenantId,
          year: Number(c.bookedOn.slice(0, 4)),
          bookedOn: c.bookedOn,
          category: c.category,
          description: c.description,
          amount: BigInt(c.amount),
          createdAt: new Date(),
        });
      }
    });
  }
  for (const b of DEMO_BUDGETS) {
    const tenantId = forbundBySlug(b.forbund).id;
    const em = forkForTenant(orm.em, tenantId);
    if (await em.count(Budget, { year: b.year })) {
      continue;
    }
    await em.transactional(async (tx) => {
      const [next, after] = b.prognosis;
      const budget = tx.create(Budget, {
        id: randomUUID(),
        tenantId,
        year: b.year,
        openingEquity: BigInt(b.openingEquity),
        decidedOn: b.decidedOn,
        prognosisIncome1: BigInt(next.income),
        prognosisCosts1: BigInt(next.costs),
        prognosisIncome2: BigInt(after.income),
        prognosisCosts2: BigInt(after.costs),
      });
      b.contributions.forEach(([ref, amount], position) =>
        tx.create(BudgetContribution, {
          id: randomUUID(),
          tenantId,
          budget,
          memberId: demoMemberId(tenantId, ref),
          amount: BigInt(amount),
          position,
        }),
      );
      b.costLines.forEach((l, position) =>
        tx.create(BudgetCostLine, {
          id: randomUUID(),
          tenantId,
          budget,
          category: l.category,
          interventionId: l.interventionId ?? null,
          description: l.description,
          amount: BigInt(l.amount),
          position,
        }),
      );
    });
  }
  for (const a of DEMO_ALLOCATIONS) {
    const tenantId = forbundBySlug(a.forbund).id;
    const em = forkForTenant(orm.em, tenantId);
    if (await em.count(Allocation, { interventionId: a.interventionId, year: a.year })) {
      continue;
    }
    await em.transactional(async (tx) => {
      tx.create(Allocation, {
        id: randomUUID(),
        tenantId,
        interventionId: a.interventionId,
        year: a.year,
        amount: BigInt(a.allocated),
      });
      for (const r of demoRequisitions(a)) {
        const requisition = tx.create(Requisition, {
          id: randomUUID(),
          tenantId,
          interventionId: a.interventionId,
          year: a.year,
          period: r.period,
          submittedOn: r.submittedOn,
          status: 'PAID',
          rejectionReason: null,
          version: 3,
        });
        r.lines.forEach((l, position) =>
          tx.create(RequisitionLine, {
            id: randomUUID(),
            tenantId,
            requisition,
            category: l.category,
            amount: BigInt(l.amount),
            position,
          }),
        );
      }
    });
  }
}
