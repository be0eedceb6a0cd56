/**
 * Indicator surveys through the gateway: answering with only a one-time code, results hidden
 * below the minimum n, nothing that lists or links single answers, fixed published texts, and who
 * may see and do what. Tables are checked directly: "nothing stored" is read from the database.
 */
import { DEMO_INSTRUMENT, DEMO_ROUNDS } from '@finsam/indicators/demo/surveys.js';
import { hashResponseCode } from '@finsam/indicators/domain/response-codes.js';

import {
  codes,
  DEMO_INTERVENTION_IDS,
  sqlStatementsFor,
  startTestPlatform,
  type TestPlatform,
} from '../../../test/support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const { SALA, FNS, HALLSTAHAMMAR, VASTERAS_TEAM } = DEMO_INTERVENTION_IDS;
const SEEDED_2021 = DEMO_ROUNDS[1]!.id;

/** Reads the indicators database as the superuser: what is really stored. */
const db = <T = any>(sql: string, params: unknown[] = []) => p.rows<T>('indicators', sql, params);
const stored = async (roundId: string) => {
  const [row] = await db(
    `select (select count(*) from answer where round_id = $1)::int as answers,
            (select count(*) from response_code where round_id = $1)::int as codes`,
    [roundId],
  );
  return row as { answers: number; codes: number };
};

const ERR = `__typename ... on Error { code message } ... on ValidationError { issues { path message } }`;
const CREATE_ROUND = `mutation ($input: CreateSurveyRoundInput!) {
  createSurveyRound(input: $input) { ${ERR} ... on MutationCreateSurveyRoundSuccess { data { id status minimumN } } }
}`;
const ISSUE = `mutation ($round: ID!, $intervention: ID!, $count: Int!) {
  issueResponseCodes(roundId: $round, interventionId: $intervention, count: $count) {
    ${ERR} ... on MutationIssueResponseCodesSuccess { data { codes round { codesIssued codesUnused } } }
  }
}`;
const ANSWER = `mutation ($code: String!, $answers: [ItemAnswerInput!]!) {
  answerSurvey(code: $code, answers: $answers) { ${ERR} ... on MutationAnswerSurveySuccess { data { accepted } } }
}`;
const RESULTS = `query ($id: ID!) { surveyRound(id: $id) { results {
  intervention { id } suppressed respondents
  items { item { position } suppressed n mean sharePositive distribution { value count } }
  indicators { indicator suppressed n mean sharePositive }
} } }`;

async function openRound(interventionIds: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const now = Date.now();
  const res = await p.gql(CREATE_ROUND, {
    as: 'norra-vastmanland-admin',
    variables: {
      input: {
        instrumentId: DEMO_INSTRUMENT.id,
        period: { from: '2025-01', to: '2025-12' },
        interventionIds,
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 86_400_000).toISOString(),
        ...extra,
      },
    },
  });
  expect(res.data.createSurveyRound.__typename).toBe('MutationCreateSurveyRoundSuccess');
  return res.data.createSurveyRound.data.id;
}

async function issue(
  round: string,
  intervention: string,
  count: number,
  as = 'norra-vastmanland-admin',
): Promise<string[]> {
  const res = await p.gql(ISSUE, { as, variables: { round, intervention, count } });
  expect(res.data.issueResponseCodes.__typename).toBe('MutationIssueResponseCodesSuccess');
  return res.data.issueResponseCodes.data.codes;
}

const everyItem = (value: number | ((position: number) => number)) =>
  DEMO_INSTRUMENT.items.map((i) => ({ itemId: i.id, value: typeof value === 'number' ? value : value(i.position) }));
/** No token at all: the respondent is anonymous. */
const answer = (code: string, answers = everyItem(4)) => p.gql(ANSWER, { variables: { code, answers } });

describe('answering with only a code', () => {
  let round: string;
  let issued: string[];
  beforeAll(async () => {
    round = await openRound([HALLSTAHAMMAR, SALA]);
    issued = await issue(round, HALLSTAHAMMAR, 4);
  });

  it('shows the questionnaire of a code without a token', async () => {
    const res = await p.gql(
      `query ($code: String!) { questionnaire(code: $code) { name scale { min max } items { id text indicator } } }`,
      { variables: { code: issued[0] } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.questionnaire.items.map((i: any) => i.text)).toEqual(DEMO_INSTRUMENT.items.map((i) => i.text));
    const unknown = await p.gql(`{ questionnaire(code: "NOT-A-CODE") { name } }`);
    expect(unknown.data.questionnaire).toBeNull();
  });

  it('accepts one answer per code, then refuses the same code; an unknown code is refused too', async () => {
    const first = await answer(issued[0]!);
    expect(first.errors).toBeUndefined();
    expect(first.data.answerSurvey).toEqual({ __typename: 'MutationAnswerSurveySuccess', data: { accepted: true } });
    expect(await stored(round)).toEqual({ answers: 1, codes: 3 });

    const again = await answer(issued[0]!.toLowerCase());
    expect(again.data.answerSurvey).toMatchObject({ __typename: 'ResponseCodeError', code: 'INVALID_CODE' });
    const unknown = await answer('0000-0000-0000-0000-0000-000000');
    expect(unknown.data.answerSurvey).toMatchObject({ __typename: 'ResponseCodeError', code: 'INVALID_CODE' });
    expect(await stored(round)).toEqual({ answers: 1, codes: 3 });
  });

  it('stores the answer with round, insats and values only', async () => {
    expect(await db(`select intervention_id, "values" from answer where round_id = $1`, [round])).toEqual([
      { intervention_id: HALLSTAHAMMAR, values: [4, 4, 4, 4, 4, 4, 4] },
    ]);
  });

  it('refuses an out-of-scale value or a missing statement, typed; nothing stored, the code works', async () => {
    const outOfScale = await answer(
      issued[1]!,
      everyItem((pos) => (pos === 3 ? 9 : 4)),
    );
    expect(outOfScale.data.answerSurvey.__typename).toBe('ValidationError');
    expect(outOfScale.data.answerSurvey.issues).toEqual([
      { path: ['answers', '2', 'value'], message: 'The scale is 1–5' },
    ]);

    const missing = await answer(issued[1]!, everyItem(4).slice(1));
    expect(missing.data.answerSurvey.__typename).toBe('ValidationError');
    expect(missing.data.answerSurvey.issues).toEqual([{ path: ['answers'], message: 'Statement 1 needs an answer' }]);

    const foreignItem = await answer(issued[1]!, [...everyItem(4), { itemId: VASTERAS_TEAM, value: 3 }]);
    expect(foreignItem.data.answerSurvey.issues).toEqual([
      { path: ['answers', '7', 'itemId'], message: 'Not a statement of this questionnaire' },
    ]);
    expect(await stored(round)).toEqual({ answers: 1, codes: 3 });
  });

  it('refuses a code of a closed round; nothing stored', async () => {
    const closed = await p.gql(
      `mutation ($id: ID!) {
         closeSurveyRound(id: $id) { ${ERR} ... on MutationCloseSurveyRoundSuccess { data { status } } } }`,
      { as: 'norra-vastmanland-admin', variables: { id: round } },
    );
    expect(closed.data.closeSurveyRound.data).toEqual({ status: 'CLOSED' });
    const res = await answer(issued[1]!);
    expect(res.data.answerSurvey).toMatchObject({ __typename: 'ResponseCodeError', code: 'ROUND_CLOSED' });
    expect(await stored(round)).toEqual({ answers: 1, codes: 3 });
    const more = await p.gql(ISSUE, {
      as: 'norra-vastmanland-admin',
      variables: { round, intervention: HALLSTAHAMMAR, count: 1 },
    });
    expect(more.data.issueResponseCodes.issues).toEqual([{ path: ['roundId'], message: 'The round is closed' }]);
  });

  it('keeps nothing that links a used code to its answer', async () => {
    const hash = hashResponseCode(issued[0]!);
    expect(await db(`select 1 from response_code where code_hash = $1`, [hash])).toEqual([]);
    expect(await db(`select 1 from answer a where a::text like '%' || $1 || '%'`, [hash])).toEqual([]);
  });

  it('lets the database refuse the app role writing answers itself', async () => {
    await p.asAppRole('indicators', async (client) => {
      await expect(
        client.query(
          `insert into answer (tenant_id, round_id, intervention_id, "values")
           values (gen_random_uuid(), $1, $2, '{1}')`,
          [round, HALLSTAHAMMAR],
        ),
      ).rejects.toThrow(/permission denied/);
    });
  });
});

describe('issuing codes and planning rounds', () => {
  let round: string;
  beforeAll(async () => {
    round = await openRound([HALLSTAHAMMAR, SALA]);
  });

  it("the insats' own staff issue codes for it, not for another insats; the board issues none", async () => {
    expect(await issue(round, HALLSTAHAMMAR, 2, 'norra-vastmanland-staff')).toHaveLength(2);
    const sala = await p.gql(ISSUE, {
      as: 'norra-vastmanland-staff',
      variables: { round, intervention: SALA, count: 2 },
    });
    expect(codes(sala)).toEqual(['FORBIDDEN']);
    const board = await p.gql(ISSUE, {
      as: 'norra-vastmanland-board',
      variables: { round, intervention: SALA, count: 2 },
    });
    expect(codes(board)).toEqual(['FORBIDDEN']);
    expect(await stored(round)).toEqual({ answers: 0, codes: 2 });
  });

  it('codes are 128-bit, shown once, stored only as hashes', async () => {
    const [code] = await issue(round, SALA, 1);
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}-[0-9A-Z]{6}$/);
    const rows = await db(`select * from response_code where round_id = $1 and intervention_id = $2`, [round, SALA]);
    expect(rows).toEqual([
      { code_hash: hashResponseCode(code!), tenant_id: expect.any(String), round_id: round, intervention_id: SALA },
    ]);
  });

  it('another förbund finds no round to issue codes for', async () => {
    const res = await p.gql(ISSUE, {
      as: 'vasteras-admin',
      variables: { round, intervention: HALLSTAHAMMAR, count: 1 },
    });
    expect(res.data.issueResponseCodes.__typename).toBe('NotFoundError');
  });

  it('a round covers only insatser of your own förbund (asked of teams); nothing written', async () => {
    const [{ count: before }] = await db(`select count(*)::int from survey_round`);
    const res = await p.gql(CREATE_ROUND, {
      as: 'norra-vastmanland-admin',
      variables: {
        input: {
          instrumentId: DEMO_INSTRUMENT.id,
          period: { from: '2025-01', to: '2025-12' },
          interventionIds: [SALA, VASTERAS_TEAM],
          opensAt: '2025-01-01T00:00:00Z',
          closesAt: '2025-12-31T00:00:00Z',
        },
      },
    });
    expect(res.data.createSurveyRound.issues).toEqual([
      { path: ['input', 'interventionIds', '1'], message: `${VASTERAS_TEAM} is not an insats of your förbund` },
    ]);
    const period = await p.gql(CREATE_ROUND, {
      as: 'norra-vastmanland-admin',
      variables: {
        input: {
          instrumentId: DEMO_INSTRUMENT.id,
          period: { from: '2025-13', to: '2025-01' },
          interventionIds: [SALA],
          opensAt: '2025-01-01T00:00:00Z',
          closesAt: '2024-12-31T00:00:00Z',
          minimumN: 2,
        },
      },
    });
    expect(period.data.createSurveyRound.issues.map((i: any) => i.path)).toEqual([
      ['input', 'period', 'from'],
      ['input', 'period', 'to'],
      ['input', 'minimumN'],
      ['input', 'closesAt'],
    ]);
    const board = await p.gql(CREATE_ROUND, {
      as: 'norra-vastmanland-board',
      variables: {
        input: {
          instrumentId: DEMO_INSTRUMENT.id,
          period: { from: '2025-01', to: '2025-12' },
          interventionIds: [SALA],
          opensAt: '2025-01-01T00:00:00Z',
          closesAt: '2025-12-31T00:00:00Z',
        },
      },
    });
    expect(codes(board)).toEqual(['FORBIDDEN']);
    expect((await db(`select count(*)::int from survey_round`))[0].count).toBe(before);
  });
});

describe('results and the minimum n', () => {
  it('a round with 4 answers shows no figures; with 5 it does', async () => {
    const round = await openRound([FNS]);
    const issued = await issue(round, FNS, 5);
    for (const code of issued.slice(0, 4)) {
      expect(
        (
          await answer(
            code,
            everyItem((pos) => 1 + (pos % 5)),
          )
        ).data.answerSurvey.data,
      ).toEqual({ accepted: true });
    }

    const four = await p.gql(RESULTS, { as: 'norra-vastmanland-admin', variables: { id: round } });
    const hidden = four.data.surveyRound.results[0];
    expect(hidden).toMatchObject({ intervention: { id: FNS }, suppressed: true, respondents: null });
    for (const line of [...hidden.items, ...hidden.indicators]) {
      expect(line).toMatchObject({ suppressed: true, n: null, mean: null });
    }
    expect(hidden.items.every((i: any) => i.sharePositive === null && i.distribution === null)).toBe(true);

    await answer(issued[4]!, everyItem(5));
    const five = await p.gql(RESULTS, { as: 'norra-vastmanland-admin', variables: { id: round } });
    const shown = five.data.surveyRound.results[0];
    expect(shown).toMatchObject({ suppressed: false, respondents: 5 });
    // Statement 1: four answers of 2 and one of 5.
    expect(shown.items[0]).toEqual({
      item: { position: 1 },
      suppressed: false,
      n: 5,
      mean: 2.6,
      sharePositive: 0.2,
      distribution: [
        { value: 1, count: 0 },
        { value: 2, count: 4 },
        { value: 3, count: 0 },
        { value: 4, count: 0 },
        { value: 5, count: 1 },
      ],
    });
    // Indicator 6 is statements 5 and 6: values 1 and 2 four times each, 5 twice.
    expect(shown.indicators.find((i: any) => i.indicator === 6)).toEqual({
      indicator: 6,
      suppressed: false,
      n: 5,
      mean: 2.2,
      sharePositive: 0.2,
    });
  });

  it('the seeded 2020-11 – 2021-10 round: per insats, Surahammar below the minimum, a total without it', async () => {
    const res = await p.gql(
      `query ($id: ID!) { surveyRound(id: $id) { period { label } status respondentGroup
          results { intervention { id name } suppressed respondents indicators { indicator mean sharePositive } }
          total { intervention { id } respondents } } }`,
      { as: 'norra-vastmanland-board', variables: { id: SEEDED_2021 } },
    );
    expect(res.errors).toBeUndefined();
    const r = res.data.surveyRound;
    expect(r).toMatchObject({
      period: { label: '2020-11 – 2021-10' },
      status: 'CLOSED',
      respondentGroup: 'PARTICIPANT_ONGOING',
    });
    const by = Object.fromEntries(r.results.map((x: any) => [x.intervention.name, x]));
    expect(Object.fromEntries(Object.entries(by).map(([k, v]: any) => [k, v.respondents]))).toEqual({
      'Samordningsteam Sala': 14,
      'Samordningsteam FNS': 11,
      'Samordningsteam Hallstahammar': 9,
      'Samordningsteam Surahammar': null,
    });
    expect(by['Samordningsteam Surahammar']).toMatchObject({
      suppressed: true,
      indicators: expect.arrayContaining([{ indicator: 1, mean: null, sharePositive: null }]),
    });
    expect(by['Samordningsteam Hallstahammar'].indicators.every((i: any) => i.mean >= 1 && i.mean <= 5)).toBe(true);
    expect(r.total).toEqual({ intervention: null, respondents: 14 + 11 + 9 });
  });

  it('an insats compares periods: indicatorResults, earliest first, optionally within a period', async () => {
    const res = await p.gql(
      `{ intervention(id: "${HALLSTAHAMMAR}") { name all: indicatorResults { period respondents }
           latest: indicatorResults(period: { from: "2020-11", to: "2021-10" }) { period respondents } } }`,
      { as: 'norra-vastmanland-admin' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.intervention.all.slice(0, 2)).toEqual([
      { period: '2019-11 – 2020-10', respondents: 6 },
      { period: '2020-11 – 2021-10', respondents: 9 },
    ]);
    expect(res.data.intervention.latest).toEqual([{ period: '2020-11 – 2021-10', respondents: 9 }]);
  });

  it('staff see results of their own insats only; the county analyst none', async () => {
    const own = await p.gql(
      `query ($id: ID!) { surveyRound(id: $id) { interventions { id } results { intervention { id } respondents } } }`,
      { as: 'norra-vastmanland-staff', variables: { id: SEEDED_2021 } },
    );
    expect(own.data.surveyRound).toEqual({
      interventions: [{ id: HALLSTAHAMMAR }],
      results: [{ intervention: { id: HALLSTAHAMMAR }, respondents: 9 }],
    });
    const total = await p.gql(`query ($id: ID!) { surveyRound(id: $id) { total { respondents } } }`, {
      as: 'norra-vastmanland-staff',
      variables: { id: SEEDED_2021 },
    });
    expect(codes(total)).toEqual(['FORBIDDEN']);
    const sala = await p.gql(`{ intervention(id: "${SALA}") { indicatorResults { respondents } } }`, {
      as: 'norra-vastmanland-staff',
    });
    expect(sala.data.intervention).toBeNull(); // teams does not even show staff another insats
    const analyst = await p.gql(`{ surveyRounds { id } }`, { as: 'county-analyst' });
    expect(codes(analyst)).toEqual(['FORBIDDEN']);
  });

  it("sends as many SQL statements for one insats' results as for all of the förbund's", async () => {
    const q = (filter: string) =>
      `{ forbund { interventions${filter} { indicatorResults {
         period suppressed respondents items { n mean distribution { count } } indicators { sharePositive }
       } } } }`;
    const token = await p.token('norra-vastmanland-admin');
    const count = async (query: string) => {
      const { statements, res } = await sqlStatementsFor(p, query, token);
      expect(res.errors).toBeUndefined();
      return { statements, interventions: res.data.forbund.interventions.length };
    };
    const one = await count(q('(filter: { kommunCode: "1981" })'));
    const all = await count(q(''));
    expect(one.interventions).toBe(1);
    expect(all.interventions).toBeGreaterThanOrEqual(4);
    expect(all.statements).toBe(one.statements);
  });
});

describe('surveys unlinkable: the attacker watches results and holds the codes', () => {
  const WATCH = `query ($id: ID!) { surveyRound(id: $id) { codesUnused results {
    intervention { id } suppressed respondents
    items { suppressed n mean distribution { value count } }
    indicators { indicator suppressed n mean distribution { value count } }
  } } }`;
  const watch = async (round: string) => {
    const res = await p.gql(WATCH, { as: 'norra-vastmanland-admin', variables: { id: round } });
    expect(res.errors).toBeUndefined();
    return res.data.surveyRound;
  };
  const accepted = async (code: string, answers = everyItem(4)) =>
    expect((await answer(code, answers)).data.answerSurvey.data).toEqual({ accepted: true });

  it('reads the results before and after one answer and learns nothing: they move only by whole batches', async () => {
    const round = await openRound([FNS]);
    const codes = await issue(round, FNS, 10);
    for (const code of codes.slice(0, 5)) {
      await accepted(code, everyItem(4));
    }
    const first = await watch(round);
    expect(first.results[0]).toMatchObject({ suppressed: false, respondents: 5 });
    expect(first.codesUnused).toBe(5);

    // The sixth person answers with values no one gave before: nothing the attacker can read changes,
    // not the figures and not the count of codes still out. Nor with the seventh to ninth.
    for (const code of codes.slice(5, 9)) {
      await accepted(code, everyItem(1));
      expect(await watch(round)).toEqual(first);
    }
    // The tenth fills the batch: five answers at once, none of them told apart.
    await accepted(codes[9]!, everyItem(1));
    const second = await watch(round);
    expect(second.results[0]).toMatchObject({ suppressed: false, respondents: 10 });
    expect(second.results[0].items[0].distribution.find((d: any) => d.value === 1).count).toBe(5);
    expect(second.codesUnused).toBe(0);
    // The stored answers are all there: the batch rule only decides what results count.
    expect(await stored(round)).toEqual({ answers: 10, codes: 0 });
  });

  it('tells a used code from an unused one by nothing: questionnaire, and a probing wrong answer', async () => {
    const round = await openRound([SALA]);
    const [used, unused] = await issue(round, SALA, 2);
    await accepted(used!);
    const QUESTIONNAIRE = `query ($code: String!) { questionnaire(code: $code) { id name items { id text } } }`;
    const [a, b] = await Promise.all([used!, unused!].map((code) => p.gql(QUESTIONNAIRE, { variables: { code } })));
    expect(a?.errors).toBeUndefined();
    expect(a?.data.questionnaire).not.toBeNull();
    expect(a).toEqual(b);
    // A deliberately incomplete answer is refused alike, and stores nothing: the unused code still works.
    const [c, d] = await Promise.all([used!, unused!].map((code) => answer(code, everyItem(4).slice(1))));
    expect(c?.data.answerSurvey.__typename).toBe('ValidationError');
    expect(c).toEqual(d);
    // Only a code never issued is unknown.
    expect((await p.gql(QUESTIONNAIRE, { variables: { code: '0000-0000-0000-0000-0000-000000' } })).data).toEqual({
      questionnaire: null,
    });
    await accepted(unused!);
  });

  it('cannot recover a suppressed optional statement from its indicator or from the round total', async () => {
    // A questionnaire with an optional statement beside a required one, both for indicator 3.
    const created = await p.gql(
      `mutation ($input: CreateInstrumentInput!) { createInstrument(input: $input) {
         ... on MutationCreateInstrumentSuccess { data { id items { id } } } } }`,
      {
        as: 'platform-admin',
        variables: {
          input: {
            // A staff questionnaire: its rounds cover insatser (a managers' round belongs to the förbund).
            respondentGroup: 'INTERVENTION_STAFF',
            name: 'Personalenkät (test, optional statement)',
            description: 'Test version',
            scale: { min: 1, max: 5, labels: ['1', '2', '3', '4', '5'], positiveValues: [4, 5] },
            items: [
              { text: 'Samverkan fungerar.', indicator: 3 },
              { text: 'Övrigt om samverkan (frivilligt).', indicator: 3, required: false },
            ],
          },
        },
      },
    );
    const instrument = created.data.createInstrument.data;
    const published = await p.gql(`mutation ($id: ID!) { publishInstrument(id: $id) { __typename } }`, {
      as: 'platform-admin',
      variables: { id: instrument.id },
    });
    expect(published.data.publishInstrument.__typename).toBe('MutationPublishInstrumentSuccess');
    const [required, optional] = instrument.items.map((i: any) => i.id);
    const round = await openRound([FNS, SALA], { instrumentId: instrument.id, minimumN: 3 });
    // FNS: three answers, one of which also answers the optional statement (with a 1): a cell of one.
    const fns = await issue(round, FNS, 3);
    await accepted(fns[0]!, [
      { itemId: required, value: 5 },
      { itemId: optional, value: 1 },
    ]);
    for (const code of fns.slice(1)) {
      await accepted(code, [{ itemId: required, value: 5 }]);
    }
    // Sala: three answers, all of them to both statements: every cell shown.
    for (const code of await issue(round, SALA, 3)) {
      await accepted(code, [
        { itemId: required, value: 4 },
        { itemId: optional, value: 2 },
      ]);
    }

    const res = await p.gql(
      `query ($id: ID!) { surveyRound(id: $id) {
        results { intervention { id } ...Lines }
        total { ...Lines }
      } }
      fragment Lines on SurveyResult {
        respondents
        items { suppressed n distribution { value count } }
        indicators { indicator suppressed n distribution { value count } }
      }`,
      { as: 'norra-vastmanland-admin', variables: { id: round } },
    );
    expect(res.errors).toBeUndefined();
    const byInsats = Object.fromEntries(res.data.surveyRound.results.map((r: any) => [r.intervention.id, r]));
    const total = res.data.surveyRound.total;
    expect(byInsats[FNS].respondents).toBe(3);
    expect(byInsats[FNS].items[1]).toMatchObject({ suppressed: true, n: null, distribution: null });

    /** Counts per value of a line, 0 where suppressed: what the attacker can read. */
    const counts = (line: any) => (line.distribution ?? []).map((d: any) => d.count);
    const minus = (a: number[], ...bs: number[][]) => a.map((x, i) => bs.reduce((y, b) => y - (b[i] ?? 0), x));
    // The attacker's differencing: an indicator minus its shown statements, the total minus the shown insatser.
    for (const r of [byInsats[FNS], byInsats[SALA], total]) {
      expect(minus(counts(r.indicators[0]), ...r.items.map(counts)).every((x: number) => x === 0)).toBe(true);
    }
    for (const item of [0, 1]) {
      const parts = [byInsats[FNS], byInsats[SALA]].map((r) => counts(r.items[item]));
      expect(minus(counts(total.items[item]), ...parts).every((x: number) => x === 0)).toBe(true);
    }
    // FNS's lone 1 is in no figure anywhere.
    const ones = [...Object.values(byInsats), total].flatMap((r: any) =>
      [...r.items, ...r.indicators].map((l: any) => l.distribution?.find((d: any) => d.value === 1)?.count ?? 0),
    );
    expect(ones.every((n) => n === 0)).toBe(true);
    // What is shown is still there: FNS's required statement, Sala's both, the total's optional statement (Sala).
    expect(byInsats[FNS].indicators[0]).toMatchObject({ suppressed: false, n: 3 });
    expect(total.items[1]).toMatchObject({ suppressed: false, n: 3 });
  });
});

describe('no single answer is readable', () => {
  it('no type in the graph exposes an answer, its values or its code', async () => {
    const res = await p.gql(`{ __schema { types { name kind fields { name } } } }`, { as: 'platform-admin' });
    const outputs = res.data.__schema.types.filter((t: any) => t.kind === 'OBJECT' || t.kind === 'INTERFACE');
    expect(
      outputs
        .filter((t: any) => /answer/i.test(t.name))
        .map((t: any) => t.name)
        .sort(),
    ).toEqual(['AnswerReceipt', 'AnswerScale', 'MutationAnswerSurveySuccess']);
    expect(outputs.find((t: any) => t.name === 'AnswerReceipt').fields.map((f: any) => f.name)).toEqual(['accepted']);
    expect(outputs.find((t: any) => t.name === 'MutationAnswerSurveySuccess').fields.map((f: any) => f.name)).toEqual([
      'data',
    ]);
    const fields = outputs.flatMap((t: any) => (t.fields ?? []).map((f: any) => `${t.name}.${f.name}`));
    expect(fields.filter((f: string) => /\.(answers?|values|codeHash|responseCodes?)$/i.test(f))).toEqual([]);
  });

  it('the answer table holds round, insats, values and batch: no code, hash or time', async () => {
    const columns = await db(
      `select column_name, data_type from information_schema.columns
       where table_name = 'answer' order by ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'uuid' },
      { column_name: 'tenant_id', data_type: 'uuid' },
      { column_name: 'round_id', data_type: 'uuid' },
      { column_name: 'intervention_id', data_type: 'uuid' },
      { column_name: 'values', data_type: 'ARRAY' },
      // Which publication batch it went into (domain/publication.ts): one of at least the minimum n answers.
      { column_name: 'batch', data_type: 'integer' },
    ]);
    const [{ default: idDefault }] = await db(
      `select column_default as default from information_schema.columns
       where table_name = 'answer' and column_name = 'id'`,
    );
    expect(idDefault).toBe('gen_random_uuid()'); // random, not time-ordered
  });
});

describe('instruments', () => {
  const CREATE = `mutation ($input: CreateInstrumentInput!) { createInstrument(input: $input) {
    ${ERR} ... on MutationCreateInstrumentSuccess { data { id version published items { id text } } }
  } }`;
  const UPDATE = `mutation ($id: ID!, $input: InstrumentItemInput!) { updateInstrumentItem(id: $id, input: $input) {
    ${ERR} ... on MutationUpdateInstrumentItemSuccess { data { items { text } } }
  } }`;
  const input = {
    respondentGroup: 'REFERRER',
    name: 'Remittentenkät (test)',
    description: 'Test version',
    scale: { min: 1, max: 4, labels: ['Nej', 'Knappast', 'Delvis', 'Ja'], positiveValues: [3, 4] },
    items: [
      { text: 'Jag vet vart jag kan remittera.', indicator: 10 },
      { text: 'Återkopplingen är tydlig.', indicator: 11 },
    ],
  };

  it('every signed-in user reads the published ones; anonymous callers and drafts do not show', async () => {
    const res = await p.gql(`{ instruments { id published items { text } } }`, { as: 'sodra-dalarna-board' });
    expect(res.data.instruments.map((i: any) => i.id)).toContain(DEMO_INSTRUMENT.id);
    expect(res.data.instruments.every((i: any) => i.published)).toBe(true);
    expect(codes(await p.gql(`{ instruments { id } }`))).toEqual(['UNAUTHENTICATED']);
  });

  it('only platform administrators write them', async () => {
    expect(codes(await p.gql(CREATE, { as: 'vasteras-admin', variables: { input } }))).toEqual(['FORBIDDEN']);
  });

  it('a draft can be reworded; a published item cannot — typed error in the API, refused by the database', async () => {
    // The demo seeds a referrers' questionnaire: a new draft takes the number after the latest.
    const [{ latest }] = await db(
      `select max(version)::int as latest from instrument where respondent_group = 'REFERRER'`,
    );
    const created = await p.gql(CREATE, { as: 'platform-admin', variables: { input } });
    const draft = created.data.createInstrument.data;
    expect(draft).toMatchObject({ version: latest + 1, published: false });
    const itemId = draft.items[0].id;
    const reworded = await p.gql(UPDATE, {
      as: 'platform-admin',
      variables: { id: itemId, input: { text: 'Jag vet vart jag ska remittera.', indicator: 10 } },
    });
    expect(reworded.data.updateInstrumentItem.data.items[0].text).toBe('Jag vet vart jag ska remittera.');

    const published = await p.gql(
      `mutation ($id: ID!) {
         publishInstrument(id: $id) { ${ERR} ... on MutationPublishInstrumentSuccess { data { published } } } }`,
      { as: 'platform-admin', variables: { id: draft.id } },
    );
    expect(published.data.publishInstrument.data).toEqual({ published: true });

    const changed = await p.gql(UPDATE, {
      as: 'platform-admin',
      variables: { id: itemId, input: { text: 'Omformulerat.', indicator: 10 } },
    });
    expect(changed.data.updateInstrumentItem).toMatchObject({
      __typename: 'PublishedInstrumentError',
      code: 'PUBLISHED',
    });
    expect((await db(`select text from instrument_item where id = $1`, [itemId]))[0].text).toBe(
      'Jag vet vart jag ska remittera.',
    );

    await p.asAppRole('indicators', async (client) => {
      await expect(client.query(`update instrument_item set text = 'Direkt' where id = $1`, [itemId])).rejects.toThrow(
        /published/,
      );
      await expect(client.query(`update instrument set name = 'Direkt' where id = $1`, [draft.id])).rejects.toThrow(
        /published/,
      );
    });

    const next = await p.gql(CREATE, { as: 'platform-admin', variables: { input } });
    expect(next.data.createInstrument.data.version).toBe(latest + 2);
  });
});
