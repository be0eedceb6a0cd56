/**
 * Issue 21, the register extract in the web client: the förbund administrator asks for a person's extract with a
 * reason and gets a readable Swedish document, with every record the staff made, that prints without the
 * application around it; the extract is logged. In Debian's Chromium through the real gateway and the development
 * provider's login page; axe-clean.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { contextFor, expectAccessible, launchChromium, logIn, screenshot } from './support/browser.js';
import { DEMO_INTERVENTION_IDS, startTestPlatform, type TestPlatform } from './support/platform.js';
import { participationWithHistory, personnummer } from './support/records.js';

let p: TestPlatform;
let browser: Browser;
beforeAll(async () => {
  [p, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
}, 180_000);
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const context of contexts.splice(0)) {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
  }
});
afterAll(async () => {
  await browser?.close();
  await p?.close();
});

const PERSON = personnummer('19830921', '468');

it('shows a person’s register extract as a printable document, and logs it', async () => {
  const id = await participationWithHistory(p, {
    staff: 'norra-vastmanland-staff',
    interventionId: DEMO_INTERVENTION_IDS.HALLSTAHAMMAR,
    personnummer: PERSON,
    name: 'Lina Utdrag',
    referredOn: '2024-04-02',
    enrolledOn: '2024-04-08',
    records: true,
    exitedOn: '2024-12-13',
  });
  // Staff read the person's identity: a logged read the extract shows.
  const read = await p.gql(`{ participation(id: "${id}") { person { name } } }`, { as: 'norra-vastmanland-staff' });
  expect(read.data.participation.person.name).toBe('Lina Utdrag');
  const context = await contextFor(browser, p.gatewayUrl);
  contexts.push(context);
  const page = await context.newPage();
  await logIn(page, 'norra-vastmanland-admin');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Registerutdrag' }).click();
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Registerutdrag');
  await expectAccessible(page);

  await page.getByLabel('Personnummer (ÅÅÅÅMMDD-NNNN)').fill(PERSON);
  await page.getByLabel('Skäl (till exempel ärendets diarienummer)').fill('Begäran dnr 2026/31');
  await page.getByRole('button', { name: 'Ta fram registerutdrag' }).click();
  const extract = page.getByRole('article');
  await expect(extract.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(`Registerutdrag för ${PERSON}`);
  const text = (await extract.textContent()) ?? '';
  for (const shown of [
    'Lina Utdrag',
    'Begäran dnr 2026/31',
    'Deltagande',
    'Remissdatum',
    '2024-04-02',
    'Avslutsdatum',
    '2024-12-13',
    'Handlingsplan (SIP)',
    'Arbetsträning',
    'Uppföljning',
    'Screening',
    'Läsning av identitetsuppgifter (logg)',
  ]) {
    expect(text).toContain(shown);
  }
  // The follow-up and screening staff recorded are both there.
  await expect(extract.getByRole('heading', { name: 'Uppföljning' }).count()).resolves.toBe(1);
  await expect(extract.getByRole('heading', { name: 'Screening' }).count()).resolves.toBe(1);
  await expectAccessible(page);
  await screenshot(page, 'admin-register-extract');

  // Printed: the document alone, without the menu, the header or the form.
  await page.emulateMedia({ media: 'print' });
  const hidden = { state: 'hidden', timeout: 10_000 } as const;
  // The page's computed style, read in the browser (this file has no DOM types).
  const printed = (selector: string) =>
    page
      .locator(selector)
      .evaluate(
        (el) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(el).display,
      );
  expect(await printed('.site-header')).toBe('none');
  await page.locator('nav[aria-label="Huvudmeny"]').waitFor(hidden);
  await page.locator('form.extract-form').waitFor(hidden);
  await page.getByText('Skriv ut', { exact: true }).waitFor(hidden);
  await expect(extract.isVisible()).resolves.toBe(true);
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  // On record: the extract with its reason, and an audited read of the participation's identity.
  const events = await p.rows('participants', `select kind, reason from records_event where reason = $1`, [
    'Begäran dnr 2026/31',
  ]);
  expect(events).toEqual([{ kind: 'REGISTER_EXTRACT', reason: 'Begäran dnr 2026/31' }]);
  const reads = await p.rows('participants', 'select participation_id from audit_entry where reason = $1', [
    'Registerutdrag: Begäran dnr 2026/31',
  ]);
  expect(reads).toEqual([{ participation_id: id }]);
});
