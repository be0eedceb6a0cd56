/**
 * The förbund administrator's work in the web client (issue 18), in a real browser through the real gateway and the
 * development provider's login page: giving a person access with a validity and a styrgrupp seat (also with the
 * keyboard alone), changing a grant's validity, setting an insats' allocation, and deciding rekvisitioner —
 * each checked through the graph too; typed errors beside their fields; every view passes axe-core's WCAG 2.1
 * A/AA rules. Screenshots go to web/screenshots/.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  chooseByKeyboard,
  contextFor,
  expectAccessible,
  isFocused,
  launchChromium,
  logIn,
  screenshot,
  tabTo,
} from './support/browser.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
let browser: Browser;
beforeAll(async () => {
  [p, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
}, 180_000);
/** Every browser context a test opened, closed after it even when it failed (no request left in flight). */
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

const THIS_YEAR = new Date().getFullYear();
/** A year whose six periods have all begun: rekvisitioner for it may be sent. */
const LAST_YEAR = THIS_YEAR - 1;

/** A fresh browser logged in as `username`, on the view the main menu calls `view`. */
async function openView(username: string, view: string): Promise<Page> {
  const context = await contextFor(browser, p.gatewayUrl);
  contexts.push(context);
  const page = await context.newPage();
  await logIn(page, username);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: view }).click();
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(view);
  return page;
}

/** Text as a test writes it: the no-break spaces of Swedish number formatting as plain spaces. */
const plain = (text: string | null) => text?.replace(/[\u00a0\u202f]/g, ' ');

/** A demo person signs in once through the graph, claiming their invitation: they become known to the förbund. */
async function known(username: string): Promise<string> {
  const res = await p.gql('{ me { userId name } }', { as: username });
  expect(res.errors).toBeUndefined();
  return res.data.me.name;
}

/** The field's error text, found through its aria-describedby, and that it is marked invalid. */
async function expectFieldError(page: Page, field: Locator, message: string | RegExp) {
  await field.and(page.locator('[aria-invalid="true"]')).waitFor();
  const describedBy = await field.getAttribute('aria-describedby');
  expect(describedBy).toBeTruthy();
  const text = await page.locator(`[id="${describedBy}"]`).textContent();
  if (typeof message === 'string') {
    expect(plain(text)).toBe(message);
  } else {
    expect(plain(text)).toMatch(message);
  }
}

const grantsOf = async (userName: string) => {
  const res = await p.gql(
    '{ accessGrants { id role active validFrom validTo user { name } interventions { name } seat { id name } } }',
    { as: 'vasteras-admin' },
  );
  expect(res.errors).toBeUndefined();
  return res.data.accessGrants.filter((g: any) => g.user?.name === userName);
};

describe('people and access', () => {
  it('gives a known person staff access with a validity, changes it, and gives a styrgrupp seat', async () => {
    const name = await known('vasteras-board');
    const page = await openView('vasteras-admin', 'Personer och behörigheter');
    const form = page.getByRole('form', { name: 'Ge behörighet till en person i förbundet' });
    await form.getByLabel('Person').selectOption({ label: name });
    await form.getByLabel('Behörighet').selectOption('STAFF');
    const insats = (await form
      .getByRole('group', { name: 'Arbetar i insats' })
      .locator('label')
      .first()
      .textContent())!;
    await form.getByLabel(insats).check();
    await form.getByLabel('Giltig från (valfritt)').fill(`${THIS_YEAR}-01-01`);
    await form.getByLabel('Giltig till (valfritt)').fill(`${THIS_YEAR + 1}-12-31`);
    await form.getByRole('button', { name: 'Ge behörighet' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `${name} har fått behörigheten Personal.` })
      .waitFor();

    const grants = page.getByRole('table', { name: 'Vem har vilken behörighet i förbundet' });
    const row = grants.getByRole('row', { name: new RegExp(`^${name}.*Personal`) });
    await expect(row.textContent()).resolves.toContain(`1 januari ${THIS_YEAR} – 31 december ${THIS_YEAR + 1}`);
    let staff = (await grantsOf(name)).find((g: any) => g.role === 'STAFF');
    expect(staff).toMatchObject({
      active: true,
      validFrom: `${THIS_YEAR}-01-01`,
      validTo: `${THIS_YEAR + 1}-12-31`,
      interventions: [{ name: insats }],
    });

    // Its validity, changed in place: a last day before the first is refused beside that field, nothing written.
    await page.getByRole('button', { name: `Ändra giltighet för Personal för ${name}` }).click();
    const editor = page.getByRole('form', { name: `Giltighet för Personal för ${name}` });
    await expect(isFocused(editor.getByLabel('Giltig från'))).resolves.toBe(true);
    await editor.getByLabel('Giltig till').fill(`${THIS_YEAR - 1}-06-30`);
    await editor.getByRole('button', { name: 'Spara giltighet' }).click();
    await expectFieldError(page, editor.getByLabel('Giltig till'), 'Sista dagen kan inte vara före första dagen.');
    await expect(isFocused(editor.getByLabel('Giltig till'))).resolves.toBe(true);
    expect((await grantsOf(name)).find((g: any) => g.role === 'STAFF').validTo).toBe(`${THIS_YEAR + 1}-12-31`);
    await editor.getByLabel('Giltig till').fill(`${THIS_YEAR + 2}-06-30`);
    await editor.getByRole('button', { name: 'Spara giltighet' }).click();
    await editor.waitFor({ state: 'detached' });
    await row.filter({ hasText: `30 juni ${THIS_YEAR + 2}` }).waitFor();
    // Focus is back on the button that opened the editor.
    await expect(
      isFocused(page.getByRole('button', { name: `Ändra giltighet för Personal för ${name}` })),
    ).resolves.toBe(true);
    staff = (await grantsOf(name)).find((g: any) => g.role === 'STAFF');
    expect(staff.validTo).toBe(`${THIS_YEAR + 2}-06-30`);

    // A styrgrupp member needs a seat: without one the graph's error shows beside the seat field.
    await form.getByLabel('Behörighet').selectOption('STYRGRUPP');
    await form.getByRole('button', { name: 'Ge behörighet' }).click();
    await expectFieldError(page, form.getByLabel('Plats i styrgrupp'), 'Välj platsen i styrgruppen.');
    const seat = form.getByLabel('Plats i styrgrupp').locator('option').nth(1);
    const seatId = (await seat.getAttribute('value'))!;
    await form.getByLabel('Plats i styrgrupp').selectOption(seatId);
    await form.getByRole('button', { name: 'Ge behörighet' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `${name} har fått behörigheten Styrgruppsledamot.` })
      .waitFor();
    const styrgrupp = (await grantsOf(name)).find((g: any) => g.role === 'STYRGRUPP');
    expect(styrgrupp).toMatchObject({ active: true, seat: { id: seatId } });
    await grants
      .getByRole('row', { name: new RegExp(`^${name}.*Styrgruppsledamot`) })
      .filter({ hasText: `Plats: ${styrgrupp.seat.name}` })
      .waitFor();

    await expectAccessible(page);
    await screenshot(page, 'forbund-admin-grants');
  });

  it('gives access with the keyboard alone: Tab, the arrow keys and Enter, no clicks', async () => {
    const name = await known('vasteras-staff');
    expect((await grantsOf(name)).map((g: any) => g.role)).toEqual(['VERKSAMHETSLEDARE']);
    const context = await contextFor(browser, p.gatewayUrl);
    contexts.push(context);
    const page = await context.newPage();
    await logIn(page, 'vasteras-admin');

    await tabTo(page, page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Personer' }));
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Ge behörighet till en person i förbundet' });
    await form.waitFor();
    // The view's heading takes the focus; from there on, Tab through the view to the form.
    await expect(isFocused(page.getByRole('heading', { level: 1 }))).resolves.toBe(true);
    const person = form.getByLabel('Person');
    await tabTo(page, person, 120);
    await chooseByKeyboard(page, person, name);
    await page.keyboard.press('Tab');
    const role = form.getByLabel('Behörighet');
    await expect(isFocused(role)).resolves.toBe(true);
    await chooseByKeyboard(page, role, 'Styrelseledamot');
    await tabTo(page, form.getByRole('button', { name: 'Ge behörighet' }));
    await page.keyboard.press('Enter');
    await form
      .getByRole('status')
      .filter({ hasText: `${name} har fått behörigheten Styrelseledamot.` })
      .waitFor();

    expect((await grantsOf(name)).map((g: any) => [g.role, g.active]).sort()).toEqual([
      ['BOARD', true],
      ['VERKSAMHETSLEDARE', true],
    ]);
  });
});

describe('budget and allocations', () => {
  it('shows the year’s budget, sets an allocation and the budget, refusals beside their fields', async () => {
    // Västerås has a budget for 2022 (the demo seed) and no allocation that year.
    const before = await p.gql('{ forbund { interventions { id name allocation(year: 2022) { amount } } } }', {
      as: 'vasteras-admin',
    });
    const insats = before.data.forbund.interventions[0];
    expect(insats.allocation).toBeNull();
    const allocationNow = async () => {
      const res = await p.gql('{ forbund { interventions { id allocation(year: 2022) { amount } } } }', {
        as: 'vasteras-admin',
      });
      return res.data.forbund.interventions.find((i: any) => i.id === insats.id).allocation?.amount;
    };

    const page = await openView('vasteras-admin', 'Budget och fördelning');
    await page.getByLabel('Budgetår').selectOption('2022');
    const summary = page.getByRole('table', { name: 'Budget 2022 i sammandrag' });
    await expect(
      summary
        .getByRole('row', { name: /^Intäkter/ })
        .locator('td')
        .textContent()
        .then(plain),
    ).resolves.toBe('10 996 000 kr');
    await page.getByRole('table', { name: 'Medlemsbidrag 2022' }).waitFor();
    const table = page.getByRole('table', { name: 'Tilldelade medel per insats 2022' });
    const tilldelat = table
      .getByRole('row', { name: new RegExp(`^${insats.name}`) })
      .locator('td')
      .nth(1);
    await expect(tilldelat.textContent()).resolves.toBe('Ej beslutat');
    await expectAccessible(page);
    await screenshot(page, 'forbund-admin-budget');

    const amount = page.getByLabel(`Tilldelat 2022 för ${insats.name}, kronor`);
    await amount.fill('6 700 000');
    await page.getByRole('button', { name: `Spara tilldelningen för ${insats.name}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Tilldelat 2022 för ${insats.name}:` })
      .waitFor();
    await tilldelat.filter({ hasText: /^6\s700\s000\skr$/ }).waitFor();
    await expect(allocationNow()).resolves.toBe(6_700_000);

    // A negative amount: the graph's ValidationError, in Swedish, beside the field, which takes the focus.
    await amount.fill('-5');
    await page.getByRole('button', { name: `Spara tilldelningen för ${insats.name}` }).click();
    await expectFieldError(page, amount, 'Ett belopp kan inte vara negativt.');
    await expect(isFocused(amount)).resolves.toBe(true);
    await expect(allocationNow()).resolves.toBe(6_700_000);
    await expectAccessible(page);

    // The budget itself: contributions off FINSAM's split are refused at the member's field; then a cost changes.
    await page.getByRole('button', { name: 'Ändra budget 2022' }).click();
    const form = page.getByRole('form', { name: 'Budget 2022 som styrelsen beslutade den' });
    await expect(isFocused(form.getByLabel('Beslutad av styrelsen (datum)'))).resolves.toBe(true);
    const region = form.getByLabel('Medlemsbidrag Region Västmanland');
    await expect(region.inputValue()).resolves.toBe('2749000');
    await region.fill('1');
    await form.getByRole('button', { name: 'Spara budgeten' }).click();
    await expectFieldError(
      page,
      region,
      /^Region Västmanland betalar 0,00 % \(1 kr\); andelen är 25,00 % av .* kr = .* kr\.$/,
    );
    await expectAccessible(page);
    const fixedCosts = async () => {
      const res = await p.gql('{ forbund { budget(year: 2022) { fixedCosts contributions { amount } } } }', {
        as: 'vasteras-admin',
      });
      return res.data.forbund.budget;
    };
    await expect(fixedCosts()).resolves.toMatchObject({ fixedCosts: 1_600_000 });
    await region.fill('2 749 000');
    const kansli = form.getByRole('group', { name: 'Kostnadsrad 1' });
    await expect(kansli.getByLabel('Beskrivning').inputValue()).resolves.toBe('Kansli');
    await kansli.getByLabel('Belopp').fill('250 000');
    await form.getByRole('button', { name: 'Spara budgeten' }).click();
    await page.getByRole('status').filter({ hasText: 'Budget 2022 är sparad.' }).waitFor();
    await form.waitFor({ state: 'detached' });
    await summary
      .getByRole('row', { name: /^Fasta kostnader/ })
      .locator('td')
      .filter({ hasText: /^1\s650\s000\skr$/ })
      .waitFor();
    await expect(fixedCosts()).resolves.toMatchObject({ fixedCosts: 1_650_000 });
  });
});

describe('rekvisitioner', () => {
  it('approves one (its status changes), meets a conflict said plainly, rejects one with a reason', async () => {
    const insatser = await p.gql('{ forbund { interventions { id name } } }', { as: 'vasteras-admin' });
    const insats = insatser.data.forbund.interventions[0];
    const submitted: { id: string; version: number }[] = [];
    for (const period of [1, 2, 3]) {
      const res = await p.gql(
        `mutation ($input: SubmitRequisitionInput!) { submitRequisition(input: $input) {
          __typename ... on MutationSubmitRequisitionSuccess { data { id version } } ... on Error { message } } }`,
        {
          as: 'vasteras-admin',
          variables: {
            input: {
              interventionId: insats.id,
              year: LAST_YEAR,
              period,
              lines: [
                { category: 'PERSONNEL', amount: 100_000 * period },
                { category: 'PREMISES', amount: 12_500 },
              ],
            },
          },
        },
      );
      expect(res.data.submitRequisition.__typename).toBe('MutationSubmitRequisitionSuccess');
      submitted.push(res.data.submitRequisition.data);
    }
    const statusOf = async (id: string) => {
      const res = await p.gql(`{ requisitions(year: ${LAST_YEAR}) { id status version rejectionReason } }`, {
        as: 'vasteras-admin',
      });
      return res.data.requisitions.find((r: any) => r.id === id);
    };

    const page = await openView('vasteras-admin', 'Rekvisitioner');
    await page.getByLabel('År', { exact: true }).selectOption(String(LAST_YEAR));
    const card = (period: number) =>
      page.getByRole('region', { name: new RegExp(`^${insats.name}: period ${period} `) });
    await card(3).waitFor();
    expect(await page.getByRole('region', { name: /period/ }).count()).toBe(3);
    // Its lines and their sum.
    const costs = card(2).getByRole('table', { name: /^Kostnader/ });
    await expect(
      costs
        .getByRole('row', { name: /^Personal/ })
        .locator('td')
        .textContent()
        .then(plain),
    ).resolves.toBe('200 000 kr');
    await expect(costs.locator('tfoot td').textContent().then(plain)).resolves.toBe('212 500 kr');
    await expectAccessible(page);
    await screenshot(page, 'forbund-admin-requisitions');

    // Approve period 1: the decision is announced, the rekvisition leaves the waiting list and shows as approved.
    await card(1)
      .getByRole('button', { name: /^Godkänn/ })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: /period 1 .* är godkänd\./ })
      .waitFor();
    await card(1).waitFor({ state: 'detached' });
    await expect(statusOf(submitted[0]!.id)).resolves.toMatchObject({ status: 'APPROVED', version: 2 });
    await page.getByLabel('Visa').selectOption({ label: 'Godkända' });
    await card(1).getByText('Godkänd', { exact: true }).waitFor();
    await page.getByLabel('Visa').selectOption({ label: 'Väntar på beslut' });
    await card(2).waitFor();

    // Someone else approves period 2 meanwhile: deciding on the version read is a conflict, said plainly.
    const elsewhere = await p.gql(
      `mutation ($id: ID!, $v: Int!) { approveRequisition(id: $id, expectedVersion: $v) { __typename } }`,
      { as: 'vasteras-admin', variables: { id: submitted[1]!.id, v: submitted[1]!.version } },
    );
    expect(elsewhere.data.approveRequisition.__typename).toBe('MutationApproveRequisitionSuccess');
    // The list's own requests settled first: under load a late answer re-renders the card under the click.
    await page.waitForLoadState('networkidle');
    await card(2)
      .getByRole('button', { name: /^Godkänn/ })
      .click();
    await card(2)
      .getByRole('alert')
      .filter({ hasText: 'Uppgiften har ändrats sedan du hämtade den – någon annan hann före. Inget sparades.' })
      .waitFor();
    await expectAccessible(page);
    await card(2).getByRole('button', { name: 'Ladda om rekvisitionerna' }).click();
    await card(2).waitFor({ state: 'detached' });

    // Reject period 3: a reason is required (the graph's error beside the field), then it is rejected.
    await card(3)
      .getByRole('button', { name: /^Avslå/ })
      .click();
    const reason = card(3).getByLabel('Skäl för avslag');
    await expect(isFocused(reason)).resolves.toBe(true);
    await card(3).getByRole('button', { name: 'Avslå rekvisitionen' }).click();
    await expectFieldError(page, reason, 'Skriv varför rekvisitionen avslås.');
    await reason.fill('Lokalkostnaden ingår redan i period 2.');
    await card(3).getByRole('button', { name: 'Avslå rekvisitionen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /period 3 .* är avslagen\./ })
      .waitFor();
    await expect(statusOf(submitted[2]!.id)).resolves.toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'Lokalkostnaden ingår redan i period 2.',
    });
    await page.getByText(`Inga rekvisitioner med status väntar på beslut för ${LAST_YEAR}.`).waitFor();
  });
});

describe('the start page', () => {
  it('shows per insats what waits for a decision, beside allocated and used', async () => {
    const insatser = await p.gql('{ forbund { interventions { id name } } }', { as: 'vasteras-admin' });
    const insats = insatser.data.forbund.interventions[1];
    const sent = await p.gql(
      `mutation ($input: SubmitRequisitionInput!) { submitRequisition(input: $input) { __typename } }`,
      {
        as: 'vasteras-admin',
        variables: {
          input: {
            interventionId: insats.id,
            year: LAST_YEAR,
            period: 4,
            lines: [{ category: 'MATERIAL', amount: 48_250 }],
          },
        },
      },
    );
    expect(sent.data.submitRequisition.__typename).toBe('MutationSubmitRequisitionSuccess');

    const page = await openView('vasteras-admin', 'Översikt');
    await page.getByLabel('Budgetår').selectOption(String(LAST_YEAR));
    const table = page.getByRole('table', { name: new RegExp(`budget ${LAST_YEAR}`) });
    await table.waitFor();
    const headers = await table.locator('thead th').allTextContents();
    const pending = headers.indexOf('Väntar på beslut');
    expect(pending).toBeGreaterThan(0);
    const row = table.getByRole('row', { name: new RegExp(`^${insats.name}`) });
    // The row's header is column 0: its cells start at column 1.
    await expect(
      row
        .locator('td')
        .nth(pending - 1)
        .textContent()
        .then(plain),
    ).resolves.toBe('48 250 kr');
    await expectAccessible(page);
  });
});
