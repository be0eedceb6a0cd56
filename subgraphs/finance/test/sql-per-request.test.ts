/**
 * Done means: `{ forbund { interventions { allocation requisitions budgetUsage } } }` answers from
 * three subgraphs with a constant number of SQL statements whatever the number of insatser.
 */
import { randomUUID } from 'node:crypto';
import { Allocation } from '@finsam/finance/entities/Allocation.js';
import { Requisition } from '@finsam/finance/entities/Requisition.js';
import { RequisitionLine } from '@finsam/finance/entities/RequisitionLine.js';
import { database as financeDatabase } from '@finsam/finance/server.js';
import { openOrm } from '@finsam/kit/database.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { Intervention } from '@finsam/teams/entities/Intervention.js';
import { database as teamsDatabase } from '@finsam/teams/server.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sqlStatementsFor, startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';

let p: TestPlatform;
let teams: MikroORM;
let finance: MikroORM;
beforeAll(async () => {
  p = await startTestPlatform();
  teams = await openOrm({ connection: p.databases.teams!.owner, ...teamsDatabase, poolMax: 2 });
  finance = await openOrm({ connection: p.databases.finance!.owner, ...financeDatabase, poolMax: 2 });
});
afterAll(async () => {
  await teams.close(true);
  await finance.close(true);
  await p.close();
});

/**
 * A förbund made through the graph, with `count` insatser, each with an allocation and two
 * requisitions of two lines.
 */
async function forbundWith(count: number, slug: string) {
  const created = await p.gql(
    `mutation ($input: CreateForbundInput!) { createForbund(input: $input) {
      ... on MutationCreateForbundSuccess { data { id members { id } } } } }`,
    {
      as: 'platform-admin',
      variables: {
        input: {
          name: `Förbund ${slug}`,
          slug,
          // Organisation numbers are unique: one per förbund made here.
          organisationNumber: count > 3 ? '222000-0059' : '222000-0042',
          members: [
            { kind: 'FORSAKRINGSKASSAN', name: 'Försäkringskassan' },
            { kind: 'ARBETSFORMEDLINGEN', name: 'Arbetsförmedlingen' },
            { kind: 'REGION', name: 'Region Gävleborg', scbCode: '21' },
            { kind: 'KOMMUN', name: 'Gävle kommun', scbCode: '2180', shareBasisPoints: 2500 },
          ],
        },
      },
    },
  );
  const { id: tenantId, members } = created.data.createForbund.data as { id: string; members: { id: string }[] };
  const t = forkForTenant(teams.em, tenantId);
  const f = forkForTenant(finance.em, tenantId);
  for (let n = 0; n < count; n++) {
    const id = randomUUID();
    t.create(Intervention, {
      id,
      tenantId,
      name: `Insats ${String(n).padStart(2, '0')}`,
      kind: 'INDIVIDUAL',
      form: 'UNTIL_FURTHER_NOTICE',
      ownerMemberIds: [members[1]!.id, members[3]!.id],
      bookkeepingMemberId: members[3]!.id,
      startDate: '2024-01-01',
      endDate: null,
      noticeMonths: 6,
      kommunCodes: ['2180'],
      targetAgeMin: 16,
      targetAgeMax: 64,
      priorityGroups: [],
      maxEnrolled: 20,
      yearlyPlaces: null,
      methods: [],
      followUpMethod: 'Indikatorer',
      esfFunded: false,
      attendeeTargetPerYear: null,
      closedReason: null,
    });
    f.create(Allocation, { id: randomUUID(), tenantId, interventionId: id, year: 2024, amount: 100_000n });
    for (const period of [1, 2]) {
      const requisition = f.create(Requisition, {
        id: randomUUID(),
        tenantId,
        interventionId: id,
        year: 2024,
        period,
        submittedOn: '2024-06-01',
        status: 'APPROVED',
        rejectionReason: null,
        version: 2,
      });
      f.create(RequisitionLine, {
        id: randomUUID(),
        tenantId,
        requisition,
        category: 'PERSONNEL',
        amount: 10_000n,
        position: 0,
      });
      f.create(RequisitionLine, {
        id: randomUUID(),
        tenantId,
        requisition,
        category: 'TRAVEL',
        amount: 500n,
        position: 1,
      });
    }
  }
  await t.flush();
  await f.flush();
  return p.tokenFor({
    name: `${slug}-admin`,
    description: 'admin',
    roles: ['forbund_admin'],
    tenant: tenantId,
    interventions: [],
  });
}

const QUERY = `{ forbund {
  interventions { name allocation(year: 2024) { amount } requisitions(year: 2024) { amount lines { amount } }
    budgetUsage(year: 2024) { used differens forecast } }
  financialStatement(year: 2024) { used interventions { used } } } }`;

async function statementsFor(token: string) {
  const { statements, res } = await sqlStatementsFor(p, QUERY, token);
  expect(res.errors).toBeUndefined();
  return { statements, forbund: res.data.forbund };
}

it('sends as many SQL statements for 30 insatser as for 3', async () => {
  const small = await statementsFor(await forbundWith(3, 'sql-small'));
  const large = await statementsFor(await forbundWith(30, 'sql-large'));
  expect(small.forbund.interventions).toHaveLength(3);
  expect(large.forbund.interventions).toHaveLength(30);
  expect(large.forbund.interventions[29]).toMatchObject({
    allocation: { amount: 100_000 },
    budgetUsage: { used: 21_000, differens: 79_000, forecast: 63_000 },
  });
  expect(large.forbund.interventions[29].requisitions).toEqual([
    { amount: 10_500, lines: [{ amount: 10_000 }, { amount: 500 }] },
    { amount: 10_500, lines: [{ amount: 10_000 }, { amount: 500 }] },
  ]);
  expect(large.forbund.financialStatement.used).toBe(30 * 21_000);
  expect(small.statements).toBeGreaterThan(0);
  expect(large.statements).toBe(small.statements);
});
