import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PROCESS_TEMPLATES } from '../../src/modules/process/process-templates.data.ts';
import type { ProcessDefinition } from '../../src/modules/process/process.rules.ts';
import { buildContent, publishLatest } from '../../src/test/factories.ts';
import { CLI_ACTOR } from '../../src/test/test-app.ts';
import { launchChromium, startDemoServer } from './browser.ts';

// 两图 in the browser: the 环保局 clerk renames a step and sees the flowchart redrawn, adds a risk point and sees it on
// the risk map, saves a new revision and finds the risk point in the register; a citizen opens the service guide
// (办事指南) of a published item, on a desktop and on a phone; the county's discipline inspector publishes the risk
// maps and the guide shows them. No page may log an error on the way.
const PASSWORD = 'Sunlit@2026';
/** Drafted with the licensing template's process; the clerk edits it. */
const DRAFT = 'HBJ-E2E-PROC-001';
/** Published with the same process; the citizen reads its guide. */
const PUBLISHED = 'HBJ-E2E-PROC-002';
const PUBLISHED_NAME = '排污许可证核发（流程测试）';
const RENAMED = '现场审查';
const RISK = '现场核查时接受宴请';

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
const contexts: BrowserContext[] = [];
let draftId: string;

/** What the pages logged as errors during the current test. */
const consoleErrors: string[] = [];
/**
 * Errors a page logs on purpose: the login page asks who is signed in (401 when nobody is), and the test's own refused
 * request (a clerk may not publish the risk maps).
 */
const EXPECTED_ERRORS = [/\/api\/v1\/auth\/me$/, /\/api\/v1\/portal\/settings$/];

const licensing = (): ProcessDefinition => structuredClone(PROCESS_TEMPLATES.find((x) => x.code === 'licensing')!.process) as ProcessDefinition;

before(async () => {
  server = await startDemoServer();
  const { app } = server.t;
  const draft = await app.catalogue.createItem(CLI_ACTOR, {
    unitCode: 'HBJ-SP',
    code: DRAFT,
    content: buildContent({ name: '建设项目环境影响评价文件审批（流程测试）', process: licensing() }),
  });
  draftId = draft.id;
  await app.catalogue.createItem(CLI_ACTOR, {
    unitCode: 'HBJ-SP',
    code: PUBLISHED,
    content: buildContent({ name: PUBLISHED_NAME, fees: null, process: licensing() }),
  });
  await publishLatest(app, [PUBLISHED]);
  browser = await launchChromium();
});
after(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

afterEach(() => {
  const logged = consoleErrors.splice(0);
  assert.deepEqual(logged, [], `the pages logged errors:\n${logged.join('\n')}`);
});

async function newPage(options: { viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // A failed request logs the address it went to as the message's location.
    const source = m.location().url;
    if (/status of 4\d\d/.test(m.text()) && EXPECTED_ERRORS.some((x) => x.test(source))) return;
    consoleErrors.push(`${page.url()}: ${m.text()}${source ? ` (${source})` : ''}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

async function signIn(login: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(login);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('workbench-shell').waitFor();
  return page;
}

/** Waits until the drawing in the editor shows `text` (it is redrawn a moment after each change). */
function drawingShows(page: Page, text: string) {
  return page.waitForFunction((wanted) => document.querySelector('[data-testid="process-drawing"] svg')?.textContent?.includes(wanted) ?? false, text);
}

test('the clerk renames a step, adds a risk point, sees both drawn, saves a new revision and finds it in the register', async () => {
  const page = await signIn('hbj.clerk');

  // From the item page to its editor.
  await page.goto(`${server.baseUrl}/workbench/powers/${draftId}`);
  await page.getByTestId('power-process-tab').click();
  await page.getByTestId('process-tab-image').waitFor();
  await page.getByTestId('process-open-editor').click();
  await page.waitForURL(/\/process$/);
  await drawingShows(page, '审查');
  assert.match(await page.getByTestId('process-revision').innerText(), /第 1 版/);

  const review = page.getByTestId('process-node-review');
  await review.getByLabel('步骤名称', { exact: true }).fill(RENAMED);
  await drawingShows(page, RENAMED);
  await page.getByTestId('process-dirty').waitFor();

  await review.getByRole('button', { name: /添加风险点/ }).click();
  await review.getByLabel('风险点 2 的描述').fill(RISK);
  await review.getByLabel('风险点 2 的防控措施').fill('现场核查两人以上；核查记录当场签字');
  await page.getByTestId('process-drawing-view').getByText('风险防控图').click();
  await page.locator('[data-testid="process-drawing"][data-view="risk"]').waitFor();
  await drawingShows(page, RISK);

  await page.getByTestId('process-save').click();
  await page.waitForFunction(() => /第 2 版/.test(document.querySelector('[data-testid="process-revision"]')?.textContent ?? ''));
  assert.equal(await page.getByTestId('process-dirty').count(), 0);

  // What the server now holds: the renamed step and its new risk point in revision 2.
  const saved = await page.evaluate(
    async (id) => (await (await fetch(`/api/v1/powers/${id}`)).json()) as { latestRevision: number; latest: { content: { process: ProcessDefinition } } },
    draftId,
  );
  assert.equal(saved.latestRevision, 2);
  const step = saved.latest.content.process.nodes.find((n) => n.id === 'review');
  assert.ok(step && step.kind === 'step');
  assert.equal(step.name, RENAMED);
  assert.equal(step.risks.length, 2);
  assert.equal(step.risks[1]!.description, RISK);

  // The register lists it under its step; the clerk sees whether risk maps are public but may not change it.
  await page.getByTestId('nav-risks').locator('a').click();
  await page.waitForURL(/\/workbench\/risks$/);
  await page.getByLabel('搜索事项、环节、风险或措施').fill('宴请');
  await page.getByLabel('搜索事项、环节、风险或措施').press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="risks-table"] tbody tr.ant-table-row').length === 1);
  const row = await page.locator('[data-testid="risks-table"] tbody tr.ant-table-row').innerText();
  assert.match(row, new RegExp(`${DRAFT}[\\s\\S]*${RENAMED}[\\s\\S]*${RISK}`));
  assert.match(await page.getByTestId('risks-publish').innerText(), /只公开流程图/);
  assert.equal(await page.getByTestId('risks-publish-switch').count(), 0);
  const refused = await page.evaluate(async () => {
    const { csrfToken } = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
    return (await fetch('/api/v1/portal/settings', { method: 'PUT', headers, body: JSON.stringify({ publishRiskMaps: true }) })).status;
  });
  assert.equal(refused, 403);
});

test('a citizen opens the service guide from the item page: the flowchart loads and every section is there', async () => {
  const page = await newPage();
  await page.goto(`${server.baseUrl}/powers/${PUBLISHED}`);
  await page.getByTestId('public-power-guide').click();
  await page.waitForURL(new RegExp(`/powers/${PUBLISHED}/guide$`));
  assert.equal(await page.getByTestId('guide-name').innerText(), PUBLISHED_NAME);

  const image = page.getByTestId('guide-flowchart-image');
  await image.waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="guide-flowchart-image"]');
    return img !== null && img.complete && img.naturalWidth > 0;
  });
  assert.match((await image.getAttribute('alt')) ?? '', /受理 → 一次性告知补正 → 审查 → 决定/);

  for (const section of ['basic', 'conditions', 'materials', 'flowchart', 'limits', 'fees', 'commitment', 'supervision']) {
    assert.equal(await page.getByTestId(`guide-${section}`).count(), 1, `section ${section}`);
  }
  assert.match(await page.getByTestId('guide-materials').innerText(), /环境影响报告书（表）/);
  assert.match(await page.getByTestId('guide-limits').innerText(), /60 个工作日[\s\S]*30 个工作日[\s\S]*审查\s*10 个工作日/);
  assert.match(await page.getByTestId('guide-fees-text').innerText(), /不收费/);
  assert.match(await page.getByTestId('guide-commitment-text').innerText(), /承诺 30 个工作日内办结/);
  assert.match(await page.getByTestId('guide-phone').innerText(), /0354-1234567/);
  // The county has not published its risk maps.
  assert.equal(await page.getByTestId('guide-risks').count(), 0);
  assert.equal(await page.getByTestId('guide-print').count(), 1);
});

test('the service guide reads on a 360 px phone without sideways scrolling', async () => {
  const page = await newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(`${server.baseUrl}/powers/${PUBLISHED}/guide`);
  await page.getByTestId('guide-flowchart-image').waitFor();
  await page.waitForFunction(() => document.querySelector<HTMLImageElement>('[data-testid="guide-flowchart-image"]')?.complete === true);
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    image: document.querySelector('[data-testid="guide-flowchart-image"]')!.getBoundingClientRect().width,
  }));
  assert.ok(widths.page <= 360, `the page is ${widths.page} px wide`);
  assert.ok(widths.image <= 360, `the flowchart is ${widths.image} px wide`);
});

test('the discipline inspector publishes the risk maps from the register, and the guide then shows the risk map', async () => {
  const page = await signIn('inspector');
  await page.goto(`${server.baseUrl}/workbench/risks`);
  await page.getByTestId('risks-table').waitFor();
  // Both items' risk points: the licensing template's three on each, and the clerk's new one.
  assert.match(await page.getByTestId('risks-by-grade').innerText(), /一级（高）\s*2[\s\S]*二级（中）\s*3[\s\S]*三级（低）\s*2/);
  const xlsx = await page.getByTestId('risks-export-xlsx').getAttribute('href');
  assert.equal(xlsx, '/api/v1/risks?format=xlsx');
  const exported = await page.evaluate(async (href) => {
    const response = await fetch(href);
    return { status: response.status, type: response.headers.get('content-type'), size: (await response.arrayBuffer()).byteLength };
  }, xlsx!);
  assert.equal(exported.status, 200);
  assert.match(exported.type ?? '', /spreadsheetml/);
  assert.ok(exported.size > 1000);

  await page.getByTestId('risks-publish-switch').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="risks-publish-switch"]')?.getAttribute('aria-checked') === 'true');
  await page.getByText('已在门户网站公开风险防控图').waitFor();

  const guide = await newPage();
  await guide.goto(`${server.baseUrl}/powers/${PUBLISHED}/guide`);
  await guide.getByTestId('guide-risks').waitFor();
  await guide.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="guide-risk-image"]');
    return img !== null && img.complete && img.naturalWidth > 0;
  });
  assert.match(await guide.getByTestId('guide-risks').innerText(), /审查[\s\S]*★★★ 降低或提高审查标准/);
});
