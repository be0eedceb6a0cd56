/**
 * Done means (issue 21, corrections): a corrected exit outcome changes the year report and keeps the
 * original in the participation's history (who, when, why, old → new); a correction passes the rules its
 * steps passed, in the states that hold the field, with a reason, or nothing is written; a requisition
 * entered twice is withdrawn (it stops counting and frees its period) and one entered wrong is amended,
 * each with its history.
 */

import {
  type NewForbund,
  newForbund,
  ok,
  RESULT,
  stageAndRun,
  toCsv,
  yearFigures,
  yearOfPersons,
} from './support/import-records.js';
import { codes, startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
let forbund: NewForbund;
const persons = yearOfPersons(200);

beforeAll(async () => {
  p = await startTestPlatform();
  forbund = await newForbund(p, 'rattelse', 201);
  const [done] = await stageAndRun(
    p,
    forbund.admin,
    { name: 'year.csv', format: 'CSV', content: toCsv(persons, forbund.interventionId) },
    ['run'],
  );
  expect(done.status).toBe('DONE');
}, 60_000);
afterAll(() => p.close());

const CORRECT = `mutation ($id: ID!, $reason: String!, $changes: ParticipationCorrectionInput!) {
  correctParticipation(participationId: $id, reason: $reason, changes: $changes) {
    ${RESULT}
    ... on MutationCorrectParticipationSuccess {
      data { id status exitedOn outcomes corrections { at userId reason changes { field from to } } }
    }
  }
}`;

/** The insats' participations in a status, as its staff read them. */
async function participations(status: string) {
  const res = await p.gql(
    `query ($id: ID!, $status: ParticipationStatus) {
      participations(interventionId: $id, status: $status, first: 200) {
        edges { node { id enrolledOn exitedOn outcomes corrections { reason } } }
      }
    }`,
    { token: forbund.staff, variables: { id: forbund.interventionId, status } },
  );
  expect(res.errors).toBeUndefined();
  return res.data.participations.edges.map((e: { node: unknown }) => e.node) as {
    id: string;
    enrolledOn: string;
    exitedOn: string;
    outcomes: string[];
  }[];
}

/** The year's exits by outcome, as the förbund's administrator reads them. */
async function exitsByOutcome() {
  const year = await yearFigures(p, forbund.admin);
  return Object.fromEntries(
    year.interventions[0].exitsByOutcome.map((r: { key: string; count: { value: number } }) => [r.key, r.count.value]),
  );
}

/** The participation's row and its corrections, as the superuser sees them. */
const stored = (id: string) =>
  p.asSuperuser('participants', async (client) =>
    JSON.stringify([
      (await client.query('select * from participation where id = $1', [id])).rows,
      (await client.query('select * from participation_correction where participation_id = $1', [id])).rows,
      (
        await client.query('select * from participation_half_year where tenant_id = $1 order by 1, 2, 3, 4, 5', [
          forbund.id,
        ])
      ).rows,
    ]),
  );

describe('a corrected exit outcome', () => {
  it('changes the year report and keeps the original in the history', async () => {
    const exited = await participations('EXITED');
    const target = exited.find((x) => x.outcomes.length === 1 && x.outcomes[0] === 'STUDIER')!;
    const before = await exitsByOutcome();
    expect(before.STUDIER).toBeGreaterThanOrEqual(10);

    const res = await p.gql(CORRECT, {
      token: forbund.staff,
      variables: { id: target.id, reason: 'Avbröt – fel avslutsorsak i SUS', changes: { outcomes: ['AVBROTT'] } },
    });
    const data = ok(res, 'correctParticipation');
    expect(data.outcomes).toEqual(['AVBROTT']);
    expect(data.corrections).toHaveLength(1);
    expect(data.corrections[0]).toMatchObject({
      reason: 'Avbröt – fel avslutsorsak i SUS',
      changes: [{ field: 'outcomes', from: 'STUDIER', to: 'AVBROTT' }],
    });
    expect(data.corrections[0].userId).toMatch(/\S/);
    expect(Date.now() - Date.parse(data.corrections[0].at)).toBeLessThan(60_000);

    const after = await exitsByOutcome();
    expect(after).toEqual({ ...before, STUDIER: before.STUDIER - 1, AVBROTT: before.AVBROTT + 1 });
  });

  it('moves the exit to another half-year in the report when its date is corrected', async () => {
    const exited = await participations('EXITED');
    const target = exited.find((x) => x.exitedOn < '2021-07-01' && x.enrolledOn < '2021-06-01')!;
    const h1 = (await yearFigures(p, forbund.admin)).interventions[0].exited.value;
    const res = await p.gql(CORRECT, {
      token: forbund.staff,
      variables: {
        id: target.id,
        reason: 'Avslutet registrerades ett år för tidigt',
        changes: { exitedOn: '2022-01-10' },
      },
    });
    ok(res, 'correctParticipation');
    expect((await yearFigures(p, forbund.admin)).interventions[0].exited.value).toBe(h1 - 1);
  });
});

describe('a correction that breaks a rule', () => {
  it('is refused at the field, with the rule the step has, and writes nothing', async () => {
    const [x] = await participations('EXITED');
    const enrolled = (await participations('ENROLLED'))[0]!;
    const before = await stored(x!.id);
    const cases: [string, unknown, string, string[], RegExp][] = [
      [x!.id, { exitedOn: '2020-12-31' }, 'Rättelse', ['changes', 'exitedOn'], /before enrolment/],
      [x!.id, { outcomes: [] }, 'Rättelse', ['changes', 'outcomes'], /at least one outcome/],
      [x!.id, { enrolledOn: '2019-06-01' }, 'Rättelse', ['changes', 'enrolledOn'], /before the referral/],
      [x!.id, { outcomes: x!.outcomes }, 'Rättelse', ['changes'], /Nothing differs/],
      [x!.id, { outcomes: ['OVRIGT'] }, '   ', ['reason'], /says why/],
      [enrolled.id, { exitedOn: '2021-12-01' }, 'Rättelse', ['changes', 'exitedOn'], /once the participation has it/],
      [x!.id, { hemkommun: '21' }, 'Rättelse', ['changes', 'hemkommun'], /4-digit SCB code/],
    ];
    for (const [id, changes, reason, path, message] of cases) {
      const res = await p.gql(CORRECT, { token: forbund.staff, variables: { id, reason, changes } });
      expect(res.errors).toBeUndefined();
      const result = res.data.correctParticipation;
      expect(result.__typename).toBe('ValidationError');
      expect(result.issues[0].path).toEqual(path);
      expect(result.issues[0].message).toMatch(message);
    }
    expect(await stored(x!.id)).toBe(before);
  });

  it('is for the insats’ staff only', async () => {
    const [x] = await participations('EXITED');
    const res = await p.gql(CORRECT, {
      token: forbund.admin,
      variables: { id: x!.id, reason: 'Rättelse', changes: { outcomes: ['OVRIGT'] } },
    });
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });
});

describe('requisitions', () => {
  const SUBMIT = `mutation ($input: SubmitRequisitionInput!) {
    submitRequisition(input: $input) { ${RESULT} ... on MutationSubmitRequisitionSuccess { data { id version } } }
  }`;
  const APPROVE = `mutation ($id: ID!, $v: Int!) {
    approveRequisition(id: $id, expectedVersion: $v) {
      ${RESULT} ... on MutationApproveRequisitionSuccess { data { version } }
    }
  }`;
  const HISTORY = 'id status version amount corrections { userId reason changes { field from to } }';
  const USED = `{ forbund { year(year: 2021) { finance { used interventions { used } } } } }`;
  const used = async () => {
    const res = await p.gql(USED, { token: forbund.admin });
    expect(res.errors).toBeUndefined();
    return res.data.forbund.year.finance.used;
  };
  const submit = async (period: number, amount: number) =>
    p.gql(SUBMIT, {
      token: forbund.admin,
      variables: {
        input: {
          interventionId: forbund.interventionId,
          year: 2021,
          period,
          submittedOn: `2021-0${period * 2}-15`,
          lines: [{ category: 'PERSONNEL', amount }],
        },
      },
    });

  it('withdraws one entered twice: it stops counting, frees its period and keeps its history', async () => {
    const first = ok(await submit(1, 120_000), 'submitRequisition');
    const approved = ok(
      await p.gql(APPROVE, { token: forbund.admin, variables: { id: first.id, v: 1 } }),
      'approveRequisition',
    );
    const usedBefore = await used();
    expect(usedBefore).toBe(120_000);
    // Entered again by mistake: the period is taken.
    const again = (await submit(1, 120_000)).data.submitRequisition;
    expect(again).toMatchObject({ __typename: 'ConflictError', message: 'Period 1 of 2021 is already requisitioned' });

    const WITHDRAW = `mutation ($id: ID!, $v: Int!, $reason: String!) {
      withdrawRequisition(id: $id, expectedVersion: $v, reason: $reason) {
        ${RESULT} ... on MutationWithdrawRequisitionSuccess { data { ${HISTORY} } }
      }
    }`;
    const stale = await p.gql(WITHDRAW, {
      token: forbund.admin,
      variables: { id: first.id, v: 1, reason: 'Dubblett' },
    });
    expect(stale.data.withdrawRequisition).toMatchObject({ __typename: 'ConflictError', path: ['expectedVersion'] });
    const noReason = await p.gql(WITHDRAW, { token: forbund.admin, variables: { id: first.id, v: 2, reason: ' ' } });
    expect(noReason.data.withdrawRequisition).toMatchObject({ __typename: 'ValidationError' });
    expect(noReason.data.withdrawRequisition.issues[0].path).toEqual(['reason']);

    const withdrawn = ok(
      await p.gql(WITHDRAW, {
        token: forbund.admin,
        variables: { id: first.id, v: approved.version, reason: 'Registrerad två gånger' },
      }),
      'withdrawRequisition',
    );
    expect(withdrawn).toMatchObject({
      status: 'WITHDRAWN',
      version: 3,
      corrections: [
        { reason: 'Registrerad två gånger', changes: [{ field: 'status', from: 'APPROVED', to: 'WITHDRAWN' }] },
      ],
    });
    expect(await used()).toBe(0);
    const twice = await p.gql(WITHDRAW, { token: forbund.admin, variables: { id: first.id, v: 3, reason: 'Igen' } });
    expect(twice.data.withdrawRequisition.__typename).toBe('ValidationError');
    // The period is free again: the right requisition can be sent.
    ok(await submit(1, 90_000), 'submitRequisition');
  });

  it('amends one entered wrong: reports count the new lines, the history keeps the old', async () => {
    const sent = ok(await submit(2, 50_000), 'submitRequisition');
    ok(await p.gql(APPROVE, { token: forbund.admin, variables: { id: sent.id, v: 1 } }), 'approveRequisition');
    const before = await used();
    const AMEND = `mutation ($id: ID!, $v: Int!, $reason: String!, $lines: [RequisitionLineInput!]!) {
      amendRequisition(id: $id, expectedVersion: $v, reason: $reason, lines: $lines) {
        ${RESULT} ... on MutationAmendRequisitionSuccess { data { ${HISTORY} lines { category amount } } }
      }
    }`;
    const lines = [
      { category: 'PERSONNEL', amount: 45_000 },
      { category: 'TRAVEL', amount: 1_500 },
    ];
    const bad = await p.gql(AMEND, {
      token: forbund.admin,
      variables: { id: sent.id, v: 2, reason: 'Fel belopp', lines: [{ category: 'PERSONNEL', amount: -5 }] },
    });
    expect(bad.data.amendRequisition.__typename).toBe('ValidationError');
    expect(bad.data.amendRequisition.issues[0].path).toEqual(['lines', '0', 'amount']);
    const amended = ok(
      await p.gql(AMEND, { token: forbund.admin, variables: { id: sent.id, v: 2, reason: 'Fel belopp', lines } }),
      'amendRequisition',
    );
    expect(amended).toMatchObject({
      status: 'APPROVED',
      amount: 46_500,
      lines,
      corrections: [
        {
          reason: 'Fel belopp',
          changes: [{ field: 'lines', from: 'PERSONNEL 50000', to: 'PERSONNEL 45000, TRAVEL 1500' }],
        },
      ],
    });
    expect(await used()).toBe(before - 3_500);
  });
});
