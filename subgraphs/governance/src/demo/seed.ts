/**
 * Governance's idempotent demo seed, run as the database owner: a förbund that already exists is
 * left as it is (an administrator may have edited it), and so are the bodies of a förbund that has any,
 * and the directory's counties and invitations (see directory.ts).
 */
import { randomUUID } from 'node:crypto';
import { ValidationError } from '@finsam/kit/errors.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { DEMO_INTERVENTION_IDS, DEMO_INTERVENTIONS } from '@finsam/teams/demo/interventions.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Avvikelse } from '../entities/Avvikelse.js';
import { Body, type BodyKind } from '../entities/Body.js';
import { BodyMember } from '../entities/BodyMember.js';
import { Decision } from '../entities/Decision.js';
import { Forbund } from '../entities/Forbund.js';
import { Meeting } from '../entities/Meeting.js';
import { Member } from '../entities/Member.js';
import { demoSeatIssues, demoSeats, VASTERAS_2022 } from './bodies.js';
import { seedDirectory } from './directory.js';
import { DEMO_FORBUND, demoMemberId, memberRef } from './forbund.js';

/**
 * The three förbund with their members, then their bodies, meetings, decisions and avvikelser, then
 * the directory (counties, trusted issuers from `secrets.DEV_ISSUERS`, invitations of the demo people).
 */
export async function seedGovernance(orm: MikroORM, secrets: Record<string, string> = {}): Promise<void> {
  await seedForbund(orm);
  await seedBodies(orm);
  await seedDirectory(orm, secrets);
}

async function seedForbund(orm: MikroORM): Promise<void> {
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
async function seedBodies(orm: MikroORM): Promise<void> {
  for (const f of DEMO_FORBUND) {
    const em = forkForTenant(orm.em, f.id);
    if (await em.count(Body, {})) {
      continue;
    }
    await em.transactional(async (tx) => {
      const refs = f.members.map(memberRef);
      const body = (kind: BodyKind, name: string, interventionId: string | null, owners: string[]) => {
        const seats = demoSeats(f.id, kind, owners);
        // The rules `setSeats` applies to a client's seats: a broken demo body stops the seed.
        const issues = demoSeatIssues(f.id, kind, owners, seats);
        if (issues.length) {
          throw new ValidationError(issues.map((i) => ({ ...i, message: `${name}: ${i.message}` })));
        }
        const b = tx.create(Body, { id: randomUUID(), tenantId: f.id, kind, name, interventionId });
        seats.forEach((seat, position) =>
          tx.create(BodyMember, { id: randomUUID(), tenantId: f.id, body: b, ...seat, termTo: null, position }),
        );
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
            'Teamet har 180 % bemanning. 26 deltagare under året. ' +
            'Avvikelsen om remissvägar hanterad: AF utser kontaktperson.',
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
        // The avvikelse refers to the decision by id column, which the ORM does not order by.
        await tx.flush();
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
