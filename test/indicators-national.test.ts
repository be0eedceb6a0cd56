/**
 * The national indicator set through the gateway (issue 20): questionnaires loaded from instrument files and
 * fixed once published; rounds of the förbund without an insats (board members); results withheld below the
 * minimum n; förbund compared side by side over years for the county analyst, and a national aggregate; the
 * demo's questionnaires covering all 16 indicators and every respondent group; the demo's open round.
 */
import { DEMO_OPEN_ROUND } from '@finsam/indicators/demo/surveys.js';
import { codes, NORRA, SODRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const db = <T = any>(sql: string, params: unknown[] = []) => p.rows<T>('indicators', sql, params);
const ERR = `__typename ... on Error { code message } ... on ValidationError { issues { path message } }`;

const LOAD = `mutation ($file: String!, $publish: Boolean!) { loadInstrument(file: $file, publish: $publish) {
  ${ERR}
  ... on InstrumentFileError { problems { line item path message } }
  ... on MutationLoadInstrumentSuccess { data { id version published items { position text indicator required } } }
} }`;

const managersFile = (version: number, text = 'Samverkan ger nya arbetssätt.') => `# test file
format: finsam-instrument/1
respondentGroup: MANAGER
version: ${version}
name: Chefsenkät (test)
description: Testversion
scale:
  min: 1
  max: 5
  labels: [Stämmer inte alls, Stämmer dåligt, Stämmer delvis, Stämmer ganska bra, Stämmer helt]
  positiveValues: [4, 5]
items:
  - indicator: 14
    text: ${text}
  - indicator: 13
    text: Min organisation tar ansvar.
    optional: true
`;

const latestVersion = async (group: string) =>
  (await db(`select coalesce(max(version), 0)::int as v from instrument where respondent_group = $1`, [group]))[0].v;

describe('questionnaires from instrument files', () => {
  it('refuses a malformed file with typed problems naming line and statement; nothing is written', async () => {
    const before = (await db(`select count(*)::int as n from instrument_item`))[0].n;
    const bad = managersFile(await latestVersion('MANAGER'))
      .replace('indicator: 14', 'indicator: 19')
      .replace('    optional: true', '    optional: kanske');
    const res = await p.gql(LOAD, { as: 'platform-admin', variables: { file: bad, publish: true } });
    expect(res.errors).toBeUndefined();
    expect(res.data.loadInstrument).toMatchObject({ __typename: 'InstrumentFileError', code: 'INSTRUMENT_FILE' });
    expect(res.data.loadInstrument.problems).toEqual([
      { line: 13, item: 1, path: ['items', '0', 'indicator'], message: 'Indicators are numbered 1–16' },
      { line: 17, item: 2, path: ['items', '1', 'optional'], message: expect.any(String) },
    ]);
    const notYaml = await p.gql(LOAD, {
      as: 'platform-admin',
      variables: { file: 'format: finsam-instrument/1\nitems: [\n', publish: false },
    });
    expect(notYaml.data.loadInstrument.__typename).toBe('InstrumentFileError');
    expect(notYaml.data.loadInstrument.problems[0].message).toMatch(/^Not readable as YAML/);
    expect((await db(`select count(*)::int as n from instrument_item`))[0].n).toBe(before);
  });

  it('loads a draft, replaces it from a corrected file, publishes; a published version cannot change', async () => {
    const version = (await latestVersion('MANAGER')) + 1;
    const skipped = await p.gql(LOAD, {
      as: 'platform-admin',
      variables: { file: managersFile(version + 1), publish: false },
    });
    expect(skipped.data.loadInstrument.problems).toEqual([
      { line: 4, item: null, path: ['version'], message: `The next version of MANAGER is ${version}` },
    ]);

    const draft = await p.gql(LOAD, {
      as: 'platform-admin',
      variables: { file: managersFile(version), publish: false },
    });
    expect(draft.data.loadInstrument.data).toMatchObject({ version, published: false });
    const corrected = await p.gql(LOAD, {
      as: 'platform-admin',
      variables: { file: managersFile(version, 'Samverkan ger min verksamhet nya arbetssätt.'), publish: true },
    });
    expect(corrected.data.loadInstrument.data).toEqual({
      id: draft.data.loadInstrument.data.id,
      version,
      published: true,
      items: [
        { position: 1, text: 'Samverkan ger min verksamhet nya arbetssätt.', indicator: 14, required: true },
        { position: 2, text: 'Min organisation tar ansvar.', indicator: 13, required: false },
      ],
    });

    const again = await p.gql(LOAD, {
      as: 'platform-admin',
      variables: { file: managersFile(version, 'Omformulerat.'), publish: true },
    });
    expect(again.data.loadInstrument).toMatchObject({ __typename: 'PublishedInstrumentError', code: 'PUBLISHED' });
    expect(again.data.loadInstrument.message).toMatch(`load the file as version ${version + 1}`);
    const texts = await db(`select text from instrument_item where instrument_id = $1 order by position`, [
      draft.data.loadInstrument.data.id,
    ]);
    expect(texts.map((t) => t.text)).toEqual([
      'Samverkan ger min verksamhet nya arbetssätt.',
      'Min organisation tar ansvar.',
    ]);

    expect(
      codes(await p.gql(LOAD, { as: 'vasteras-admin', variables: { file: managersFile(9), publish: false } })),
    ).toEqual(['FORBIDDEN']);
  });

  it('the demo questionnaires cover all 16 indicators, and every respondent group has one', async () => {
    const res = await p.gql(`{ instruments { respondentGroup published description items { indicator } } }`, {
      as: 'norra-vastmanland-board',
    });
    expect(res.errors).toBeUndefined();
    const indicators = new Set(res.data.instruments.flatMap((i: any) => i.items.map((item: any) => item.indicator)));
    expect([...indicators].sort((a: any, b: any) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const groups = new Set(res.data.instruments.map((i: any) => i.respondentGroup));
    expect([...groups].sort()).toEqual(
      [
        'BOARD_MEMBER',
        'INTERVENTION_STAFF',
        'MANAGER',
        'PARTICIPANT_AT_EXIT',
        'PARTICIPANT_ONGOING',
        'REFERRER',
      ].sort(),
    );
    // Each group's demo questionnaire says it is a paraphrase, never the national text.
    for (const group of groups) {
      expect(res.data.instruments.some((i: any) => i.respondentGroup === group && /^DEMO/.test(i.description))).toBe(
        true,
      );
    }
  });
});

// --- rounds of the förbund, answered anonymously ------------------------------------------------

const CREATE_ROUND = `mutation ($input: CreateSurveyRoundInput!) { createSurveyRound(input: $input) {
  ${ERR} ... on MutationCreateSurveyRoundSuccess { data { id body respondentGroup interventions { id } status } }
} }`;
const ISSUE = `mutation ($round: ID!, $count: Int!) { issueResponseCodes(roundId: $round, count: $count) {
  ${ERR} ... on MutationIssueResponseCodesSuccess { data { codes intervention { id } } }
} }`;
const ANSWER = `mutation ($code: String!, $answers: [ItemAnswerInput!]!) {
  answerSurvey(code: $code, answers: $answers) {
  ${ERR} ... on MutationAnswerSurveySuccess { data { accepted } }
} }`;
const TOTAL = `query ($id: ID!) { surveyRound(id: $id) {
  results { suppressed }
  total { suppressed respondents indicators { indicator suppressed n mean sharePositive } }
} }`;

let boardInstrument: string;
const boardInstrumentId = async () => {
  if (!boardInstrument) {
    const res = await p.gql(`{ instruments(respondentGroup: BOARD_MEMBER) { id version } }`, { as: 'platform-admin' });
    boardInstrument = res.data.instruments[0].id;
  }
  return boardInstrument;
};

async function boardRound(admin: string, year: number, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await p.gql(CREATE_ROUND, {
    as: admin,
    variables: {
      input: {
        instrumentId: await boardInstrumentId(),
        period: { from: `${year}-01`, to: `${year}-12` },
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        minimumN: 3,
        ...extra,
      },
    },
  });
  expect(res.data.createSurveyRound.__typename).toBe('MutationCreateSurveyRoundSuccess');
  return res.data.createSurveyRound.data.id;
}

async function issue(admin: string, round: string, count: number): Promise<string[]> {
  const res = await p.gql(ISSUE, { as: admin, variables: { round, count } });
  expect(res.data.issueResponseCodes.__typename).toBe('MutationIssueResponseCodesSuccess');
  expect(res.data.issueResponseCodes.data.intervention).toBeNull();
  return res.data.issueResponseCodes.data.codes;
}

/** Answers every required statement of the code's questionnaire with `value`, anonymously (no token). */
async function answerWith(code: string, value: number) {
  const q = await p.gql(`query ($code: String!) { questionnaire(code: $code) { items { id required } } }`, {
    variables: { code },
  });
  const answers = q.data.questionnaire.items.filter((i: any) => i.required).map((i: any) => ({ itemId: i.id, value }));
  return (await p.gql(ANSWER, { variables: { code, answers } })).data.answerSurvey;
}
async function answerAll(code: string, value: number) {
  expect(await answerWith(code, value)).toEqual({
    __typename: 'MutationAnswerSurveySuccess',
    data: { accepted: true },
  });
}

describe('a board round without an insats', () => {
  it('refuses an insats for a board questionnaire, and a body for an insats questionnaire', async () => {
    const res = await p.gql(CREATE_ROUND, {
      as: 'norra-vastmanland-admin',
      variables: {
        input: {
          instrumentId: await boardInstrumentId(),
          period: { from: '2040-01', to: '2040-12' },
          interventionIds: ['1c7e0000-0000-4000-8000-000000000009'],
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
    });
    expect(res.data.createSurveyRound).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION',
      message: expect.any(String),
      issues: [
        {
          path: ['input', 'interventionIds'],
          message: "A board, managers' or referrers' round belongs to the förbund (or a named body), not to an insats",
        },
      ],
    });
    const participants = await p.gql(`{ instruments(respondentGroup: PARTICIPANT_ONGOING) { id } }`, {
      as: 'norra-vastmanland-admin',
    });
    const withBody = await p.gql(CREATE_ROUND, {
      as: 'norra-vastmanland-admin',
      variables: {
        input: {
          instrumentId: participants.data.instruments[0].id,
          period: { from: '2040-01', to: '2040-12' },
          body: 'Beredningsgruppen',
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
    });
    expect(withBody.data.createSurveyRound.issues).toEqual([
      { path: ['input', 'interventionIds'], message: 'A round covers at least one insats' },
      { path: ['input', 'body'], message: 'A participant or staff round belongs to its insatser, not a body' },
    ]);
  });

  it('is opened, codes issued, answered anonymously; results show once n is reached, withheld before', async () => {
    const created = await p.gql(CREATE_ROUND, {
      as: 'norra-vastmanland-admin',
      variables: {
        input: {
          instrumentId: await boardInstrumentId(),
          period: { from: '2040-01', to: '2040-12' },
          body: 'Beredningsgruppen',
          opensAt: new Date(Date.now() - 60_000).toISOString(),
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
          minimumN: 3,
        },
      },
    });
    const round = created.data.createSurveyRound.data;
    expect(round).toMatchObject({ body: 'Beredningsgruppen', respondentGroup: 'BOARD_MEMBER', interventions: [] });
    const issued = await issue('norra-vastmanland-admin', round.id, 4);
    expect(issued).toHaveLength(4);

    await answerAll(issued[0]!, 4);
    await answerAll(issued[1]!, 5);
    const before = await p.gql(TOTAL, { as: 'norra-vastmanland-board', variables: { id: round.id } });
    expect(before.errors).toBeUndefined();
    expect(before.data.surveyRound.results).toEqual([]);
    expect(before.data.surveyRound.total).toMatchObject({ suppressed: true, respondents: null });
    expect(before.data.surveyRound.total.indicators.every((i: any) => i.suppressed && i.mean === null)).toBe(true);

    await answerAll(issued[2]!, 3);
    const after = await p.gql(TOTAL, { as: 'norra-vastmanland-board', variables: { id: round.id } });
    expect(after.data.surveyRound.total).toMatchObject({ suppressed: false, respondents: 3 });
    expect(after.data.surveyRound.total.indicators.find((i: any) => i.indicator === 10)).toEqual({
      indicator: 10,
      suppressed: false,
      n: 3,
      mean: 4,
      sharePositive: 0.667,
    });
    // Stored with the förbund as the unit: nothing names a person or a code.
    expect(await db(`select distinct intervention_id from answer where round_id = $1`, [round.id])).toEqual([
      { intervention_id: '00000000-0000-0000-0000-000000000000' },
    ]);

    // One code, one answer.
    expect(await answerWith(issued[0]!, 4)).toMatchObject({ __typename: 'ResponseCodeError', code: 'INVALID_CODE' });
    // Staff of an insats see no board round; an insats named for its codes is refused.
    const staff = await p.gql(`query ($id: ID!) { surveyRound(id: $id) { id } }`, {
      as: 'norra-vastmanland-staff',
      variables: { id: round.id },
    });
    expect(staff.data?.surveyRound ?? null).toBeNull();
    const withInsats = await p.gql(
      `mutation ($round: ID!) {
        issueResponseCodes(roundId: $round, interventionId: "1c7e0000-0000-4000-8000-000000000009", count: 1) {
          ${ERR}
        }
      }`,
      { as: 'norra-vastmanland-admin', variables: { round: round.id } },
    );
    expect(withInsats.data.issueResponseCodes.issues).toEqual([
      { path: ['interventionId'], message: 'The round belongs to the förbund: issue its codes without an insats' },
    ]);
  });
});

// --- comparisons ---------------------------------------------------------------------------

const COMPARE = `query ($group: RespondentGroup!, $ids: [ID!]!, $years: [Int!]!) {
  surveyComparison(respondentGroup: $group, forbundIds: $ids, years: $years) {
    indicators
    forbund { forbundId years {
      year rounds respondents { suppressed n }
      indicators { indicator suppressed n mean sharePositive meanChange sharePositiveChange }
    } }
  }
}`;
const NATIONAL = `query ($group: RespondentGroup!, $years: [Int!]!) {
  nationalSurveyResults(respondentGroup: $group, years: $years) {
    indicators
    years { year forbund rounds respondents { suppressed n } indicators { indicator suppressed n mean meanChange } }
  }
}`;

describe('two förbund over two years, side by side', () => {
  beforeAll(async () => {
    // Norra Västmanland: 3 answers in 2041 (all 4), 3 in 2042 (all 5). Västerås: 3 in 2041 (all 3), 2 in 2042.
    const plan: [string, number, number[]][] = [
      ['norra-vastmanland-admin', 2041, [4, 4, 4]],
      ['norra-vastmanland-admin', 2042, [5, 5, 5]],
      ['vasteras-admin', 2041, [3, 3, 3]],
      ['vasteras-admin', 2042, [5, 5]],
    ];
    for (const [admin, year, values] of plan) {
      const round = await boardRound(admin, year);
      const issued = await issue(admin, round, values.length);
      for (const [i, value] of values.entries()) {
        await answerAll(issued[i]!, value);
      }
    }
  });

  const indicator10 = (series: any, year: number) =>
    series.years.find((y: any) => y.year === year).indicators.find((i: any) => i.indicator === 10);

  it('gives the county analyst per-indicator results with trends; cells below n are marked suppressed', async () => {
    const res = await p.gql(COMPARE, {
      as: 'vastmanland-analyst',
      variables: { group: 'BOARD_MEMBER', ids: [NORRA.id, VASTERAS.id], years: [2042, 2041] },
    });
    expect(res.errors).toBeUndefined();
    const { indicators, forbund } = res.data.surveyComparison;
    expect(indicators).toEqual([10, 11, 12, 13]);
    const [norra, vasteras] = forbund;
    expect(norra.forbundId).toBe(NORRA.id);
    expect(norra.years.map((y: any) => y.year)).toEqual([2041, 2042]);
    expect(indicator10(norra, 2041)).toEqual({
      indicator: 10,
      suppressed: false,
      n: 3,
      mean: 4,
      sharePositive: 1,
      meanChange: null,
      sharePositiveChange: null,
    });
    expect(indicator10(norra, 2042)).toEqual({
      indicator: 10,
      suppressed: false,
      n: 3,
      mean: 5,
      sharePositive: 1,
      meanChange: 1,
      sharePositiveChange: 0,
    });
    expect(indicator10(vasteras, 2041)).toMatchObject({ suppressed: false, n: 3, mean: 3, sharePositive: 0 });
    const withheld = vasteras.years.find((y: any) => y.year === 2042);
    expect(withheld).toMatchObject({ rounds: 1, respondents: { suppressed: true, n: null } });
    for (const cell of withheld.indicators) {
      expect(cell).toMatchObject({ suppressed: true, n: null, mean: null, sharePositive: null, meanChange: null });
    }
  });

  it('keeps a county analyst to their county and förbund users out', async () => {
    const other = await p.gql(COMPARE, {
      as: 'vastmanland-analyst',
      variables: { group: 'BOARD_MEMBER', ids: [SODRA.id], years: [2041] },
    });
    expect(codes(other)).toEqual(['FORBIDDEN']);
    const admin = await p.gql(COMPARE, {
      as: 'vasteras-admin',
      variables: { group: 'BOARD_MEMBER', ids: [VASTERAS.id], years: [2041] },
    });
    expect(codes(admin)).toEqual(['FORBIDDEN']);
    const tooMany = await p.gql(COMPARE, {
      as: 'vastmanland-analyst',
      variables: { group: 'BOARD_MEMBER', ids: [NORRA.id], years: Array.from({ length: 11 }, (_, i) => 2030 + i) },
    });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
  });

  it('aggregates every förbund per year for the platform administrator, not for a county analyst', async () => {
    const res = await p.gql(NATIONAL, {
      as: 'platform-admin',
      variables: { group: 'BOARD_MEMBER', years: [2041, 2042] },
    });
    expect(res.errors).toBeUndefined();
    const [y2041, y2042] = res.data.nationalSurveyResults.years;
    expect(y2041).toMatchObject({ year: 2041, forbund: 2, rounds: 2, respondents: { suppressed: false, n: 6 } });
    expect(y2041.indicators.find((i: any) => i.indicator === 10)).toMatchObject({ n: 6, mean: 3.5 });
    // Västerås' two answers of 2042 never filled a batch: the nation counts Norra's three only.
    expect(y2042).toMatchObject({ year: 2042, forbund: 1, rounds: 2, respondents: { suppressed: false, n: 3 } });
    expect(y2042.indicators.find((i: any) => i.indicator === 10)).toMatchObject({ n: 3, mean: 5, meanChange: 1.5 });
    const county = await p.gql(NATIONAL, {
      as: 'vastmanland-analyst',
      variables: { group: 'BOARD_MEMBER', years: [2041] },
    });
    expect(codes(county)).toEqual(['FORBIDDEN']);
  });
});

describe('the demo’s open round', () => {
  it('accepts a demo code through the gateway, once', async () => {
    const [code] = DEMO_OPEN_ROUND.codes;
    const q = await p.gql(`query ($code: String!) { questionnaire(code: $code) { respondentGroup name } }`, {
      variables: { code },
    });
    expect(q.data.questionnaire).toEqual({
      respondentGroup: 'BOARD_MEMBER',
      name: 'Enkät till styrelseledamöter (demo, omskriven)',
    });
    await answerAll(code!, 4);
    expect(await answerWith(code!, 4)).toMatchObject({ __typename: 'ResponseCodeError', code: 'INVALID_CODE' });
    const rounds = await p.gql(
      `{ surveyRounds(filter: { respondentGroup: BOARD_MEMBER }) { id status interventions { id } } }`,
      {
        as: 'norra-vastmanland-admin',
      },
    );
    expect(rounds.data.surveyRounds).toContainEqual({ id: DEMO_OPEN_ROUND.id, status: 'OPEN', interventions: [] });
  });
});
