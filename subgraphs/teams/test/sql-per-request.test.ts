/**
 * Done means: `{ forbund { interventions { name staff { role fte employer { … } } } } }` answers
 * from two subgraphs with a constant number of SQL statements whatever the number of insatser.
 */
import { randomUUID } from 'node:crypto';
import { openOrm } from '@finsam/kit/database.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { Intervention } from '@finsam/teams/entities/Intervention.js';
import { StaffPosition } from '@finsam/teams/entities/StaffPosition.js';
import { database } from '@finsam/teams/server.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sqlStatementsFor, startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';

let p: TestPlatform;
let owner: MikroORM;
beforeAll(async () => {
  p = await startTestPlatform();
  owner = await openOrm({ connection: p.databases.teams!.owner, ...database, poolMax: 2 });
});
afterAll(async () => {
  await owner.close(true);
  await p.close();
});

/** A förbund made through the graph, with `count` insatser of three positions each. */
async function forbundWith(count: number, slug: string) {
  const created = await p.gql(
    `mutation ($input: CreateForbundInput!) {
      createForbund(input: $input) { ... on MutationCreateForbundSuccess { data { id members { id kind } } } }
    }`,
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
  const { id: tenantId, members } = created.data.createForbund.data as {
    id: string;
    members: { id: string; kind: string }[];
  };
  const em = forkForTenant(owner.em, tenantId);
  for (let n = 0; n < count; n++) {
    const intervention = em.create(Intervention, {
      id: randomUUID(),
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
    for (const [role, employer] of [
      ['VERKSAMHETSLEDARE', 3],
      ['ARBETSFORMEDLARE', 1],
      ['FORSAKRINGSUTREDARE', 0],
    ] as const) {
      em.create(StaffPosition, {
        id: randomUUID(),
        tenantId,
        intervention,
        role,
        employerMemberId: members[employer]!.id,
        ftePercent: 50,
        financing: 'FORBUND',
        fromDate: '2024-01-01',
        toDate: null,
      });
    }
  }
  await em.flush();
  return p.tokenFor({
    name: `${slug}-admin`,
    description: 'admin',
    roles: ['forbund_admin'],
    tenant: tenantId,
    interventions: [],
  });
}

const QUERY = '{ forbund { interventions { name staff { role fte employer { name kind } } } } }';

async function statementsFor(token: string) {
  const { statements, res } = await sqlStatementsFor(p, QUERY, token);
  expect(res.errors).toBeUndefined();
  return { statements, interventions: res.data.forbund.interventions as { staff: { employer: { name: string } }[] }[] };
}

it('sends as many SQL statements for 30 insatser as for 3', async () => {
  const small = await statementsFor(await forbundWith(3, 'sql-small'));
  const large = await statementsFor(await forbundWith(30, 'sql-large'));
  expect(small.interventions).toHaveLength(3);
  expect(large.interventions).toHaveLength(30);
  expect(large.interventions.flatMap((i) => i.staff.map((s) => s.employer.name))).toContain('Försäkringskassan');
  expect(small.statements).toBeGreaterThan(0);
  expect(large.statements).toBe(small.statements);
});
