import { randomUUID } from 'node:crypto';
/**
 * Idempotent demo seed, run as the database owner: a förbund that already exists is left as it
 * is (an administrator may have edited it).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { Forbund } from '@finsam/governance/entities/Forbund.js';
import { Member } from '@finsam/governance/entities/Member.js';
import { Intervention } from '@finsam/teams/entities/Intervention.js';
import { StaffPosition } from '@finsam/teams/entities/StaffPosition.js';
import { LocalGoal } from '@finsam/teams/entities/LocalGoal.js';
import { StructuralEvent } from '@finsam/teams/entities/StructuralEvent.js';
import { DEMO_FORBUND, demoMemberId, memberRef, forbundBySlug } from './demo.js';
import { DEMO_INTERVENTIONS } from './demo-teams.js';
import { Budget } from '@finsam/finance/entities/Budget.js';
import { BudgetContribution } from '@finsam/finance/entities/BudgetContribution.js';
import { BudgetCostLine } from '@finsam/finance/entities/BudgetCostLine.js';
import { Allocation } from '@finsam/finance/entities/Allocation.js';
import { Requisition } from '@finsam/finance/entities/Requisition.js';
import { RequisitionLine } from '@finsam/finance/entities/RequisitionLine.js';
import { DEMO_ALLOCATIONS, DEMO_BUDGETS, KURATOR_REGION, demoRequisitions } from './demo-finance.js';

export async function seedGovernance(orm: MikroORM): Promise<void> {
  for (const f of DEMO_FORBUND) {
    const em = forkForTenant(orm.em, f.id);
    if (await em.count(Forbund, { id: f.id })) continue;
    await em.transactional(async (tx) => {
      const forbund = tx.create(Forbund, { id: f.id, tenantId: f.id, name: f.name, slug: f.slug, organisationNumber: f.organisationNumber });
      f.members.forEach((m, position) =>
        tx.create(Member, {
          id: demoMemberId(f.id, memberRef(m)),
          tenantId: f.id,
          forbund,
          kind: m.kind,
          name: m.name,
          scbCode: m.scbCode ?? null,
          shareBasisPoints: m.shareBasisPoints ?? null,
          position,
        }),
      );
    });
  }
}

export async function seedTeams(orm: MikroORM): Promise<void> {
  // Kurator Region lives in the finance demo file: the Årsrapport's budget table needs it.
  for (const d of [...DEMO_INTERVENTIONS, KURATOR_REGION]) {
    const tenantId = forbundBySlug(d.forbund).id;
    const member = (ref: string) => demoMemberId(tenantId, ref);
    const em = forkForTenant(orm.em, tenantId);
    if (await em.count(Intervention, { id: d.id })) continue;
    await em.transactional(async (tx) => {
      const intervention = tx.create(Intervention, {
        id: d.id,
        tenantId,
        name: d.name,
        kind: d.kind,
        form: d.form,
        ownerMemberIds: d.owners.map(member),
        bookkeepingMemberId: member(d.bookkeeping),
        startDate: d.startDate,
        endDate: d.endDate ?? null,
        noticeMonths: d.noticeMonths ?? null,
        kommunCodes: d.kommunCodes,
        targetAgeMin: d.targetAgeMin,
        targetAgeMax: d.targetAgeMax,
        priorityGroups: d.priorityGroups,
        maxEnrolled: d.maxEnrolled ?? null,
        yearlyPlaces: d.yearlyPlaces ?? null,
        methods: d.methods,
        followUpMethod: d.followUpMethod,
        esfFunded: d.esfFunded,
        attendeeTargetPerYear: d.attendeeTargetPerYear ?? null,
        closedReason: null,
      });
      for (const s of d.staff) {
        tx.create(StaffPosition, { id: randomUUID(), tenantId, intervention, role: s.role, employerMemberId: member(s.employer), ftePercent: s.ftePercent, financing: s.financing, fromDate: s.from, toDate: s.to ?? null });
      }
      for (const g of d.goals) tx.create(LocalGoal, { id: randomUUID(), tenantId, intervention, ...g, result: g.result ?? null });
      for (const e of d.events) tx.create(StructuralEvent, { id: randomUUID(), tenantId, intervention, ...e });
    });
  }
}

export async function seedFinance(orm: MikroORM): Promise<void> {
  for (const b of DEMO_BUDGETS) {
    const tenantId = forbundBySlug(b.forbund).id;
    const em = forkForTenant(orm.em, tenantId);
    if (await em.count(Budget, { year: b.year })) continue;
    await em.transactional(async (tx) => {
      const [next, after] = b.prognosis;
      const budget = tx.create(Budget, {
        id: randomUUID(), tenantId, year: b.year, openingEquity: BigInt(b.openingEquity), decidedOn: b.decidedOn,
        prognosisIncome1: BigInt(next.income), prognosisCosts1: BigInt(next.costs), prognosisIncome2: BigInt(after.income), prognosisCosts2: BigInt(after.costs),
      });
      b.contributions.forEach(([ref, amount], position) =>
        tx.create(BudgetContribution, { id: randomUUID(), tenantId, budget, memberId: demoMemberId(tenantId, ref), amount: BigInt(amount), position }),
      );
      b.costLines.forEach((l, position) =>
        tx.create(BudgetCostLine, { id: randomUUID(), tenantId, budget, category: l.category, interventionId: l.interventionId ?? null, description: l.description, amount: BigInt(l.amount), position }),
      );
    });
  }
  for (const a of DEMO_ALLOCATIONS) {
    const tenantId = forbundBySlug(a.forbund).id;
    const em = forkForTenant(orm.em, tenantId);
    if (await em.count(Allocation, { interventionId: a.interventionId, year: a.year })) continue;
    await em.transactional(async (tx) => {
      tx.create(Allocation, { id: randomUUID(), tenantId, interventionId: a.interventionId, year: a.year, amount: BigInt(a.allocated) });
      for (const r of demoRequisitions(a)) {
        const requisition = tx.create(Requisition, {
          id: randomUUID(), tenantId, interventionId: a.interventionId, year: a.year, period: r.period, submittedOn: r.submittedOn, status: 'PAID', rejectionReason: null, version: 3,
        });
        r.lines.forEach((l, position) => tx.create(RequisitionLine, { id: randomUUID(), tenantId, requisition, category: l.category, amount: BigInt(l.amount), position }));
      }
    });
  }
}

/** Seeds per subgraph, by name; subgraphs without demo data are absent. */
export const SEEDS: Record<string, (orm: MikroORM) => Promise<void>> = {
  governance: seedGovernance,
  teams: seedTeams,
  finance: seedFinance,
};
