import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../src/http/server.ts';
import { createTestSunlit, type TestSunlit } from '../../src/test/test-app.ts';

/** Debian's chromium, never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The real server with the built web app and 示范县, listening on a free port of 127.0.0.1. */
export async function startDemoServer(): Promise<{ t: TestSunlit; baseUrl: string; stop(): Promise<void> }> {
  const t = await createTestSunlit('sqlite', { demo: true, config: { webDist: WEB_DIST } });
  const http = await buildServer(t.app);
  const address = await http.listen({ port: 0, host: '127.0.0.1' });
  return {
    t,
    baseUrl: address,
    stop: async () => {
      await http.close();
      await t.dispose();
    },
  };
}

export const DEMO_PASSWORD = 'Sunlit@2026';
type PageOptions = { viewport?: { width: number; height: number } };

/** Pages of one browser whose errors are collected for the test to check, and signed-in pages of demo accounts. */
export interface WatchedPages {
  newPage(options?: PageOptions): Promise<Page>;
  signIn(login: string, options?: PageOptions): Promise<Page>;
  /** The errors the pages logged since the last call. */
  takeErrors(): string[];
  close(): Promise<void>;
}

/**
 * Every console error and uncaught exception of the pages is collected, except a failed request (4xx, or cut off on
 * purpose) to one of the `expected` addresses: the login page's 401, a test's own refused request.
 */
export function watchedPages(browser: Browser, baseUrl: string, expected: readonly RegExp[]): WatchedPages {
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const newPage = async (options: PageOptions = {}) => {
    const context = await browser.newContext(options);
    context.setDefaultTimeout(30_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      // A failed request logs the address it went to as the message's location.
      const source = m.location().url;
      if (/status of 4\d\d|net::ERR_FAILED/.test(m.text()) && expected.some((x) => x.test(source))) return;
      errors.push(`${page.url()}: ${m.text()}${source ? ` (${source})` : ''}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    return page;
  };
  return {
    newPage,
    async signIn(login, options) {
      const page = await newPage(options);
      await page.goto(`${baseUrl}/login`);
      await page.getByTestId('login-username').fill(login);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('workbench-shell').waitFor();
      return page;
    },
    takeErrors: () => errors.splice(0),
    async close() {
      for (const c of contexts) await c.close();
    },
  };
}

/** Waits until the element's text matches; on a timeout says what the page showed instead. */
export async function textOf(page: Page, testId: string, pattern: RegExp): Promise<string> {
  try {
    await page.waitForFunction(
      ([id, source]) => new RegExp(source!).test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''),
      [testId, pattern.source],
      { timeout: 30_000 },
    );
  } catch (cause) {
    const shown = await page
      .locator('main')
      .innerText()
      .catch(() => '(no main)');
    throw new Error(`${page.url()}: ${testId} never matched ${pattern}; the page shows:\n${shown.slice(0, 1500)}`, { cause });
  }
  return page.getByTestId(testId).first().innerText();
}
