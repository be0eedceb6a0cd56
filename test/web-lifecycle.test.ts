/**
 * Issue 21 in the web client, as the demo förbund administrator of Norra Västmanland: the import page's dry run of
 * a file with one bad row names that row and field in Swedish and writes nothing; the corrected file imports and
 * the page shows the summary. The gallring page records a policy, previews what it would remove and runs it,
 * showing the removed count, which is exactly the preview's. In Debian's Chromium through the real gateway and the
 * development provider's login page; axe-clean.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { contextFor, expectAccessible, launchChromium, logIn, screenshot } from './support/browser.js';
import { toCsv, yearOfPersons } from './support/import-records.js';
import { DEMO_INTERVENTION_IDS, NORRA, startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
let browser: Browser;
let page: Page;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  [p, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
  const context = await contextFor(browser, p.gatewayUrl);
  contexts.push(context);
  page = await context.newPage();
  await logIn(page, ADMIN);
}, 180_000);
afterAll(async () => {
  for (const context of contexts) {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
  }
  await browser?.close();
  await p?.close();
});

const ADMIN = 'norra-vastmanland-admin';
// Three persons of 2021 in Samordningsteam Hallstahammar, living in Hallstahammar; each with its own source ref.
const persons = yearOfPersons(3).map((x, i) => ({
  ...x,
  sourceRef: `WEB-2021-${i + 1}`,
  ...(x.hemkommun ? { hemkommun: '1961' } : {}),
}));
const file = (content: string) => ({ name: 'deltagare-2021.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
const imported = () =>
  p.rows<{ n: number }>(
    'participants',
    `select count(*)::int as n from participation where tenant_id = $1 and source_ref like 'WEB-2021-%'`,
    [NORRA.id],
  );
const menu = (name: string) => page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name });

describe('import', () => {
  it('names the bad row and field of a dry run in Swedish, and writes nothing', async () => {
    await menu('Import').click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Import');
    await expectAccessible(page);
    // Row 2 ends before it began: its exit is before its enrolment.
    const bad = persons.map((x, i) => (i === 1 ? { ...x, exitedOn: '2021-01-02', outcomes: ['STUDIER'] } : x));
    expect(bad[1]!.enrolledOn! > '2021-01-02').toBe(true);
    await page.getByLabel('Fil (CSV eller JSON)').setInputFiles(file(toCsv(bad, DEMO_INTERVENTION_IDS.HALLSTAHAMMAR)));
    await page.getByRole('button', { name: 'Provkör (inget sparas)' }).click();
    const table = page.getByRole('table', { name: /Provkörningen hittade fel/ });
    await table.waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toEqual(['2Avslutsdatum (exitedOn)Avslutsdatumet kan inte ligga före inskrivningen.']);
    await expect(page.getByRole('button', { name: 'Importera' }).count()).resolves.toBe(0);
    expect(await imported()).toEqual([{ n: 0 }]);
    await expectAccessible(page);
  });

  it('imports a good file after its dry run, and shows the summary', async () => {
    await page
      .getByLabel('Fil (CSV eller JSON)')
      .setInputFiles(file(toCsv(persons, DEMO_INTERVENTION_IDS.HALLSTAHAMMAR)));
    await page.getByRole('button', { name: 'Provkör (inget sparas)' }).click();
    const checked = page.getByText(/^Provkörningen hittade inga fel/);
    await checked.waitFor();
    expect(await checked.textContent()).toContain('3 rader, 3 deltaganden');
    expect(await imported()).toEqual([{ n: 0 }]);
    await page.getByRole('button', { name: 'Importera' }).click();
    const done = page.getByText(/^Importen är klar/);
    await done.waitFor();
    const followUps = persons.reduce((n, x) => n + x.followUps.length, 0);
    expect(await done.textContent()).toBe(
      `Importen är klar: 3 rader, 3 nya deltaganden och ${followUps} uppföljningar sparades, 0 fanns redan.`,
    );
    expect(await imported()).toEqual([{ n: 3 }]);
    await expectAccessible(page);
    await screenshot(page, 'admin-import');
  });
});

describe('gallring', () => {
  it('records a policy, previews it, runs it and shows the removed count: exactly the preview', async () => {
    await menu('Gallring').click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Gallring');
    await page.getByText('Förbundet har inga gallringsbeslut registrerade.').waitFor();
    await expectAccessible(page);

    await page.getByLabel('Uppgifter').selectOption('PARTICIPATION');
    await page.getByLabel('Bevaras antal hela år efter avslutsåret').fill('3');
    await page.getByLabel('Beslut (till exempel Styrelsen § 12/2026)').fill('Styrelsen § 14/2026');
    await page.getByLabel('Beslutsdatum').fill('2026-03-12');
    await page.getByRole('button', { name: 'Registrera beslutet' }).click();
    const policies = page.getByRole('table', { name: 'Förbundets gallringsbeslut' });
    await policies.waitFor();
    expect(await policies.locator('tbody tr').first().textContent()).toContain('Styrelsen § 14/2026');

    // What the graph previews: the page says the same counts.
    const preview = (
      await p.gql('{ gallringPreview(recordType: PARTICIPATION) { participationIds screeningIds personIds } }', {
        as: ADMIN,
      })
    ).data.gallringPreview;
    // Among them the three participations imported above, ended in 2021.
    expect(preview.participationIds.length).toBeGreaterThanOrEqual(2);
    await policies.getByRole('button', { name: 'Förhandsgranska' }).click();
    const counts =
      `${preview.participationIds.length} deltaganden, ${preview.screeningIds.length} screeningar och ` +
      `${preview.personIds.length} personposter`;
    const previewed = page.getByRole('region', { name: 'Förhandsgranskning' });
    await previewed.getByText(counts, { exact: false }).waitFor();
    await expectAccessible(page);

    await previewed.getByRole('button', { name: 'Genomför gallringen' }).click();
    const done = page.getByText(/^Gallringen är genomförd/);
    await done.waitFor();
    expect(await done.textContent()).toBe(`Gallringen är genomförd: ${counts} togs bort eller avidentifierades.`);
    const culled = await p.rows<{ id: string }>(
      'participants',
      'select id from participation where tenant_id = $1 and culled_on is not null order by id',
      [NORRA.id],
    );
    expect(culled.map((r) => r.id)).toEqual([...preview.participationIds].sort());
    const runs = page.getByRole('table', { name: 'Gallringar, senaste först' });
    await runs.waitFor();
    expect(await runs.locator('tbody tr').count()).toBe(1);
    expect(await runs.locator('tbody tr').first().textContent()).toContain(String(preview.participationIds.length));
    await expectAccessible(page);
    await screenshot(page, 'admin-gallring');
  });
});
