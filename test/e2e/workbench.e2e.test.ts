import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, startDemoServer } from './browser.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;

before(async () => {
  server = await startDemoServer();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function login(page: import('playwright-core').Page, user: string, password: string) {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

test('the public portal home loads without an account and shows the county', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.baseUrl}/`);
  await page.getByTestId('portal-home').waitFor();
  const text = await page.getByTestId('portal-home').innerText();
  assert.match(text, /示范县/);
  assert.match(await page.getByTestId('portal-count-departments').innerText(), /11/);
  await page.close();
});

test('a clerk logs in, sees the workbench with its own name and menu, and logs out', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, 'hbj.clerk', 'Sunlit@2026');
  await page.getByTestId('workbench-shell').waitFor();
  assert.match(await page.getByTestId('user-name').innerText(), /王芳/);
  assert.equal(await page.getByTestId('nav-org').count(), 1);
  assert.equal(await page.getByTestId('nav-audit').count(), 0, 'a clerk has no audit-log entry');
  await page.getByTestId('nav-org').click();
  await page.getByTestId('org-table').waitFor();
  assert.match(await page.getByTestId('org-table').innerText(), /行政审批股/);
  await page.getByTestId('logout-button').click();
  await page.getByTestId('login-form').waitFor();
  // The session is really over on the server, not just forgotten by the page.
  const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
  assert.equal(me, 401);
  await context.close();
});

test('the auditor sees the audit log and verifies the chain', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, 'auditor', 'Sunlit@2026');
  await page.getByTestId('nav-audit').click();
  await page.getByTestId('audit-table').waitFor();
  await page.getByTestId('audit-verify').click();
  const result = page.getByTestId('audit-verify-result');
  await result.waitFor();
  assert.match(await result.innerText(), /\d+/);
  await context.close();
});

test('a wrong password shows the error; five make a locked account, which sees when it unlocks', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, 'zjj.clerk', 'Wrong-password-1');
  await page.getByTestId('login-error').waitFor();
  assert.match(await page.getByTestId('login-error').innerText(), /登录名或密码错误/);
  for (let i = 2; i <= 5; i++) {
    await page.getByTestId('login-password').fill(`Wrong-password-${i}`);
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')), page.getByTestId('login-submit').click()]);
  }
  // Even the right password is now refused with the lock's end, in Beijing time (the test clock is 09:00 there).
  await page.getByTestId('login-password').fill('Sunlit@2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-locked-until').waitFor();
  assert.match(await page.getByTestId('login-error').innerText(), /锁定/);
  assert.match(await page.getByTestId('login-locked-until').innerText(), /09:15/);
  await context.close();
});

test('the language switch turns the workbench into English', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, 'inspector', 'Sunlit@2026');
  await page.getByTestId('workbench-shell').waitFor();
  await page.getByTestId('lang-switch').click();
  await page.getByText('Log out').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('sunlit.lang')), 'en');
  await context.close();
});
