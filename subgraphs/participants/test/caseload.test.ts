/**
 * The staff caseload (the bench's staff query, infra/bench/operations.ts), read as rows rather than
 * entities: through the gateway it answers what the entities say, makes no Participation entity, stays
 * within the staff member's own insats, and still audits every identifying read asked of the list.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_FORBUND } from '@finsam/governance/demo/forbund.js';
import { demoTeam } from '@finsam/governance/demo/people.js';
import { today } from '@finsam/kit/dates.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { dueWithin } from '@finsam/participants/domain/deadlines.js';
import { Participation } from '@finsam/participants/entities/Participation.js';
import type { EventArgs, EventSubscriber } from '@mikro-orm/core';
import { STAFF } from '../../../infra/bench/operations.js';
import { DEMO_INTERVENTION_IDS, startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';

const SLUGS = ['vasteras', 'norra-vastmanland', 'sodra-dalarna'] as const;
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

/** The caseload and deadlines as the entities give them: the ORM's own reading, computed here. */
async function fromEntities(slug: (typeof SLUGS)[number]) {
  const tenantId = DEMO_FORBUND.find((f) => f.slug === slug)!.id;
  const interventionId = demoTeam(slug).id;
  const em = forkForTenant(p.orms.participants!.em, tenantId);
  const all = await em.find(
    Participation,
    { interventionId },
    { populate: ['followUps'], orderBy: { enrolledOn: 'asc', id: 'asc' } },
  );
  const latest = (x: Participation) =>
    x.followUps
      .getItems()
      .toSorted((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id))
      .at(0);
  const activeParticipations = all
    .filter((x) => x.status === 'ENROLLED')
    .map((x) => {
      const f = latest(x);
      return {
        id: x.id,
        kon: x.kon,
        enrolledOn: x.enrolledOn,
        plannedEnd: x.plannedEnd,
        latestFollowUp: f ? { date: f.date, decision: f.decision } : null,
      };
    });
  const participantDeadlines = all
    .toSorted((a, b) => a.id.localeCompare(b.id))
    .flatMap((x) =>
      dueWithin({ ...x, lastFollowUp: x.status === 'ENROLLED' ? (latest(x)?.date ?? null) : null }, today(), 30).map(
        (d) => ({ kind: d.kind, due: d.due, overdue: d.overdue, participation: { id: x.id } }),
      ),
    )
    .sort((a, b) => a.due.localeCompare(b.due));
  return { activeParticipations, participantDeadlines };
}

/** Counts the Participation entities the participants subgraph makes while `work` runs. */
async function entitiesMadeBy<T>(work: () => Promise<T>): Promise<{ made: number; result: T }> {
  let counting = true;
  let made = 0;
  const subscriber: EventSubscriber<Participation> = {
    getSubscribedEntities: () => [Participation],
    onInit: (_args: EventArgs<Participation>) => {
      made += counting ? 1 : 0;
    },
  };
  p.orms.participants!.em.getEventManager().registerSubscriber(subscriber);
  try {
    return { result: await work(), made };
  } finally {
    counting = false;
  }
}

it.each(SLUGS)('%s: the caseload and its deadlines are what the entities say, and make no entity', async (slug) => {
  const interventionId = demoTeam(slug).id;
  const { made, result: res } = await entitiesMadeBy(() =>
    p.gql(STAFF, { as: `${slug}-staff`, variables: { id: interventionId } }),
  );
  expect(res.errors).toBeUndefined();
  const { activeParticipations, participantDeadlines } = res.data.intervention;
  expect(activeParticipations.length).toBeGreaterThan(0);
  expect(participantDeadlines.length).toBeGreaterThan(0);
  expect(res.data.intervention).toEqual({ name: demoTeam(slug).name, ...(await fromEntities(slug)) });
  // Read as rows: the entity path made one for each participation listed.
  expect(made).toBe(0);
});

it('lists nothing of the insats to its förbund’s other staff, nor to another förbund’s token naming it', async () => {
  // Straight to participants, as the gateway would ask it: teams already hides the insats from them.
  const interventionId = demoTeam('norra-vastmanland').id;
  const caseloadAs = async (tenant: string, interventions: string[]) => {
    const token = await p.internalToken(
      { sub: 'caseload-probe', tenant, roles: ['staff'], interventions },
      'participants',
    );
    const res = await p.post(
      p.subgraphUrls.participants!,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Intervention {
        activeParticipations { id } participantDeadlines(within: 3650) { kind } } } }`,
      {
        headers: { authorization: `Bearer ${token}` },
        variables: { r: [{ __typename: 'Intervention', id: interventionId }] },
      },
    );
    expect(res.errors).toBeUndefined();
    return res.data._entities[0];
  };
  const norra = DEMO_FORBUND.find((f) => f.slug === 'norra-vastmanland')!.id;
  const own = await caseloadAs(norra, [interventionId]);
  expect(own.activeParticipations.length).toBeGreaterThan(0);
  expect(own.participantDeadlines.length).toBeGreaterThan(0);
  // The staff scope: another insats of the same förbund.
  const none = { activeParticipations: [], participantDeadlines: [] };
  expect(await caseloadAs(norra, [DEMO_INTERVENTION_IDS.SURAHAMMAR])).toEqual(none);
  // The tenant condition: a token of another förbund that names this insats.
  const vasteras = DEMO_FORBUND.find((f) => f.slug === 'vasteras')!.id;
  expect(await caseloadAs(vasteras, [interventionId])).toEqual(none);
});

it('audits each identifying read asked of the caseload, one row per participation read', async () => {
  const slug = 'norra-vastmanland';
  const requestId = randomUUID();
  const res = await p.gql(
    `query ($id: ID!) { intervention(id: $id) { activeParticipations { id person { name personnummer } } } }`,
    { as: `${slug}-staff`, variables: { id: demoTeam(slug).id }, headers: { 'x-request-id': requestId } },
  );
  expect(res.errors).toBeUndefined();
  const read = (res.data.intervention.activeParticipations as { id: string; person: { name: string } | null }[])
    .filter((x) => x.person !== null)
    .map((x) => x.id);
  expect(read.length).toBeGreaterThan(0);
  const rows = await p.rows<{ participation_id: string }>(
    'participants',
    'select participation_id from audit_entry where request_id = $1',
    [requestId],
  );
  expect(rows.map((r) => r.participation_id).sort()).toEqual(read.toSorted());
});
