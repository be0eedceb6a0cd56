/**
 * Issue 21, merger: the platform administrator merges Västerås and Norra Västmanland into Västmanland
 * from 2024-01-01, carrying insatser, participations, access, allocations, styrgrupper, the förbund's
 * budget and survey rounds over and closing invitations and the old seats. The 2023 reports of both read
 * as before; the merged förbund's 2024 report counts the participants carried over. And an organisation
 * number belongs to one förbund: a second is a typed error naming the field.
 */
import { DEMO_INSTRUMENT } from '@finsam/indicators/demo/surveys.js';
import { derivedId } from '@finsam/kit/ids.js';
import {
  codes,
  DEMO_INTERVENTION_IDS,
  NORRA,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from './support/platform.js';
import { participationWithHistory, personnummer } from './support/records.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const { HALLSTAHAMMAR, VASTERAS_TEAM } = DEMO_INTERVENTION_IDS;
const RESULT = `__typename ... on Error { message } ... on ValidationError { issues { path message } }
  ... on ConflictError { path }`;
const CREATE = `mutation ($input: CreateForbundInput!) { createForbund(input: $input) {
  ${RESULT} ... on MutationCreateForbundSuccess { data { id } } } }`;
const MERGE = `mutation ($input: MergeForbundInput!) { mergeForbund(input: $input) {
  ${RESULT}
  ... on MutationMergeForbundSuccess { data {
    id effectiveOn decisionReference into { id } forbunds { id }
    interventionsCarried participationsCarried allocationsCarried grantsCarried
    steeringGroups invitations forbundBudget surveys
    seatsCarried invitationsCarried budgetsCarried surveyRoundsCarried
  } }
} }`;
const COUNTY = (year: number) => `{ countyReport(forbundIds: ["${VASTERAS.id}", "${NORRA.id}"], year: ${year}) {
  forbund {
    year { forbundId } new { suppressed value } total { suppressed value } exited { suppressed value }
    averageAgeAtEntry { suppressed value } newByHemkommun { scbCode new { value } }
  }
} }`;

/** Everything in governance's förbund registry, read as the superuser. */
const registry = () => p.rows('governance', 'select * from forbund order by id');

/** Västmanland's members: every member of the two, the kommuner's 25 % split among them. */
async function mergedMembers() {
  const members = new Map<string, { kind: string; name: string; scbCode: string | null }>();
  for (const admin of ['vasteras-admin', 'norra-vastmanland-admin']) {
    const res = await p.gql('{ forbund { members { kind name scbCode } } }', { as: admin });
    for (const m of res.data.forbund.members) {
      members.set(m.kind === 'KOMMUN' ? m.scbCode : m.kind, m);
    }
  }
  const kommuner = [...members.values()].filter((m) => m.kind === 'KOMMUN');
  const share = Math.floor(2500 / kommuner.length);
  return [...members.values()].map((m) => ({
    ...m,
    shareBasisPoints:
      m.kind === 'KOMMUN' ? share + (m === kommuner[0] ? 2500 - share * kommuner.length : 0) : undefined,
  }));
}

describe('organisation numbers', () => {
  it('are unique: a second förbund with one is a ConflictError at the field, and nothing is written', async () => {
    const before = await registry();
    const res = await p.gql(CREATE, {
      as: 'platform-admin',
      variables: {
        input: {
          name: 'Samordningsförbundet Kopia',
          slug: 'kopia',
          organisationNumber: VASTERAS.organisationNumber.replace('-', ''),
          members: await mergedMembers(),
        },
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.createForbund).toMatchObject({
      __typename: 'ConflictError',
      path: ['input', 'organisationNumber'],
      message: `Organisationsnummer ${VASTERAS.organisationNumber} is registered to another förbund`,
    });
    expect(await registry()).toEqual(before);
    const update = await p.gql(
      `mutation ($n: String!) { updateForbund(input: { organisationNumber: $n }) { ${RESULT} } }`,
      { as: 'vasteras-admin', variables: { n: NORRA.organisationNumber } },
    );
    expect(update.data.updateForbund).toMatchObject({
      __typename: 'ConflictError',
      path: ['input', 'organisationNumber'],
    });
    expect(await registry()).toEqual(before);
  });
});

describe('merging Västerås and Norra Västmanland into Västmanland from 2024-01-01', () => {
  let into: string;
  const made: string[] = [];
  let county2023: unknown;
  let ledgerBefore: unknown;
  // Both förbund's budgets for 2024 as they read before the merger (Norra's seeded, Västerås' set below).
  let budgets2024: any[];
  let invitationId: string;
  let result: any;
  const rounds: Record<string, string> = {};

  beforeAll(async () => {
    // Participants of both, enrolled in 2023 and still enrolled when the merger takes effect; one ended.
    const runs = [
      { staff: 'vasteras-staff', interventionId: VASTERAS_TEAM, date: '19880506' },
      { staff: 'norra-vastmanland-staff', interventionId: HALLSTAHAMMAR, date: '19910203' },
    ];
    for (const r of runs) {
      for (let i = 0; i < 6; i++) {
        made.push(
          await participationWithHistory(p, {
            staff: r.staff,
            interventionId: r.interventionId,
            personnummer: personnummer(r.date, String(210 + i * 2)),
            name: `Person ${i}`,
            referredOn: `2023-0${i + 2}-01`,
            enrolledOn: `2023-0${i + 2}-06`,
            records: i === 0,
            exitedOn: i === 5 ? '2023-11-30' : undefined,
          }),
        );
      }
    }
    const county = await p.gql(COUNTY(2023), { as: 'platform-admin' });
    expect(county.errors).toBeUndefined();
    county2023 = county.data;
    ledgerBefore = await p.rows(
      'participants',
      'select * from participation_half_year where tenant_id = any($1::uuid[]) order by 1, 2, 3, 4, 5',
      [[VASTERAS.id, NORRA.id]],
    );
    const created = await p.gql(CREATE, {
      as: 'platform-admin',
      variables: {
        input: {
          name: 'Samordningsförbundet Västmanland',
          slug: 'vastmanland',
          organisationNumber: '222000-0042',
          members: await mergedMembers(),
        },
      },
    });
    into = created.data.createForbund.data.id;

    // The styrgrupp member of Hallstahammar signs in (claiming the demo invitation): a seat with access.
    expect((await p.gql('{ me { userId } }', { as: 'norra-vastmanland-styrgrupp' })).errors).toBeUndefined();
    // Records the merger decision carries over or closes: Västerås' budget for 2024 (its 2022 one again),
    // an invitation not yet claimed in Norra, and survey rounds there: one over the merger date, one closed.
    const budget = (
      await p.gql(
        `{ forbund { budget(year: 2022) { openingEquity contributions { member { id } amount }
          costLines { category intervention { id } description amount } prognosis { income costs } } } }`,
        { as: 'vasteras-admin' },
      )
    ).data.forbund.budget;
    const setBudget = await p.gql(`mutation ($input: SetBudgetInput!) { setBudget(input: $input) { ${RESULT} } }`, {
      as: 'vasteras-admin',
      variables: {
        input: {
          year: 2024,
          openingEquity: budget.openingEquity,
          decidedOn: '2023-11-20',
          contributions: budget.contributions.map((c: any) => ({ memberId: c.member.id, amount: c.amount })),
          costLines: budget.costLines.map((l: any) => ({
            category: l.category,
            interventionId: l.intervention?.id ?? null,
            description: l.description,
            amount: l.amount,
          })),
          prognosis: [
            { year: 2025, ...budget.prognosis[0] },
            { year: 2026, ...budget.prognosis[1] },
          ],
        },
      },
    });
    expect(setBudget.data.setBudget.__typename).toBe('MutationSetBudgetSuccess');
    budgets2024 = [];
    for (const admin of ['vasteras-admin', 'norra-vastmanland-admin']) {
      const read = await p.gql(
        `{ forbund { budget(year: 2024) { openingEquity decidedOn contributions { amount }
          costLines { category intervention { id } amount } } } }`,
        { as: admin },
      );
      expect(read.errors).toBeUndefined();
      if (read.data.forbund.budget) {
        budgets2024.push(read.data.forbund.budget);
      }
    }
    expect(budgets2024.length).toBeGreaterThanOrEqual(1);
    const invited = await p.gql(
      `mutation ($input: InviteUserInput!) { inviteUser(input: $input) {
        ${RESULT} ... on MutationInviteUserSuccess { data { id } } } }`,
      {
        as: 'norra-vastmanland-admin',
        variables: {
          input: { email: 'invited@norra.example', grants: [{ role: 'STAFF', interventionIds: [HALLSTAHAMMAR] }] },
        },
      },
    );
    invitationId = invited.data.inviteUser.data.id;
    for (const [key, period, opensAt, closesAt] of [
      ['over', { from: '2023-12', to: '2024-01' }, '2023-12-01T08:00:00Z', '2024-01-31T16:00:00Z'],
      ['closed', { from: '2023-05', to: '2023-05' }, '2023-05-01T08:00:00Z', '2023-05-31T16:00:00Z'],
    ] as const) {
      const round = await p.gql(
        `mutation ($input: CreateSurveyRoundInput!) { createSurveyRound(input: $input) {
          ${RESULT} ... on MutationCreateSurveyRoundSuccess { data { id } } } }`,
        {
          as: 'norra-vastmanland-admin',
          variables: {
            input: { instrumentId: DEMO_INSTRUMENT.id, period, interventionIds: [HALLSTAHAMMAR], opensAt, closesAt },
          },
        },
      );
      rounds[key] = round.data.createSurveyRound.data.id;
    }
  });

  const input = () => ({
    forbundIds: [VASTERAS.id, NORRA.id],
    intoId: into,
    effectiveOn: '2024-01-01',
    decisionReference: 'Medlemmarnas beslut 2023-06-15',
    interventions: 'CARRY_OVER',
    participations: 'CARRY_OVER',
    grants: 'CARRY_OVER',
    budgets: 'CARRY_OVER',
    steeringGroups: 'CARRY_OVER',
    invitations: 'CLOSE',
    forbundBudget: 'CARRY_OVER',
    surveys: 'CARRY_OVER',
  });

  it('is refused to anyone but the platform administrator, and bad input is typed; nothing is written', async () => {
    const before = await registry();
    for (const user of ['vasteras-admin', 'county-analyst']) {
      expect(codes(await p.gql(MERGE, { as: user, variables: { input: input() } }))).toEqual(['FORBIDDEN']);
    }
    const bad = await p.gql(MERGE, {
      as: 'platform-admin',
      variables: { input: { ...input(), effectiveOn: '2024-03-01', interventions: 'CLOSE', forbundIds: [NORRA.id] } },
    });
    expect(bad.data.mergeForbund.__typename).toBe('ValidationError');
    expect(bad.data.mergeForbund.issues.map((i: any) => i.path)).toEqual([
      ['input', 'forbundIds'],
      ['input', 'effectiveOn'],
      ['input', 'participations'],
      ['input', 'budgets'],
      ['input', 'steeringGroups'],
      ['input', 'forbundBudget'],
    ]);
    expect(await registry()).toEqual(before);
    expect(await p.rows('governance', 'select * from forbund_merger')).toEqual([]);
  });

  it('carries the records over; the 2023 reports of both stay; 2024 of Västmanland counts those carried', async () => {
    const res = await p.gql(MERGE, { as: 'platform-admin', variables: { input: input() } });
    expect(res.errors).toBeUndefined();
    const merger = res.data.mergeForbund.data;
    expect(merger).toMatchObject({ into: { id: into }, effectiveOn: '2024-01-01' });
    result = merger;

    // Open on 2024-01-01 in the two, counted from the rows: each carried over, once.
    const open = await p.rows<{ id: string; tenant_id: string; carried_over_to: string }>(
      'participants',
      `select id, tenant_id, carried_over_to from participation where tenant_id = any($1::uuid[])
        and status in ('REFERRED', 'ACCEPTED', 'ENROLLED') and referred_on < '2024-01-01'`,
      [[VASTERAS.id, NORRA.id]],
    );
    expect(open.length).toBeGreaterThanOrEqual(10);
    expect(merger.participationsCarried).toBe(open.length);
    for (const o of open) {
      expect(o.carried_over_to).toBe(derivedId(merger.id, o.id));
    }
    const copies = await p.rows(
      'participants',
      `select c.id, c.intervention_id, c.enrolled_on::text as enrolled_on, c.person_id, c.tenant_id
         from participation c where c.tenant_id = $1 order by c.id`,
      [into],
    );
    expect(copies.map((c) => c.id).sort()).toEqual(open.map((o) => o.carried_over_to).sort());
    const ours = made.filter((_, i) => i % 6 !== 5);
    for (const id of ours) {
      expect(copies.map((c) => c.id)).toContain(derivedId(merger.id, id));
    }
    expect(
      (await p.rows('participants', 'select count(*)::int as n from person where tenant_id = $1', [into]))[0].n,
    ).toBeGreaterThanOrEqual(ours.length);

    // The insatser continue in Västmanland from the merger date; the originals ended the day before.
    const teams = await p.rows(
      'teams',
      `select id, tenant_id, start_date::text as start_date, end_date::text as end_date from intervention
        where id = any($1::uuid[]) order by id`,
      [[VASTERAS_TEAM, HALLSTAHAMMAR, derivedId(merger.id, VASTERAS_TEAM), derivedId(merger.id, HALLSTAHAMMAR)]],
    );
    const byId = Object.fromEntries(teams.map((t) => [t.id, t]));
    expect(byId[VASTERAS_TEAM]).toMatchObject({ tenant_id: VASTERAS.id, end_date: '2023-12-31' });
    expect(byId[derivedId(merger.id, HALLSTAHAMMAR)]).toMatchObject({ tenant_id: into, start_date: '2024-01-01' });

    // History: the two förbund's 2023 figures and ledger read as they did.
    const county = await p.gql(COUNTY(2023), { as: 'platform-admin' });
    expect(county.data).toEqual(county2023);
    expect(
      await p.rows(
        'participants',
        'select * from participation_half_year where tenant_id = any($1::uuid[]) order by 1, 2, 3, 4, 5',
        [[VASTERAS.id, NORRA.id]],
      ),
    ).toEqual(ledgerBefore);
    const registered = await p.gql(`{ forbunds { edges { node { id mergedInto { id } mergedOn } } } }`, {
      as: 'platform-admin',
    });
    const nodes = registered.data.forbunds.edges.map((e: any) => e.node);
    expect(nodes.find((n: any) => n.id === VASTERAS.id)).toEqual({
      id: VASTERAS.id,
      mergedInto: { id: into },
      mergedOn: '2024-01-01',
    });

    // Västmanland's 2024: everyone carried over is in the total; none of them is new.
    const admin = await p.tokenFor({
      name: 'vastmanland-admin',
      roles: ['forbund_admin'],
      tenant: into,
      interventions: [],
    });
    const year = await p.gql(`{ forbund { id year(year: 2024) { participants { new { value } total { value } } } } }`, {
      token: admin,
    });
    expect(year.errors).toBeUndefined();
    expect(year.data.forbund.id).toBe(into);
    const enrolled = open.filter((o) => copies.find((c) => c.id === o.carried_over_to)?.enrolled_on);
    expect(year.data.forbund.year.participants.total.value).toBe(enrolled.length);
    expect(year.data.forbund.year.participants.new.value).toBe(0);

    // Access: the old grants ended the day before; staff continue in the insats' copy.
    const grants = await p.rows(
      'governance',
      `select g.tenant_id, g.role, g.intervention_ids, g.valid_from::text as valid_from, g.valid_to::text as valid_to
         from access_grant g join directory_user u on u.id = g.user_id where u.email = $1 order by g.tenant_id`,
      ['norra-vastmanland-staff@demo.finsam.se'],
    );
    expect(grants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tenant_id: NORRA.id, valid_to: '2023-12-31' }),
        expect.objectContaining({
          tenant_id: into,
          valid_from: '2024-01-01',
          intervention_ids: [derivedId(merger.id, HALLSTAHAMMAR)],
        }),
      ]),
    );

    // Merging again is refused: they have merged.
    const again = await p.gql(MERGE, { as: 'platform-admin', variables: { input: input() } });
    expect(again.data.mergeForbund.__typename).toBe('ValidationError');
  });

  it('carries styrgrupper, the budget and survey rounds as decided; closes invitations and the old seats', async () => {
    expect(result).toMatchObject({
      steeringGroups: 'CARRY_OVER',
      invitations: 'CLOSE',
      forbundBudget: 'CARRY_OVER',
      surveys: 'CARRY_OVER',
      invitationsCarried: 0,
      budgetsCarried: 1,
      surveyRoundsCarried: 1,
    });
    const m = result.id as string;
    const copy = (id: string) => derivedId(m, id);

    // Styrgrupper: each carried insats' styrgrupp steers its copy in Västmanland, with the seats held on the
    // merger date from that date, each for Västmanland's own member. Västmanland has no board yet: its own to
    // appoint. Every seat of the two old förbund's bodies ended the day before.
    const bodies = await p.rows<{ id: string; kind: string; intervention_id: string }>(
      'governance',
      'select id, kind, intervention_id from body where tenant_id = $1 order by id',
      [into],
    );
    expect(bodies.map((b) => b.kind)).toEqual(bodies.map(() => 'STEERING_GROUP'));
    expect(bodies.map((b) => b.intervention_id)).toEqual(expect.arrayContaining([copy(HALLSTAHAMMAR)]));
    const seats = await p.rows<{ id: string; term_from: string; member_id: string | null }>(
      'governance',
      `select s.id, s.term_from::text as term_from, s.member_id from body_member s where s.tenant_id = $1`,
      [into],
    );
    expect(seats.length).toBe(result.seatsCarried);
    expect(seats.length).toBeGreaterThan(0);
    const members = await p.rows<{ id: string }>('governance', 'select id from forbund_member where tenant_id = $1', [
      into,
    ]);
    for (const s of seats) {
      expect(s.term_from).toBe('2024-01-01');
      if (s.member_id) {
        expect(members.map((x) => x.id)).toContain(s.member_id);
      }
    }
    const oldSeats = await p.rows<{ n: number }>(
      'governance',
      `select count(*)::int as n from body_member where tenant_id = any($1::uuid[])
        and (term_to is null or term_to > '2023-12-31') and term_from <= '2023-12-31'`,
      [[VASTERAS.id, NORRA.id]],
    );
    expect(oldSeats[0]!.n).toBe(0);
    const steering = await p.rows<{ tenant_id: string; seat_id: string; valid_from: string | null }>(
      'governance',
      `select g.tenant_id, g.seat_id, g.valid_from::text as valid_from from access_grant g
         join directory_user u on u.id = g.user_id where u.email = $1 and g.tenant_id = $2`,
      ['norra-vastmanland-styrgrupp@demo.finsam.se', into],
    );
    expect(steering).toHaveLength(1);
    expect(seats.map((s) => s.id)).toContain(steering[0]!.seat_id);
    expect(steering[0]!.valid_from).toBe('2024-01-01');

    // Staff of both continue in their insats' copy.
    const staff = await p.rows<{ intervention_ids: string[] }>(
      'governance',
      `select g.intervention_ids from access_grant g join directory_user u on u.id = g.user_id
        where u.email = $1 and g.tenant_id = $2`,
      ['vasteras-staff@demo.finsam.se', into],
    );
    expect(staff).toEqual([{ intervention_ids: [copy(VASTERAS_TEAM)] }]);

    // The budget: Västmanland's 2024 is the sum of theirs, each contribution at Västmanland's member of the same
    // kind, undecided until its board decides; an individinsats' line only for an insats carried. Theirs stay.
    const admin = await p.tokenFor({
      name: 'vastmanland-admin',
      roles: ['forbund_admin'],
      tenant: into,
      interventions: [],
    });
    const budget = await p.gql(
      `{ forbund { members { id kind scbCode } budget(year: 2024) { decidedOn openingEquity
        contributions { member { id kind scbCode } amount } costLines { amount } } } }`,
      { token: admin },
    );
    expect(budget.errors).toBeUndefined();
    const b = budget.data.forbund.budget;
    expect(b.decidedOn).toBeNull();
    const sum = (xs: { amount: number }[]) => xs.reduce((n, x) => n + x.amount, 0);
    expect(b.openingEquity).toBe(sum(budgets2024.map((x) => ({ amount: x.openingEquity }))));
    expect(sum(b.contributions)).toBe(sum(budgets2024.flatMap((x) => x.contributions)));
    const carriedInsatser = await p.rows<{ id: string }>('teams', 'select id from intervention where tenant_id = $1', [
      into,
    ]);
    const continuing = budgets2024
      .flatMap((x) => x.costLines)
      .filter(
        (l: any) =>
          l.category !== 'INDIVIDUAL_INTERVENTION' || carriedInsatser.some((i) => i.id === copy(l.intervention.id)),
      );
    expect(continuing.length).toBeGreaterThan(0);
    expect(sum(b.costLines)).toBe(sum(continuing));
    const ownMembers = budget.data.forbund.members.map((x: any) => x.id);
    for (const c of b.contributions) {
      expect(ownMembers).toContain(c.member.id);
    }
    // (Read as rows: Västerås' administrator now works in Västmanland, their access carried over.)
    const theirs = await p.rows(
      'finance',
      'select tenant_id, decided_on::text as decided_on from budget where year = 2024 and tenant_id = $1',
      [VASTERAS.id],
    );
    expect(theirs).toEqual([{ tenant_id: VASTERAS.id, decided_on: '2023-11-20' }]);

    // Survey rounds: the one over the merger date stopped then and continues in Västmanland on the insats'
    // copy, from the merger date, with no codes yet; the closed one stays as it was.
    const survey = await p.rows<{
      id: string;
      tenant_id: string;
      closes_at: Date;
      opens_at: Date;
      intervention_ids: string[];
    }>(
      'indicators',
      `select id, tenant_id, opens_at, closes_at, intervention_ids, codes_issued from survey_round
        where id = any($1::uuid[]) order by id`,
      [[rounds.over, rounds.closed, copy(rounds.over!), copy(rounds.closed!)]],
    );
    const byId = Object.fromEntries(survey.map((r) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual([rounds.over, rounds.closed, copy(rounds.over!)].sort());
    expect(byId[rounds.over!]!.closes_at.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(byId[rounds.closed!]!.closes_at.toISOString()).toBe('2023-05-31T16:00:00.000Z');
    expect(byId[copy(rounds.over!)]).toMatchObject({
      tenant_id: into,
      intervention_ids: [copy(HALLSTAHAMMAR)],
      codes_issued: 0,
    });
    expect(byId[copy(rounds.over!)]!.opens_at.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(byId[copy(rounds.over!)]!.closes_at.toISOString()).toBe('2024-01-31T16:00:00.000Z');

    // The invitation was closed: it expired at the merger date, and Västmanland sent none for that address.
    const invitations = await p.rows<{ id: string; expires_at: Date }>(
      'governance',
      'select id, expires_at from invitation where id = $1 or (tenant_id = $2 and email = $3)',
      [invitationId, into, 'invited@norra.example'],
    );
    expect(invitations.map((i) => [i.id, i.expires_at.toISOString()])).toEqual([
      [invitationId, '2024-01-01T00:00:00.000Z'],
    ]);
  });
});
