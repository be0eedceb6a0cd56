/**
 * Cross-field rules through the gateway (issue 15 item 2, issue 16 item 6): each refusal is a typed
 * `ValidationError` whose path names the field, and nothing is written — read back from the database.
 * The rules themselves are unit-tested in each subgraph's test/domain/.
 */
import { DEMO_INSTRUMENT } from '@finsam/indicators/demo/surveys.js';
import { addDays, addMonths, todayInSweden } from '@finsam/kit/dates.js';
import { WITHDRAWAL } from '@finsam/participants/domain/consent.js';
import { luhn } from '@finsam/participants/domain/personnummer.js';
import {
  codes,
  DEMO_INTERVENTION_IDS,
  openSteeringMeeting,
  startTestPlatform,
  type TestPlatform,
} from './support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const { HALLSTAHAMMAR, SALA, VASTERAS_TEAM } = DEMO_INTERVENTION_IDS;
const STAFF = 'norra-vastmanland-staff'; // staff of Samordningsteam Hallstahammar (started 2018-05-15)
const ERR = `__typename ... on ValidationError { issues { path message } }`;
const TODAY = todayInSweden();

const one = async <T = any>(subgraph: string, sql: string, params: unknown[] = []) =>
  (await p.rows<T>(subgraph, sql, params))[0]!;
const countOf = async (subgraph: string, table: string) =>
  Number((await one<{ n: string }>(subgraph, `select count(*) as n from ${table}`)).n);
const participationRow = (id: string) => one('participants', 'select * from participation where id = $1', [id]);

/** A personnummer born on `date` (YYYYMMDD) with a valid check digit. */
const personnummer = (date: string, serial: string) => `${date}-${serial}${luhn(`${date.slice(2)}${serial}`)}`;

/** Refers someone to Hallstahammar and accepts the referral; with a personnummer, with consent. */
async function accepted(referredOn: string, pnr?: string) {
  const input = {
    interventionId: HALLSTAHAMMAR,
    referredOn,
    referrerUnit: 'FORSAKRINGSKASSAN',
    needsTwoMembers: true,
    motivated: true,
    exclusionGrounds: [],
    studyVisit: 'OFFERED',
    ...(pnr
      ? { consentGivenOn: referredOn, personnummer: pnr, hemkommun: '1961' }
      : { consentGivenOn: null, kon: 'KVINNA', age: 30 }),
  };
  const ref = await p.gql(
    `mutation ($input: ReferralInput!) { referParticipant(input: $input) {
      ${ERR} ... on MutationReferParticipantSuccess { data { id } }
    } }`,
    { as: STAFF, variables: { input } },
  );
  const id = ref.data.referParticipant.data.id as string;
  const decided = await p.gql(
    `mutation { decideReferral(participationId: "${id}", accept: true, decidedOn: "${referredOn}") { __typename } }`,
    { as: STAFF },
  );
  expect(decided.data.decideReferral.__typename).toBe('MutationDecideReferralSuccess');
  return id;
}

async function enrolled(referredOn: string, enrolledOn: string, pnr?: string) {
  const id = await accepted(referredOn, pnr);
  const res = await p.gql(
    `mutation { enrolParticipant(participationId: "${id}", enrolledOn: "${enrolledOn}") { ${ERR} } }`,
    { as: STAFF },
  );
  expect(res.data.enrolParticipant.__typename).toBe('MutationEnrolParticipantSuccess');
  return id;
}

describe('participations', () => {
  it('refuses an enrolment dated before the insats started (teams’ start date); nothing is written', async () => {
    const id = await accepted('2018-04-01');
    const before = await participationRow(id);
    const res = await p.gql(
      `mutation { enrolParticipant(participationId: "${id}", enrolledOn: "2018-05-14") { ${ERR} } }`,
      { as: STAFF },
    );
    expect(res.data.enrolParticipant.issues).toEqual([
      { path: ['enrolledOn'], message: 'Enrolment is before the insats started (2018-05-15)' },
    ]);
    expect(await participationRow(id)).toEqual(before);
    expect(before).toMatchObject({ status: 'ACCEPTED', enrolled_on: null });
    const onTheDay = await p.gql(
      `mutation { enrolParticipant(participationId: "${id}", enrolledOn: "2018-05-15") { ${ERR} } }`,
      { as: STAFF },
    );
    expect(onTheDay.data.enrolParticipant.__typename).toBe('MutationEnrolParticipantSuccess');
  });

  it('refuses the 6- and 18-month follow-ups recorded outside their window around the due day', async () => {
    const exitedOn = addDays(TODAY, -1);
    const id = await enrolled(addMonths(TODAY, -3), addMonths(TODAY, -2));
    const exit = await p.gql(
      `mutation { exitParticipation(participationId: "${id}", exitedOn: "${exitedOn}", outcomes: [STUDIER]) {
        ${ERR}
      } }`,
      { as: STAFF },
    );
    expect(exit.data.exitParticipation.__typename).toBe('MutationExitParticipationSuccess');
    const before = await participationRow(id);
    for (const [field, months] of [
      ['level6Months', 6],
      ['level18Months', 18],
    ] as const) {
      const res = await p.gql(`mutation { recordAfterExit(participationId: "${id}", ${field}: SAME) { ${ERR} } }`, {
        as: STAFF,
      });
      expect(res.data.recordAfterExit.issues).toEqual([
        {
          path: [field],
          message:
            `The ${months}-month follow-up is made from ${addMonths(exitedOn, months - 1)} to ` +
            `${addMonths(exitedOn, months + 2)} (${months} months after the exit, one month before to two after)`,
        },
      ]);
    }
    expect(await participationRow(id)).toEqual(before);
    expect(before).toMatchObject({ level_6_months: null, level_18_months: null });

    // Long enough after its exit, a level is recorded.
    const earlier = await enrolled(addMonths(TODAY, -10), addMonths(TODAY, -9));
    await p.gql(
      `mutation { exitParticipation(participationId: "${earlier}", exitedOn: "${addMonths(TODAY, -7)}",
        outcomes: [ARBETE_MED_STOD]) { __typename } }`,
      { as: STAFF },
    );
    const due = await p.gql(
      `mutation { recordAfterExit(participationId: "${earlier}", level6Months: HIGHER) { ${ERR} } }`,
      { as: STAFF },
    );
    expect(due.data.recordAfterExit.__typename).toBe('MutationRecordAfterExitSuccess');
    expect(await participationRow(earlier)).toMatchObject({ level_6_months: 'HIGHER' });
  });
});

describe('consent withdrawal', () => {
  const WITHDRAW = (id: string, on: string) =>
    `mutation { withdrawConsent(participationId: "${id}", withdrawnOn: "${on}") { ${ERR}
      ... on MutationWithdrawConsentSuccess { data {
        anonymous kon startYear hemkommun person { personnummer } actionPlan { sip } screenings { kind }
        educationLevel status enrolledOn
      } }
    } }`;
  const referredOn = addMonths(TODAY, -2);

  /** A participation with consent, background, a handlingsplan and two screenings. */
  async function withEverything(pnr: string) {
    const id = await accepted(referredOn, pnr);
    const enrol = await p.gql(
      `mutation { enrolParticipant(participationId: "${id}", enrolledOn: "${addDays(referredOn, 7)}",
        background: { educationLevel: GYMNASIUM, supportBefore: [SJUKPENNING], yearsInSupport: 3 }) { ${ERR} } }`,
      { as: STAFF },
    );
    expect(enrol.data.enrolParticipant.__typename).toBe('MutationEnrolParticipantSuccess');
    const plan = await p.gql(
      `mutation ($id: ID!, $input: ActionPlanInput!) { setActionPlan(participationId: $id, input: $input) { ${ERR} } }`,
      {
        as: STAFF,
        variables: {
          id,
          input: {
            agreedOn: addDays(referredOn, 10),
            sip: true,
            goals: ['Arbetsträning 25 %'],
            responsibilities: [{ party: 'Region', task: 'Samtalsstöd' }],
          },
        },
      },
    );
    expect(plan.data.setActionPlan.__typename).toBe('MutationSetActionPlanSuccess');
    for (const args of ['kind: KASAM, score: 50', 'kind: VIOLENCE_QUESTIONS, answered: true, supportOffered: false']) {
      const screening = await p.gql(
        `mutation { recordScreening(participationId: "${id}", date: "${addDays(referredOn, 12)}", ${args}) {
          ${ERR}
        } }`,
        { as: STAFF },
      );
      expect(screening.data.recordScreening.__typename).toBe('MutationRecordScreeningSuccess');
    }
    return id;
  }

  const stored = async (id: string) => ({
    participation: await participationRow(id),
    screenings: Number(
      (
        await one<{ n: string }>('participants', 'select count(*) as n from screening where participation_id = $1', [
          id,
        ])
      ).n,
    ),
    persons: await countOf('participants', 'person'),
  });

  it('refuses a withdrawal dated before the consent or in the future; nothing is written', async () => {
    const id = await withEverything(personnummer('19870614', '238'));
    const before = await stored(id);
    expect(before.screenings).toBe(2);
    for (const [on, message] of [
      [addDays(referredOn, -1), `Consent was given on ${referredOn}: a withdrawal is not before that`],
      [addDays(TODAY, 1), 'A withdrawal is not dated in the future'],
    ]) {
      const res = await p.gql(WITHDRAW(id, on!), { as: STAFF });
      expect(res.data.withdrawConsent.issues).toEqual([{ path: ['withdrawnOn'], message }]);
    }
    expect(await stored(id)).toEqual(before);
  });

  it('on a participation with handlingsplan and screenings leaves exactly the documented remainder', async () => {
    const id = await withEverything(personnummer('19910202', '428'));
    const before = await stored(id);
    expect(before.participation).toMatchObject({ consent_withdrawn_on: null, education_level: 'GYMNASIUM' });
    expect(before.participation.person_id).not.toBeNull();
    expect(before.participation.action_plan).not.toBeNull();

    const res = await p.gql(WITHDRAW(id, TODAY), { as: STAFF });
    expect(res.errors).toBeUndefined();
    expect(res.data.withdrawConsent.data).toEqual({
      anonymous: true,
      kon: 'KVINNA',
      startYear: Number(referredOn.slice(0, 4)),
      hemkommun: null,
      person: null,
      actionPlan: null,
      screenings: [],
      educationLevel: null,
      status: 'ENROLLED',
      enrolledOn: addDays(referredOn, 7),
    });

    // Every column is named in WITHDRAWAL (consent.ts): removed ones are now null, kept ones unchanged.
    const after = await stored(id);
    const column = (field: string) =>
      field === 'person' ? 'person_id' : field.replace(/([A-Z]|\d+)/g, '_$1').toLowerCase();
    const columns = Object.keys(WITHDRAWAL)
      .filter((f) => f !== 'screenings' && f !== 'followUps')
      .map(column);
    expect(Object.keys(after.participation).sort()).toEqual(['id', 'tenant_id', ...columns].sort());
    for (const [field, fate] of Object.entries(WITHDRAWAL)) {
      if (field === 'screenings' || field === 'followUps') {
        continue;
      }
      const expected = field === 'consentWithdrawnOn' ? expect.anything() : before.participation[column(field)];
      expect([field, after.participation[column(field)]]).toEqual([field, fate === 'removed' ? null : expected]);
    }
    expect(after.participation.kon).toBe('KVINNA');
    expect(after.participation.start_year).toBe(Number(referredOn.slice(0, 4)));
    expect(after.screenings).toBe(0);
    expect(after.persons).toBe(before.persons - 1);
  });
});

describe('decisions', () => {
  const BOARD = 'norra-vastmanland-board';
  const DECIDE = `mutation ($m: ID!, $input: DecisionInput!) {
    recordDecision(meetingId: $m, input: $input) { ${ERR} }
  }`;
  let meetingId: string;
  beforeAll(async () => {
    meetingId = await openSteeringMeeting(p, 'norra-vastmanland-admin', HALLSTAHAMMAR, '2026-10-01');
  });
  const decide = (input: Record<string, unknown>, m = meetingId) =>
    p.gql(DECIDE, { as: BOARD, variables: { m, input: { text: 'Beslut enligt förslag.', ...input } } });

  it('refuses a participation that does not exist, or is in another insats; nothing is written', async () => {
    const decisions = await countOf('governance', 'decision');
    const missing = crypto.randomUUID();
    const none = await decide({ kind: 'EXTENSION', participationId: missing });
    expect(none.data.recordDecision.issues).toEqual([
      { path: ['input', 'participationId'], message: `No participation ${missing} in your förbund` },
    ]);
    const sala = await one<{ id: string }>('participants', 'select id from participation where intervention_id = $1', [
      SALA,
    ]);
    const elsewhere = await decide({ kind: 'EXTENSION', participationId: sala.id });
    expect(elsewhere.data.recordDecision.issues).toEqual([
      {
        path: ['input', 'participationId'],
        message: 'The participation is in another insats than the one the decision concerns',
      },
    ]);
    expect(await countOf('governance', 'decision')).toBe(decisions);
  });

  it('refuses an insats of another förbund; nothing is written', async () => {
    const decisions = await countOf('governance', 'decision');
    const res = await decide({ kind: 'OTHER', interventionId: VASTERAS_TEAM });
    expect(res.data.recordDecision.issues).toEqual([
      { path: ['input', 'interventionId'], message: `No insats ${VASTERAS_TEAM} in your förbund` },
    ]);
    expect(await countOf('governance', 'decision')).toBe(decisions);
  });

  it('refuses a decision added to minutes already approved; nothing is written', async () => {
    const sg = await p.gql(
      `{ intervention(id: "${HALLSTAHAMMAR}") { steeringGroup { meetings { id minutesApproved } } } }`,
      { as: BOARD },
    );
    const approved = sg.data.intervention.steeringGroup.meetings.find((m: any) => m.minutesApproved);
    const decisions = await countOf('governance', 'decision');
    const res = await decide({ kind: 'OTHER' }, approved.id);
    expect(res.data.recordDecision.issues).toEqual([
      { path: ['meetingId'], message: 'The minutes are approved: a decision is not added to them afterwards' },
    ]);
    expect(await countOf('governance', 'decision')).toBe(decisions);
    // The same decision at a meeting whose minutes are open is recorded.
    expect((await decide({ kind: 'OTHER' })).data.recordDecision.__typename).toBe('MutationRecordDecisionSuccess');
    expect(await countOf('governance', 'decision')).toBe(decisions + 1);
  });
});

describe('survey periods', () => {
  it('refuses a survey round whose period ends before it starts; nothing is written', async () => {
    const rounds = await countOf('indicators', 'survey_round');
    const res = await p.gql(
      `mutation ($input: CreateSurveyRoundInput!) { createSurveyRound(input: $input) { ${ERR} } }`,
      {
        as: 'norra-vastmanland-admin',
        variables: {
          input: {
            instrumentId: DEMO_INSTRUMENT.id,
            period: { from: '2025-12', to: '2025-01' },
            interventionIds: [HALLSTAHAMMAR],
            opensAt: '2026-01-01T00:00:00Z',
            closesAt: '2026-02-01T00:00:00Z',
          },
        },
      },
    );
    expect(res.data.createSurveyRound.issues).toEqual([
      { path: ['input', 'period', 'to'], message: 'The period ends before it starts' },
    ]);
    expect(await countOf('indicators', 'survey_round')).toBe(rounds);
  });

  it('answers results asked for a period that ends before it starts with BAD_USER_INPUT naming it', async () => {
    const res = await p.gql(
      `{ intervention(id: "${HALLSTAHAMMAR}") { indicatorResults(period: { from: "2025-12", to: "2025-01" }) {
        __typename
      } } }`,
      { as: 'norra-vastmanland-board' },
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]).toMatchObject({
      message: '`period.to`: The period ends before it starts',
      extensions: { argument: 'period' },
    });
  });
});
