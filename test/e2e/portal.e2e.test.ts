import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_POWERS } from '../../src/modules/demo/demo-powers.data.ts';
import { buildContent, publishLatest } from '../../src/test/factories.ts';
import { CLI_ACTOR } from '../../src/test/test-app.ts';
import { launchChromium, startDemoServer, textOf } from './browser.ts';

// The public power list as a citizen meets it: search from the home page, two-character words, abbreviations, filters
// and pages kept in the address, one item's page, a phone's screen; then the legal reviewer's synonym list.
const PASSWORD = 'Sunlit@2026';
/** Added as a draft and never published: its public page must answer 404. */
const DRAFT = 'E2E-DRAFT-001';
/** What the demo county publishes, counted from its data so the test follows the demo. */
const TOTAL = DEMO_POWERS.length;
const PENALTIES = DEMO_POWERS.filter((p) => p.content.category === 'penalty').length;
const CIVIL_AFFAIRS = DEMO_POWERS.filter((p) => p.unit === 'MZJ' || p.unit.startsWith('MZJ-')).length;

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;

before(async () => {
  server = await startDemoServer();
  // The demo server comes without power items. The demo county's list, loaded whole, is published through the review
  // workflow; should a demo without that be loaded, publish directly as tests do (factories.publishLatest also
  // writes the search index).
  const { app } = server.t;
  await app.demo.load(CLI_ACTOR);
  const published = await app.publicList.search(app.config.countyCode, {}, { offset: 0, limit: 1 });
  if (published.total === 0)
    await publishLatest(
      app,
      DEMO_POWERS.map((p) => p.code),
    );
  await app.catalogue.createItem(CLI_ACTOR, { unitCode: 'ZJJ', code: DRAFT, content: buildContent({ name: '尚未公布的排污测试事项' }) });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The names of the results shown. */
function resultNames(page: Page): Promise<string[]> {
  return page.getByTestId('public-result-name').allInnerTexts();
}

test('the home page counts the published items and its search box opens the list with the query', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.baseUrl}/`);
  await textOf(page, 'portal-public-all', new RegExp(String(TOTAL)));
  await page.getByTestId('portal-search-input').fill('排污');
  await page.getByTestId('portal-search-input').press('Enter');
  await page.waitForURL(/\/powers\?q=%E6%8E%92%E6%B1%A1$/);
  await textOf(page, 'public-search-total', /找到 \d+ 项/);
  assert.equal(await page.getByTestId('public-search-input').inputValue(), '排污');
  await page.close();
});

test('a two-character word finds items as one types, highlighted, and the address keeps the query', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.baseUrl}/powers`);
  await textOf(page, 'public-search-total', new RegExp(`共 ${TOTAL} 项`));
  await page.getByTestId('public-search-input').fill('低保');
  // No Enter: the list follows the box after a short pause.
  await page.waitForURL(/q=%E4%BD%8E%E4%BF%9D/);
  await textOf(page, 'public-search-total', /找到 \d+ 项/);
  const names = await resultNames(page);
  assert.ok(names.length > 0);
  // 低保 is also the county's abbreviation of 最低生活保障: items written out in full are found, unmarked.
  assert.ok(
    names.some((n) => n.includes('最低生活保障')),
    names.join(' / '),
  );

  await page.getByTestId('public-search-input').fill('排污');
  await page.waitForURL(/q=%E6%8E%92%E6%B1%A1/);
  await textOf(page, 'public-search-total', /找到 \d+ 项/);
  const shown = await page.getByTestId('public-search-result').count();
  const marks = await page.locator('[data-testid="public-search-result"] mark').allInnerTexts();
  assert.ok(shown > 0 && marks.length >= shown && marks.every((m) => m === '排污'), marks.join(','));
  // The draft says 排污 in its name too, but only published items are public.
  assert.ok(!(await resultNames(page)).some((n) => n.includes('测试事项')));
  await page.close();
});

test('an abbreviation finds the items by their full name (危改 → 危房改造)', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.baseUrl}/powers?q=${encodeURIComponent('危改')}`);
  await textOf(page, 'public-search-total', /找到 \d+ 项/);
  const names = await resultNames(page);
  assert.ok(names.includes('农村危房改造补助发放'), names.join(' / '));
  assert.equal(await page.locator('[data-testid="public-search-result"] mark').count(), 0, '危改 is not written in the names');
  await page.close();
});

test('nothing found says so, with a hint to try fewer characters or a common abbreviation', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.baseUrl}/powers`);
  await page.getByTestId('public-search-input').fill('火星移民审批');
  await page.getByTestId('public-search-input').press('Enter');
  const empty = await textOf(page, 'public-search-empty', /没有找到/);
  assert.match(empty, /火星移民审批/);
  assert.match(empty, /常用简称/);
  await page.close();
});

test('filters and the page are kept in the address: a shared link shows the same page', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.baseUrl}/powers/categories`);
  await page.locator('[data-testid="public-category-link"][data-category="penalty"]').click();
  await page.waitForURL(/\/powers\?category=penalty$/);
  await textOf(page, 'public-search-total', new RegExp(`共 ${PENALTIES} 项`));
  await page.locator('[data-testid="public-search-pages"] .ant-pagination-item-2').click();
  await page.waitForURL(/category=penalty&page=2$/);
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'));
  const second = await resultNames(page);
  assert.equal(second.length, 20);

  const shared = await browser.newPage();
  await shared.goto(page.url());
  await textOf(shared, 'public-search-total', new RegExp(`共 ${PENALTIES} 项`));
  assert.deepEqual(await resultNames(shared), second);
  await shared.close();

  await page.goto(`${server.baseUrl}/powers/units`);
  await page.locator('[data-testid="public-unit-link"][data-unit="MZJ"]').click();
  await page.waitForURL(/\/powers\?unit=MZJ$/);
  await textOf(page, 'public-search-total', new RegExp(`共 ${CIVIL_AFFAIRS} 项`));
  // A word narrows the unit's list further.
  await page.getByTestId('public-search-input').fill('低保');
  await page.waitForURL(/\?unit=MZJ&q=%E4%BD%8E%E4%BF%9D$/);
  await textOf(page, 'public-search-total', /找到 \d+ 项/);
  assert.ok((await resultNames(page)).length > 0);
  await page.close();
});

test('an item’s page shows every public field of its published revision', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.baseUrl}/powers?q=${encodeURIComponent('施工许可')}`);
  await textOf(page, 'public-search-total', /找到/);
  await page.getByTestId('public-search-result').filter({ hasText: 'ZJ-XK-001' }).getByRole('link').click();
  await page.waitForURL(/\/powers\/ZJ-XK-001$/);
  assert.equal(await textOf(page, 'public-power-name', /建筑工程施工许可证核发/), '建筑工程施工许可证核发');
  assert.match(await textOf(page, 'public-power-revision', /第 1 版/), /第 1 版，2026-03-02 公布/);
  assert.equal(await page.getByTestId('public-power-statutory').innerText(), '7 个工作日');
  assert.equal(await page.getByTestId('public-power-promised').innerText(), '3 个工作日');
  assert.equal(await page.getByTestId('public-power-phone').getAttribute('href'), 'tel:0354-7654303');
  assert.match(await page.getByTestId('public-power-basis').innerText(), /《中华人民共和国建筑法》第七条/);
  assert.match(await page.getByTestId('public-power-materials').innerText(), /建筑工程施工许可申请表/);
  assert.match(await page.getByTestId('public-power-responsibilities').innerText(), /受理/);
  assert.ok((await page.getByTestId('public-power-accountability').innerText()).length > 0);
  // Back to the very results the reader came from.
  await page.getByRole('link', { name: /返回查询结果/ }).click();
  await page.waitForURL(/\/powers\?q=%E6%96%BD%E5%B7%A5%E8%AE%B8%E5%8F%AF$/);
  await page.close();
});

test('an item that is not published answers with a 404 page', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.baseUrl}/powers/${DRAFT}`);
  await textOf(page, 'public-power-not-found', /没有找到这项职权/);
  await page.close();
});

test('on a phone (375×667) no public page scrolls sideways', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const pages: [string, string][] = [
    ['/', 'portal-home'],
    [`/powers?q=${encodeURIComponent('低保')}`, 'public-search-result'],
    ['/powers?category=penalty&page=2', 'public-search-pages'],
    ['/powers/ZJ-XK-001', 'public-power-materials'],
    ['/powers/units', 'public-unit-link'],
    ['/powers/categories', 'public-category-link'],
  ];
  for (const [path, ready] of pages) {
    await page.goto(`${server.baseUrl}${path}`);
    await page.getByTestId(ready).first().waitFor();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(widths.scroll <= widths.view, `${path}: ${widths.scroll}px wide on a ${widths.view}px screen`);
  }
  await context.close();
});

test('the legal reviewer edits the synonym list: a duplicate is refused on its row, a new abbreviation works at once', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const citizen = await browser.newPage();
  await citizen.goto(`${server.baseUrl}/powers?q=${encodeURIComponent('户口证明')}`);
  await textOf(citizen, 'public-search-empty', /没有找到/);

  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill('legal');
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-synonyms').click();
  await page.getByTestId('synonyms-form').waitFor();
  const before = await page.getByTestId('synonym-row').count();
  assert.ok(before > 10, `${before} rows`);

  await page.getByTestId('synonyms-add').click();
  const row = page.getByTestId('synonym-row').last();
  await row.getByTestId('synonym-term').fill('低保');
  await row.getByTestId('synonym-expansions').fill('户籍');
  await page.getByTestId('synonyms-save').click();
  await page.getByTestId('synonyms-error').waitFor();
  assert.match(await row.locator('.ant-form-item-explain-error').innerText(), /重复/);

  await row.getByTestId('synonym-term').fill('户口');
  await row.getByTestId('synonym-note').fill('群众常用说法');
  await page.getByTestId('synonyms-save').click();
  await page.getByText('同义词表已保存').waitFor();
  assert.equal(await page.getByTestId('synonyms-error').count(), 0);
  assert.match(await page.getByTestId('synonyms-updated').innerText(), /legal/);

  await citizen.reload();
  await textOf(citizen, 'public-search-total', /找到 1 项/);
  assert.deepEqual(await resultNames(citizen), ['户籍证明出具']);
  await citizen.close();
  await context.close();
});
