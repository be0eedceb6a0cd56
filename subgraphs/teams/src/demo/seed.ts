/**
 * Teams' idempotent demo seed, run as the database owner: an insats that already exists is left as
 * it is (an administrator may have edited it).
 */
import { randomUUID } from 'node:crypto';
import { demoMemberId, forbundBySlug } from '@finsam/governance/demo/forbund.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Intervention } from '../entities/Intervention.js';
import { LocalGoal } from '../entities/LocalGoal.js';
import { StaffPosition } from '../entities/StaffPosition.js';
import { StructuralEvent } from '../entities/StructuralEvent.js';
import { DEMO_INTERVENTIONS } from './interventions.js';
import { checkDemoIntervention } from './rules.js';

export async function seedTeams(orm: MikroORM): Promise<void> {
  for (const d of DEMO_INTERVENTIONS) {
    const tenantId = forbundBySlug(d.forbund).id;
    const member = (ref: string) => demoMemberId(tenantId, ref);
    const em = forkForTenant(orm.em, tenantId);
    if (await em.count(Intervention, { id: d.id })) {
      continue;
    }
    // The rules a client's insats goes through (creation, staff, goals, events): a broken demo insats stops the seed.
    checkDemoIntervention(d);
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
        ...(d.referralDecidedBy ? { referralDecidedBy: d.referralDecidedBy } : {}),
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
        tx.create(StaffPosition, {
          id: randomUUID(),
          tenantId,
          intervention,
          role: s.role,
          employerMemberId: member(s.employer),
          ftePercent: s.ftePercent,
          financing: s.financing,
          fromDate: s.from,
          toDate: s.to ?? null,
        });
      }
      for (const g of d.goals) {
        tx.create(LocalGoal, { id: randomUUID(), tenantId, intervention, ...g, result: g.result ?? null });
      }
      for (const e of d.events) {
        tx.create(StructuralEvent, { id: randomUUID(), tenantId, intervention, ...e });
      }
    });
  }
}
