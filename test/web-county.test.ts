/**
 * The county view worth opening (issue 19), in Debian's Chromium through the real provider and gateway: the
 * county analyst of Västmanland sees, per förbund and for the county, participants by kön, persons, average age,
 * exits, stegförflyttning, exits by outcome and money (tilldelat, förbrukat, eget kapital) — each cell as the graph
 * gives it, a withheld one marked "— (dold)", never 0. The view passes axe.
 */
import type { Browser } from 'playwright-core';
import { expectAccessible, launchChromium, startPageOf as openPage, screenshot } from './support/browser.js';
import { NORRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

let p: TestPlatform;
let browser: Browser;
beforeAll(async () => {
  [p, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await p?.close();
});

/** Text with every kind of space as a plain one: Intl puts no-break spaces in numbers. */
const plain = (s: string | null) => (s ?? '').replace(/\s/g, ' ').trim();
const number = (n: number) => plain(new Intl.NumberFormat('sv-SE').format(n));
const kronor = (n: number) =>
  plain(new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }).format(n));
const percent = (n: number) =>
  plain(new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 }).format(n));

interface Figure {
  suppressed: boolean;
  value: number | null;
}
const F = '{ suppressed value }';
const shownAs = (f: Figure, format: (n: number) => string) => (f.suppressed ? '— (dold)' : format(f.value!));

describe('a county analyst of Västmanland', () => {
  it('sees kön, persons, average age, exits, stegförflyttning, outcomes and money per förbund', async () => {
    const graph = await p.gql(
      `query ($ids: [ID!]!) { countyReport(forbundIds: $ids, year: 2021) {
        forbund { year { forbundId finance { allocated used closingEquity } } totalByKon { key count ${F} }
          exited ${F} stepForwardShare ${F} exitsByOutcome { key count ${F} }
          profile { persons ${F} averageAge ${F} } }
        totals { exited ${F} stepForwardShare ${F} } } }`,
      { as: 'vastmanland-analyst', variables: { ids: [NORRA.id, VASTERAS.id] } },
    );
    expect(graph.errors).toBeUndefined();
    const norra = graph.data.countyReport.forbund.find((r: any) => r.year.forbundId === NORRA.id);
    const vasteras = graph.data.countyReport.forbund.find((r: any) => r.year.forbundId === VASTERAS.id);

    const page = await openPage(browser, p.gatewayUrl, 'vastmanland-analyst');
    await page.getByLabel('År', { exact: true }).selectOption('2021');
    const people = page.getByRole('table', { name: 'Deltagare 2021 per kön, medelålder och stegförflyttning' });
    await people.waitFor();
    const header = (await people.locator('thead th').allTextContents()).map(plain);
    expect(header).toEqual(expect.arrayContaining(['Kvinna', 'Man', 'Personer', 'Medelålder', 'Stegförflyttning']));
    const cellsOf = async (name: string) =>
      (
        await people
          .getByRole('row', { name: new RegExp(`^${name}`) })
          .locator('td')
          .allTextContents()
      ).map(plain);
    const column = (title: string) => header.indexOf(title) - 1; // the row's th comes first
    const norraRow = await cellsOf(NORRA.name);
    const kvinna = norra.totalByKon.find((c: any) => c.key === 'KVINNA').count;
    expect(norraRow[column('Kvinna')]).toBe(shownAs(kvinna, number));
    expect(norraRow[column('Avslutade')]).toBe(shownAs(norra.exited, number));
    expect(norraRow[column('Stegförflyttning')]).toBe(shownAs(norra.stepForwardShare, percent));
    expect(norra.stepForwardShare.suppressed).toBe(false); // Norra Västmanland's share is there to read
    expect(norraRow[column('Medelålder')]).toBe(shownAs(norra.profile.averageAge, number));
    expect(norraRow[column('Personer')]).toBe(shownAs(norra.profile.persons, number));
    const county = await cellsOf('Länet');
    expect(county[column('Stegförflyttning')]).toBe(shownAs(graph.data.countyReport.totals.stepForwardShare, percent));

    // Exits by outcome: a withheld count reads "— (dold)", never 0.
    const outcomes = page.getByRole('table', { name: 'Avslut 2021 per utfall' });
    const medical = (
      await outcomes
        .getByRole('row', { name: /^Medicinsk rehabilitering/ })
        .locator('td')
        .allTextContents()
    ).map(plain);
    const outcomeHeader = (await outcomes.locator('thead th').allTextContents()).map(plain);
    const medicalNorra = norra.exitsByOutcome.find((c: any) => c.key === 'MEDICINSK_REHABILITERING').count;
    expect(medical[outcomeHeader.indexOf(NORRA.name) - 1]).toBe(shownAs(medicalNorra, number));
    const withheld = norra.exitsByOutcome.filter((c: any) => c.count.suppressed).length;
    expect(withheld).toBeGreaterThan(0);
    expect(await outcomes.getByText('— (dold)').count()).toBeGreaterThanOrEqual(withheld);

    // Money from finance, as it is: it reveals no person.
    const money = page.getByRole('table', { name: 'Ekonomi 2021 per förbund' });
    const norraMoney = (
      await money
        .getByRole('row', { name: new RegExp(`^${NORRA.name}`) })
        .locator('td')
        .allTextContents()
    ).map(plain);
    expect(norraMoney[0]).toBe(kronor(norra.year.finance.allocated));
    expect(norraMoney[1]).toBe(kronor(norra.year.finance.used));
    const countyMoney = (
      await money
        .getByRole('row', { name: /^Länet/ })
        .locator('td')
        .allTextContents()
    ).map(plain);
    expect(countyMoney[0]).toBe(kronor(norra.year.finance.allocated + vasteras.year.finance.allocated));

    await expectAccessible(page);
    await screenshot(page, 'county-figures-vastmanland');
    await page.context().close();
  });
});
