/**
 * Governance through the gateway: the årshjul, meetings and their minutes, decisions and votes,
 * styrgrupper and avvikelser — and that one förbund's board sees nothing of another's.
 */
import {
  codes,
  DEMO_INTERVENTION_IDS,
  NORRA,
  openSteeringMeeting,
  SODRA,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from '../../../test/support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const { HALLSTAHAMMAR, SALA } = DEMO_INTERVENTION_IDS;
const RESULT = `__typename ... on ValidationError { issues { path message } } ... on NotFoundError { message }
  ... on ConflictError { path message }`;

async function vasterasBoard() {
  const res = await p.gql(
    '{ bodies(kind: BOARD) { id seats { id name role voting } meetings(year: 2022) { id date decisions { id } } } }',
    { as: 'vasteras-admin' },
  );
  return res.data.bodies[0] as {
    id: string;
    seats: { id: string; name: string; role: string; voting: boolean }[];
    meetings: { id: string; date: string; decisions: { id: string }[] }[];
  };
}

describe('the årshjul', () => {
  it('lists the next meetings and deadlines in date order', async () => {
    const res = await p.gql(
      '{ forbund { upcoming(from: "2022-09-01", limit: 10) { date title deadline meeting { body { kind } } } } }',
      { as: 'vasteras-board' },
    );
    expect(res.errors).toBeUndefined();
    const items = res.data.forbund.upcoming as {
      date: string;
      title: string;
      deadline: string | null;
      meeting: { body: { kind: string } } | null;
    }[];
    expect(items.map((i) => i.date)).toEqual([...items.map((i) => i.date)].sort());
    expect(items.slice(0, 8).map((i) => [i.date, i.deadline ?? i.meeting!.body.kind])).toEqual([
      ['2022-09-14', 'PREPARATORY_GROUP'],
      ['2022-09-23', 'BOARD'],
      ['2022-10-19', 'PREPARATORY_GROUP'],
      ['2022-10-28', 'BOARD'],
      ['2022-11-16', 'PREPARATORY_GROUP'],
      ['2022-11-25', 'BOARD'],
      ['2022-11-30', 'BUDGET_AND_PLAN'],
      ['2022-12-09', 'MEMBER_COUNCIL'],
    ]);
    expect(items.find((i) => i.deadline === 'BUDGET_AND_PLAN')!.title).toBe('Budget och verksamhetsplan 2023');
  });

  it('gives an insats its styrgrupp meetings and requisition deadlines', async () => {
    const res = await p.gql(
      `{ intervention(id: "${HALLSTAHAMMAR}") {
        steeringGroup { name seats { role voting } }
        upcoming(from: "2021-10-01", limit: 3) { date deadline meeting { id } }
      } }`,
      { as: 'norra-vastmanland-staff' },
    );
    const i = res.data.intervention;
    expect(i.steeringGroup.name).toBe('Styrgrupp Samordningsteam Hallstahammar');
    expect(i.steeringGroup.seats).toContainEqual({ role: 'ADJUNGERAD', voting: false });
    expect(i.upcoming.map((u: any) => [u.date, u.deadline ?? 'MEETING'])).toEqual([
      ['2021-10-20', 'MEETING'],
      ['2021-11-30', 'REQUISITION'],
      ['2022-01-31', 'REQUISITION'],
    ]);
  });

  it('a board member of Södra Dalarna sees none of Västerås’ meetings, by any path', async () => {
    const board = await vasterasBoard();
    const own = await p.gql(
      '{ forbund { upcoming(from: "2022-01-01", limit: 50) { date meeting { id } } } bodies { id } }',
      { as: 'sodra-dalarna-board' },
    );
    expect(own.data.forbund.upcoming.filter((u: any) => u.meeting)).toEqual([]);
    expect(own.data.bodies.map((b: any) => b.id)).not.toContain(board.id);
    const token = await p.internalToken(
      { sub: 'demo:sodra-dalarna-board', tenant: SODRA.id, roles: ['board'] },
      'governance',
    );
    const decision = board.meetings.flatMap((m) => m.decisions)[0]!.id;
    const entities = await p.post(
      p.subgraphUrls.governance!,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Decision { id text meeting { minutes } }
        ... on Forbund { upcoming(from: "2022-01-01") { date } }
      } }`,
      {
        headers: { authorization: `Bearer ${token}` },
        variables: {
          reps: [
            { __typename: 'Decision', id: decision },
            { __typename: 'Forbund', id: VASTERAS.id },
          ],
        },
      },
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data._entities).toEqual([null, null]);
    // The same lookups as Västerås' own board do find them (so the probe can fail).
    const ownToken = await p.internalToken(
      { sub: 'demo:vasteras-board', tenant: VASTERAS.id, roles: ['board'] },
      'governance',
    );
    const control = await p.post(
      p.subgraphUrls.governance!,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Decision { id } } }`,
      {
        headers: { authorization: `Bearer ${ownToken}` },
        variables: { reps: [{ __typename: 'Decision', id: decision }] },
      },
    );
    expect(control.data._entities).toEqual([{ id: decision }]);
  });
});

describe('a styrgrupp member', () => {
  /** A meeting of this body (as its förbund's administrator plans it) with one decision of the board's recording. */
  async function meetingWithDecision(bodyId: string, date: string, text: string) {
    const planned = await p.gql(
      `mutation ($b: ID!, $d: Date!) { planMeeting(bodyId: $b, date: $d) {
        ... on MutationPlanMeetingSuccess { data { id } } } }`,
      { as: 'norra-vastmanland-admin', variables: { b: bodyId, d: date } },
    );
    const meetingId = planned.data.planMeeting.data.id as string;
    const decided = await p.gql(
      `mutation ($m: ID!, $input: DecisionInput!) { recordDecision(meetingId: $m, input: $input) {
        ... on MutationRecordDecisionSuccess { data { id } } } }`,
      { as: 'norra-vastmanland-board', variables: { m: meetingId, input: { kind: 'OTHER', text } } },
    );
    return { meetingId, decisionId: decided.data.recordDecision.data.id as string };
  }

  it('reads the meetings and decisions of their own styrgrupp, not the board’s nor another insats’', async () => {
    const all = await p.gql('{ bodies { id kind intervention { id } } }', { as: 'norra-vastmanland-admin' });
    const bodyOf = (kind: string, insats: string | null = null) =>
      all.data.bodies.find((b: any) => b.kind === kind && (b.intervention?.id ?? null) === insats).id as string;
    const own = await meetingWithDecision(
      bodyOf('STEERING_GROUP', HALLSTAHAMMAR),
      '2027-02-10',
      'Styrgruppen följer upp bemanningen.',
    );
    const sala = await meetingWithDecision(
      bodyOf('STEERING_GROUP', SALA),
      '2027-02-11',
      'Styrgruppen i Sala följer upp volymerna.',
    );
    const board = await meetingWithDecision(bodyOf('BOARD'), '2027-02-12', 'Styrelsen beslutar om remissvägar.');

    const seen = await p.gql(
      `{ bodies { id kind intervention { id } meetings(year: 2027) { id decisions { id } } }
         forbund { upcoming(from: "2027-02-01", limit: 100) { meeting { id } } } }`,
      { as: 'norra-vastmanland-styrgrupp' },
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data.bodies.map((b: any) => [b.kind, b.intervention?.id])).toEqual([['STEERING_GROUP', HALLSTAHAMMAR]]);
    const meetings = seen.data.bodies.flatMap((b: any) => b.meetings);
    expect(meetings).toEqual([{ id: own.meetingId, decisions: [{ id: own.decisionId }] }]);
    const upcoming = seen.data.forbund.upcoming.filter((u: any) => u.meeting).map((u: any) => u.meeting.id);
    expect(upcoming).toContain(own.meetingId);
    expect(upcoming).not.toContain(sala.meetingId);
    expect(upcoming).not.toContain(board.meetingId);

    // Named directly, the others' decisions are not found for them (and are for the board: the probe can fail).
    const probe = async (sub: string, roles: string[], steering: string[]) => {
      const token = await p.internalToken({ sub, tenant: NORRA.id, roles, steering }, 'governance');
      const res = await p.post(
        p.subgraphUrls.governance!,
        `query ($reps: [_Any!]!) { _entities(representations: $reps) {
          ... on Decision { id meeting { id } } } }`,
        {
          headers: { authorization: `Bearer ${token}` },
          variables: {
            reps: [sala, board, own].map((m) => ({ __typename: 'Decision', id: m.decisionId })),
          },
        },
      );
      expect(res.errors).toBeUndefined();
      return res.data._entities;
    };
    const found = (m: { meetingId: string; decisionId: string }) => ({
      id: m.decisionId,
      meeting: { id: m.meetingId },
    });
    await expect(probe('demo:norra-vastmanland-styrgrupp', ['steering'], [HALLSTAHAMMAR])).resolves.toEqual([
      null,
      null,
      found(own),
    ]);
    await expect(probe('demo:norra-vastmanland-board', ['board'], [])).resolves.toEqual([
      found(sala),
      found(board),
      found(own),
    ]);
  });
});

describe('meetings, minutes and decisions', () => {
  it('once approved, minutes cannot change; a correction is a new record', async () => {
    const board = await vasterasBoard();
    const meeting = board.meetings.find((m) => m.date === '2022-09-23')!;
    const record = (minutes: string) =>
      p.gql(
        `mutation ($m: ID!, $a: [ID!]!, $min: String!) {
          recordMeeting(
            meetingId: $m
            agenda: ["Budgetuppföljning", "Bemanning i teamen"]
            attendance: $a
            minutes: $min
          ) { ${RESULT} }
        }`,
        {
          as: 'vasteras-board',
          variables: { m: meeting.id, a: board.seats.slice(0, 3).map((s) => s.id), min: minutes },
        },
      );
    expect(
      (await record('Teamen är fullt bemannade; 104 av 110 årsplatser används.')).data.recordMeeting.__typename,
    ).toBe('MutationRecordMeetingSuccess');
    const approved = await p.gql(
      `mutation { approveMinutes(meetingId: "${meeting.id}") {
        ${RESULT} ... on MutationApproveMinutesSuccess { data { minutesApproved } }
      } }`,
      { as: 'vasteras-board' },
    );
    expect(approved.data.approveMinutes.data.minutesApproved).toBe(true);

    // Approved minutes are a conflict for an edit: the edit was made on minutes that were still open.
    const edit = await record('Ändrad text efter justering.');
    expect(edit.data.recordMeeting).toEqual({
      __typename: 'ConflictError',
      path: ['minutes'],
      message: expect.stringMatching(/approved/),
    });
    const corrected = await p.gql(
      `mutation { correctMinutes(meetingId: "${meeting.id}", text: "Rättelse: 106 av 110 årsplatser.") {
        ... on MutationCorrectMinutesSuccess { data { minutes corrections { text } } }
      } }`,
      { as: 'vasteras-board' },
    );
    expect(corrected.data.correctMinutes.data).toEqual({
      minutes: 'Teamen är fullt bemannade; 104 av 110 årsplatser används.',
      corrections: [{ text: 'Rättelse: 106 av 110 årsplatser.' }],
    });

    // The database holds the line too, whatever the code path.
    await expect(
      p.rows('governance', `update meeting set minutes = 'Förfalskad' where id = $1`, [meeting.id]),
    ).rejects.toThrow(/approved minutes cannot change/);
  });

  it('records a decision with votes; an adjungerad given a vote is a typed error', async () => {
    const sg = (
      await p.gql(
        `{ intervention(id: "${HALLSTAHAMMAR}") { steeringGroup { id seats { id role } meetings { id } } } }`,
        { as: 'norra-vastmanland-admin' },
      )
    ).data.intervention.steeringGroup;
    const adjungerad = sg.seats.find((s: any) => s.role === 'ADJUNGERAD').id;
    const ordinarie = sg.seats.filter((s: any) => s.role === 'ORDINARIE').map((s: any) => s.id);
    const meetingId = await openSteeringMeeting(p, 'norra-vastmanland-admin', HALLSTAHAMMAR, '2022-03-10');
    const DECIDE = `mutation ($m: ID!, $input: DecisionInput!) { recordDecision(meetingId: $m, input: $input) {
      ${RESULT} ... on MutationRecordDecisionSuccess { data { id kind votes { vote } intervention { id } } }
    } }`;
    const input = (votes: { seatId: string; vote: string }[]) => ({
      kind: 'OTHER',
      text: 'Teamet får en kurator på 20 % till.',
      votes,
    });
    const bad = await p.gql(DECIDE, {
      as: 'norra-vastmanland-board',
      variables: {
        m: meetingId,
        input: input([
          { seatId: ordinarie[0], vote: 'YES' },
          { seatId: adjungerad, vote: 'YES' },
        ]),
      },
    });
    expect(bad.data.recordDecision.issues).toEqual([
      { path: ['input', 'votes', '1', 'seatId'], message: expect.stringMatching(/adjungerad and has no vote/) },
    ]);
    const good = await p.gql(DECIDE, {
      as: 'norra-vastmanland-board',
      variables: { m: meetingId, input: input(ordinarie.map((seatId: string) => ({ seatId, vote: 'YES' }))) },
    });
    expect(good.data.recordDecision.data).toMatchObject({ kind: 'OTHER', intervention: { id: HALLSTAHAMMAR } });
    expect(good.data.recordDecision.data.votes).toHaveLength(ordinarie.length);
  });

  it('refuses seats that give an adjungerad a vote or leave an owner without a representative', async () => {
    const sg = (
      await p.gql(
        `{ intervention(id: "${SALA}") {
          steeringGroup { id seats { name role voting mandate termFrom member { id } } }
        } }`,
        { as: 'norra-vastmanland-admin' },
      )
    ).data.intervention.steeringGroup;
    const seats = sg.seats.map((s: any) => ({
      name: s.name,
      role: s.role,
      voting: s.voting,
      mandate: s.mandate,
      termFrom: s.termFrom,
      memberId: s.member?.id ?? null,
    }));
    const SET = `mutation ($b: ID!, $seats: [SeatInput!]!) { setSeats(bodyId: $b, seats: $seats) { ${RESULT} } }`;
    const adj = seats.map((s: any) => (s.role === 'ADJUNGERAD' ? { ...s, voting: true } : s));
    const r1 = await p.gql(SET, { as: 'norra-vastmanland-admin', variables: { b: sg.id, seats: adj } });
    expect(r1.data.setSeats.issues).toContainEqual({
      path: ['seats', String(seats.length - 1), 'voting'],
      message: expect.stringMatching(/never votes/),
    });
    const r2 = await p.gql(SET, { as: 'norra-vastmanland-admin', variables: { b: sg.id, seats: seats.slice(1) } });
    expect(r2.data.setSeats.issues).toEqual([
      { path: ['seats'], message: expect.stringMatching(/no ordinarie representative with mandate/) },
    ]);
    const r3 = await p.gql(SET, { as: 'norra-vastmanland-admin', variables: { b: sg.id, seats } });
    expect(r3.data.setSeats.__typename).toBe('MutationSetSeatsSuccess');
  });
});

describe('avvikelser', () => {
  it('staff report for their own insats; its styrgrupp handles it with a decision; overdue ones show', async () => {
    const REPORT = (id: string) =>
      `mutation { reportAvvikelse(
        interventionId: "${id}"
        description: "Remittenten kom inte till uppföljningsmötet."
        reportedOn: "2026-01-10"
      ) { ${RESULT} ... on MutationReportAvvikelseSuccess { data { id status dueOn } } } }`;
    const notOwn = await p.gql(REPORT(SALA), { as: 'norra-vastmanland-staff' });
    expect(notOwn.data.reportAvvikelse.issues).toEqual([
      { path: ['interventionId'], message: expect.stringMatching(/your own insats/) },
    ]);
    const reported = await p.gql(REPORT(HALLSTAHAMMAR), { as: 'norra-vastmanland-staff' });
    expect(reported.data.reportAvvikelse.data).toMatchObject({ status: 'RECEIVED', dueOn: '2026-02-09' });

    const overdue = await p.gql('{ avvikelser(overdueOnly: true) { intervention { id } status overdue } }', {
      as: 'norra-vastmanland-admin',
    });
    expect(overdue.data.avvikelser.map((a: any) => a.intervention.id)).toEqual(expect.arrayContaining([SALA]));

    const noDecision = await p.gql(
      `mutation { handleAvvikelse(id: "${reported.data.reportAvvikelse.data.id}", status: HANDLED) { ${RESULT} } }`,
      { as: 'norra-vastmanland-styrgrupp' },
    );
    expect(noDecision.data.handleAvvikelse.issues).toEqual([
      { path: ['decisionId'], message: expect.stringMatching(/with a decision/) },
    ]);
    const decisionId = (
      await p.gql(`{ intervention(id: "${HALLSTAHAMMAR}") { decisions { id } } }`, { as: 'norra-vastmanland-board' })
    ).data.intervention.decisions[0].id;
    const handled = await p.gql(
      `mutation { handleAvvikelse(
        id: "${reported.data.reportAvvikelse.data.id}", status: HANDLED, decisionId: "${decisionId}"
      ) {
        ... on MutationHandleAvvikelseSuccess { data { status overdue decision { id } } }
      } }`,
      { as: 'norra-vastmanland-styrgrupp' },
    );
    expect(handled.data.handleAvvikelse.data).toEqual({
      status: 'HANDLED',
      overdue: false,
      decision: { id: decisionId },
    });
  });

  it('a board member cannot report nor read them, and another förbund cannot see them', async () => {
    const res = await p.gql(
      `mutation {
        reportAvvikelse(interventionId: "${HALLSTAHAMMAR}", description: "Försök från fel roll.") { __typename }
      }`,
      { as: 'vasteras-board' },
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(codes(await p.gql('{ avvikelser { id } }', { as: 'vasteras-board' }))).toEqual(['FORBIDDEN']);
    const other = await p.gql('{ avvikelser { id } }', { as: 'vasteras-admin' });
    expect(other.data.avvikelser).toEqual([]);
    expect(NORRA.id).not.toBe(VASTERAS.id);
  });
});

describe('verksamhetsplan', () => {
  const SAVE = `mutation ($id: ID, $input: PlanGoalInput!) { savePlanGoal(id: $id, input: $input) {
    ${RESULT} ... on MutationSavePlanGoalSuccess { data { id status followUp } }
  } }`;
  const goal = {
    year: 2022,
    kind: 'GOAL',
    text: '80 % av deltagarna gör en stegförflyttning mot arbete eller studier',
    measure: 'Andel avslutade med stegförflyttning',
    status: 'IN_PROGRESS',
  };

  it('keeps goals and internal-control items per year, with their follow-up', async () => {
    const created = await p.gql(SAVE, { as: 'vasteras-admin', variables: { input: goal } });
    const id = created.data.savePlanGoal.data.id;
    await p.gql(SAVE, {
      as: 'vasteras-admin',
      variables: {
        input: {
          year: 2022,
          kind: 'INTERNAL_CONTROL',
          text: 'Rekvisitioner kommer in sent',
          measure: 'Stickprov varannan månad',
          status: 'PLANNED',
        },
      },
    });
    const followed = await p.gql(SAVE, {
      as: 'vasteras-admin',
      variables: { id, input: { ...goal, status: 'MET', followUp: '83 % vid årets slut' } },
    });
    expect(followed.data.savePlanGoal.data).toEqual({ id, status: 'MET', followUp: '83 % vid årets slut' });
    const read = await p.gql(
      '{ forbund { goals: plan(year: 2022, kind: GOAL) { text status } all: plan(year: 2022) { kind } } }',
      { as: 'vasteras-board' },
    );
    expect(read.data.forbund.goals).toEqual([{ text: goal.text, status: 'MET' }]);
    expect(read.data.forbund.all.map((g: any) => g.kind).sort()).toEqual(['GOAL', 'INTERNAL_CONTROL']);
  });

  it('rejects a year before FINSAM at the field, and refuses the board', async () => {
    const bad = await p.gql(SAVE, { as: 'vasteras-admin', variables: { input: { ...goal, year: 1999 } } });
    expect(bad.data.savePlanGoal.issues).toEqual([{ path: ['input', 'year'], message: expect.stringMatching(/2004/) }]);
    expect(codes(await p.gql(SAVE, { as: 'vasteras-board', variables: { input: goal } }))).toEqual(['FORBIDDEN']);
    const other = await p.gql('{ forbund { plan(year: 2022) { id } } }', { as: 'sodra-dalarna-board' });
    expect(other.data.forbund.plan).toEqual([]);
  });
});
