/**
 * A real browser for the web client's tests: Debian's Chromium driven by playwright-core (no browser download).
 * The page is served as if from http://localhost:4000 — an origin the development provider's `finsam-web` client
 * may return to — while every request to that origin goes to the test platform's gateway on its free port.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The origin the page believes it is on. */
export const APP_ORIGIN = 'http://localhost:4000';
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const WEB_DIST = path.join(ROOT, 'web', 'dist');

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: the browser tests need Debian's package. ` +
        'Install it with `apt-get update && apt-get install -y --no-install-recommends chromium` ' +
        '(or set CHROMIUM_PATH).',
    );
  }
  // --no-sandbox: CI runs as root, where Chromium's sandbox will not start. Local network access checks: a page
  // fulfilled by a route has no address, so Chromium counts it as public and would refuse its calls to the
  // provider on 127.0.0.1 (a page really served from localhost may make them).
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-features=LocalNetworkAccessChecks'],
  });
}

/** A fresh browser context whose http://localhost:4000 is the gateway at `gatewayUrl`. */
export async function contextFor(browser: Browser, gatewayUrl: string): Promise<BrowserContext> {
  const gateway = new URL(gatewayUrl).origin;
  // bypassCSP: axe-core is injected as a script tag, which the client's Content-Security-Policy forbids.
  const context = await browser.newContext({
    bypassCSP: true,
    locale: 'sv-SE',
    viewport: { width: 1280, height: 900 },
  });
  await context.route(
    (url) => url.origin === APP_ORIGIN,
    async (route) => {
      const url = new URL(route.request().url());
      try {
        const response = await route.fetch({ url: `${gateway}${url.pathname}${url.search}`, maxRedirects: 0 });
        await route.fulfill({ response });
      } catch {
        // The gateway did not answer, or the test closed the page while the request was in flight: the page sees a
        // failed request (its own error notice, which the tests read), and no error escapes into the next test.
        await route.abort('failed').catch((error: unknown) => {
          // Only a page already closed, or a route the failed fulfil already settled, cannot take the failure:
          // nobody waits for its answer. Anything else is a fault.
          if (!/disposed|has been closed|Target .*closed|already handled/.test(String(error))) {
            throw error;
          }
        });
      }
    },
  );
  return context;
}

/**
 * Logs in as a demo person the way a person does: the client's login button for their issuer, then their account
 * on the provider's login page; resolves on the start page, back in the client.
 */
export async function logIn(page: Page, username: string, issuerButton = /Logga in via kommun\/region/): Promise<void> {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    await page.goto(`${APP_ORIGIN}/app/`);
    await page.getByRole('button', { name: issuerButton }).click();
    await page.locator(`button[name="username"][value="${username}"]`).click({ timeout: 10_000 });
    await page.waitForURL(`${APP_ORIGIN}/app/`, { timeout: 10_000 });
    await page.getByRole('button', { name: 'Logga ut' }).waitFor({ timeout: 10_000 });
  } catch (error) {
    const text = (
      (await page
        .locator('body')
        .textContent()
        .catch(() => '')) ?? ''
    ).slice(0, 500);
    throw new Error(
      `Login as ${username} stopped at ${page.url()}: ${(error as Error).message.split('\n')[0]}\n` +
        `Page: ${text}\nBrowser errors: ${problems.join(' | ')}`,
    );
  }
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  // Runs in the page, where `window` and `document` exist (this file is type-checked without the DOM library).
  return page.evaluate(async () => {
    const page = globalThis as unknown as {
      axe: { run(ctx: unknown, options: object): Promise<any> };
      document: unknown;
    };
    const result = await page.axe.run(page.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => ({ target: n.target })),
    }));
  });
}

/** A fresh browser (no session) logged in as `username` through the issuer `issuerButton` names; their start page. */
export async function startPageOf(
  browser: Browser,
  gatewayUrl: string,
  username: string,
  issuerButton?: RegExp,
): Promise<Page> {
  const context = await contextFor(browser, gatewayUrl);
  const page = await context.newPage();
  await logIn(page, username, issuerButton);
  return page;
}

/** The page as it is now passes axe-core's WCAG 2.1 A/AA rules. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** Where the browser tests save the screenshots the web README shows. */
export const SCREENSHOTS = path.join(ROOT, 'web', 'screenshots');

/** A full-page screenshot of the page as it is now, as web/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Whether `target` has the keyboard focus now. */
export const isFocused = (target: Locator) =>
  target.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement);

/**
 * Moves the focus with the Tab key, as a keyboard user does, until it reaches `target` (at most `limit` presses);
 * fails when the target is never reached, i.e. not reachable by keyboard.
 */
export async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let n = 0; n < limit; n++) {
    await page.keyboard.press('Tab');
    if (await isFocused(target)) {
      return;
    }
  }
  throw new Error(`Tab never reached ${target} in ${limit} presses`);
}

/** In the focused select, the arrow keys move to the option whose text is `label` (as a keyboard user picks). */
export async function chooseByKeyboard(page: Page, select: Locator, label: string, limit = 40): Promise<void> {
  const chosen = () =>
    select.evaluate((el) => (el as unknown as { selectedOptions: { text: string }[] }).selectedOptions[0]?.text);
  await page.keyboard.press('Home');
  for (let n = 0; n < limit && (await chosen()) !== label; n++) {
    await page.keyboard.press('ArrowDown');
  }
  if ((await chosen()) !== label) {
    throw new Error(`No option "${label}" reached by the arrow keys`);
  }
}
