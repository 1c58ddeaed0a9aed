import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startDemoServer } from './browser.ts';

// One story told in order: import a broken list, then a good one, then edit an item and read its history.
const PASSWORD = 'Sunlit@2026';
const TESTDATA = fileURLToPath(new URL('../../src/modules/catalogue/testdata/', import.meta.url));
const BROKEN = join(TESTDATA, 'broken-powers.csv');

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let context: BrowserContext;
let page: Page;
let workDir: string;
/** The 住建局 sample with its codes moved from ZJ- to ZJT-: the demo county's own list already uses ZJ-XK-001 and others. */
let zhujian: string;

before(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'sunlit-powers-e2e-'));
  zhujian = join(workDir, 'zhujian-powers.csv');
  const sample = readFileSync(join(TESTDATA, 'zhujian-powers.csv'), 'utf8');
  const recoded = sample.replace(/"ZJ-([A-Z]{2}-\d{3})"/g, '"ZJT-$1"');
  assert.equal(recoded.match(/"ZJT-[A-Z]{2}-\d{3}"/g)?.length, sample.match(/"ZJ-[A-Z]{2}-\d{3}"/g)?.length);
  writeFileSync(zhujian, recoded);
  server = await startDemoServer();
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
});
after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

/** Wait until no antd open/close animation is running, so clicks land where elements are. */
function settled() {
  const moving = ['-appear-active', '-enter-active', '-leave-active'].map((c) => `[class*="${c}"]`).join(',');
  return page.waitForFunction((selector) => !document.querySelector(selector), `:is(.ant-modal, .ant-modal-mask, .ant-select-dropdown):is(${moving})`);
}

/** Open an antd Select, type `search`, and click the option matching `option`. */
async function choose(testId: string, option: RegExp, search: string) {
  await settled();
  await page.getByTestId(testId).click();
  await page.keyboard.type(search);
  await settled();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** What the API says, read with the page's own session. */
function apiTotal(path: string): Promise<number> {
  return page.evaluate(async (url) => ((await (await fetch(url)).json()) as { total: number }).total, path);
}

test('the head of 住建局 opens the power list', async () => {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill('zjj.head');
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('workbench-shell').waitFor();
  await page.getByTestId('nav-powers').click();
  // The demo county may or may not come with items of its own.
  await page.locator('[data-testid="powers-table"], [data-testid="page-empty"]').first().waitFor();
  await choose('powers-filter-unit', /· ZJJ$/, 'ZJJ');
  assert.equal(await page.getByTestId('powers-new').count(), 1);
  assert.equal(await page.getByTestId('powers-export').count(), 1);
});

test('a broken file is rejected with a report of every bad row, and nothing is imported', async () => {
  const before = await apiTotal('/api/v1/powers?unit=ZJJ');
  await page.getByTestId('powers-import').click();
  await choose('import-unit', /· ZJJ$/, 'ZJJ');
  await page.getByTestId('import-file').setInputFiles(BROKEN);
  await page.getByTestId('import-submit').click();
  const report = page.getByTestId('import-report');
  await report.waitFor();
  const rows = page.getByTestId('import-report-row');
  assert.ok((await rows.count()) >= 9, `expected every bad row, got ${await rows.count()}`);
  const firstCells = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent?.trim()));
  for (const row of ['5', '6', '7', '11', '15']) assert.ok(firstCells.includes(row), `row ${row} is reported (got ${firstCells.join(',')})`);
  const text = await report.innerText();
  assert.match(text, /缺少职权名称/);
  assert.match(text, /承诺时限大于法定时限/);
  assert.match(text, /编码重复（首次出现在第 3 行）/);
  assert.match(text, /约20天/);
  assert.equal(await page.getByTestId('import-result').count(), 0);
  assert.equal(await apiTotal('/api/v1/powers?unit=ZJJ'), before, 'nothing was written');
  assert.equal(await apiTotal('/api/v1/powers?q=T-00'), 0);
});

test('the 住建局 sample imports: 11 items created and listed', async () => {
  await page.getByTestId('import-file').setInputFiles(zhujian);
  await page.getByTestId('import-submit').click();
  await page.getByTestId('import-result').waitFor();
  assert.equal(await page.getByTestId('import-report').count(), 0);
  assert.equal((await page.getByTestId('import-created').innerText()).trim(), '11');
  assert.equal((await page.getByTestId('import-revised').innerText()).trim(), '0');
  await page.getByTestId('import-close').click();
  await settled();

  await page.getByTestId('powers-search').locator('input').fill('ZJT-');
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/powers?') && r.url().includes('q=ZJT-')),
    page.getByTestId('powers-search').locator('input').press('Enter'),
  ]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="powers-table"] tr.ant-table-row').length === 11);
  const table = await page.getByTestId('powers-table').innerText();
  assert.match(table, /ZJT-XK-001/);
  assert.match(table, /建筑工程施工许可证核发/);
  assert.match(table, /ZJT-QT-001/);
});

test('editing the promised limit saves revision 2, and the history shows the change', async () => {
  await page.getByTestId('power-link-ZJT-XK-001').click();
  await page.getByTestId('power-detail').waitFor();
  assert.match(await page.getByTestId('power-detail-promised').innerText(), /7/);
  assert.match(await page.getByTestId('power-detail-revision').innerText(), /第 1 版/);

  await page.getByTestId('power-edit').click();
  await settled();
  const editor = page.getByTestId('power-editor');
  await editor.waitFor();
  assert.equal(await page.getByTestId('power-name').inputValue(), '建筑工程施工许可证核发');
  await page.getByTestId('power-promised').fill('5');
  await page.getByTestId('power-save').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="power-detail-revision"]')?.textContent?.includes('第 2 版'));
  await settled();
  assert.match(await page.getByTestId('power-detail-promised').innerText(), /5/);

  await page.getByTestId('power-history-tab').click();
  await page.getByTestId('power-history').waitFor();
  const change = page.getByTestId('power-diff-field-promisedLimit');
  await change.waitFor();
  assert.equal((await change.getByTestId('power-diff-removed').innerText()).replace(/\s+/g, ''), '−7');
  assert.equal((await change.getByTestId('power-diff-added').innerText()).replace(/\s+/g, ''), '+5');
});
