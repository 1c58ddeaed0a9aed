import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startDemoServer } from './browser.ts';

// One story told in order, each step by the person whose step it is ("三上三下"): the unit compiles and submits, the
// legal group returns it with a problem, the unit fixes and resubmits, the legal group passes it, a county leader
// publishes it, a citizen finds the item on the public portal, and the leader starts the approval reform over it. Each
// person signs in in a browser context of their own.
const PASSWORD = 'Sunlit@2026';
const CODE = 'HBJ-E2E-001';
const NAME = '核技术利用项目辐射安全许可审查';
const SEARCH = '辐射安全许可';

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
const contexts: BrowserContext[] = [];
let clerk: Page;
let head: Page;
let legal: Page;
let leader: Page;
let batchUrl: string;

before(async () => {
  server = await startDemoServer();
  browser = await launchChromium();
});
after(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

/**
 * A browser context of its own (cookies, so one person each). Five people's pages take turns on a shared machine:
 * waits get twice Playwright's default before they count as failures.
 */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(60_000);
  contexts.push(context);
  return context;
}

/** A fresh browser context with `login` signed in. */
async function signIn(login: string): Promise<Page> {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(login);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('workbench-shell').waitFor();
  return page;
}

/** Wait until no antd open/close animation is running, so clicks land where elements are. */
function settled(page: Page) {
  const moving = ['-appear-active', '-enter-active', '-leave-active'].map((c) => `[class*="${c}"]`).join(',');
  return page.waitForFunction(
    (selector) => !document.querySelector(selector),
    `:is(.ant-modal, .ant-modal-mask, .ant-select-dropdown, .ant-message-notice):is(${moving})`,
  );
}

/**
 * Open an antd Select, type `search`, and click the option matching `option`; on a loaded machine the click can land
 * while the list is still moving and be lost, so the choice is checked on the select and made again if it did not take.
 */
async function choose(page: Page, testId: string, option: RegExp, search: string) {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await settled(page);
    const open = await select.evaluate((el) => el.closest('.ant-select')?.classList.contains('ant-select-open') ?? false);
    if (!open) await select.click();
    await page.keyboard.type(search);
    await settled(page);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    await settled(page);
    const chosen = await select.evaluate(
      (el) => el.closest('.ant-select')?.querySelector('.ant-select-selection-item, .ant-select-selection-overflow')?.textContent ?? '',
    );
    if (option.test(chosen) || attempt === 3) return;
  }
}

/**
 * Submits the form `testId` and waits until its modal closes; a refusal (the server's or a field's) fails the test
 * with its text instead of leaving a later wait to time out.
 */
async function submitted(page: Page, testId: string) {
  await settled(page);
  await page.getByTestId(`${testId}-submit`).click();
  const outcome = await page.waitForFunction((id) => {
    const refusal = document.querySelector(`[data-testid="${id}-error"], [data-testid="${id}"] .ant-form-item-explain-error`);
    if (refusal) return `refused: ${refusal.textContent}`;
    const form = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    return !form || form.offsetParent === null ? 'closed' : false;
  }, testId);
  assert.equal(await outcome.jsonValue(), 'closed');
}

/** Open the batch page and wait for it. */
async function openBatch(page: Page) {
  await page.goto(batchUrl);
  await page.getByTestId('review-batch').waitFor();
}

/** Waits until the batch shows `state`. */
function batchState(page: Page, state: string) {
  return page.locator(`[data-testid="review-batch-state"][data-state="${state}"]`).waitFor();
}

/** Clicks an action button, confirms it (with a comment when given) and waits for the state it leads to. */
async function act(page: Page, action: string, to: string, comment?: string) {
  await settled(page);
  await page.getByTestId(`review-action-${action}`).click();
  await page.getByTestId('review-transition-form').waitFor();
  await settled(page);
  if (comment) await page.getByTestId('review-transition-comment').fill(comment);
  await page.getByTestId('review-transition-form-submit').click();
  await batchState(page, to);
  await settled(page);
}

async function allowedActions(page: Page): Promise<string[]> {
  return page.locator('[data-testid^="review-action-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('review-action-'.length)));
}

test('the clerk of 环保局 adds an item and compiles a batch with it', async () => {
  clerk = await signIn('hbj.clerk');
  await clerk.getByTestId('nav-powers').locator('a').click();
  await clerk.getByTestId('powers-new').click();
  await clerk.getByTestId('power-editor').waitFor();
  await settled(clerk);
  await choose(clerk, 'power-unit', /· HBJ-SP$/, 'HBJ-SP');
  await clerk.getByTestId('power-code').fill(CODE);
  await clerk.getByTestId('power-name').fill(NAME);
  await choose(clerk, 'power-category', /^行政许可$/, '行政许可');
  await clerk.getByTestId('power-basis').fill('《放射性同位素与射线装置安全许可管理办法》（已修改）第五条');
  await clerk.getByTestId('power-save').click();
  await clerk.getByTestId('power-detail').waitFor();
  assert.match(await clerk.getByTestId('power-detail-state').innerText(), /草稿/);
  assert.match(await clerk.getByTestId('power-detail-published').innerText(), /尚未公布；第 1 版待审查/);

  await clerk.getByTestId('nav-review').locator('a').click();
  await clerk.locator('[data-testid="review-batches"], [data-testid="page-empty"]').first().waitFor();
  await clerk.getByTestId('review-new').click();
  await clerk.getByTestId('review-new-form').waitFor();
  await settled(clerk);
  await clerk.getByTestId('review-new-title').fill('环保局权力清单（初报）');
  await choose(clerk, 'review-new-items', new RegExp(CODE), CODE);
  // Close the multiple select's list (Escape would close the dialog too).
  await clerk.getByTestId('review-new-title').click();
  await settled(clerk);
  await clerk.getByTestId('review-new-form-submit').click();
  await batchState(clerk, 'draft');
  batchUrl = clerk.url();
  assert.match(batchUrl, /\/workbench\/review\/[0-9a-f-]{36}$/);
  assert.match(await clerk.getByTestId('review-items').innerText(), new RegExp(CODE));
  assert.deepEqual(await allowedActions(clerk), [], 'submitting is the head’s');
  assert.equal(await clerk.getByTestId('review-add-items').count(), 1);
});

test('the head submits; the legal reviewer takes it, finds the basis invalid and returns it', async () => {
  head = await signIn('hbj.head');
  await openBatch(head);
  await act(head, 'submit', 'submitted');
  assert.match(await head.getByTestId('review-batch-round').innerText(), /第 1 轮/);

  legal = await signIn('legal');
  await openBatch(legal);
  await act(legal, 'take', 'in_review');
  await legal.getByTestId(`finding-${CODE}-legality`).click();
  await legal.getByTestId('review-finding-form').waitFor();
  await settled(legal);
  await legal.getByTestId('review-finding-problem').click();
  await legal.getByTestId('review-finding-comment').fill('所引办法已修订，请引用现行《放射性同位素与射线装置安全和防护条例》');
  // The kind last, just before submitting: CI once saw it chosen and then found empty on submit.
  await choose(legal, 'review-finding-kind', /依据失效/, '依据');
  await submitted(legal, 'review-finding-form');
  await legal.locator(`[data-testid="finding-${CODE}-legality"] [data-verdict="problem"]`).waitFor();
  assert.match(await legal.getByTestId(`finding-${CODE}-legality`).innerText(), /依据失效/);

  // A batch with a problem cannot pass: the server's refusal is shown in the dialog.
  await settled(legal);
  await legal.getByTestId('review-action-pass').click();
  await legal.getByTestId('review-transition-form-submit').click();
  await legal.getByTestId('review-transition-form-error').waitFor();
  assert.match(await legal.getByTestId('review-transition-form-error').innerText(), new RegExp(CODE));
  await legal.keyboard.press('Escape');
  await settled(legal);

  await act(legal, 'return', 'returned', '请按意见整改');
  assert.match(await legal.getByTestId('review-batch-returns').innerText(), /1/);
  assert.match(await legal.getByTestId('review-rect-table').innerText(), /依据失效/);
});

test('the clerk fixes the item and responds; the head resubmits', async () => {
  await clerk.getByTestId(`review-item-${CODE}`).click();
  await clerk.getByTestId('power-detail').waitFor();
  await clerk.getByTestId('power-edit').click();
  await clerk.getByTestId('power-editor').waitFor();
  await settled(clerk);
  await clerk.getByTestId('power-basis').fill('《放射性同位素与射线装置安全和防护条例》第五条');
  await clerk.getByTestId('power-save').click();
  await clerk.waitForFunction(() => document.querySelector('[data-testid="power-detail-revision"]')?.textContent?.includes('第 2 版'));

  await openBatch(clerk);
  await batchState(clerk, 'returned');
  await clerk.getByTestId('rect-respond').click();
  await clerk.getByTestId('rect-respond-form').waitFor();
  await settled(clerk);
  await clerk.getByTestId('rect-response').fill('已改为现行《放射性同位素与射线装置安全和防护条例》');
  await clerk.getByTestId('rect-respond-form-submit').click();
  await clerk.getByTestId('rect-response-text').waitFor();
  assert.match(await clerk.getByTestId('review-rect-table').innerText(), /已改为现行/);

  await openBatch(head);
  await act(head, 'resubmit', 'resubmitted');
  assert.match(await head.getByTestId('review-batch-round').innerText(), /第 2 轮/);
  assert.match(await head.getByTestId(`review-item-revision-${CODE}`).innerText(), /第 2 版/, 'the fix is what is reviewed now');
});

test('the legal reviewer passes all three aspects, accepts the fix and passes the batch', async () => {
  await openBatch(legal);
  await act(legal, 'take', 'in_review');
  await legal.getByTestId(`review-pass-all-${CODE}`).click();
  for (const aspect of ['legality', 'reasonableness', 'necessity']) {
    await legal.locator(`[data-testid="finding-${CODE}-${aspect}"] [data-verdict="pass"]`).waitFor();
  }
  await settled(legal);
  await legal.getByTestId('rect-accept').click();
  await legal.getByTestId('rect-accept-confirm').click();
  await legal.waitForFunction(() => document.querySelector('[data-testid="review-rect-table"]')?.textContent?.includes('已验收'));
  await legal.getByTestId(`review-cleared-${CODE}`).waitFor();
  await act(legal, 'pass', 'passed');
});

test('a county leader evaluates and publishes; the item shows its published revision', async () => {
  leader = await signIn('county.leader');
  await openBatch(leader);
  await act(leader, 'evaluate', 'evaluation');
  assert.deepEqual((await allowedActions(leader)).sort(), ['publish', 'send_back']);
  await act(leader, 'publish', 'published');
  assert.deepEqual(await allowedActions(leader), []);
  const timeline = await leader.locator('[data-testid="review-timeline-entry"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  assert.deepEqual(timeline, ['create', 'submit', 'take', 'return', 'resubmit', 'take', 'pass', 'evaluate', 'publish']);

  await leader.getByTestId(`review-item-${CODE}`).click();
  await leader.getByTestId('power-detail').waitFor();
  assert.match(await leader.getByTestId('power-detail-published').innerText(), /已公布第 2 版/);
  assert.match(await leader.getByTestId('power-detail-state').innerText(), /已公布/);

  await leader.getByTestId('nav-rectifications').locator('a').click();
  await leader.getByTestId('ledger-table').waitFor();
  const ledger = await leader.getByTestId('ledger-table').innerText();
  assert.match(ledger, /环保局权力清单（初报）/);
  assert.match(ledger, /已验收/);
});

test('a citizen finds the published item on the public portal without signing in', async () => {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/powers`);
  const box = page.locator('input[data-testid="public-search-input"], [data-testid="public-search-input"] input').first();
  await box.waitFor();
  await box.fill(SEARCH);
  const result = page.getByTestId('public-search-result').filter({ hasText: NAME });
  await result.first().waitFor();
  assert.match(await result.first().innerText(), new RegExp(NAME));
});

test('the county leader starts the approval reform: the published licensing item gets its baseline', async () => {
  await leader.getByTestId('nav-reform').locator('a').click();
  await leader.getByTestId('reform-ledger').waitFor();
  await leader.getByTestId('reform-not-started').waitFor();
  await leader.getByTestId('reform-start').click();
  await leader.getByTestId('reform-start-form').waitFor();
  await settled(leader);
  await leader.getByTestId('reform-start-form-submit').click();
  await leader.waitForFunction(() => document.querySelector('[data-testid="reform-total-items"]')?.textContent?.trim() === '1');
  assert.equal(await leader.getByTestId('reform-start').count(), 0, 'once');
  assert.match(await leader.getByTestId('reform-items').innerText(), new RegExp(CODE));
  assert.equal((await leader.getByTestId('reform-total-fewerSteps').innerText()).trim(), '0', 'nothing streamlined yet');
});
