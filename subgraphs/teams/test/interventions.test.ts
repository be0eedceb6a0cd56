/**
 * Teams through the gateway: the seeded insatser, creating and editing them under FINSAM's
 * rules (owners from the caller's own förbund, fixed fields), staff, goals and events, and who
 * may see what.
 */

import { demoMemberId } from '@finsam/governance/demo/forbund.js';
import {
  codes,
  DEMO_INTERVENTION_IDS,
  NORRA,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from '../../../test/support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const { HALLSTAHAMMAR, SALA, VASTERAS_TEAM: SAMORDNINGSTEAMET_VASTERAS, STRUCTURAL_VASTERAS } = DEMO_INTERVENTION_IDS;
const vMember = (ref: string) => demoMemberId(VASTERAS.id, ref);
const nMember = (ref: string) => demoMemberId(NORRA.id, ref);

const RESULT = `__typename ... on ValidationError { issues { path message } } ... on NotFoundError { message }`;
const CREATE = `mutation ($input: CreateInterventionInput!) {
  createIntervention(input: $input) {
    ${RESULT}
    ... on MutationCreateInterventionSuccess {
      data { id name kind owners { id name } bookkeepingMember { name } targetAgeMin targetAgeMax }
    }
  }
}`;

const validInput = () => ({
  name: 'Unga vuxna Västerås',
  kind: 'INDIVIDUAL',
  form: 'PROJECT',
  ownerMemberIds: [vMember('AF'), vMember('KOMMUN:1980')],
  bookkeepingMemberId: vMember('KOMMUN:1980'),
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  kommunCodes: ['1980'],
  priorityGroups: ['unga 19–29 med aktivitetsersättning'],
  maxEnrolled: 20,
  methods: ['SUPPORTED_EMPLOYMENT'],
  followUpMethod: 'Indikatorer för finansiell samordning',
  esfFunded: false,
});

const interventionCount = async () => Number((await p.rows('teams', 'select count(*) from intervention'))[0].count);

describe('the seeded insatser', () => {
  it('answers a förbund with its insatser and staffing, employers named by governance', async () => {
    const res = await p.gql(
      `{ forbund { name
           interventions { id name staff { role fte employer { name } } fte(on: "2021-06-30") { total } } } }`,
      { as: 'norra-vastmanland-admin' },
    );
    expect(res.errors).toBeUndefined();
    const hallsta = res.data.forbund.interventions.find((i: any) => i.id === HALLSTAHAMMAR);
    expect(hallsta.name).toBe('Samordningsteam Hallstahammar');
    expect(hallsta.staff.map((s: any) => [s.role, s.fte]).sort()).toEqual(
      [
        ['ARBETSFORMEDLARE', 20],
        ['KURATOR', 20],
        ['SOCIALKONSULENT', 100],
        ['VERKSAMHETSLEDARE', 40],
      ].sort(),
    );
    expect(hallsta.staff.every((s: any) => typeof s.employer.name === 'string')).toBe(true);
    expect(hallsta.fte.total).toBe(180);
    expect(res.data.forbund.interventions.map((i: any) => i.name)).toEqual(
      expect.arrayContaining(['Samordningsteam Sala', 'Samordningsteam FNS', 'Samordningsteam Surahammar']),
    );
  });

  it('shows Västerås Samordningsteam with 110 årsplatser, a structural insats counting attendees to 400', async () => {
    const res = await p.gql(
      `{ team: intervention(id: "${SAMORDNINGSTEAMET_VASTERAS}") { yearlyPlaces kind }
         structural: intervention(id: "${STRUCTURAL_VASTERAS}") {
           kind structuralAttendance(year: 2022) { target events attendees } } }`,
      { as: 'vasteras-board' },
    );
    expect(res.data.team).toEqual({ yearlyPlaces: 110, kind: 'INDIVIDUAL' });
    expect(res.data.structural.kind).toBe('STRUCTURAL');
    expect(res.data.structural.structuralAttendance.target).toBe(400);
    expect(res.data.structural.structuralAttendance.events).toBeGreaterThan(0);
  });

  it('filters by kind, kommun and date', async () => {
    const q = (filter: string) =>
      p.gql(`{ interventions(filter: ${filter}) { edges { node { name } } } }`, { as: 'norra-vastmanland-board' });
    const sala = await q('{ kommunCode: "1981" }');
    expect(sala.data.interventions.edges.map((e: any) => e.node.name)).toEqual(['Samordningsteam Sala']);
    const structural = await q('{ kind: STRUCTURAL }');
    expect(structural.data.interventions.edges).toEqual([]);
    const before = await q('{ activeOn: "2000-01-01" }');
    expect(before.data.interventions.edges).toEqual([]);
  });
});

describe('creating and editing an insats', () => {
  it('registers a valid insats with the default age range', async () => {
    const res = await p.gql(CREATE, { as: 'vasteras-admin', variables: { input: validInput() } });
    expect(res.errors).toBeUndefined();
    const data = res.data.createIntervention.data;
    expect(data).toMatchObject({
      name: 'Unga vuxna Västerås',
      kind: 'INDIVIDUAL',
      targetAgeMin: 16,
      targetAgeMax: 64,
      bookkeepingMember: { name: 'Västerås stad' },
    });
    expect(data.owners.map((o: any) => o.name)).toEqual(['Arbetsförmedlingen', 'Västerås stad']);
  });

  const bad: [string, (i: any) => void, (string | number)[], RegExp][] = [
    [
      'an owner from another förbund',
      (i) => (i.ownerMemberIds = [vMember('KOMMUN:1980'), nMember('KOMMUN:1981')]),
      ['input', 'ownerMemberIds', '1'],
      /not a member of your förbund/,
    ],
    [
      'one owner only',
      (i) => (i.ownerMemberIds = [vMember('KOMMUN:1980')]),
      ['input', 'ownerMemberIds'],
      /at least two owners/,
    ],
    [
      'bookkeeping by a non-owner',
      (i) => (i.bookkeepingMemberId = vMember('FK')),
      ['input', 'bookkeepingMemberId'],
      /one of the owners/,
    ],
    ['a project without end date', (i) => (i.endDate = null), ['input', 'endDate'], /project has an end date/],
    [
      'a kommun outside the förbund',
      (i) => (i.kommunCodes = ['1981']),
      ['input', 'kommunCodes', '0'],
      /not a member of your förbund/,
    ],
    ['an age range beyond FINSAM', (i) => (i.targetAgeMax = 70), ['input', 'targetAgeMax'], /16–67/],
    ['no capacity for an individinriktad insats', (i) => (i.maxEnrolled = null), ['input', 'maxEnrolled'], /capacity/],
  ];

  it.each(bad)('rejects %s with a typed error at the field, writing nothing', async (_name, spoil, path, message) => {
    const before = await interventionCount();
    const input = validInput();
    spoil(input);
    const res = await p.gql(CREATE, { as: 'vasteras-admin', variables: { input } });
    expect(res.data.createIntervention.__typename).toBe('ValidationError');
    expect(res.data.createIntervention.issues).toContainEqual({ path, message: expect.stringMatching(message) });
    expect(await interventionCount()).toBe(before);
  });

  it('refuses to change kind, follow-up method or ESF funding after creation; other fields change', async () => {
    const created = await p.gql(CREATE, {
      as: 'vasteras-admin',
      variables: { input: { ...validInput(), name: 'Att ändra' } },
    });
    const id = created.data.createIntervention.data.id;
    const UPDATE = `mutation ($id: ID!, $input: UpdateInterventionInput!) {
      updateIntervention(id: $id, input: $input) {
        ${RESULT} ... on MutationUpdateInterventionSuccess { data { name kind esfFunded } }
      }
    }`;
    const kind = await p.gql(UPDATE, {
      as: 'vasteras-admin',
      variables: { id, input: { kind: 'STRUCTURAL', esfFunded: true, name: 'Nytt namn' } },
    });
    expect(kind.data.updateIntervention.__typename).toBe('ValidationError');
    expect(kind.data.updateIntervention.issues.map((i: any) => i.path)).toEqual([
      ['input', 'kind'],
      ['input', 'esfFunded'],
    ]);
    const same = await p.gql(UPDATE, {
      as: 'vasteras-admin',
      variables: { id, input: { kind: 'INDIVIDUAL', name: 'Nytt namn', targetAgeMax: 67 } },
    });
    expect(same.data.updateIntervention.data).toEqual({ name: 'Nytt namn', kind: 'INDIVIDUAL', esfFunded: false });
    const read = await p.gql(`{ intervention(id: "${id}") { name kind targetAgeMax } }`, { as: 'vasteras-admin' });
    expect(read.data.intervention).toEqual({ name: 'Nytt namn', kind: 'INDIVIDUAL', targetAgeMax: 67 });
  });

  it('closes an insats and the staff positions still open with it', async () => {
    const created = await p.gql(CREATE, {
      as: 'vasteras-admin',
      variables: { input: { ...validInput(), name: 'Att stänga' } },
    });
    const id = created.data.createIntervention.data.id;
    await p.gql(
      `mutation { addStaffPosition(interventionId: "${id}", input: {
         role: COACH, employerMemberId: "${vMember('KOMMUN:1980')}", fte: 50, financing: FORBUND, from: "2026-01-01"
       }) { __typename } }`,
      { as: 'vasteras-admin' },
    );
    const closed = await p.gql(
      `mutation { closeIntervention(id: "${id}", endDate: "2026-06-30", reason: "Medlen tog slut") {
         ${RESULT}
         ... on MutationCloseInterventionSuccess {
           data { endDate closedReason activeOn(date: "2026-07-01") staff { to } }
         }
       } }`,
      { as: 'vasteras-admin' },
    );
    expect(closed.data.closeIntervention.data).toEqual({
      endDate: '2026-06-30',
      closedReason: 'Medlen tog slut',
      activeOn: false,
      staff: [{ to: '2026-06-30' }],
    });
  });
});

describe('staff, goals and events', () => {
  const ADD_STAFF = (employer: string, fte = 50) =>
    `mutation { addStaffPosition(interventionId: "${SAMORDNINGSTEAMET_VASTERAS}", input: {
       role: KURATOR, employerMemberId: "${employer}", fte: ${fte}, financing: LENT_BY_MEMBER, from: "2026-01-01"
     }) {
       ${RESULT}
       ... on MutationAddStaffPositionSuccess {
         data { fte(on: "2026-03-01") { total byEmployer { employer { name } fte } } }
       }
     } }`;

  it('adds a position and counts it in the FTE per employer', async () => {
    const before = await p.gql(
      `{ intervention(id: "${SAMORDNINGSTEAMET_VASTERAS}") { fte(on: "2026-03-01") { total } } }`,
      { as: 'vasteras-admin' },
    );
    const res = await p.gql(ADD_STAFF(vMember('REGION')), { as: 'vasteras-admin' });
    const fte = res.data.addStaffPosition.data.fte;
    expect(fte.total).toBe(before.data.intervention.fte.total + 50);
    expect(fte.byEmployer).toContainEqual({ employer: { name: 'Region Västmanland' }, fte: 50 });
  });

  it('refuses an employer from another förbund and an FTE over 100 %', async () => {
    const other = await p.gql(ADD_STAFF(nMember('REGION')), { as: 'vasteras-admin' });
    expect(other.data.addStaffPosition.issues).toEqual([
      { path: ['input', 'employerMemberId'], message: expect.stringMatching(/not a member of your förbund/) },
    ]);
    const tooMuch = await p.gql(ADD_STAFF(vMember('REGION'), 120), { as: 'vasteras-admin' });
    expect(tooMuch.data.addStaffPosition.issues).toEqual([
      { path: ['input', 'fte'], message: expect.stringMatching(/1–100/) },
    ]);
  });

  it('keeps yearly goals with their results', async () => {
    const res = await p.gql(
      `mutation { addLocalGoal(interventionId: "${SAMORDNINGSTEAMET_VASTERAS}", input: {
         year: 2026, text: "Frågor om våld till alla deltagare", measure: "Andel tillfrågade", target: "100 %",
         status: IN_PROGRESS
       }) { ... on MutationAddLocalGoalSuccess { data { goals(year: 2026) { text status result } } } } }`,
      { as: 'vasteras-admin' },
    );
    expect(res.data.addLocalGoal.data.goals).toContainEqual({
      text: 'Frågor om våld till alla deltagare',
      status: 'IN_PROGRESS',
      result: null,
    });
  });

  it('records events only for a strukturövergripande insats, and counts them for the year', async () => {
    const EVENT = (id: string) =>
      `mutation { recordStructuralEvent(interventionId: "${id}", input: {
         date: "2026-03-10", title: "Frukostseminarium: SIP", format: PHYSICAL, audience: "Personal hos parterna",
         attendees: 45
       }) {
         ${RESULT}
         ... on MutationRecordStructuralEventSuccess {
           data { structuralAttendance(year: 2026) { events attendees target targetReached } }
         }
       } }`;
    const wrong = await p.gql(EVENT(SAMORDNINGSTEAMET_VASTERAS), { as: 'vasteras-admin' });
    expect(wrong.data.recordStructuralEvent.issues).toEqual([
      { path: ['interventionId'], message: expect.stringMatching(/strukturövergripande/) },
    ]);
    const right = await p.gql(EVENT(STRUCTURAL_VASTERAS), { as: 'vasteras-admin' });
    expect(right.data.recordStructuralEvent.data.structuralAttendance).toEqual({
      events: 1,
      attendees: 45,
      target: 400,
      targetReached: false,
    });
  });
});

describe('changing and removing staff, goals and events', () => {
  it('updates and removes a goal, removes a position, and finds nothing of another förbund', async () => {
    const GOALS = `goals(year: 2027) { id text status result }`;
    const added = await p.gql(
      `mutation { addLocalGoal(interventionId: "${SAMORDNINGSTEAMET_VASTERAS}", input: {
         year: 2027, text: "Fler unga anvisade", measure: "Antal", target: "30", status: PLANNED
       }) { ... on MutationAddLocalGoalSuccess { data { ${GOALS} } } } }`,
      { as: 'vasteras-admin' },
    );
    const goal = added.data.addLocalGoal.data.goals[0];
    const updated = await p.gql(
      `mutation { updateLocalGoal(id: "${goal.id}", input: {
         year: 2027, text: "Fler unga anvisade", measure: "Antal", target: "30", result: "34", status: MET
       }) { ... on MutationUpdateLocalGoalSuccess { data { ${GOALS} } } } }`,
      { as: 'vasteras-admin' },
    );
    expect(updated.data.updateLocalGoal.data.goals).toEqual([
      { id: goal.id, text: 'Fler unga anvisade', status: 'MET', result: '34' },
    ]);
    const removed = await p.gql(
      `mutation { removeLocalGoal(id: "${goal.id}") { ... on MutationRemoveLocalGoalSuccess { data { ${GOALS} } } } }`,
      { as: 'vasteras-admin' },
    );
    expect(removed.data.removeLocalGoal.data.goals).toEqual([]);

    const staff = (
      await p.gql(`{ intervention(id: "${HALLSTAHAMMAR}") { staff { id } } }`, { as: 'norra-vastmanland-admin' })
    ).data.intervention.staff;
    const foreign = await p.gql(`mutation { removeStaffPosition(id: "${staff[0].id}") { ${RESULT} } }`, {
      as: 'vasteras-admin',
    });
    expect(foreign.data.removeStaffPosition).toEqual({
      __typename: 'NotFoundError',
      message: expect.stringMatching(/No staff position/),
    });
    const own = await p.gql(
      `mutation { removeStaffPosition(id: "${staff[0].id}") {
         ... on MutationRemoveStaffPositionSuccess { data { staff { id } } } } }`,
      { as: 'norra-vastmanland-admin' },
    );
    expect(own.data.removeStaffPosition.data.staff.map((s: any) => s.id)).toEqual(staff.slice(1).map((s: any) => s.id));
  });
});

describe('who sees what', () => {
  it('staff see their own insats only; the board sees all of its förbund', async () => {
    const staff = await p.gql('{ interventions { edges { node { id } } } forbund { interventions { id } } }', {
      as: 'norra-vastmanland-staff',
    });
    expect(staff.data.interventions.edges.map((e: any) => e.node.id)).toEqual([HALLSTAHAMMAR]);
    expect(staff.data.forbund.interventions.map((i: any) => i.id)).toEqual([HALLSTAHAMMAR]);
    const other = await p.gql(`{ intervention(id: "${SALA}") { id } }`, { as: 'norra-vastmanland-staff' });
    expect(other.data.intervention).toBeNull();
    const board = await p.gql('{ interventions { edges { node { id } } } }', { as: 'norra-vastmanland-board' });
    expect(board.data.interventions.edges.length).toBeGreaterThanOrEqual(4);
  });

  it('only a förbund administrator writes', async () => {
    for (const user of ['vasteras-board', 'vasteras-staff', 'county-analyst', 'platform-admin']) {
      const res = await p.gql(CREATE, { as: user, variables: { input: validInput() } });
      expect(codes(res)).toEqual(['FORBIDDEN']);
    }
  });

  it('another förbund’s insats does not exist for you, to read or to write', async () => {
    const read = await p.gql(`{ intervention(id: "${HALLSTAHAMMAR}") { id } }`, { as: 'vasteras-admin' });
    expect(read.data.intervention).toBeNull();
    const write = await p.gql(
      `mutation { closeIntervention(id: "${HALLSTAHAMMAR}", endDate: "2026-01-01", reason: "Kapning") { ${RESULT} } }`,
      { as: 'vasteras-admin' },
    );
    expect(write.data.closeIntervention.__typename).toBe('NotFoundError');
    const still = await p.gql(`{ intervention(id: "${HALLSTAHAMMAR}") { endDate } }`, {
      as: 'norra-vastmanland-admin',
    });
    expect(still.data.intervention.endDate).toBeNull();
  });
});
