/**
 * Done means: listing 50 and 500 participations with their insats (from teams) and latest
 * follow-up uses the same number of SQL statements; so do an insats' deadlines, for an insats
 * with a few participations and one with 500.
 */
import { randomUUID } from 'node:crypto';
import { openOrm } from '@finsam/kit/database.js';
import { today } from '@finsam/kit/dates.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { FollowUp } from '@finsam/participants/entities/FollowUp.js';
import { Participation } from '@finsam/participants/entities/Participation.js';
import { database } from '@finsam/participants/server.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  DEMO_INTERVENTION_IDS,
  NORRA,
  sqlStatementsFor,
  startTestPlatform,
  type TestPlatform,
} from '../../../test/support/platform.js';

const { SURAHAMMAR, HALLSTAHAMMAR } = DEMO_INTERVENTION_IDS;
let p: TestPlatform;
let owner: MikroORM;
beforeAll(async () => {
  p = await startTestPlatform();
  owner = await openOrm({ connection: p.databases.participants!.owner, ...database, poolMax: 2 });
  const em = forkForTenant(owner.em, NORRA.id);
  for (let n = 0; n < 500; n++) {
    // Anonymous participations: the listing needs no person, and none is invented for it.
    const participation = em.create(Participation, {
      id: randomUUID(),
      tenantId: NORRA.id,
      interventionId: SURAHAMMAR,
      person: null,
      status: 'ENROLLED',
      kon: n % 2 ? 'MAN' : 'KVINNA',
      startYear: 2025,
      birthYear: null,
      ageAtReferral: null,
      hemkommun: null,
      referredOn: '2025-01-01',
      referrerUnit: 'FORSAKRINGSKASSAN',
      needsTwoMembers: true,
      motivated: true,
      exclusionGrounds: [],
      studyVisit: 'DONE',
      decisionReason: null,
      decidedOn: '2025-01-05',
      consentGivenOn: null,
      consentWithdrawnOn: null,
      enrolledOn: '2025-01-10',
      plannedEnd: '2026-01-10',
      educationLevel: null,
      supportBefore: null,
      yearsInSupport: null,
      extensionDecisionId: null,
      exitedOn: null,
      outcomes: [],
      supportAfter: null,
      finalDocumentationSentOn: null,
      level6Months: null,
      level18Months: null,
    });
    for (const date of ['2025-04-01', '2025-07-01']) {
      em.create(FollowUp, {
        id: randomUUID(),
        tenantId: NORRA.id,
        participation,
        date,
        referrerPresent: true,
        decision: 'CONTINUE',
      });
    }
  }
  await em.flush();
});
afterAll(async () => {
  await owner.close(true);
  await p.close();
});

async function statementsFor(first: number) {
  const token = await p.tokenFor({
    name: 'surahammar-staff',
    description: 'staff',
    roles: ['staff'],
    tenant: NORRA.id,
    interventions: [SURAHAMMAR],
  });
  const query = `{ participations(interventionId: "${SURAHAMMAR}", first: ${first}) {
    edges { node { id status intervention { id name } latestFollowUp { date } } }
  } }`;
  const { statements, res } = await sqlStatementsFor(p, query, token);
  expect(res.errors).toBeUndefined();
  return {
    statements,
    edges: res.data.participations.edges as {
      node: { intervention: { name: string }; latestFollowUp: { date: string } | null };
    }[],
  };
}

it('sends as many SQL statements for 500 participations as for 50', async () => {
  const small = await statementsFor(50);
  const large = await statementsFor(500);
  expect(small.edges).toHaveLength(50);
  expect(large.edges).toHaveLength(500);
  expect(large.edges.every((e) => e.node.intervention.name === 'Samordningsteam Surahammar')).toBe(true);
  expect(large.edges.filter((e) => e.node.latestFollowUp?.date === '2025-07-01').length).toBeGreaterThan(400);
  expect(small.statements).toBeGreaterThan(0);
  expect(large.statements).toBe(small.statements);
});

it('sends as many SQL statements for the deadlines of an insats with 500 participations as with a few', async () => {
  const deadlines = async (interventionId: string) => {
    const token = await p.tokenFor({
      name: 'deadline-staff',
      description: 'staff',
      roles: ['staff'],
      tenant: NORRA.id,
      interventions: [interventionId],
    });
    const query = `{ intervention(id: "${interventionId}") {
      name
      activeParticipations { id latestFollowUp { date } }
      participantDeadlines(asOf: "${today()}", within: 30) { kind due participation { id status } }
    } }`;
    const { statements, res } = await sqlStatementsFor(p, query, token);
    expect(res.errors).toBeUndefined();
    return {
      statements,
      intervention: res.data.intervention as {
        participantDeadlines: { kind: string; due: string; participation: { id: string; status: string } }[];
      },
    };
  };
  // A few: the demo's Hallstahammar, seeded as of today with a few deadlines overdue on purpose.
  const few = await deadlines(HALLSTAHAMMAR);
  const many = await deadlines(SURAHAMMAR);
  // Every one of the 500 is overdue for a follow-up: three months after 2025-07-01.
  const sameDay = many.intervention.participantDeadlines.filter(
    (d) => d.kind === 'FOLLOW_UP' && d.due === '2025-10-01',
  );
  expect(sameDay).toHaveLength(500);
  // Deadlines due the same day come in participation order, not in whatever order the rows came.
  const ids = sameDay.map((d) => d.participation.id);
  expect(ids).toEqual([...ids].sort());
  expect(sameDay.every((d) => d.participation.status === 'ENROLLED')).toBe(true);
  expect(few.intervention.participantDeadlines.length).toBeGreaterThan(0);
  expect(few.intervention.participantDeadlines.length).toBeLessThan(200);
  expect(many.statements).toBe(few.statements);
});
