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
import { Requisition } from '../entities/Requisition.js';
import { RequisitionLine } from '../entities/RequisitionLine.js';
import { DEMO_ALLOCATIONS, DEMO_BUDGETS, demoRequisitions } from './money.js';

export async function seedFinance(orm: MikroORM): Promise<void> {
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
