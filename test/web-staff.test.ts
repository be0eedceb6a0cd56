/**
 * The web client for the staff of an insats (issue 18), in Debian's Chromium through the real provider and gateway:
 * the caseload, a person taken from referral to exit and the follow-ups after it, typed errors beside the field
 * they name with nothing written, the main flow by keyboard alone, a requisition sent, and the caseload reached by
 * a staff member of Arbetsförmedlingen through the state's issuer. Every view passes axe-core's WCAG 2.1 A/AA rules.
 */
import { demoTeam } from '@finsam/governance/demo/people.js';
import { addMonths } from '@finsam/kit/dates.js';
import { luhn } from '@finsam/participants/domain/personnummer.js';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchChromium, startPageOf as openPage, screenshot } from './support/browser.js';
import { openSteeringMeeting, startTestPlatform, type TestPlatform } from './support/platform.js';

// A browser test takes 10–25 s alone, several times that on a loaded machine. (In ESM, jest is on import.meta.)
(import.meta as unknown as { jest: { setTimeout(ms: number): void } }).jest.setTimeout(180_000);

const STAFF = 'norra-vastmanland-staff';
const TEAM = demoTeam('norra-vastmanland');

let p: TestPlatform;
let browser: Browser;
beforeAll(async () => {
  [p, browser] = await Promise.all([startTestPlatform(), launchChromium()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await p?.close();
});

/** A valid personnummer for a birth date (YYYYMMDD) and a three-digit serial (odd third digit: a man). */
const personnummer = (birth: string, serial: string) => `${birth}-${serial}${luhn(`${birth.slice(2)}${serial}`)}`;

/** A day `n` days before today (UTC), as a Date scalar. */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

const startPageOf = (username: string, issuerButton?: RegExp) =>
  openPage(browser, p.gatewayUrl, username, issuerButton);

/** The Hallstahammar team's participations as the graph has them. */
async function participationsOfTeam(): Promise<{ id: string; status: string }[]> {
  const res = await p.gql(
    `query ($id: ID!) { participations(interventionId: $id, first: 500) { edges { node { id status } } } }`,
    { as: STAFF, variables: { id: TEAM.id } },
  );
  expect(res.errors).toBeUndefined();
  return res.data.participations.edges.map((e: any) => e.node);
}

async function participation(id: string) {
  const res = await p.gql(
    `query ($id: ID!) { participation(id: $id) {
      status referredOn decisionReason enrolledOn plannedEnd extensionDecision { text } exitedOn outcomes
      educationLevel supportBefore yearsInSupport finalDocumentationSentOn hemkommun person { personnummer name }
      followUps { date referrerPresent decision }
    } }`,
    { as: STAFF, variables: { id } },
  );
  expect(res.errors).toBeUndefined();
  return res.data.participation;
}

/** The field's error: the input is invalid and described by a message with exactly this text. */
async function expectFieldError(page: Page, label: string | RegExp, text: string) {
  const field = page.getByLabel(label, { exact: typeof label === 'string' });
  await page.getByText(text, { exact: true }).waitFor();
  await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
  const describedBy = await field.getAttribute('aria-describedby');
  expect(describedBy).toBeTruthy();
  await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe(text);
}

/** Whether the focused element is `locator`'s. */
const focused = (page: Page, label: string | RegExp) =>
  page
    .getByLabel(label, { exact: typeof label === 'string' })
    .evaluate((el) => el === (el.ownerDocument as any).activeElement);

const participationUrl = /\/app\/arenden\/([0-9a-f-]{36})$/;

describe('a staff member’s caseload', () => {
  it('lists the participations of their insats, overdue first, each opening its page', async () => {
    const page = await startPageOf(STAFF);
    const table = page.getByRole('table', { name: /Aktiva deltaganden i dina insatser/ });
    await table.waitFor();
    const graph = await p.gql(
      `query ($id: ID!) {
        participations(interventionId: $id, status: ENROLLED, first: 500) { edges { node { id } } }
      }`,
      { as: STAFF, variables: { id: TEAM.id } },
    );
    const enrolled: string[] = graph.data.participations.edges.map((e: any) => e.node.id);
    const links = await table.locator('tbody th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    // Every enrolled participation is a row (exited ones with something owed may be too).
    for (const id of enrolled) {
      expect(links).toContain(`/app/arenden/${id}`);
    }
    const overdue = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.className === 'overdue'));
    expect(overdue).toEqual([...overdue].sort((a, b) => Number(b) - Number(a)));
    await expectAccessible(page);
    await screenshot(page, 'staff-caseload');

    await table.locator('tbody th a').first().click();
    await page.waitForURL(participationUrl);
    await page.getByRole('heading', { level: 2, name: /Samordningsteam Hallstahammar/ }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });
});

describe('the participation flow', () => {
  it('takes a person from referral to exit and after; bad input is refused beside its field', async () => {
    const page = await startPageOf(STAFF);
    const before = await participationsOfTeam();
    await page.getByRole('link', { name: 'Ny anvisning' }).click();
    await page.getByRole('heading', { name: 'Ny anvisning' }).waitFor();

    const pnr = personnummer('19950412', '237');
    const wrongCheck = `${pnr.slice(0, -1)}${(Number(pnr.slice(-1)) + 1) % 10}`;
    await page.getByLabel('Anvisad den').fill(daysAgo(20));
    await page.getByLabel('Remittent').selectOption('ARBETSFORMEDLINGEN');
    await page.getByLabel(/^Personnummer/).fill(wrongCheck);
    await page.getByLabel('Namn (valfritt)').fill('Testa Flödesson');
    await page.getByLabel('Hemkommun (valfritt)').selectOption('1961');
    await page.getByRole('button', { name: 'Registrera anvisningen' }).click();
    // A malformed personnummer: the graph's ValidationError beside the field, focus on it, nothing written.
    await expectFieldError(page, /^Personnummer/, 'Kontrollsiffran stämmer inte – kontrollera personnumret.');
    await expect(focused(page, /^Personnummer/)).resolves.toBe(true);
    expect(await participationsOfTeam()).toEqual(before);
    await expectAccessible(page);
    await screenshot(page, 'staff-referral');

    await page.getByLabel(/^Personnummer/).fill(pnr);
    await page.getByRole('button', { name: 'Registrera anvisningen' }).click();
    await page.waitForURL(participationUrl);
    const id = participationUrl.exec(page.url())![1]!;
    await page.getByRole('heading', { level: 2, name: 'Testa Flödesson – Samordningsteam Hallstahammar' }).waitFor();
    await page.getByRole('heading', { name: 'Beslut om anvisningen' }).waitFor();
    await expectAccessible(page);

    // Decision.
    await page.getByLabel('Bevilja', { exact: true }).check();
    await page.getByRole('button', { name: 'Spara beslutet' }).click();
    await page.getByRole('status').filter({ hasText: 'Anvisningen är beviljad' }).waitFor();

    // Enrolment, with the background at entry.
    await page.getByRole('heading', { name: 'Inskrivning' }).waitFor();
    await page.getByLabel('Inskrivningsdatum').fill(daysAgo(10));
    await page.getByLabel('Högsta avslutade utbildning').selectOption('GYMNASIUM');
    await page.getByLabel('Försörjningsstöd').check();
    await page.getByLabel('År med offentlig försörjning').fill('3');
    await page.getByRole('button', { name: 'Skriv in' }).click();
    await page.getByRole('status').filter({ hasText: 'Deltagaren är inskriven.' }).waitFor();

    // A follow-up.
    await page.getByLabel('Uppföljningsdatum').fill(daysAgo(5));
    await page.getByRole('button', { name: 'Registrera uppföljningen' }).click();
    await page.getByRole('status').filter({ hasText: 'Uppföljningen är registrerad.' }).waitFor();
    await page.getByRole('table', { name: 'Uppföljningar, äldst först' }).getByRole('row').nth(1).waitFor();

    // The styrgrupp decides an extension (recorded through the graph); the staff member registers it.
    // At a meeting whose minutes are open: approved minutes take no new decision.
    const meetingId = await openSteeringMeeting(p, 'norra-vastmanland-admin', TEAM.id, daysAgo(1));
    const decided = await p.gql(
      `mutation ($m: ID!, $input: DecisionInput!) {
        recordDecision(meetingId: $m, input: $input) { ... on MutationRecordDecisionSuccess { data { id } } }
      }`,
      {
        as: 'norra-vastmanland-board',
        variables: {
          m: meetingId,
          input: { kind: 'EXTENSION', text: 'Förlängning sex månader.', participationId: id },
        },
      },
    );
    const decisionId: string = decided.data.recordDecision.data.id;
    await page.reload();
    await page.getByLabel('Styrgruppens beslut').selectOption(decisionId);
    const { plannedEnd } = await participation(id);
    await page.getByLabel('Nytt planerat avslut').fill(plannedEnd);
    await page.getByRole('button', { name: 'Registrera förlängningen' }).click();
    await expectFieldError(page, 'Nytt planerat avslut', 'Det nya slutdatumet måste ligga efter det planerade.');
    const extended = new Date(Date.parse(`${plannedEnd}T00:00:00Z`) + 180 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Nytt planerat avslut').fill(extended);
    await page.getByRole('button', { name: 'Registrera förlängningen' }).click();
    await page.getByRole('status').filter({ hasText: 'Förlängningen är registrerad.' }).waitFor();
    await expect(participation(id)).resolves.toMatchObject({ plannedEnd: extended });

    // An exit dated before the enrolment: refused beside the date, the participation still enrolled.
    await page.getByLabel('Avslutsdatum').fill(daysAgo(11));
    await page.getByLabel('Arbete utan stöd').check();
    await page.getByRole('button', { name: 'Avsluta deltagandet' }).click();
    await expectFieldError(page, 'Avslutsdatum', 'Avslutsdatumet kan inte ligga före inskrivningen.');
    await expect(participation(id)).resolves.toMatchObject({ status: 'ENROLLED', exitedOn: null, outcomes: [] });
    await expectAccessible(page);
    await screenshot(page, 'staff-participation');

    await page.getByLabel('Avslutsdatum').fill(daysAgo(1));
    await page.getByRole('button', { name: 'Avsluta deltagandet' }).click();
    await page.getByRole('status').filter({ hasText: 'Deltagandet är avslutat.' }).waitFor();

    // The level six months on, a day after the exit: refused beside the level, nothing saved.
    await page.getByLabel(/^Slutdokumentation skickad/).fill(daysAgo(0));
    await page.getByLabel('Nivå 6 månader efter avslut').selectOption('HIGHER');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await expectFieldError(
      page,
      'Nivå 6 månader efter avslut',
      `Uppföljningen efter 6 månader görs från och med ${addMonths(daysAgo(1), 5)} ` +
        `till och med ${addMonths(daysAgo(1), 8)}.`,
    );
    await expect(participation(id)).resolves.toMatchObject({ finalDocumentationSentOn: null });
    // Final documentation alone.
    await page.getByLabel('Nivå 6 månader efter avslut').selectOption('');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Uppgifterna efter avslutet är sparade.' }).waitFor();
    await expectAccessible(page);

    expect(await participation(id)).toEqual({
      status: 'EXITED',
      referredOn: daysAgo(20),
      decisionReason: null,
      enrolledOn: daysAgo(10),
      plannedEnd: expect.any(String),
      extensionDecision: { text: 'Förlängning sex månader.' },
      exitedOn: daysAgo(1),
      outcomes: ['ARBETE_UTAN_STOD'],
      educationLevel: 'GYMNASIUM',
      supportBefore: ['FORSORJNINGSSTOD'],
      yearsInSupport: 3,
      finalDocumentationSentOn: daysAgo(0),
      hemkommun: '1961',
      person: { personnummer: pnr, name: 'Testa Flödesson' },
      followUps: [{ date: daysAgo(5), referrerPresent: true, decision: 'CONTINUE' }],
    });
    await page.context().close();
  });

  it('registers an anonymous referral (kön required, nothing identifying) and rejects it with a reason', async () => {
    const page = await startPageOf(STAFF);
    const before = await participationsOfTeam();
    await page.getByRole('link', { name: 'Ny anvisning' }).click();
    await page.getByLabel('Anonym (utan samtycke)').check();
    await expect(page.getByLabel(/^Personnummer/).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Registrera anvisningen' }).click();
    await expectFieldError(page, 'Kön', 'Ange kön för en anonym anvisning.');
    expect(await participationsOfTeam()).toEqual(before);

    await page.getByLabel('Kön').selectOption('KVINNA');
    await page.getByLabel('Ålder (valfritt, sparas inte)').fill('27');
    await page.getByRole('button', { name: 'Registrera anvisningen' }).click();
    await page.waitForURL(participationUrl);
    const id = participationUrl.exec(page.url())![1]!;
    await page.getByRole('heading', { level: 2, name: 'Anonym deltagare – Samordningsteam Hallstahammar' }).waitFor();

    // A rejection without a reason is refused beside the reason.
    await page.getByLabel('Avslå', { exact: true }).check();
    await page.getByRole('button', { name: 'Spara beslutet' }).click();
    await expectFieldError(page, 'Motivering (krävs vid avslag)', 'Ange skälet till avslaget.');
    await expect(participation(id)).resolves.toMatchObject({ status: 'REFERRED', person: null, hemkommun: null });
    await page.getByLabel('Motivering (krävs vid avslag)').fill('Behoven gäller bara en part.');
    await page.getByRole('button', { name: 'Spara beslutet' }).click();
    await page.getByRole('status').filter({ hasText: 'Anvisningen är avslagen.' }).waitFor();
    await expect(participation(id)).resolves.toMatchObject({
      status: 'REJECTED',
      decisionReason: 'Behoven gäller bara en part.',
      person: null,
    });
    await expectAccessible(page);
    await page.context().close();
  });

  it('shows a step someone else took meanwhile as a message above the form, not a silent failure', async () => {
    const page = await startPageOf(STAFF);
    await page.getByRole('link', { name: 'Ny anvisning' }).click();
    await page.getByLabel(/^Personnummer/).fill(personnummer('19790101', '358'));
    await page.getByRole('button', { name: 'Registrera anvisningen' }).click();
    await page.waitForURL(participationUrl);
    const id = participationUrl.exec(page.url())![1]!;
    await page.getByRole('heading', { name: 'Beslut om anvisningen' }).waitFor();
    // The verksamhetsledare (the insats' decider) accepts it elsewhere, through the graph, while the page is open.
    const res = await p.gql(
      `mutation ($id: ID!, $on: Date!) { decideReferral(participationId: $id, accept: true, decidedOn: $on) {
        __typename } }`,
      { as: STAFF, variables: { id, on: daysAgo(0) } },
    );
    expect(res.data.decideReferral.__typename).toBe('MutationDecideReferralSuccess');
    await page.getByLabel('Avslå', { exact: true }).check();
    await page.getByLabel('Motivering (krävs vid avslag)').fill('Fel insats.');
    await page.getByRole('button', { name: 'Spara beslutet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Anvisningen är redan beslutad.' }).waitFor();
    await expect(participation(id)).resolves.toMatchObject({ status: 'ACCEPTED', decisionReason: null });
    await page.context().close();
  });

  it('says so when the participation is not one the staff member may see', async () => {
    const page = await startPageOf(STAFF);
    await page.goto(`${new URL(page.url()).origin}/app/arenden/00000000-0000-4000-8000-000000000000`);
    await page.getByText('Deltagandet finns inte, eller så arbetar du inte i dess insats.').waitFor();
    await page.context().close();
  });
});

/** Presses Tab until the focused element is named `name` (its label, or its text); only the keyboard moves. */
async function tabTo(page: Page, name: string | RegExp, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      return String(el?.labels?.[0]?.textContent ?? el?.textContent ?? '').trim();
    });
    if (typeof name === 'string' ? label === name : name.test(label)) {
      return;
    }
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('by keyboard alone', () => {
  it('registers a referral and accepts it', async () => {
    const page = await startPageOf(STAFF);
    await page.getByRole('table', { name: /Aktiva deltaganden/ }).waitFor();
    const pnr = personnummer('19880930', '142');

    await tabTo(page, 'Ny anvisning');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ny anvisning' }).waitFor();
    await tabTo(page, /^Personnummer/);
    await page.keyboard.type(pnr);
    await tabTo(page, 'Registrera anvisningen');
    await page.keyboard.press('Enter');
    await page.waitForURL(participationUrl);
    const id = participationUrl.exec(page.url())![1]!;
    await page.getByRole('heading', { name: 'Beslut om anvisningen' }).waitFor();

    await tabTo(page, 'Bevilja');
    await page.keyboard.press('Space');
    await tabTo(page, 'Spara beslutet');
    await page.keyboard.press('Enter');
    const saved = page.getByRole('status').filter({ hasText: 'Anvisningen är beviljad' });
    await saved.waitFor();
    // Focus goes to what was saved, so the next Tab continues from there.
    await expect(saved.evaluate((el) => el === (el.ownerDocument as any).activeElement)).resolves.toBe(true);
    await expect(participation(id)).resolves.toMatchObject({ status: 'ACCEPTED', person: { personnummer: pnr } });
    await expectAccessible(page);
    await page.context().close();
  });
});

describe('a requisition', () => {
  it('is sent by the staff of the insats for a period that has begun; an empty one is refused', async () => {
    const year = new Date().getFullYear();
    const page = await startPageOf(STAFF);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rekvisition' }).click();
    await page.getByRole('heading', { name: `Skicka rekvisition ${year}` }).waitFor();
    const period = Number(await page.getByLabel('Period').inputValue());

    await page.getByRole('button', { name: 'Skicka rekvisitionen' }).click();
    await page.getByText(/^Ange minst ett belopp./).waitFor();
    const group = page.getByRole('group', { name: /Kostnader per kostnadsslag/ });
    await expect(group.getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page);

    await page.getByLabel('Personal', { exact: true }).fill('12000');
    await page.getByLabel('Resor', { exact: true }).fill('800');
    await page.getByRole('button', { name: 'Skicka rekvisitionen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `period ${period}` })
      .waitFor();
    await page.getByRole('table', { name: `Rekvisitioner ${year} för ${TEAM.name}` }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'staff-requisition');

    const graph = await p.gql(
      `query ($y: Int!) { requisitions(year: $y) { period status amount intervention { id } } }`,
      {
        as: STAFF,
        variables: { y: year },
      },
    );
    expect(graph.data.requisitions).toContainEqual({
      period,
      status: 'SUBMITTED',
      amount: 12800,
      intervention: { id: TEAM.id },
    });
    await page.context().close();
  });
});

describe('a staff member of Arbetsförmedlingen', () => {
  it('logs in through the state’s issuer and reaches the caseload of their team', async () => {
    const page = await startPageOf('af-staff', /Logga in via Försäkringskassan\/Arbetsförmedlingen/);
    await page.getByRole('table', { name: /Aktiva deltaganden i dina insatser/ }).waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^Ärenden/);
    await page.getByRole('heading', { name: `Anvisningar att hantera – ${TEAM.name}` }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });
});
