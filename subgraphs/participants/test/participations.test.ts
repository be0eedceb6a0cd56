/**
 * Participants through the gateway: individual records only for the insats' staff, statistics
 * for the board, anonymity without consent, FINSAM's rules on referral and exit, the Årsrapport
 * 2021 figures from the seeded data, the audit log, and an extension decided in governance.
 */

import { demoMemberId } from '@finsam/governance/demo/forbund.js';
import { addDays } from '@finsam/kit/dates.js';
import {
  codes,
  DEMO_INTERVENTION_IDS,
  NORRA,
  openSteeringMeeting,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from '../../../test/support/platform.js';

let p: TestPlatform;
let salaStaff: string;
let fnsStaff: string;
beforeAll(async () => {
  p = await startTestPlatform();
  salaStaff = await p.tokenFor({
    name: 'sala-staff',
    description: 'staff',
    roles: ['staff'],
    tenant: NORRA.id,
    interventions: [SALA],
    // Decides on Sala's referrals, as its insatsbeskrivning gives the verksamhetsledare.
    lead: true,
  });
  fnsStaff = await p.tokenFor({
    name: 'fns-staff',
    description: 'staff',
    roles: ['staff'],
    tenant: NORRA.id,
    interventions: [FNS],
  });
});
afterAll(() => p.close());

const { SALA, FNS, HALLSTAHAMMAR } = DEMO_INTERVENTION_IDS;
const RESULT = `__typename ... on ValidationError { issues { path message } } ... on NotFoundError { message }`;

const db = <T>(sql: string, params: unknown[] = []) => p.rows<T>('participants', sql, params);
const count = async (table: string) => Number((await db<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n);

const referral = (over: Record<string, unknown> = {}) => ({
  interventionId: SALA,
  referredOn: '2026-02-01',
  referrerUnit: 'FORSAKRINGSKASSAN',
  needsTwoMembers: true,
  motivated: true,
  exclusionGrounds: [],
  studyVisit: 'OFFERED',
  consentGivenOn: '2026-02-01',
  personnummer: '19900315-9820',
  hemkommun: '1981',
  ...over,
});
const REFER = `mutation ($input: ReferralInput!) { referParticipant(input: $input) {
  ${RESULT} ... on MutationReferParticipantSuccess { data { id status anonymous kon ageAtReferral } }
} }`;

describe('who reads what', () => {
  it('staff of Sala read Sala’s participations, with the person, and nothing of FNS', async () => {
    const res = await p.gql(
      `{ participations(interventionId: "${SALA}", first: 500) {
        edges { node { id referredOn intervention { id } person { personnummer } } }
      } }`,
      { token: salaStaff },
    );
    expect(res.errors).toBeUndefined();
    // 2021's 42, and 17 who left in 2020; the demo's later years are invented.
    const before2022 = res.data.participations.edges.filter((e: any) => e.node.referredOn < '2022-01-01');
    expect(before2022).toHaveLength(42 + 17);
    expect(res.data.participations.edges.every((e: any) => e.node.intervention.id === SALA)).toBe(true);
    expect(res.data.participations.edges[0].node.person.personnummer).toMatch(/^\d{8}-\d{4}$/);
    const fns = await p.gql(`{ participations(interventionId: "${FNS}") { edges { node { id } } } }`, {
      token: salaStaff,
    });
    expect(fns.data.participations.edges).toEqual([]);
  });

  it('`_entities` gives staff nothing of another insats or förbund', async () => {
    const fnsId = (
      await p.gql(`{ participations(interventionId: "${FNS}", first: 1) { edges { node { id } } } }`, {
        token: fnsStaff,
      })
    ).data.participations.edges[0].node.id;
    const probe = async (tenant: string, interventions: string[]) => {
      const token = await p.internalToken({ sub: 'probe', tenant, roles: ['staff'], interventions }, 'participants');
      const res = await p.post(
        p.subgraphUrls.participants!,
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Participation { id } } }`,
        {
          headers: { authorization: `Bearer ${token}` },
          variables: { reps: [{ __typename: 'Participation', id: fnsId }] },
        },
      );
      return res.data._entities[0];
    };
    expect(await probe(NORRA.id, [SALA])).toBeNull();
    expect(await probe(VASTERAS.id, [FNS])).toBeNull();
    expect(await probe(NORRA.id, [FNS])).toEqual({ id: fnsId }); // the probe can succeed
  });

  it('`_entities` on another insats gives staff none of its participations or deadlines', async () => {
    const probe = async (interventions: string[]) => {
      const token = await p.internalToken(
        { sub: 'probe', tenant: NORRA.id, roles: ['staff'], interventions },
        'participants',
      );
      const res = await p.post(
        p.subgraphUrls.participants!,
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Intervention {
          activeParticipations { id } participantDeadlines(asOf: "2030-01-01", within: 0) { kind }
        } } }`,
        {
          headers: { authorization: `Bearer ${token}` },
          variables: { reps: [{ __typename: 'Intervention', id: FNS }] },
        },
      );
      expect(res.errors).toBeUndefined();
      return res.data._entities[0] as { activeParticipations: unknown[]; participantDeadlines: unknown[] };
    };
    expect(await probe([SALA])).toEqual({ activeParticipations: [], participantDeadlines: [] });
    // The same probe as FNS' own staff finds them (so it can fail).
    const own = await probe([FNS]);
    expect(own.activeParticipations.length).toBeGreaterThan(0);
    expect(own.participantDeadlines.length).toBeGreaterThan(0);
  });

  it('a board member gets statistics and is refused a person', async () => {
    const stats = await p.gql(
      `{ intervention(id: "${SALA}") {
        participantStatistics(from: "2021-01-01", to: "2021-12-31") { exited { value } } occupancy { enrolled capacity }
      } }`,
      { as: 'norra-vastmanland-board' },
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data.intervention.participantStatistics.exited.value).toBe(16);
    const enrolled = Number(
      (
        await db<{ n: string }>(
          `select count(*) as n from participation where intervention_id = $1 and status = 'ENROLLED'`,
          [SALA],
        )
      )[0]!.n,
    );
    expect(enrolled).toBeGreaterThan(0);
    expect(stats.data.intervention.occupancy.enrolled).toBe(enrolled);
    const person = await p.gql(`{ participations(interventionId: "${SALA}") { edges { node { id } } } }`, {
      as: 'norra-vastmanland-board',
    });
    expect(codes(person)).toEqual(['FORBIDDEN']);
  });
});

describe('the Årsrapport 2021 from the seeded records, counted for the insats’ own staff (exact)', () => {
  const STATS = (id: string) =>
    `{ intervention(id: "${id}") { participantStatistics(from: "2021-01-01", to: "2021-12-31") {
      new { value } active { value } exited { value } exitsByOutcome { key count { value } }
      newByHemkommun { key count { value } } activeByHemkommun { key count { value } }
      newByReferrer { key count { value } }
    } } }`;
  const table = (rows: { key: string; count: { value: number } }[]) =>
    Object.fromEntries(rows.map((r) => [r.key, r.count.value]));
  /** The staff of each insats: they read its persons, so its figures come exact. */
  const staffOf = (id: string) =>
    id === SALA ? { token: salaStaff } : id === FNS ? { token: fnsStaff } : { as: 'norra-vastmanland-staff' };

  it.each([
    [
      'Sala',
      SALA,
      16,
      {
        ARBETE_UTAN_STOD: 2, // "av de fem så har två hittat anställning utan subvention"
        ARBETE_MED_STOD: 3,
        STUDIER: 3,
        AKTIVT_ARBETSSOKANDE: 1,
        FORTSATT_REHABILITERING: 2,
        MEDICINSK_REHABILITERING: 5,
      },
    ],
    [
      'FNS',
      FNS,
      17,
      {
        AVBROTT: 1,
        ARBETE_UTAN_STOD: 1,
        STUDIER: 2,
        AKTIVT_ARBETSSOKANDE: 3,
        FORTSATT_REHABILITERING: 5,
        MEDICINSK_REHABILITERING: 3,
        OVRIGT: 2,
      },
    ],
    [
      'Hallstahammar',
      HALLSTAHAMMAR,
      15,
      {
        ARBETE_UTAN_STOD: 2,
        STUDIER: 2,
        AKTIVT_ARBETSSOKANDE: 3,
        FORTSATT_REHABILITERING: 3,
        MEDICINSK_REHABILITERING: 3,
        OVRIGT: 2,
      },
    ],
  ])('%s: exits by outcome', async (_name, id, total, outcomes) => {
    const s = (await p.gql(STATS(id), staffOf(id))).data.intervention.participantStatistics;
    expect(s.exited.value).toBe(total);
    expect(table(s.exitsByOutcome)).toEqual(outcomes);
  });

  it('new and total per hemkommun, and Sala’s referrers', async () => {
    const fns = (await p.gql(STATS(FNS), staffOf(FNS))).data.intervention.participantStatistics;
    expect(table(fns.newByHemkommun)).toEqual({ '1982': 14, '1962': 3, '1904': 5 });
    expect(table(fns.activeByHemkommun)).toEqual({ '1982': 25, '1962': 8, '1904': 6 });
    const sala = (await p.gql(STATS(SALA), staffOf(SALA))).data.intervention.participantStatistics;
    expect([sala.new.value, sala.active.value]).toEqual([18, 42]);
    const bands = (
      await p.gql(
        `{ intervention(id: "${SALA}") {
          participantStatistics(from: "2021-01-01", to: "2021-12-31") { newByAgeBand { key count { value } } }
        } }`,
        staffOf(SALA),
      )
    ).data.intervention.participantStatistics.newByAgeBand;
    expect(bands.reduce((sum: number, b: { count: { value: number } }) => sum + b.count.value, 0)).toBe(18);
    expect(bands.every((b: { key: string }) => /^\d+-\d+$/.test(b.key))).toBe(true);
    expect(table(sala.newByReferrer)).toEqual({
      FORSAKRINGSKASSAN: 10,
      ARBETSFORMEDLINGEN: 4,
      KOMMUN_OTHER: 3, // "Sala Kommun": the kommun, its unit not named
      REGION: 1,
    });
  });
});

describe('referral, consent and exit', () => {
  it('registers a referral with consent: kön and age from the personnummer, and the referring kommun', async () => {
    const sala = demoMemberId(NORRA.id, 'KOMMUN:1981');
    const res = await p.gql(REFER, {
      token: salaStaff,
      variables: { input: referral({ referrerUnit: 'KOMMUN_FORSORJNINGSSTOD', referringMemberId: sala }) },
    });
    const stored = await db<{ referring_member_id: string }>(
      'select referring_member_id from participation where id = $1',
      [res.data.referParticipant.data.id],
    );
    expect(stored).toEqual([{ referring_member_id: sala }]);
    expect(res.data.referParticipant.data).toMatchObject({
      status: 'REFERRED',
      anonymous: false,
      kon: 'KVINNA',
      ageAtReferral: 35,
    });
  });

  const bad: [string, Record<string, unknown>, string[], RegExp][] = [
    [
      'a personnummer with a wrong check digit',
      { personnummer: '19900315-9821' },
      ['input', 'personnummer'],
      /check digit/,
    ],
    ['a date part that is no date', { personnummer: '19900230-9822' }, ['input', 'personnummer'], /not a date/],
    [
      'an age outside the target group',
      { personnummer: '19500315-9828' },
      ['input', 'personnummer'],
      /outside the insats' target group 16–64/,
    ],
    ['a personnummer without consent', { consentGivenOn: null, kon: 'MAN' }, ['input', 'personnummer'], /anonymous/],
    ['an insats you do not work in', { interventionId: FNS }, ['input', 'interventionId'], /your own insats/],
    [
      'a referring member of another förbund',
      { referringMemberId: demoMemberId(VASTERAS.id, 'KOMMUN:1980') },
      ['input', 'referringMemberId'],
      /not a member of your förbund/,
    ],
  ];
  it.each(bad)('rejects %s with a typed error at the field, writing nothing', async (_name, over, path, message) => {
    const [before, persons] = [await count('participation'), await count('person')];
    const res = await p.gql(REFER, { token: salaStaff, variables: { input: referral(over) } });
    expect(res.data.referParticipant.issues).toContainEqual({ path, message: expect.stringMatching(message) });
    expect([await count('participation'), await count('person')]).toEqual([before, persons]);
  });

  it('keeps an anonymous participation anonymous: no background, no support after', async () => {
    const ref = await p.gql(REFER, {
      token: salaStaff,
      variables: {
        input: referral({ consentGivenOn: null, personnummer: null, hemkommun: null, kon: 'MAN', age: 30 }),
      },
    });
    const id = ref.data.referParticipant.data.id;
    expect(ref.data.referParticipant.data).toMatchObject({ anonymous: true, ageAtReferral: null });
    await p.gql(
      `mutation { decideReferral(participationId: "${id}", accept: true, decidedOn: "2026-02-05") { __typename } }`,
      { token: salaStaff },
    );
    const enrol = await p.gql(
      `mutation { enrolParticipant(
        participationId: "${id}", enrolledOn: "2026-02-10",
        background: { educationLevel: GYMNASIUM, supportBefore: [SJUKPENNING], yearsInSupport: 2 }
      ) { ${RESULT} } }`,
      { token: salaStaff },
    );
    expect(enrol.data.enrolParticipant.issues.map((i: any) => i.path)).toEqual([
      ['background', 'educationLevel'],
      ['background', 'supportBefore'],
      ['background', 'yearsInSupport'],
    ]);
    const row = (
      await db<{ status: string; education_level: string | null }>(
        'select status, education_level from participation where id = $1',
        [id],
      )
    )[0];
    expect(row).toEqual({ status: 'ACCEPTED', education_level: null });
  });

  it('refuses an exit before enrolment, then exits; deadlines follow', async () => {
    const ref = await p.gql(REFER, {
      token: salaStaff,
      variables: { input: referral({ personnummer: '19850101-9817' }) },
    });
    const id = ref.data.referParticipant.data.id;
    await p.gql(
      `mutation { decideReferral(participationId: "${id}", accept: true, decidedOn: "2026-02-03") { __typename } }`,
      { token: salaStaff },
    );
    await p.gql(`mutation { enrolParticipant(participationId: "${id}", enrolledOn: "2026-03-01") { __typename } }`, {
      token: salaStaff,
    });
    const early = await p.gql(
      `mutation {
        exitParticipation(participationId: "${id}", exitedOn: "2026-02-28", outcomes: [STUDIER]) { ${RESULT} }
      }`,
      { token: salaStaff },
    );
    expect(early.data.exitParticipation.issues).toEqual([
      { path: ['exitedOn'], message: expect.stringMatching(/before enrolment/) },
    ]);
    expect((await db<{ status: string }>('select status from participation where id = $1', [id]))[0]!.status).toBe(
      'ENROLLED',
    );
    const due = await p.gql(
      `{ intervention(id: "${SALA}") {
        participantDeadlines(asOf: "2026-06-15", within: 0) { kind due overdue participation { id } }
      } }`,
      { token: salaStaff },
    );
    expect(due.data.intervention.participantDeadlines).toContainEqual({
      kind: 'FOLLOW_UP',
      due: '2026-06-01',
      overdue: true,
      participation: { id },
    });
    const out = await p.gql(
      `mutation {
        exitParticipation(participationId: "${id}", exitedOn: "2026-09-30", outcomes: [STUDIER, ARBETE_MED_STOD]) {
          ... on MutationExitParticipationSuccess { data { status outcomes } }
        }
      }`,
      { token: salaStaff },
    );
    expect(out.data.exitParticipation.data).toEqual({ status: 'EXITED', outcomes: ['STUDIER', 'ARBETE_MED_STOD'] });
  });

  it('records follow-ups: the latest one and the next deadline move with each, within one request too', async () => {
    const ref = await p.gql(REFER, {
      token: salaStaff,
      variables: { input: referral({ personnummer: '19800808-9800' }) },
    });
    const id = ref.data.referParticipant.data.id;
    await p.gql(
      `mutation { decideReferral(participationId: "${id}", accept: true, decidedOn: "2026-02-03") { __typename } }`,
      { token: salaStaff },
    );
    await p.gql(`mutation { enrolParticipant(participationId: "${id}", enrolledOn: "2026-03-01") { __typename } }`, {
      token: salaStaff,
    });
    const latest = `... on MutationRecordFollowUpSuccess { data { latestFollowUp { date decision } } }`;
    const res = await p.gql(
      `mutation {
      first: recordFollowUp(participationId: "${id}", date: "2026-04-01", referrerPresent: true, decision: CONTINUE) {
        ${RESULT} ${latest}
      }
      second: recordFollowUp(participationId: "${id}", date: "2026-05-15", referrerPresent: false, decision: CHANGE) {
        ${RESULT} ${latest}
      }
    }`,
      { token: salaStaff },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.first.data.latestFollowUp).toEqual({ date: '2026-04-01', decision: 'CONTINUE' });
    expect(res.data.second.data.latestFollowUp).toEqual({ date: '2026-05-15', decision: 'CHANGE' });
    const due = await p.gql(
      `{ intervention(id: "${SALA}") { participantDeadlines(asOf: "2026-06-15", within: 90) {
        kind due overdue participation { id latestFollowUp { date } }
      } } }`,
      { token: salaStaff },
    );
    const own = due.data.intervention.participantDeadlines.filter((d: any) => d.participation.id === id);
    expect(own).toEqual([
      {
        kind: 'FOLLOW_UP',
        due: '2026-08-15',
        overdue: false,
        participation: { id, latestFollowUp: { date: '2026-05-15' } },
      },
    ]);
  });

  it('withdrawing consent removes what consent allowed and keeps kön and start year', async () => {
    const ref = await p.gql(REFER, {
      token: salaStaff,
      variables: { input: referral({ personnummer: '19920707-9899' }) },
    });
    const id = ref.data.referParticipant.data.id;
    const res = await p.gql(
      `mutation { withdrawConsent(participationId: "${id}", withdrawnOn: "2026-02-20") {
        ... on MutationWithdrawConsentSuccess { data { anonymous kon startYear person { personnummer } hemkommun } }
      } }`,
      { token: salaStaff },
    );
    expect(res.data.withdrawConsent.data).toEqual({
      anonymous: true,
      kon: 'MAN',
      startYear: 2026,
      person: null,
      hemkommun: null,
    });
  });
});

describe('extension decided by the styrgrupp (governance) and resolved through the gateway', () => {
  it('links a participation to the styrgrupp’s extension decision', async () => {
    const hallstaStaff = 'norra-vastmanland-staff';
    const participation = (
      await p.gql(
        `{ activeParticipations: intervention(id: "${HALLSTAHAMMAR}") { activeParticipations { id plannedEnd } } }`,
        { as: hallstaStaff },
      )
    ).data.activeParticipations.activeParticipations[0];
    const meetingId = await openSteeringMeeting(p, 'norra-vastmanland-admin', HALLSTAHAMMAR, '2026-11-10');
    const decided = await p.gql(
      `mutation ($m: ID!, $input: DecisionInput!) {
        recordDecision(meetingId: $m, input: $input) { ... on MutationRecordDecisionSuccess { data { id } } }
      }`,
      {
        as: 'norra-vastmanland-board',
        variables: {
          m: meetingId,
          input: {
            kind: 'EXTENSION',
            text: 'Förlängning sex månader för fortsatt arbetsträning.',
            participationId: participation.id,
          },
        },
      },
    );
    const decisionId = decided.data.recordDecision.data.id;
    const later = addDays(participation.plannedEnd, 180);
    // Another decision of the same styrgrupp (not an extension), and an id that is no decision at all.
    const other = (
      await p.gql(`{ intervention(id: "${HALLSTAHAMMAR}") { decisions { id kind } } }`, {
        as: 'norra-vastmanland-board',
      })
    ).data.intervention.decisions.find((d: any) => d.kind !== 'EXTENSION').id;
    for (const notExtension of [other, crypto.randomUUID()]) {
      const wrong = await p.gql(
        `mutation { extendParticipation(
          participationId: "${participation.id}", decisionId: "${notExtension}", newPlannedEnd: "${later}"
        ) { ${RESULT} } }`,
        { as: hallstaStaff },
      );
      expect(wrong.data.extendParticipation.issues).toEqual([
        { path: ['decisionId'], message: expect.stringMatching(/Not an extension decision/) },
      ]);
    }
    const res = await p.gql(
      `mutation { extendParticipation(
        participationId: "${participation.id}", decisionId: "${decisionId}", newPlannedEnd: "${later}"
      ) {
        ${RESULT} ... on MutationExtendParticipationSuccess { data { plannedEnd extensionDecision { id kind text } } }
      } }`,
      { as: hallstaStaff },
    );
    expect(res.data.extendParticipation.data).toEqual({
      plannedEnd: later,
      extensionDecision: {
        id: decisionId,
        kind: 'EXTENSION',
        text: 'Förlängning sex månader för fortsatt arbetsträning.',
      },
    });
  });
});

describe('the audit log', () => {
  it('has a row for each identifying read, figures for the admin, and refuses change', async () => {
    const before = await count('audit_entry');
    const res = await p.gql(
      `{ participations(interventionId: "${SALA}", first: 5) { edges { node { person { personnummer name } } } } }`,
      { token: salaStaff },
    );
    expect(res.data.participations.edges).toHaveLength(5);
    const salaStaffId = (await p.gql('{ me { userId } }', { token: salaStaff })).data.me.userId;
    const rows = await db<{ user_id: string; fields: string[] }>(
      'select user_id, fields from audit_entry order by at desc limit 5',
    );
    expect(await count('audit_entry')).toBe(before + 5);
    expect(rows.every((r) => r.user_id === salaStaffId && r.fields.join() === 'name,personnummer')).toBe(true);
    const summary = await p.gql(
      '{ auditSummary(from: "2020-01-01", to: "2100-01-01") { userId reads participations } }',
      { as: 'norra-vastmanland-admin' },
    );
    expect(summary.data.auditSummary).toContainEqual(expect.objectContaining({ userId: salaStaffId }));
    expect(
      codes(await p.gql('{ auditSummary(from: "2020-01-01", to: "2100-01-01") { reads } }', { token: salaStaff })),
    ).toEqual(['FORBIDDEN']);
    // No API changes it, and neither the app role nor anyone through the table can.
    await p.asAppRole('participants', async (app) => {
      await expect(app.query('delete from audit_entry')).rejects.toThrow(/permission denied/);
    });
    await expect(db('update audit_entry set user_id = $1', ['someone'])).rejects.toThrow(/append-only/);
  });
});

describe('handlingsplan and screenings', () => {
  async function enrolled(personnummer: string | null) {
    const input = personnummer
      ? referral({ personnummer })
      : referral({ consentGivenOn: null, personnummer: null, hemkommun: null, kon: 'KVINNA', age: 40 });
    const id = (await p.gql(REFER, { token: salaStaff, variables: { input } })).data.referParticipant.data.id;
    await p.gql(
      `mutation { decideReferral(participationId: "${id}", accept: true, decidedOn: "2026-02-02") { __typename } }`,
      { token: salaStaff },
    );
    await p.gql(`mutation { enrolParticipant(participationId: "${id}", enrolledOn: "2026-02-15") { __typename } }`, {
      token: salaStaff,
    });
    return id as string;
  }
  const PLAN = `mutation ($id: ID!, $input: ActionPlanInput!) { setActionPlan(participationId: $id, input: $input) {
    ${RESULT} ... on MutationSetActionPlanSuccess { data { actionPlan { sip goals responsibilities { party task } } } }
  } }`;
  const plan = {
    agreedOn: '2026-03-01',
    sip: true,
    goals: ['Arbetsträning 50 % inom tre månader'],
    responsibilities: [{ party: 'Försäkringskassan', task: 'Utreder rätt till aktivitetsersättning' }],
  };

  it('keeps a SIP for a participant with consent, and refuses one without', async () => {
    const id = await enrolled('19880808-9802');
    const res = await p.gql(PLAN, { token: salaStaff, variables: { id, input: plan } });
    expect(res.data.setActionPlan.data.actionPlan).toEqual({
      sip: true,
      goals: plan.goals,
      responsibilities: plan.responsibilities,
    });
    const anonymous = await enrolled(null);
    const refused = await p.gql(PLAN, { token: salaStaff, variables: { id: anonymous, input: plan } });
    expect(refused.data.setActionPlan.issues).toEqual([
      { path: ['input'], message: expect.stringMatching(/anonymous/) },
    ]);
  });

  it('records the violence questions and scores within their scales', async () => {
    const id = await enrolled('19950505-9858');
    const SCREEN = (args: string) =>
      `mutation { recordScreening(participationId: "${id}", ${args}) {
        ${RESULT} ... on MutationRecordScreeningSuccess { data { screenings { kind answered supportOffered score } } }
      } }`;
    const violence = await p.gql(
      SCREEN('kind: VIOLENCE_QUESTIONS, date: "2026-03-01", answered: true, supportOffered: true'),
      { token: salaStaff },
    );
    expect(violence.data.recordScreening.data.screenings).toEqual([
      { kind: 'VIOLENCE_QUESTIONS', answered: true, supportOffered: true, score: null },
    ]);
    const outOfScale = await p.gql(SCREEN('kind: KASAM, date: "2026-03-02", score: 100'), { token: salaStaff });
    expect(outOfScale.data.recordScreening.issues).toEqual([{ path: ['score'], message: 'KASAM scores are 13–91' }]);
    const ors = await p.gql(SCREEN('kind: ORS, date: "2026-03-03", score: 22'), { token: salaStaff });
    expect(ors.data.recordScreening.data.screenings).toHaveLength(2);
  });
});
