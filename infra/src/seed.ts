import { randomUUID } from 'node:crypto';
import { Allocation } from '@finsam/finance/entities/Allocation.js';
import { Budget } from '@finsam/finance/entities/Budget.js';
import { BudgetContribution } from '@finsam/finance/entities/BudgetContribution.js';
import { BudgetCostLine } from '@finsam/finance/entities/BudgetCostLine.js';
import { Requisition } from '@finsam/finance/entities/Requisition.js';
import { RequisitionLine } from '@finsam/finance/entities/RequisitionLine.js';
import { Avvikelse } from '@finsam/governance/entities/Avvikelse.js';
import { Body, type BodyKind } from '@finsam/governance/entities/Body.js';
import { BodyMember } from '@finsam/governance/entities/BodyMember.js';
import { Decision } from '@finsam/governance/entities/Decision.js';
import { Forbund } from '@finsam/governance/entities/Forbund.js';
import { Meeting } from '@finsam/governance/entities/Meeting.js';
import { Member } from '@finsam/governance/entities/Member.js';
import { Instrument } from '@finsam/indicators/entities/Instrument.js';
import { InstrumentItem } from '@finsam/indicators/entities/InstrumentItem.js';
import { SurveyRound } from '@finsam/indicators/entities/SurveyRound.js';
import { addMonths } from '@finsam/kit/dates.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { Participation } from '@finsam/participants/entities/Participation.js';
import { Person } from '@finsam/participants/entities/Person.js';
import { encrypt, personHash, personKeys } from '@finsam/participants/person-crypto.js';
import { Intervention } from '@finsam/teams/entities/Intervention.js';
import { LocalGoal } from '@finsam/teams/entities/LocalGoal.js';
import { StaffPosition } from '@finsam/teams/entities/StaffPosition.js';
import { StructuralEvent } from '@finsam/teams/entities/StructuralEvent.js';
/**
 * Idempotent demo seed, run as the database owner: a förbund that already exists is left as it
 * is (an administrator may have edited it).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { DEMO_FORBUND, demoMemberId, forbundBySlug, memberRef } from './demo.js';
import { DEMO_ALLOCATIONS, DEMO_BUDGETS, demoRequisitions, KURATOR_REGION } from './demo-finance.js';
import { seatName, VASTERAS_2022 } from './demo-governance.js';
import { DEMO_INSTRUMENT, DEMO_ROUNDS, demoAnswers } from './demo-indicators.js';
import { demoParticipations } from './demo-participants.js';
import { DEMO_INTERVENTION_IDS, DEMO_INTERVENTIONS } from './demo-teams.js';

export async function seedGovernance(orm: MikroORM): Promise<void> {
  for (const f of DEMO_FORBUND) {
    const em = forkForTenant(orm.em, f.id);
    if (await em.count(Forbund, { id: f.id })) {
      continue;
    }
    await em.transactional(async (tx) => {
      const forbund = tx.create(Forbund, {
        id: f.id,
        tenantId: f.id,
        name: f.name,
        slug: f.slug,
        organisationNumber: f.organisationNumber,
      });
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

/** Bodies, seats, Västerås' 2022 calendar, a styrgrupp per seeded insats, decisions, avvikelser. */
export async function seedGovernanceBodies(orm: MikroORM): Promise<void> {
  for (const f of DEMO_FORBUND) {
    const em = forkForTenant(orm.em, f.id);
    if (await em.count(Body, {})) {
      continue;
    }
    await em.transactional(async (tx) => {
      const refs = f.members.map(memberRef);
      const body = (kind: BodyKind, name: string, interventionId: string | null, owners: string[]) => {
        const b = tx.create(Body, { id: randomUUID(), tenantId: f.id, kind, name, interventionId });
        owners.forEach((ref, position) =>
          tx.create(BodyMember, {
            id: randomUUID(),
            tenantId: f.id,
            body: b,
            name: seatName(ref, position),
            memberId: demoMemberId(f.id, ref),
            role: 'ORDINARIE',
            voting: kind !== 'MEMBER_COUNCIL',
            mandate: true,
            termFrom: '2019-01-01',
            termTo: null,
            position,
          }),
        );
        // The förbundschef sits in every styrgrupp as adjungerad: takes part, never votes.
        if (kind === 'STEERING_GROUP') {
          tx.create(BodyMember, {
            id: randomUUID(),
            tenantId: f.id,
            body: b,
            name: 'Förbundschef',
            memberId: null,
            role: 'ADJUNGERAD',
            voting: false,
            mandate: false,
            termFrom: '2019-01-01',
            termTo: null,
            position: owners.length,
          });
        }
        return b;
      };
      const board = body('BOARD', 'Förbundsstyrelsen', null, refs);
      const prep = body(
        'PREPARATORY_GROUP',
        f.slug === 'vasteras' ? 'Utvecklingsgruppen' : 'Beredningsgruppen',
        null,
        refs,
      );
      const council = body('MEMBER_COUNCIL', 'Medlemssamråd', null, refs);
      const steering = new Map<string, Body>();
      for (const i of DEMO_INTERVENTIONS.filter((d) => d.forbund === f.slug)) {
        steering.set(i.id, body('STEERING_GROUP', `Styrgrupp ${i.name}`, i.id, i.owners));
      }

      if (f.slug === 'vasteras') {
        const bodies = { BOARD: board, PREPARATORY_GROUP: prep, MEMBER_COUNCIL: council };
        for (const [kind, meetings] of Object.entries(VASTERAS_2022) as [
          keyof typeof bodies,
          { date: string; title?: string }[],
        ][]) {
          for (const m of meetings) {
            tx.create(Meeting, {
              id: randomUUID(),
              tenantId: f.id,
              body: bodies[kind],
              date: m.date,
              title: m.title ?? null,
              agenda: [],
              attendance: [],
              minutes: null,
              minutesApprovedAt: null,
            });
          }
        }
        const budgetMeeting = await tx.findOne(Meeting, { body: board, date: '2022-11-25' });
        tx.create(Decision, {
          id: randomUUID(),
          tenantId: f.id,
          meeting: budgetMeeting!,
          kind: 'BUDGET',
          text: 'Styrelsen fastställer budget 2023 med plan för 2024–2025.',
          interventionId: null,
          participationId: null,
          budgetYear: 2023,
          votes: [],
        });
        tx.create(Decision, {
          id: randomUUID(),
          tenantId: f.id,
          meeting: budgetMeeting!,
          kind: 'VERKSAMHETSPLAN',
          text: 'Styrelsen fastställer verksamhetsplan 2023.',
          interventionId: null,
          participationId: null,
          budgetYear: 2023,
          votes: [],
        });
      }

      if (f.slug === 'norra-vastmanland') {
        const hallsta = DEMO_INTERVENTION_IDS.HALLSTAHAMMAR;
        const sg = steering.get(hallsta)!;
        const meeting = tx.create(Meeting, {
          id: randomUUID(),
          tenantId: f.id,
          body: sg,
          date: '2021-10-20',
          title: 'Styrgrupp Hallstahammar',
          agenda: ['Bemanning', 'Volymer', 'Avvikelser'],
          attendance: [],
          minutes:
            'Teamet har 180 % bemanning. 26 deltagare under året. Avvikelsen om remissvägar hanterad: AF utser kontaktperson.',
          minutesApprovedAt: new Date('2021-10-27T12:00:00Z'),
        });
        const decision = tx.create(Decision, {
          id: randomUUID(),
          tenantId: f.id,
          meeting,
          kind: 'AVVIKELSE',
          text: 'Arbetsförmedlingen utser en kontaktperson för remisser till teamet.',
          interventionId: hallsta,
          participationId: null,
          budgetYear: null,
          votes: [],
        });
        await tx.flush(); // the avvikelse refers to the decision by id column, which the ORM does not order by
        tx.create(Avvikelse, {
          id: randomUUID(),
          tenantId: f.id,
          interventionId: hallsta,
          reportedOn: '2021-10-05',
          description: 'Remisser från Arbetsförmedlingen har uteblivit i två månader.',
          status: 'HANDLED',
          dueOn: '2021-11-04',
          decisionId: decision.id,
          forwardedToMemberId: null,
          reportedBy: 'demo:norra-vastmanland-staff',
        });
        tx.create(Avvikelse, {
          id: randomUUID(),
          tenantId: f.id,
          interventionId: DEMO_INTERVENTION_IDS.SALA,
          reportedOn: '2022-02-01',
          description: 'Deltagare saknar SIP trots samtycke; parterna kallar inte till möte.',
          status: 'RECEIVED',
          dueOn: '2022-03-03',
          decisionId: null,
          forwardedToMemberId: null,
          reportedBy: 'demo:staff',
        });
      }
    });
  }
}

export async function seedTeams(orm: MikroORM): Promise<void> {
  // Kurator Region lives in the finance demo file: the Årsrapport's budget table needs it.
  for (const d of [...DEMO_INTERVENTIONS, KURATOR_REGION]) {
    const tenantId = forbundBySlug(d.forbund).id;
    const member = (ref: string) => demoMemberId(tenantId, ref);
    const em = forkForTenant(orm.em, tenantId);
    if (await em.count(Intervention, { id: d.id })) {
      continue;
    }
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

/** Norra Västmanland's synthetic participants, 2020–2021 (see demo-participants.ts). */
export async function seedParticipants(orm: MikroORM, secrets: Record<string, string>): Promise<void> {
  const tenantId = forbundBySlug('norra-vastmanland').id;
  const em = forkForTenant(orm.em, tenantId);
  if (await em.count(Participation, {})) {
    return;
  }
  const keys = personKeys(secrets);
  await em.transactional(async (tx) => {
    for (const d of demoParticipations()) {
      const person = tx.create(Person, {
        id: randomUUID(),
        tenantId,
        personNumberHash: personHash(keys, tenantId, d.personnummer),
        personNumberCipher: encrypt(keys, d.personnummer),
        nameCipher: null,
      });
      tx.create(Participation, {
        id: randomUUID(),
        tenantId,
        interventionId: d.interventionId,
        person,
        status: d.exitedOn ? 'EXITED' : 'ENROLLED',
        kon: d.kon,
        startYear: Number(d.enrolledOn.slice(0, 4)),
        birthYear: 2021 - d.age,
        ageAtReferral: d.age,
        hemkommun: d.hemkommun,
        referredOn: d.referredOn,
        referrerUnit: d.referrer,
        needsTwoMembers: true,
        motivated: true,
        exclusionGrounds: [],
        studyVisit: 'DONE',
        decisionReason: null,
        decidedOn: d.referredOn,
        consentGivenOn: d.referredOn,
        consentWithdrawnOn: null,
        enrolledOn: d.enrolledOn,
        plannedEnd: addMonths(d.enrolledOn, 12),
        educationLevel: 'GYMNASIUM',
        supportBefore: ['FORSORJNINGSSTOD'],
        yearsInSupport: 2,
        extensionDecisionId: null,
        exitedOn: d.exitedOn,
        outcomes: d.outcome ? [d.outcome] : [],
        supportAfter: null,
        finalDocumentationSentOn: d.exitedOn,
        level6Months: null,
        level18Months: null,
      });
    }
  });
}

export async function seedIndicators(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  if (!(await em.count(Instrument, { id: DEMO_INSTRUMENT.id }))) {
    const { items, ...fields } = DEMO_INSTRUMENT;
    await em.transactional(async (tx) => {
      const instrument = tx.create(Instrument, { ...fields, publishedAt: null });
      for (const item of items) {
        tx.create(InstrumentItem, { ...item, instrument });
      }
      await tx.flush();
      // Published last: the trigger refuses item rows under a published instrument.
      instrument.publishedAt = new Date('2019-10-01T00:00:00Z');
    });
  }
  for (const [index, r] of DEMO_ROUNDS.entries()) {
    const tenantId = forbundBySlug(r.forbund).id;
    const scoped = forkForTenant(orm.em, tenantId);
    if (await scoped.count(SurveyRound, { id: r.id })) {
      continue;
    }
    await scoped.transactional(async (tx) => {
      tx.create(SurveyRound, {
        id: r.id,
        tenantId,
        instrument: tx.getReference(Instrument, DEMO_INSTRUMENT.id),
        periodFrom: r.periodFrom,
        periodTo: r.periodTo,
        interventionIds: r.answers.map((a) => a.interventionId),
        opensAt: new Date(r.opensAt),
        closesAt: new Date(r.closesAt),
        minimumN: r.minimumN,
        codesIssued: r.answers.reduce((sum, a) => sum + a.count, 0),
      });
      await tx.flush();
      // Answers go in as submit_answer stores them: round, insats, values; nothing else.
      const rows = r.answers.flatMap((a) =>
        demoAnswers(index, a).map((values) => ({ intervention_id: a.interventionId, values })),
      );
      await tx.execute(
        `insert into "answer" ("tenant_id", "round_id", "intervention_id", "values")
         select ?, ?, a."intervention_id", array(select v::int from jsonb_array_elements_text(a."values") with ordinality as e(v, o) order by o)
         from jsonb_to_recordset(?::jsonb) as a("intervention_id" uuid, "values" jsonb)`,
        [tenantId, r.id, JSON.stringify(rows)],
      );
    });
  }
}

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

/** Seeds per subgraph, by name; subgraphs without demo data are absent. */
export const SEEDS: Record<string, (orm: MikroORM, secrets: Record<string, string>) => Promise<void>> = {
  participants: seedParticipants,
  governance: async (orm) => {
    await seedGovernance(orm);
    await seedGovernanceBodies(orm);
  },
  teams: seedTeams,
  indicators: seedIndicators,
  finance: seedFinance,
};
