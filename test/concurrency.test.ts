/**
 * Issue 15, concurrency: for each mutation family, N calls at the same moment through the gateway.
 * Exactly one wins and the others get a `ConflictError` (or the documented idempotent result: a "set"
 * that replaces applies one after another), none an internal error, and what is stored is what one
 * serial order of the calls gives. The guards are in kit/src/conflicts.ts (row locks, the database's
 * unique keys named as ConflictErrors, upserts) and finance's optimistic requisition versions.
 */

import { demoMemberId } from '@finsam/governance/demo/forbund.js';
import { DEMO_INSTRUMENT } from '@finsam/indicators/demo/surveys.js';
import {
  DEMO_INTERVENTION_IDS,
  type GraphQLResponse,
  NORRA,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from './support/platform.js';

const { SALA, FNS, VASTERAS_TEAM, HALLSTAHAMMAR } = DEMO_INTERVENTION_IDS;
const N = 6;

let p: TestPlatform;
let salaStaff: string;
beforeAll(async () => {
  p = await startTestPlatform();
  salaStaff = await p.tokenFor({
    name: 'sala-staff-conc',
    description: 'staff',
    roles: ['staff'],
    tenant: NORRA.id,
    interventions: [SALA, FNS],
    // Decides on referrals: the Norra Västmanland insatser give that to their verksamhetsledare.
    lead: true,
  });
});
afterAll(() => p.close());

const RESULT = `__typename ... on Error { code message } ... on ValidationError { issues { path message } }
  ... on ConflictError { path } ... on NotFoundError { path }`;

/** `n` calls started together; every answer must be free of GraphQL errors (no INTERNAL_SERVER_ERROR). */
async function race<T = any>(n: number, call: (i: number) => Promise<GraphQLResponse<T>>) {
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => call(i)));
  for (const answer of answers) {
    expect(answer.errors).toBeUndefined();
  }
  return answers;
}

/** The result of mutation `field` in each answer, and the index of the one that succeeded. */
function outcome(answers: GraphQLResponse[], field: string) {
  const results = answers.map((a) => a.data[field]);
  const winners = results.flatMap((r, i) => (r.__typename.endsWith('Success') ? [i] : []));
  return { results, winners, losers: results.filter((r) => !r.__typename.endsWith('Success')) };
}

/** Exactly one success; every other answer a ConflictError at `path`. */
function oneWins(answers: GraphQLResponse[], field: string, path: string[]): number {
  const { winners, losers } = outcome(answers, field);
  expect(winners).toHaveLength(1);
  expect(losers).toHaveLength(answers.length - 1);
  for (const loser of losers) {
    expect(loser).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', path });
  }
  return winners[0]!;
}

const participants = <T = any>(sql: string, params: unknown[] = []) => p.rows<T>('participants', sql, params);

/** A valid personnummer born on `birth` (YYYYMMDD) with this three-digit serial: Luhn check digit added. */
function personnummer(birth: string, serial: number): string {
  const digits = `${birth.slice(2)}${String(serial).padStart(3, '0')}`;
  const sum = [...digits].reduce((s, d, i) => {
    const v = Number(d) * (i % 2 === 0 ? 2 : 1);
    return s + (v > 9 ? v - 9 : v);
  }, 0);
  return `${birth}-${String(serial).padStart(3, '0')}${(10 - (sum % 10)) % 10}`;
}

const REFER = `mutation ($input: ReferralInput!) { referParticipant(input: $input) {
  ${RESULT} ... on MutationReferParticipantSuccess { data { id } } } }`;
const referral = (pnr: string, interventionId: string = SALA) => ({
  interventionId,
  referredOn: '2026-02-01',
  referrerUnit: 'FORSAKRINGSKASSAN',
  needsTwoMembers: true,
  motivated: true,
  exclusionGrounds: [],
  studyVisit: 'OFFERED',
  consentGivenOn: '2026-02-01',
  personnummer: pnr,
  hemkommun: '1981',
});

let serial = 100;
/** A new person referred to Sala and taken to `status` one step at a time (each step alone). */
async function participation(status: 'REFERRED' | 'ACCEPTED' | 'ENROLLED'): Promise<string> {
  const referred = await p.gql(REFER, {
    token: salaStaff,
    variables: { input: referral(personnummer('19900315', serial++)) },
  });
  const id = referred.data.referParticipant.data.id as string;
  if (status !== 'REFERRED') {
    await p.gql(
      `mutation { decideReferral(participationId: "${id}", accept: true, decidedOn: "2026-02-05") { __typename } }`,
      {
        token: salaStaff,
      },
    );
  }
  if (status === 'ENROLLED') {
    await p.gql(`mutation { enrolParticipant(participationId: "${id}", enrolledOn: "2026-03-01") { __typename } }`, {
      token: salaStaff,
    });
  }
  const [row] = await participants<{ status: string }>('select status from participation where id = $1', [id]);
  expect(row!.status).toBe(status);
  return id;
}

describe('participations', () => {
  it('referral decision: accept and reject at once — one decides, the others conflict; stored as it said', async () => {
    const id = await participation('REFERRED');
    const answers = await race(N, (i) =>
      p.gql(
        `mutation ($id: ID!, $accept: Boolean!, $reason: String) {
          decideReferral(participationId: $id, accept: $accept, reason: $reason, decidedOn: "2026-02-0${i + 2}") {
            ${RESULT}
          }
        }`,
        { token: salaStaff, variables: { id, accept: i % 2 === 0, reason: i % 2 === 0 ? null : `Nej ${i}` } },
      ),
    );
    const winner = oneWins(answers, 'decideReferral', ['participationId']);
    const [row] = await participants(
      'select status, decision_reason, decided_on::text as decided_on from participation where id = $1',
      [id],
    );
    expect(row).toEqual({
      status: winner % 2 === 0 ? 'ACCEPTED' : 'REJECTED',
      decision_reason: winner % 2 === 0 ? null : `Nej ${winner}`,
      decided_on: `2026-02-0${winner + 2}`,
    });
  });

  it('enrolment: one inskrivning, the others conflict; enrolled on the winner’s day', async () => {
    const id = await participation('ACCEPTED');
    const answers = await race(N, (i) =>
      p.gql(`mutation { enrolParticipant(participationId: "${id}", enrolledOn: "2026-03-0${i + 1}") { ${RESULT} } }`, {
        token: salaStaff,
      }),
    );
    const winner = oneWins(answers, 'enrolParticipant', ['participationId']);
    const [row] = await participants(
      'select status, enrolled_on::text as enrolled_on from participation where id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'ENROLLED', enrolled_on: `2026-03-0${winner + 1}` });
  });

  it('exit: one avslut, the others conflict; exited on the winner’s day with its outcome', async () => {
    const id = await participation('ENROLLED');
    const outcomes = ['STUDIER', 'ARBETE_UTAN_STOD', 'ARBETE_MED_STOD', 'AVBROTT', 'OVRIGT', 'STUDIER'];
    const answers = await race(N, (i) =>
      p.gql(
        `mutation { exitParticipation(participationId: "${id}", exitedOn: "2026-06-1${i}", outcomes: [${outcomes[i]}]) {
          ${RESULT}
        } }`,
        { token: salaStaff },
      ),
    );
    const winner = oneWins(answers, 'exitParticipation', ['participationId']);
    const [row] = await participants(
      'select status, exited_on::text as exited_on, outcomes from participation where id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'EXITED', exited_on: `2026-06-1${winner}`, outcomes: [outcomes[winner]] });
  });

  it('lifecycle, consent withdrawn: one withdrawal, the others conflict; anonymous from the winner’s day', async () => {
    const id = await participation('ENROLLED');
    const answers = await race(N, (i) =>
      p.gql(`mutation { withdrawConsent(participationId: "${id}", withdrawnOn: "2026-04-0${i + 1}") { ${RESULT} } }`, {
        token: salaStaff,
      }),
    );
    const winner = oneWins(answers, 'withdrawConsent', ['participationId']);
    const [row] = await participants(
      `select consent_withdrawn_on::text as consent_withdrawn_on, person_id, birth_year
       from participation where id = $1`,
      [id],
    );
    expect(row).toEqual({ consent_withdrawn_on: `2026-04-0${winner + 1}`, person_id: null, birth_year: null });
  });

  it('lifecycle, follow-ups against an exit: a follow-up lands only while enrolled', async () => {
    const id = await participation('ENROLLED');
    const answers = await race(N, (i) =>
      i === 0
        ? p.gql(
            `mutation { exitParticipation(participationId: "${id}", exitedOn: "2026-06-30", outcomes: [STUDIER]) {
            ${RESULT}
          } }`,
            { token: salaStaff },
          )
        : p.gql(
            `mutation { recordFollowUp(participationId: "${id}", date: "2026-06-0${i}", referrerPresent: true,
              decision: CONTINUE) { ${RESULT} } }`,
            { token: salaStaff },
          ),
    );
    const exit = answers[0]!.data.exitParticipation;
    expect(exit.__typename).toBe('MutationExitParticipationSuccess');
    const followUps = answers.slice(1).map((a) => a.data.recordFollowUp);
    for (const f of followUps) {
      if (!f.__typename.endsWith('Success')) {
        expect(f).toMatchObject({ __typename: 'ConflictError', path: ['participationId'] });
      }
    }
    const stored = await participants<{ n: number }>(
      'select count(*)::int as n from follow_up where participation_id = $1',
      [id],
    );
    expect(stored[0]!.n).toBe(followUps.filter((f) => f.__typename.endsWith('Success')).length);
  });

  it('five referrals of one new person to one insats at once: one open referral, the others conflict', async () => {
    const pnr = personnummer('19880707', 421);
    const before = await participants<{ n: number }>('select count(*)::int as n from person');
    const answers = await race(5, () => p.gql(REFER, { token: salaStaff, variables: { input: referral(pnr) } }));
    const { winners, losers } = outcome(answers, 'referParticipant');
    expect(winners).toHaveLength(1);
    for (const loser of losers) {
      expect(loser).toMatchObject({
        __typename: 'ConflictError',
        code: 'CONFLICT',
        path: ['input', 'personnummer'],
        message: expect.stringMatching(/already has an open referral or participation in this insats/),
      });
    }
    const after = await participants<{ n: number }>('select count(*)::int as n from person');
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    const open = await participants<{ n: number }>(
      `select count(*)::int as n from participation where intervention_id = $1 and referred_on = '2026-02-01'
       and person_id = (select person_id from participation where id = $2)`,
      [SALA, answers[winners[0]!]!.data.referParticipant.data.id],
    );
    expect(open[0]!.n).toBe(1);

    // Later, one at a time, the same: the database holds it whatever the timing.
    const later = await p.gql(REFER, { token: salaStaff, variables: { input: referral(pnr) } });
    expect(later.data.referParticipant).toMatchObject({ __typename: 'ConflictError', path: ['input', 'personnummer'] });
    // The same person to another insats is another referral; after a rejection, a new one is taken.
    const elsewhere = await p.gql(REFER, { token: salaStaff, variables: { input: referral(pnr, FNS) } });
    expect(elsewhere.data.referParticipant.__typename).toBe('MutationReferParticipantSuccess');
    const first = answers[winners[0]!]!.data.referParticipant.data.id;
    await p.gql(
      `mutation { decideReferral(
        participationId: "${first}", accept: false, reason: "Fel insats", decidedOn: "2026-02-03"
      ) { __typename } }`,
      { token: salaStaff },
    );
    const again = await p.gql(REFER, { token: salaStaff, variables: { input: referral(pnr) } });
    expect(again.data.referParticipant.__typename).toBe('MutationReferParticipantSuccess');
  });
});

const finance = <T = any>(sql: string, params: unknown[] = []) => p.rows<T>('finance', sql, params);

describe('finance', () => {
  const SUBMIT = `mutation ($input: SubmitRequisitionInput!) { submitRequisition(input: $input) { ${RESULT}
    ... on MutationSubmitRequisitionSuccess { data { id version } } } }`;

  it('requisition submit: one per period, the others a ConflictError naming the period', async () => {
    const answers = await race(N, (i) =>
      p.gql(SUBMIT, {
        as: 'norra-vastmanland-admin',
        variables: {
          input: {
            interventionId: HALLSTAHAMMAR,
            year: 2023,
            period: 3,
            submittedOn: '2023-07-03',
            lines: [{ category: 'PERSONNEL', amount: 1000 + i }],
          },
        },
      }),
    );
    const winner = oneWins(answers, 'submitRequisition', ['input', 'period']);
    for (const loser of outcome(answers, 'submitRequisition').losers) {
      expect(loser.message).toBe('Period 3 of 2023 is already requisitioned');
    }
    const stored = await finance(
      `select r.status, sum(l.amount)::int as amount
       from requisition r join requisition_line l on l.requisition_id = r.id
       where r.intervention_id = $1 and r.year = 2023 and r.period = 3 group by r.id`,
      [HALLSTAHAMMAR],
    );
    expect(stored).toEqual([{ status: 'SUBMITTED', amount: 1000 + winner }]);
  });

  it('requisition decision: approvals and rejections on one version — one lands, the others conflict', async () => {
    const submitted = await p.gql(SUBMIT, {
      as: 'norra-vastmanland-admin',
      variables: {
        input: {
          interventionId: HALLSTAHAMMAR,
          year: 2023,
          period: 4,
          submittedOn: '2023-09-04',
          lines: [{ category: 'PERSONNEL', amount: 5000 }],
        },
      },
    });
    const { id, version } = submitted.data.submitRequisition.data;
    const answers = await race(N, (i) =>
      i % 2 === 0
        ? p.gql(`mutation { approveRequisition(id: "${id}", expectedVersion: ${version}) { ${RESULT} } }`, {
            as: 'norra-vastmanland-admin',
          })
        : p.gql(
            `mutation ($id: ID!, $v: Int!, $reason: String!) {
              rejectRequisition(id: $id, expectedVersion: $v, reason: $reason) { ${RESULT} }
            }`,
            { as: 'norra-vastmanland-admin', variables: { id, v: version, reason: `Nej ${i}` } },
          ),
    );
    const results = answers.map((a) => a.data.approveRequisition ?? a.data.rejectRequisition);
    const winners = results.flatMap((r, i) => (r.__typename.endsWith('Success') ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => !r.__typename.endsWith('Success'))) {
      expect(loser).toMatchObject({ __typename: 'ConflictError', path: ['expectedVersion'] });
    }
    const [row] = await finance('select status, version, rejection_reason from requisition where id = $1', [id]);
    const w = winners[0]!;
    expect(row).toEqual({
      status: w % 2 === 0 ? 'APPROVED' : 'REJECTED',
      version: version + 1,
      rejection_reason: w % 2 === 0 ? null : `Nej ${w}`,
    });
  });

  it('allocation for a new year: every decision applies, one after another — one row, the last amount', async () => {
    const answers = await race(N, (i) =>
      p.gql(
        `mutation { setAllocation(interventionId: "${HALLSTAHAMMAR}", year: 2031, amount: ${100_000 + i}) {
          ${RESULT} ... on MutationSetAllocationSuccess { data { id amount } }
        } }`,
        { as: 'norra-vastmanland-admin' },
      ),
    );
    const { winners, results } = outcome(answers, 'setAllocation');
    expect(winners).toHaveLength(N);
    const ids = new Set(results.map((r) => r.data.id));
    expect(ids.size).toBe(1);
    const stored = await finance<{ id: string; amount: string }>(
      'select id, amount::text from allocation where intervention_id = $1 and year = 2031',
      [HALLSTAHAMMAR],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe([...ids][0]);
    expect(results.map((r) => r.data.amount)).toContain(Number(stored[0]!.amount));
  });

  it('budget for a new year: every budget applies, one after another — the lines of exactly one of them', async () => {
    const vMember = (ref: string) => demoMemberId(VASTERAS.id, ref);
    const input = (i: number) => ({
      year: 2032,
      openingEquity: 1_000_000 + i,
      decidedOn: '2031-11-20',
      contributions: [
        { memberId: vMember('FK'), amount: 5_000_000 },
        { memberId: vMember('AF'), amount: 0 },
        { memberId: vMember('REGION'), amount: 2_500_000 },
        { memberId: vMember('KOMMUN:1980'), amount: 2_500_000 },
      ],
      costLines: Array.from({ length: i + 1 }, (_, n) => ({
        category: n === 0 ? 'INDIVIDUAL_INTERVENTION' : 'KANSLI',
        ...(n === 0 ? { interventionId: VASTERAS_TEAM } : {}),
        description: `Budget ${i} rad ${n}`,
        amount: 100_000,
      })),
      prognosis: [
        { year: 2033, income: 1, costs: 1 },
        { year: 2034, income: 1, costs: 1 },
      ],
    });
    const answers = await race(N, (i) =>
      p.gql(`mutation ($input: SetBudgetInput!) { setBudget(input: $input) { ${RESULT} } }`, {
        as: 'vasteras-admin',
        variables: { input: input(i) },
      }),
    );
    expect(outcome(answers, 'setBudget').winners).toHaveLength(N);
    const budgets = await finance<{ id: string; opening_equity: string }>(
      'select id, opening_equity::text from budget where tenant_id = $1 and year = 2032',
      [VASTERAS.id],
    );
    expect(budgets).toHaveLength(1);
    const last = Number(budgets[0]!.opening_equity) - 1_000_000;
    const lines = await finance<{ description: string }>(
      'select description from budget_cost_line where budget_id = $1 order by position',
      [budgets[0]!.id],
    );
    expect(lines.map((l) => l.description)).toEqual(input(last).costLines.map((l) => l.description));
    const contributions = await finance<{ n: number }>(
      'select count(*)::int as n from budget_contribution where budget_id = $1',
      [budgets[0]!.id],
    );
    expect(contributions[0]!.n).toBe(4);
  });
});

const governance = <T = any>(sql: string, params: unknown[] = []) => p.rows<T>('governance', sql, params);

describe('meetings and decisions', () => {
  /** A new meeting of Västerås' board with minutes recorded, not approved. */
  async function meetingWithMinutes(date: string): Promise<string> {
    const body = await p.gql('{ bodies(kind: BOARD) { id } }', { as: 'vasteras-admin' });
    const planned = await p.gql(
      `mutation { planMeeting(bodyId: "${body.data.bodies[0].id}", date: "${date}") {
        ${RESULT} ... on MutationPlanMeetingSuccess { data { id } }
      } }`,
      { as: 'vasteras-admin' },
    );
    const id = planned.data.planMeeting.data.id as string;
    const recorded = await p.gql(
      `mutation { recordMeeting(meetingId: "${id}", agenda: ["Budget"], attendance: [],
        minutes: "Budgeten följs; teamen är fullt bemannade.") { ${RESULT} } }`,
      { as: 'vasteras-board' },
    );
    expect(recorded.data.recordMeeting.__typename).toBe('MutationRecordMeetingSuccess');
    return id;
  }

  it('meeting minutes: one approval (justering), the others conflict; approved once', async () => {
    const id = await meetingWithMinutes('2030-03-10');
    const answers = await race(N, () =>
      p.gql(`mutation { approveMinutes(meetingId: "${id}") { ${RESULT} } }`, { as: 'vasteras-board' }),
    );
    oneWins(answers, 'approveMinutes', ['meetingId']);
    const [row] = await governance<{ approved: boolean }>(
      'select minutes_approved_at is not null as approved from meeting where id = $1',
      [id],
    );
    expect(row!.approved).toBe(true);
  });

  it('minutes edited while they are approved: each edit lands before the approval or conflicts after it', async () => {
    const id = await meetingWithMinutes('2030-04-10');
    const answers = await race(N, (i) =>
      i === 0
        ? p.gql(`mutation { approveMinutes(meetingId: "${id}") { ${RESULT} } }`, { as: 'vasteras-board' })
        : p.gql(
            `mutation { recordMeeting(meetingId: "${id}", agenda: ["Budget"], attendance: [],
              minutes: "Version ${i}: budgeten följs.") { ${RESULT} } }`,
            { as: 'vasteras-board' },
          ),
    );
    expect(answers[0]!.data.approveMinutes.__typename).toBe('MutationApproveMinutesSuccess');
    const edits = answers.slice(1).map((a) => a.data.recordMeeting);
    const landed = edits.flatMap((e, i) =>
      e.__typename.endsWith('Success') ? [`Version ${i + 1}: budgeten följs.`] : [],
    );
    for (const e of edits.filter((e) => !e.__typename.endsWith('Success'))) {
      expect(e).toMatchObject({ __typename: 'ConflictError', path: ['minutes'] });
    }
    const [row] = await governance<{ minutes: string }>('select minutes from meeting where id = $1', [id]);
    // The approved text is the last edit that landed before the approval, or the one recorded before the race.
    expect([...landed, 'Budgeten följs; teamen är fullt bemannade.']).toContain(row!.minutes);
  });

  it('decisions recorded while the minutes are approved: each stored decision is an answered success', async () => {
    const id = await meetingWithMinutes('2030-05-10');
    const answers = await race(N, (i) =>
      i === 0
        ? p.gql(`mutation { approveMinutes(meetingId: "${id}") { ${RESULT} } }`, { as: 'vasteras-board' })
        : p.gql(
            `mutation ($m: ID!, $input: DecisionInput!) { recordDecision(meetingId: $m, input: $input) { ${RESULT} } }`,
            { as: 'vasteras-board', variables: { m: id, input: { kind: 'OTHER', text: `Beslut ${i}` } } },
          ),
    );
    expect(answers[0]!.data.approveMinutes.__typename).toBe('MutationApproveMinutesSuccess');
    const decided = answers.slice(1).filter((a) => a.data.recordDecision.__typename.endsWith('Success')).length;
    const stored = await governance<{ n: number }>('select count(*)::int as n from decision where meeting_id = $1', [
      id,
    ]);
    expect(stored[0]!.n).toBe(decided);
  });
});

describe('survey codes', () => {
  it('one answer per code: the others are told the code is used, and one answer is stored', async () => {
    const now = Date.now();
    const round = await p.gql(
      `mutation ($input: CreateSurveyRoundInput!) { createSurveyRound(input: $input) {
        ${RESULT} ... on MutationCreateSurveyRoundSuccess { data { id } } } }`,
      {
        as: 'norra-vastmanland-admin',
        variables: {
          input: {
            instrumentId: DEMO_INSTRUMENT.id,
            period: { from: '2025-01', to: '2025-12' },
            interventionIds: [HALLSTAHAMMAR],
            opensAt: new Date(now - 60_000).toISOString(),
            closesAt: new Date(now + 86_400_000).toISOString(),
          },
        },
      },
    );
    const roundId = round.data.createSurveyRound.data.id;
    const issued = await p.gql(
      `mutation { issueResponseCodes(roundId: "${roundId}", interventionId: "${HALLSTAHAMMAR}", count: 1) {
        ${RESULT} ... on MutationIssueResponseCodesSuccess { data { codes } } } }`,
      { as: 'norra-vastmanland-admin' },
    );
    const [code] = issued.data.issueResponseCodes.data.codes;
    const answers = await race(N, () =>
      p.gql(
        `mutation ($code: String!, $answers: [ItemAnswerInput!]!) { answerSurvey(code: $code, answers: $answers) {
          ${RESULT}
        } }`,
        { variables: { code, answers: DEMO_INSTRUMENT.items.map((i) => ({ itemId: i.id, value: 4 })) } },
      ),
    );
    const { winners, losers } = outcome(answers, 'answerSurvey');
    expect(winners).toHaveLength(1);
    // A used code is refused as an unknown one is: the respondent learns nothing about other codes.
    for (const loser of losers) {
      expect(loser).toMatchObject({ __typename: 'ResponseCodeError', code: 'INVALID_CODE' });
    }
    const stored = await p.rows<{ n: number }>(
      'indicators',
      'select count(*)::int as n from answer where round_id = $1',
      [roundId],
    );
    expect(stored[0]!.n).toBe(1);
  });
});
