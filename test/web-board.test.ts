/**
 * The web client for the board and the county (issue 18), in Debian's Chromium through the real provider and
 * gateway: the year report and its half-year report with charts whose text alternative states the figures, the
 * Uppföljning Finsam CSV downloaded with the person's token, the årshjul with meetings and decisions (also a
 * styrgrupp member's, of their own styrgrupp only), and the county's förbund side by side with withheld cells
 * marked. Each view passes axe; the year report is reached and its year changed with the keyboard alone.
 * Screenshots go to web/screenshots/.
 */
import fs from 'node:fs';
import { UPPFOLJNING_COLUMNS } from '@finsam/gateway/export.js';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchChromium, startPageOf as openPage, screenshot } from './support/browser.js';
import { NORRA, SODRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

const SALA = '1981';

let p: TestPlatform;
let browser: Browser;
beforeAll(async () => {
  [p, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await p?.close();
});

const startPageOf = (username: string, issuerButton?: RegExp) =>
  openPage(browser, p.gatewayUrl, username, issuerButton);

/** Text with every kind of space as a plain one: Intl puts no-break spaces in numbers. */
const plain = (s: string | null) => (s ?? '').replace(/\s/g, ' ');
const kronor = (n: number) => plain(new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 }).format(n));

const F = '{ suppressed value }';
const YEAR_REPORT = `query ($period: ReportPeriod!) { forbund { year(year: 2021) {
  participants(period: $period) { new ${F} total ${F} hemkommuner { scbCode total ${F} totalPreviousYear ${F} }
    interventions { newByReferrer { key count ${F} } exitsByOutcome { key count ${F} } } }
  finance(period: $period) { allocated used }
} } }`;

/** A figure under the disclosure policy, as the graph gives it. */
interface Figure {
  suppressed: boolean;
  value: number | null;
}
/** How a table cell shows a figure, and how a chart's text alternative names it. */
const cell = (f: Figure) => (f.suppressed ? '— (dold)' : String(f.value));
const spoken = (f: Figure) => (f.suppressed ? 'dold' : String(f.value));
/** The insatser's counts summed per key; a sum with a withheld part is withheld. */
function sums(counts: { key: string; count: Figure }[]): Map<string, Figure> {
  const out = new Map<string, Figure>();
  for (const { key, count } of counts) {
    const sum = out.get(key) ?? { suppressed: false, value: 0 };
    out.set(
      key,
      sum.suppressed || count.suppressed
        ? { suppressed: true, value: null }
        : { suppressed: false, value: (sum.value ?? 0) + (count.value ?? 0) },
    );
  }
  return out;
}

describe('a board member’s year report', () => {
  it('shows Norra Västmanland’s 2021 Årsrapport with charts, then its half-year report', async () => {
    const year = (await p.gql(YEAR_REPORT, { as: 'norra-vastmanland-board', variables: { period: 'YEAR' } })).data
      .forbund.year;
    const half = (await p.gql(YEAR_REPORT, { as: 'norra-vastmanland-board', variables: { period: 'HALF_YEAR' } })).data
      .forbund.year;
    const sala = year.participants.hemkommuner.find((h: any) => h.scbCode === SALA);
    const salaHalf = half.participants.hemkommuner.find((h: any) => h.scbCode === SALA);
    expect([sala.total.value, sala.totalPreviousYear.value]).toEqual([42, 41]);
    // The half-year is its own figure, not the year's.
    expect(half.participants.total.value).toBeLessThan(year.participants.total.value);

    const page = await startPageOf('norra-vastmanland-board');
    await page.getByLabel('År', { exact: true }).selectOption('2021');
    await page.getByRole('heading', { name: 'Årsrapport 2021' }).waitFor();
    const table = page.getByRole('table', { name: 'Deltagare per hemkommun 2021 (inom parentes 2020)' });
    await expect(table.getByRole('row', { name: /^Sala/ }).locator('td').nth(1).textContent()).resolves.toBe('42 (41)');
    // The chart beside it: one image whose text alternative states the same figures.
    const chart = page.getByRole('img', { name: /^Deltagare totalt per hemkommun, 2021 och 2020\./ });
    await expect(chart.getAttribute('aria-label')).resolves.toContain('Sala kommun: 2021 42, 2020 41');

    // New by referrer: the insatser's counts summed per remittent.
    const referrers = page.getByRole('table', { name: 'Nya deltagare 2021 efter remittent' });
    await referrers.waitFor();
    const referred = sums(year.participants.interventions.flatMap((i: any) => i.newByReferrer));
    const shown = (await referrers.locator('tbody td').allTextContents()).map(plain);
    expect(shown.sort()).toEqual([...referred.values()].map(cell).sort());
    // A row per remittent. With the referrers as printed (FNS's small ones among them) every remittent has a
    // withheld cell in some insats, so its sum may be withheld: each shows as withheld, never as 0.
    expect(referred.size).toBeGreaterThan(0);
    await expect(referrers.getByRole('row', { name: /^Försäkringskassan/ }).count()).resolves.toBe(1);

    const exits = year.participants.interventions.flatMap((i: any) => i.exitsByOutcome);
    const outcomes = page.getByRole('img', { name: /^Avslutade deltagare 2021 efter utfall\./ });
    const studier = sums(exits).get('STUDIER');
    expect(studier).toBeDefined();
    await expect(outcomes.getAttribute('aria-label')).resolves.toContain(`Studier: ${spoken(studier!)}`);
    const budget = page.getByRole('table', { name: 'Budget per insats 2021' });
    await expect(budget.locator('tfoot td').nth(1).textContent().then(plain)).resolves.toBe(
      `${kronor(year.finance.used)} kr`,
    );
    await expectAccessible(page);
    await screenshot(page, 'board-year-report');

    // The half-year report: January–June of 2021 against January–June of 2020.
    await page.getByLabel('Period').selectOption('HALF_YEAR');
    await page.getByRole('heading', { name: 'Halvårsrapport januari–juni 2021' }).waitFor();
    const halfTable = page.getByRole('table', {
      name: 'Deltagare per hemkommun januari–juni 2021 (inom parentes januari–juni 2020)',
    });
    await halfTable.waitFor();
    await expect(halfTable.locator('tfoot td').allTextContents()).resolves.toEqual([
      cell(half.participants.new),
      cell(half.participants.total),
    ]);
    await expect(halfTable.getByRole('row', { name: /^Sala/ }).locator('td').nth(1).textContent()).resolves.toBe(
      `${cell(salaHalf.total)} (${cell(salaHalf.totalPreviousYear)})`,
    );
    const halfChart = page.getByRole('img', { name: /^Deltagare totalt per hemkommun, januari–juni 2021/ });
    await expect(halfChart.getAttribute('aria-label')).resolves.toContain(
      `Sala kommun: januari–juni 2021 ${spoken(salaHalf.total)}, ` +
        `januari–juni 2020 ${spoken(salaHalf.totalPreviousYear)}`,
    );
    const halfBudget = page.getByRole('table', { name: 'Budget per insats januari–juni 2021' });
    await expect(halfBudget.locator('tfoot td').nth(1).textContent().then(plain)).resolves.toBe(
      `${kronor(half.finance.used)} kr`,
    );
    expect(half.finance.used).toBeLessThan(year.finance.used);
    // The CSV is the year's: not offered for half a year.
    await expect(page.getByRole('button', { name: /Uppföljning Finsam/ }).count()).resolves.toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'board-half-year');
    await page.context().close();
  });

  it('downloads the Uppföljning Finsam CSV of 2021 with the person’s token', async () => {
    const page = await startPageOf('norra-vastmanland-board');
    await page.getByLabel('År', { exact: true }).selectOption('2021');
    const button = page.getByRole('button', { name: 'Ladda ner Uppföljning Finsam 2021 (CSV)' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('uppfoljning-finsam-2021.csv');
    const bytes = fs.readFileSync((await download.path())!);
    // UTF-8 with a BOM and `;` between cells, as Swedish Excel opens it.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8').slice(1);
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toBe(UPPFOLJNING_COLUMNS.join(';'));
    // The gateway's own answer to the same person, byte for byte, and the Årsrapport's Sala row in it.
    const direct = await fetch(p.gatewayUrl.replace(/\/graphql$/, '/export/uppfoljning-finsam/2021.csv'), {
      headers: { authorization: `Bearer ${await p.token('norra-vastmanland-board')}` },
    });
    expect(bytes.equals(Buffer.from(await direct.arrayBuffer()))).toBe(true);
    const sala = rows.find((r) => r.includes(';Samordningsteam Sala;'));
    expect(sala).toMatch(/^Norra Västmanlands Samordningsförbund;/);
    expect(sala).toContain(';1590000;1535642;');
    expect(rows.length).toBeGreaterThan(1);
    await page.context().close();
  });

  it('is reached, and its year changed, with the keyboard alone', async () => {
    const page = await startPageOf('norra-vastmanland-board');
    const select = page.getByLabel('År', { exact: true });
    await select.waitFor();
    // From the top of the page, Tab walks: skip link, Logga ut, the menu, … until the year select.
    const isYear = () => select.evaluate((el) => el === (el.ownerDocument as any).activeElement);
    let presses = 0;
    while (!(await isYear())) {
      expect(++presses).toBeLessThan(15);
      await page.keyboard.press('Tab');
    }
    const from = Number(await select.inputValue());
    for (let y = from; y > 2021; y--) {
      await page.keyboard.press('ArrowDown');
    }
    await expect(select.inputValue()).resolves.toBe('2021');
    const table = page.getByRole('table', { name: 'Deltagare per hemkommun 2021 (inom parentes 2020)' });
    await expect(table.getByRole('row', { name: /^Sala/ }).locator('td').nth(1).textContent()).resolves.toBe('42 (41)');
    // On to the half-year: Tab to Period, then the arrow key.
    await page.keyboard.press('Tab');
    await expect(
      page.getByLabel('Period').evaluate((el) => el === (el.ownerDocument as any).activeElement),
    ).resolves.toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { name: 'Halvårsrapport januari–juni 2021' }).waitFor();

    // The menu by keyboard: the other view, its heading takes the focus.
    const link = page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Årshjul och sammanträden' });
    await link.focus();
    await page.keyboard.press('Enter');
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1.textContent()).resolves.toContain('Årshjul och sammanträden');
    await expect(h1.evaluate((el) => el === (el.ownerDocument as any).activeElement)).resolves.toBe(true);
    await page.getByRole('heading', { name: /^Årshjul \d{4}$/ }).waitFor();
    await page.context().close();
  });
});

describe('a board member’s årshjul, meetings and decisions', () => {
  it('shows Västerås’ 2022 meetings and deadlines, and the budget decisions', async () => {
    const graph = await p.gql('{ bodies { name meetings(year: 2022) { date decisions { text } } } }', {
      as: 'vasteras-board',
    });
    const meetings = graph.data.bodies.flatMap((b: any) => b.meetings);
    expect(meetings.length).toBe(15);
    const decisions = meetings.flatMap((m: any) => m.decisions.map((d: any) => d.text)).sort();

    const page = await startPageOf('vasteras-board');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Årshjul och sammanträden' })
      .click();
    await page.getByLabel('År', { exact: true }).selectOption('2022');
    await page.getByRole('heading', { name: 'Årshjul 2022' }).waitFor();
    const calendar = page.getByRole('table', { name: 'Sammanträden och tidsfrister 2022' });
    await calendar.waitFor();
    // Every meeting of the year and the three fixed deadlines.
    await expect(calendar.locator('tbody tr').count()).resolves.toBe(meetings.length + 3);
    await calendar
      .getByRole('row', { name: /25 november 2022 Förbundsstyrelsens sammanträde Förbundsstyrelsen/ })
      .waitFor();
    await calendar.getByRole('row', { name: /30 november 2022 Budget och verksamhetsplan 2023/ }).waitFor();
    const wheel = page.getByRole('img', { name: /^Årshjul 2022\./ });
    const alt = await wheel.getAttribute('aria-label');
    expect(alt).toContain('14 januari: Förbundsstyrelsens sammanträde (Förbundsstyrelsen)');
    expect(alt).toContain('30 november: Budget och verksamhetsplan 2023');
    expect(alt).toContain('Juli: inget.');

    const table = page.getByRole('table', { name: 'Beslut 2022, i datumordning' });
    await expect(
      table
        .locator('tbody th')
        .allTextContents()
        .then((t) => t.sort()),
    ).resolves.toEqual(decisions);
    expect(decisions).toContain('Styrelsen fastställer budget 2023 med plan för 2024–2025.');
    await expect(
      table
        .getByRole('row', { name: /Budget 2023/ })
        .locator('td')
        .first()
        .textContent(),
    ).resolves.toBe('25 november 2022');
    const board = page.getByRole('region', { name: /^Förbundsstyrelsen/ });
    await expect(board.getByRole('article').count()).resolves.toBe(6);
    await expectAccessible(page);
    await screenshot(page, 'board-arshjul');
    await page.context().close();
  });

  it('shows a styrgrupp’s meeting with agenda, approved minutes and its decision', async () => {
    const page = await startPageOf('norra-vastmanland-board');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Årshjul och sammanträden' })
      .click();
    await page.getByLabel('År', { exact: true }).selectOption('2021');
    const meeting = page.getByRole('article', { name: '20 oktober 2021 – Styrgrupp Hallstahammar' });
    await meeting.waitFor();
    await expect(meeting.getByRole('listitem').allTextContents()).resolves.toEqual([
      'Bemanning',
      'Volymer',
      'Avvikelser',
      'Avvikelse: Arbetsförmedlingen utser en kontaktperson för remisser till teamet.',
    ]);
    await meeting.getByText('Protokoll (justerat)').waitFor();
    await meeting.getByText(/Teamet har 180 % bemanning/).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });
});

describe('a styrgrupp member of Hallstahammar', () => {
  it('sees their styrgrupp’s meeting and decision in the årshjul, and no other body', async () => {
    const page = await startPageOf('norra-vastmanland-styrgrupp');
    // Their one view is the årshjul, their start page (one view needs no menu).
    await page.getByRole('heading', { level: 1, name: 'Årshjul och sammanträden' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).count()).toBe(0);
    await page.getByLabel('År', { exact: true }).selectOption('2021');
    const meeting = page.getByRole('article', { name: '20 oktober 2021 – Styrgrupp Hallstahammar' });
    await meeting.waitFor();
    await meeting.getByText(/Teamet har 180 % bemanning/).waitFor();
    await meeting.getByText('Arbetsförmedlingen utser en kontaktperson för remisser till teamet.').waitFor();
    const decisions = page.getByRole('table', { name: 'Beslut 2021, i datumordning' });
    await expect(decisions.locator('tbody tr td').nth(2).textContent()).resolves.toBe(
      'Avvikelse – Samordningsteam Hallstahammar',
    );
    // Only their own styrgrupp: no board, no other insats' styrgrupp, and nothing refused.
    await expect(page.getByRole('region').allTextContents()).resolves.toHaveLength(1);
    await page.getByRole('region', { name: /^Styrgrupp Samordningsteam Hallstahammar/ }).waitFor();
    expect(await page.getByText('Förbundsstyrelsen').count()).toBe(0);
    expect(await page.locator('.notice').count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });
});

describe('a county analyst of Västmanland', () => {
  it('compares the county’s förbund in a table and a chart, a withheld cell marked in both', async () => {
    const page = await startPageOf('vastmanland-analyst');
    await page.getByLabel('År', { exact: true }).selectOption('2021');
    const table = page.getByRole('table', { name: 'Deltagare 2021 per förbund' });
    await table.waitFor();
    // Their county's förbund only.
    await expect(
      table
        .locator('tbody th')
        .allTextContents()
        .then((t) => t.sort()),
    ).resolves.toEqual([NORRA.name, VASTERAS.name].sort());
    expect(await page.getByText(SODRA.name).count()).toBe(0);
    const chart = page.getByRole('img', { name: /^Deltagare totalt och nya 2021 per förbund\./ });
    await expect(chart.getAttribute('aria-label')).resolves.toContain(NORRA.name);

    // Norberg's few new participants: "— (dold)" in the table, "dold" in the chart's text, never 0.
    const norra = page.getByRole('table', { name: `Nya deltagare 2021 per hemkommun – ${NORRA.name}` });
    await expect(
      norra
        .getByRole('row', { name: /^Norberg/ })
        .locator('td')
        .textContent(),
    ).resolves.toBe('— (dold)');
    const norraChart = page.getByRole('img', {
      name: new RegExp(`^Nya deltagare 2021 per hemkommun – ${NORRA.name}`),
    });
    const alt = await norraChart.getAttribute('aria-label');
    expect(alt).toContain('Norbergs kommun: dold');
    expect(alt).not.toMatch(/Norbergs kommun: 0/);
    await expectAccessible(page);
    await screenshot(page, 'county-vastmanland');

    // The same figures as a CSV file: withheld cells as "..", never 0, and each förbund's row as the graph gives it.
    const button = page.getByRole('button', { name: 'Ladda ner länets siffror 2021 (CSV)' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('lanet-2021.csv');
    const [header, ...lines] = fs
      .readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(header).toBe('niva,forbund,hemkommun,ar,nya,totalt,avslutade');
    const graph = await p.gql(
      `query ($ids: [ID!]!) { countyReport(forbundIds: $ids, year: 2021) {
        forbund { year { forbundId } new ${F} total ${F} exited ${F} } } }`,
      { as: 'vastmanland-analyst', variables: { ids: [NORRA.id, VASTERAS.id] } },
    );
    const csvOf = (f: Figure) => (f.suppressed ? '..' : String(f.value));
    for (const [forbund, name] of [
      [NORRA, NORRA.name],
      [VASTERAS, VASTERAS.name],
    ] as const) {
      const row = graph.data.countyReport.forbund.find((r: any) => r.year.forbundId === forbund.id);
      expect(lines).toContain(
        ['forbund', name, '', '2021', csvOf(row.new), csvOf(row.total), csvOf(row.exited)].join(','),
      );
    }
    expect(lines).toContain(`hemkommun,${NORRA.name},Norbergs kommun,2021,..,,`);
    expect(lines.filter((l) => l.startsWith('lan,'))).toHaveLength(1);
    await page.context().close();
  });
});
