import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { checkSymbol, RECEIPT_ALPHABET } from '../../src/modules/cases/receipt.rules.ts';
import { DEMO_POWERS } from '../../src/modules/demo/demo-powers.data.ts';
import { publishLatest } from '../../src/test/factories.ts';
import { CLI_ACTOR } from '../../src/test/test-app.ts';
import { launchChromium, startDemoServer, watchedPages, type WatchedPages, textOf } from './browser.ts';

// The citizen's side of a case, without an account: apply online for a published 环保局 item with one required
// material (refused without it, a fake PDF refused, one real PDF kept), keep the receipt code, follow the case on the tracking page; a mistyped code is not found; the
// tracking and application pages read on a 360 px phone. No page may log an unexpected error.
const ITEM = DEMO_POWERS.find((p) => p.unit === 'HBJ-SP' && p.content.name === '建设项目环境影响登记表备案')!;
const PHONE = { width: 360, height: 740 };
/**
 * Refused on purpose: the signed-out session check, the file whose bytes are no PDF, the unknown receipt code and the
 * item that does not exist.
 */
const EXPECTED = [/\/api\/v1\/auth\/me$/, /\/api\/v1\/public\/uploads\?/, /\/api\/v1\/public\/cases\//, /\/api\/v1\/public\/powers\/[^/]+\/application-form$/];

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let pages: WatchedPages;
/** The receipt code the first test's application got, as shown (XXXX-XXXX-XXXX). */
let receipt = '';

before(async () => {
  assert.ok(ITEM, 'the demo county lists 建设项目环境影响登记表备案 under HBJ-SP');
  assert.deepEqual(
    ITEM.content.materials.map((m) => m.required),
    [true],
    'the item asks for one material',
  );
  server = await startDemoServer();
  const { app } = server.t;
  await app.demo.load(CLI_ACTOR);
  // The demo publishes its lists through review; should it not, publish the one item as tests do.
  const listed = await app.publicList.search(app.config.countyCode, { q: ITEM.code }, { offset: 0, limit: 1 });
  if (listed.total === 0) await publishLatest(app, [ITEM.code]);
  browser = await launchChromium();
  pages = watchedPages(browser, server.baseUrl, EXPECTED);
});
after(async () => {
  await pages?.close();
  await browser?.close();
  await server?.stop();
});

const widthOf = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test('a citizen applies online with one PDF, gets a receipt code and follows it to the case, pending acceptance', async () => {
  const page = await pages.newPage();
  await page.goto(`${server.baseUrl}/powers/${encodeURIComponent(ITEM.code)}`);
  await page.getByTestId('public-power-apply').click();
  await page.waitForURL(new RegExp(`/powers/${ITEM.code}/apply$`));
  await page.getByTestId('apply-form').waitFor();
  assert.equal(await page.getByTestId('apply-item-name').innerText(), ITEM.content.name);
  await textOf(page, 'apply-unit', /行政审批股/);
  await textOf(page, 'apply-limits', /承诺 \d+ 个工作日/);
  await textOf(page, 'apply-upload-limits', /10 MB/);
  assert.equal(await page.locator('li[data-testid^="apply-material-"]').count(), 1);

  await page.getByTestId('apply-name').fill('王建国');
  await page.getByTestId('apply-id-number').fill('11010119900307123X');
  await page.getByTestId('apply-phone').fill('13800138000');
  await page.getByTestId('apply-organisation').fill('示范县清源化工有限公司');
  await page.getByTestId('apply-summary').fill('新建农产品冷库项目，填报环境影响登记表');

  // Without the required material the form is not sent, and says which material is missing.
  await page.getByTestId('apply-submit').click();
  await page.getByTestId('apply-material-missing-0').waitFor();
  await textOf(page, 'apply-error', /请上传必需的材料/);

  // A text file named .pdf is refused by the server, and says so beside the material.
  await page.getByTestId('apply-upload-0').setInputFiles({ name: '登记表草稿.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
  await textOf(page, 'apply-files-0', /类型不被接受/);
  // The real PDF is kept, with its name and size.
  await page.getByTestId('apply-upload-0').setInputFiles({ name: '环境影响登记表.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByTestId('apply-files-0').getByTestId('apply-file-done').waitFor();
  await textOf(page, 'apply-files-0', /环境影响登记表\.pdf\s+\d+ B/);
  assert.equal(await page.getByTestId('apply-material-missing-0').count(), 0);

  await page.getByTestId('apply-submit').click();
  receipt = await textOf(page, 'apply-receipt', /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await textOf(page, 'apply-keep', /受理编号/);

  await page.getByTestId('apply-track-link').click();
  await page.waitForURL(new RegExp(`/track/${receipt.replace(/-/g, '')}$`));
  const tracked = page.getByTestId('track-case');
  await tracked.waitFor();
  assert.equal(await tracked.getAttribute('data-state'), 'pending');
  assert.equal(await page.getByTestId('track-item').innerText(), ITEM.content.name);
  assert.equal(await page.getByTestId('track-receipt').innerText(), receipt);
  // The applicant shows as the organisation applying; the person's name, ID number and phone are not shown.
  assert.equal(await page.getByTestId('track-applicant').innerText(), '示范县清源化工有限公司');
  const text = await page.locator('main').innerText();
  for (const secret of ['王建国', '13800138000', '11010119900307123X']) assert.ok(!text.includes(secret), `${secret} is not on the public page`);
  assert.ok((await page.getByTestId('track-step').count()) >= 1, 'the acceptance step is listed');
  await textOf(page, 'track-due', /\d{4}-\d{2}-\d{2}|未规定/);

  // The case is there for the staff too, as an online application with the one file.
  const view = await server.t.app.cases.getByReceipt(CLI_ACTOR, receipt.replace(/-/g, ''));
  assert.equal(view.channel, 'online');
  assert.deepEqual(
    view.materials.flatMap((m) => m.files.map((f) => f.name)),
    ['环境影响登记表.pdf'],
  );
  assert.deepEqual(pages.takeErrors(), []);
});

test('the tracking box takes the code in lower case without hyphens; a mistyped or unknown code is not found', async () => {
  assert.ok(receipt, 'the application test ran first');
  const page = await pages.newPage();
  await page.goto(`${server.baseUrl}/`);
  await page.getByTestId('portal-nav-track').click();
  await page.waitForURL(/\/track$/);
  await page.getByTestId('track-input').fill(receipt.replace(/-/g, '').toLowerCase());
  await page.getByTestId('track-submit').click();
  await page.getByTestId('track-case').waitFor();
  assert.equal(await page.getByTestId('track-receipt').innerText(), receipt);

  // One symbol changed: the check symbol catches it.
  const plain = receipt.replace(/-/g, '');
  const other = RECEIPT_ALPHABET[(RECEIPT_ALPHABET.indexOf(plain[3]!) + 1) % RECEIPT_ALPHABET.length]!;
  const mistyped = plain.slice(0, 3) + other + plain.slice(4);
  await page.goto(`${server.baseUrl}/track/${mistyped}`);
  await textOf(page, 'track-not-found', /未找到该受理编号，请核对后重试/);

  // A well-formed code that no case has: the server answers 404.
  const body = plain.slice(0, 10) + (plain[10] === '0' ? '1' : '0');
  await page.goto(`${server.baseUrl}/track/${body + checkSymbol(body)}`);
  await textOf(page, 'track-not-found', /未找到该受理编号，请核对后重试/);
  assert.deepEqual(pages.takeErrors(), []);
});

test('an item that does not exist offers no application', async () => {
  const page = await pages.newPage();
  await page.goto(`${server.baseUrl}/powers/NO-SUCH-ITEM/apply`);
  await page.getByTestId('apply-not-found').waitFor();
  assert.deepEqual(pages.takeErrors(), []);
});

test('the tracking page and the application form read on a 360 px phone without sideways scrolling', async () => {
  assert.ok(receipt, 'the application test ran first');
  const page = await pages.newPage({ viewport: PHONE });
  await page.goto(`${server.baseUrl}/track/${receipt}`);
  await page.getByTestId('track-case').waitFor();
  let widths = await widthOf(page);
  assert.ok(widths.scroll <= widths.view, `the tracking page is ${widths.scroll}px wide on a ${widths.view}px screen`);

  await page.goto(`${server.baseUrl}/track`);
  await page.getByTestId('track-input').waitFor();
  widths = await widthOf(page);
  assert.ok(widths.scroll <= widths.view, `the tracking box is ${widths.scroll}px wide on a ${widths.view}px screen`);

  await page.goto(`${server.baseUrl}/powers/${encodeURIComponent(ITEM.code)}/apply`);
  await page.getByTestId('apply-form').waitFor();
  widths = await widthOf(page);
  assert.ok(widths.scroll <= widths.view, `the application form is ${widths.scroll}px wide on a ${widths.view}px screen`);
  assert.deepEqual(pages.takeErrors(), []);
});
