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
import { Instrument } from '@finsam/indicators/entities/Instrument.js';
import { InstrumentItem } from '@finsam/indicators/entities/InstrumentItem.js';
import { SurveyRound } from '@finsam/indicators/entities/SurveyRound.js';
import { DEMO_INSTRUMENT, DEMO_ROUNDS, demoAnswers, demoRoundTenant } from './demo-indicators.js';

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
  for (const d of DEMO_INTERVENTIONS) {
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

export async function seedIndicators(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  if (!(await em.count(Instrument, { id: DEMO_INSTRUMENT.id }))) {
    const { items, ...fields } = DEMO_INSTRUMENT;
    await em.transactional(async (tx) => {
      const instrument = tx.create(Instrument, { ...fields, publishedAt: null });
      for (const item of items) tx.create(InstrumentItem, { ...item, instrument });
      await tx.flush();
      // Published last: the trigger refuses item rows under a published instrument.
      instrument.publishedAt = new Date('2019-10-01T00:00:00Z');
    });
  }
  for (const [index, r] of DEMO_ROUNDS.entries()) {
    const tenantId = demoRoundTenant(r);
    const scoped = forkForTenant(orm.em, tenantId);
    if (await scoped.count(SurveyRound, { id: r.id })) continue;
    await scoped.transactional(async (tx) => {
      tx.create(SurveyRound, {
        id: r.id, tenantId, instrument: tx.getReference(Instrument, DEMO_INSTRUMENT.id), periodFrom: r.periodFrom, periodTo: r.periodTo,
        interventionIds: r.answers.map((a) => a.interventionId), opensAt: new Date(r.opensAt), closesAt: new Date(r.closesAt), minimumN: r.minimumN,
        codesIssued: r.answers.reduce((sum, a) => sum + a.count, 0),
      });
      await tx.flush();
      // Answers go in as submit_answer stores them: round, insats, values; nothing else.
      const rows = r.answers.flatMap((a) => demoAnswers(index, a).map((values) => ({ intervention_id: a.interventionId, values })));
      await tx.execute(
        `insert into "answer" ("tenant_id", "round_id", "intervention_id", "values")
         select ?, ?, a."intervention_id", array(select v::int from jsonb_array_elements_text(a."values") with ordinality as e(v, o) order by o)
         from jsonb_to_recordset(?::jsonb) as a("intervention_id" uuid, "values" jsonb)`,
        [tenantId, r.id, JSON.stringify(rows)],
      );
    });
  }
}

/** Seeds per subgraph, by name; subgraphs without demo data are absent. */
export const SEEDS: Record<string, (orm: MikroORM) => Promise<void>> = {
  governance: seedGovernance,
  teams: seedTeams,
  indicators: seedIndicators,
};
