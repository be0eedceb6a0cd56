/**
 * The indicator surveys in the web client (issue 20), in Debian's Chromium through the real gateway: a board member
 * answers the board questionnaire with a svarskod on a phone, without logging in — one code, one answer, and a
 * plain message for a used code, an unknown one and a round that closed meanwhile; and the county analyst compares
 * the förbund of the county over years, withheld cells marked. Both views pass axe.
 */
import type { Browser, Page } from 'playwright-core';
import {
  APP_ORIGIN,
  contextFor,
  expectAccessible,
  launchChromium,
  startPageOf as openPage,
  screenshot,
} from './support/browser.js';
import { NORRA, startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
let browser: Browser;
beforeAll(async () => {
  [p, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await p?.close();
});

const THIS_YEAR = new Date().getFullYear();
const db = <T = any>(sql: string, params: unknown[] = []) => p.rows<T>('indicators', sql, params);

async function boardRound(admin: string, year: number): Promise<string> {
  const instruments = await p.gql(`{ instruments(respondentGroup: BOARD_MEMBER) { id } }`, { as: admin });
  const res = await p.gql(
    `mutation ($input: CreateSurveyRoundInput!) { createSurveyRound(input: $input) {
      ... on MutationCreateSurveyRoundSuccess { data { id } } } }`,
    {
      as: admin,
      variables: {
        input: {
          instrumentId: instruments.data.instruments[0].id,
          period: { from: `${year}-01`, to: `${year}-12` },
          opensAt: new Date(Date.now() - 60_000).toISOString(),
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
          minimumN: 3,
        },
      },
    },
  );
  return res.data.createSurveyRound.data.id;
}

async function issue(admin: string, round: string, count: number): Promise<string[]> {
  const res = await p.gql(
    `mutation ($round: ID!, $count: Int!) { issueResponseCodes(roundId: $round, count: $count) {
      ... on MutationIssueResponseCodesSuccess { data { codes } } } }`,
    { as: admin, variables: { round, count } },
  );
  return res.data.issueResponseCodes.data.codes;
}

/** A phone-sized page, not logged in. */
async function phonePage(): Promise<Page> {
  const context = await contextFor(browser, p.gatewayUrl);
  const page = await context.newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  return page;
}

async function openWithCode(page: Page, code: string) {
  await page.goto(`${APP_ORIGIN}/app/svara`);
  await page.getByLabel('Svarskod').fill(code);
  await page.getByRole('button', { name: 'Öppna enkäten' }).click();
}

/** Picks `label` for every statement that needs an answer. */
async function answerEvery(page: Page, label: string) {
  await page.getByRole('button', { name: 'Skicka svaret' }).waitFor();
  const statements = page.getByRole('group');
  const count = await statements.count();
  for (let i = 0; i < count; i++) {
    const group = statements.nth(i);
    if (!/\(frivillig\)/.test((await group.locator('legend').textContent()) ?? '')) {
      await group.getByLabel(label).check();
    }
  }
}

describe('answering on a phone with a svarskod', () => {
  it('opens the board questionnaire without a login, takes one answer, then refuses the code', async () => {
    const round = await boardRound('norra-vastmanland-admin', THIS_YEAR);
    const [code] = await issue('norra-vastmanland-admin', round, 1);
    const page = await phonePage();
    await openWithCode(page, code!);
    await page.getByRole('heading', { name: 'Enkät till styrelseledamöter (demo, omskriven)' }).waitFor();
    // Fits the phone: nothing to scroll sideways.
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
          .scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(375);
    await expectAccessible(page);

    // Sending with a statement unanswered names it; nothing is stored.
    await page.getByRole('button', { name: 'Skicka svaret' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^Svara på påstående 1, 2, 3, 4 innan/);
    expect((await db(`select count(*)::int as n from answer where round_id = $1`, [round]))[0].n).toBe(0);

    await answerEvery(page, 'Stämmer helt');
    await screenshot(page, 'respondent-phone');
    await page.getByRole('button', { name: 'Skicka svaret' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/^Tack för ditt svar!/);
    expect(await db(`select "values" from answer where round_id = $1`, [round])).toEqual([
      { values: [5, 5, 5, 5, null] },
    ]);

    // The same code again: the questionnaire opens (a used code must not tell), the answer is refused.
    const again = await phonePage();
    await openWithCode(again, code!);
    await answerEvery(again, 'Stämmer delvis');
    await again.getByRole('button', { name: 'Skicka svaret' }).click();
    await expect(again.getByRole('alert').textContent()).resolves.toBe(
      'Koden är redan använd eller finns inte. Varje kod kan bara användas en gång.',
    );
    expect((await db(`select count(*)::int as n from answer where round_id = $1`, [round]))[0].n).toBe(1);

    const unknown = await phonePage();
    await openWithCode(unknown, 'ABCDE-FGHJK');
    await expect(unknown.getByRole('alert').textContent()).resolves.toMatch(/^Koden fungerar inte/);
  });

  it('says so when the round closed while the respondent was answering', async () => {
    const round = await boardRound('norra-vastmanland-admin', THIS_YEAR);
    const [code] = await issue('norra-vastmanland-admin', round, 1);
    const page = await phonePage();
    await openWithCode(page, code!);
    await answerEvery(page, 'Stämmer ganska bra');
    const closed = await p.gql(`mutation ($id: ID!) { closeSurveyRound(id: $id) { __typename } }`, {
      as: 'norra-vastmanland-admin',
      variables: { id: round },
    });
    expect(closed.data.closeSurveyRound.__typename).toBe('MutationCloseSurveyRoundSuccess');
    await page.getByRole('button', { name: 'Skicka svaret' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Enkäten är stängd och tar inte emot fler svar.');
  });
});

describe('the county analyst’s comparison', () => {
  it('shows the county’s förbund side by side over years, with trends and withheld cells marked', async () => {
    // This year, beside the demo's past board rounds: Norra Västmanland three answers (all 5), Västerås two.
    const plan: [string, number[]][] = [
      ['norra-vastmanland-admin', [5, 5, 5]],
      ['vasteras-admin', [3, 3]],
    ];
    for (const [admin, values] of plan) {
      const round = await boardRound(admin, THIS_YEAR);
      const codes = await issue(admin, round, values.length);
      for (const [i, value] of values.entries()) {
        const q = await p.gql(`query ($c: String!) { questionnaire(code: $c) { items { id required } } }`, {
          variables: { c: codes[i] },
        });
        const answers = q.data.questionnaire.items
          .filter((item: any) => item.required)
          .map((item: any) => ({ itemId: item.id, value }));
        const res = await p.gql(
          `mutation ($c: String!, $a: [ItemAnswerInput!]!) { answerSurvey(code: $c, answers: $a) { __typename } }`,
          { variables: { c: codes[i], a: answers } },
        );
        expect(res.data.answerSurvey.__typename).toBe('MutationAnswerSurveySuccess');
      }
    }
    // What the graph says of the three years (the demo's synthetic answers before this year), for the page to show.
    const graph = await p.gql(
      `query ($ids: [ID!]!, $years: [Int!]!) { surveyComparison(respondentGroup: BOARD_MEMBER, forbundIds: $ids,
        years: $years) { forbund { years { year indicators { indicator mean sharePositive n meanChange } } } } }`,
      { as: 'vastmanland-analyst', variables: { ids: [NORRA.id], years: [THIS_YEAR - 2, THIS_YEAR - 1, THIS_YEAR] } },
    );
    const [, before, now] = graph.data.surveyComparison.forbund[0].years.map((y: any) =>
      y.indicators.find((i: any) => i.indicator === 10),
    );
    expect(now).toMatchObject({ indicator: 10, mean: 5, sharePositive: 1, n: 3 });
    expect(now.meanChange).toBe(Number((5 - before.mean).toFixed(2)));
    expect(before.n).toBeGreaterThanOrEqual(5);
    const number = (v: number) => new Intl.NumberFormat('sv-SE').format(v);
    const percent = (v: number) =>
      new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 }).format(v);
    const signed = (c: number | null) =>
      c === null ? '' : `, ${c > 0 ? '+' : c < 0 ? '−' : '±'}${number(Math.abs(c))}`;
    /** A shown cell as the page writes it: mean (share positive, n), change. */
    const text = (c: any) =>
      `${number(c.mean)} (${percent(c.sharePositive)} positiva, n = ${c.n})${signed(c.meanChange)}`;

    const page = await openPage(browser, p.gatewayUrl, 'vastmanland-analyst');
    await page.getByRole('link', { name: 'Indikatorer' }).click();
    await page.getByLabel('Enkät').selectOption('BOARD_MEMBER');
    const norra = page.getByRole('table', { name: /Norra Västmanland.*: Styrelseledamöter/ });
    await norra.waitFor();
    const row = norra.getByRole('row', { name: /^Indikator 10/ });
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe(text(before));
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe(text(now));

    const vasteras = page.getByRole('table', { name: /Västerås.*: Styrelseledamöter/ });
    // Last year the demo's four answers, this year two: both below the minimum n, withheld and marked.
    for (const column of [1, 2]) {
      const withheld = vasteras
        .getByRole('row', { name: /^Indikator 10/ })
        .locator('td')
        .nth(column);
      await expect(withheld.textContent()).resolves.toBe('— (dold)');
      await expect(withheld.getAttribute('data-suppressed')).resolves.toBe('true');
    }
    await expect(
      vasteras
        .getByRole('row', { name: /^Svarande/ })
        .locator('td')
        .nth(0)
        .textContent(),
    ).resolves.toBe('ingen enkät');
    await expectAccessible(page);
    await screenshot(page, 'county-indicators');
  });
});
