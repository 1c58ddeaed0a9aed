import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startDemoServer, watchedPages, type WatchedPages } from './browser.ts';

// The legal clock in the browser: a clerk explains a deadline across 国庆节 (the adjusted Sunday worked) and one that
// runs into 2027, a year without a notice (暂定), and reads 2024 on the calendar page without any edit button; the
// system administrator adds the 2027 notice (元旦) and the same deadline then lands on 2027-01-04, no longer 暂定;
// a file that is not an ICS is refused with its reason; the pages fit a phone. No page may log an unexpected error.

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let pages: WatchedPages;

/**
 * Errors a page logs on purpose: the login page asks who is signed in (401 when nobody is), the clerk's own refused
 * request to add a year (403), and the refused ICS file (422).
 */
const EXPECTED_ERRORS = [/\/api\/v1\/auth\/me$/, /\/api\/v1\/calendar\/years$/, /\/api\/v1\/calendar\/years\/import\?/];

before(async () => {
  server = await startDemoServer();
  // Open work of the clerk's on the clock into 2027 (暂定), which the 2027 notice will move.
  const { app } = server.t;
  const clerk = await app.db.kysely.selectFrom('account').select('id').where('login', '=', 'hbj.clerk').executeTakeFirstOrThrow();
  await app.db.kysely.transaction().execute((trx) =>
    app.calendar.deadlines.track(trx, app.config.countyCode, {
      subject: 'case:e2e',
      title: '排污许可证核发（期限测试）',
      owner: clerk.id,
      region: null,
      start: new Date('2026-12-25T09:00:00+08:00'),
      days: 5,
    }),
  );
  browser = await launchChromium();
  pages = watchedPages(browser, server.baseUrl, EXPECTED_ERRORS);
});
after(async () => {
  await pages?.close();
  await browser?.close();
  await server?.stop();
});

afterEach(() => {
  const logged = pages.takeErrors();
  assert.deepEqual(logged, [], `the pages logged errors:\n${logged.join('\n')}`);
});

const signIn = (login: string, options?: { viewport?: { width: number; height: number } }) => pages.signIn(login, options);

/** Wait until no antd open/close animation is running, so clicks land where elements are. */
function settled(page: Page) {
  const moving = ['-appear-active', '-enter-active', '-leave-active'].map((c) => `[class*="${c}"]`).join(',');
  return page.waitForFunction((selector) => !document.querySelector(selector), `:is(.ant-modal, .ant-modal-mask, .ant-select-dropdown):is(${moving})`);
}

const row = (page: Page, kind: string, date: string) => page.locator(`[data-testid="deadline-explanation-row"][data-kind="${kind}"][data-date="${date}"]`);

/** Waits for the explanation of the address's inputs (not an earlier one still on the page). */
async function explanationDue(page: Page, dueDate: string) {
  await page.waitForFunction((due) => document.querySelector('[data-testid="deadline-explanation-due-date"]')?.textContent?.startsWith(due) ?? false, dueDate);
  return page.getByTestId('deadline-explanation');
}

test('a clerk explains 2024-09-27 + 3 working days: due 2024-10-08, 国庆节 skipped, the adjusted Sunday 09-29 counted', async () => {
  const page = await signIn('hbj.clerk');
  await page.getByTestId('nav-calendar').locator('a').click();
  await page.waitForURL(/\/workbench\/calendar$/);
  await page.getByTestId('calendar-grid').waitFor();
  // A clerk reads the calendar but may not change it: no edit buttons, and the server agrees.
  assert.equal(await page.getByTestId('calendar-add-open').count(), 0);
  assert.equal(await page.getByTestId('calendar-import-open').count(), 0);
  const refused = await page.evaluate(async () => {
    const { csrfToken } = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
    const body = JSON.stringify({ year: 2028, notice: '越权', published: null, holidays: [{ date: '2028-01-01', name: '元旦' }], workdays: [] });
    return (await fetch('/api/v1/calendar/years', { method: 'POST', headers, body })).status;
  });
  assert.equal(refused, 403);

  await page.getByTestId('calendar-to-explain').click();
  await page.waitForURL(/\/workbench\/calendar\/explain$/);
  await page.getByTestId('explain-empty').waitFor();
  await page.getByLabel('起算日期', { exact: true }).fill('2024-09-27');
  await page.getByLabel('起算时刻', { exact: true }).fill('10:30');
  await page.getByLabel('工作日数', { exact: true }).fill('3');
  await page.getByTestId('explain-submit').click();
  await page.waitForURL(/start=2024-09-27T10%3A30%3A00%2B08%3A00&days=3$/);

  const explanation = await explanationDue(page, '2024-10-08');
  assert.equal(await explanation.getAttribute('data-provisional'), 'false');
  assert.equal(await page.getByTestId('deadline-explanation-provisional').count(), 0);
  assert.match(await page.getByTestId('deadline-explanation-due-date').innerText(), /^2024-10-08 周二$/);
  assert.equal(await page.getByTestId('deadline-explanation-due').getAttribute('datetime'), '2024-10-08T16:00:00.000Z');
  assert.match(await page.getByTestId('deadline-explanation-due').innerText(), /2024-10-08 24:00（北京时间）/);

  // Day by day: the start not counted, Saturday skipped, the adjusted Sunday worked as day 1, Monday day 2, the
  // seven days of 国庆节 skipped, 10-08 day 3 and due.
  assert.match(await row(page, 'start', '2024-09-27').innerText(), /起算（当日不计入）/);
  assert.match(await row(page, 'weekend', '2024-09-28').innerText(), /周末，不计入 · 1 天/);
  assert.match(await row(page, 'adjusted', '2024-09-29').innerText(), /2024-09-29 周日\s*第 1 个工作日 · 调休上班/);
  assert.match(await row(page, 'counted', '2024-09-30').innerText(), /第 2 个工作日/);
  assert.match(await row(page, 'holiday', '2024-10-01').innerText(), /2024-10-01 周二 – 2024-10-07 周一\s*国庆节，不计入 · 7 天/);
  assert.match(await row(page, 'counted', '2024-10-08').innerText(), /第 3 个工作日\s*到期/);
  const rows = await page
    .getByTestId('deadline-explanation-row')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')} ${e.getAttribute('data-date')}`));
  assert.deepEqual(rows, ['start 2024-09-27', 'weekend 2024-09-28', 'adjusted 2024-09-29', 'counted 2024-09-30', 'holiday 2024-10-01', 'counted 2024-10-08']);
  assert.match(await page.getByTestId('deadline-explanation-summary').innerText(), /共计入 3 个工作日；跳过周末 1 天、节假日 7 天；调休上班 1 天/);
  assert.match(await page.getByTestId('deadline-explanation-notices').innerText(), /2024 年：国办发明电〔2023〕7号/);
});

test('2026-12-25 + 5 working days runs into 2027, which has no notice yet: 暂定, with the reason', async () => {
  const page = await signIn('hbj.clerk');
  await page.goto(`${server.baseUrl}/workbench/calendar/explain?start=2026-12-25&days=5`);
  const explanation = await explanationDue(page, '2027-01-01');
  assert.equal(await explanation.getAttribute('data-provisional'), 'true');
  assert.equal(await page.getByTestId('deadline-explanation-provisional').innerText(), '暂定');
  assert.match(await page.getByTestId('deadline-explanation-provisional-reason').innerText(), /2027 年放假安排尚未发布，仅按周末计算/);
  assert.match(
    await page.getByTestId('deadline-explanation-notices').innerText(),
    /2026 年：国务院办公厅关于2026年部分节假日安排的通知[\s\S]*2027 年：尚无通知，暂按周末计算/,
  );
  // The form shows what the address asked.
  assert.equal(await page.getByLabel('起算日期', { exact: true }).inputValue(), '2026-12-25');
  assert.equal(await page.getByLabel('工作日数', { exact: true }).inputValue(), '5');
});

test('the calendar page shows 2024 month by month: 国庆节 marked and named, the adjusted working days apart, the notice it rests on', async () => {
  const page = await signIn('hbj.clerk');
  await page.goto(`${server.baseUrl}/workbench/calendar`);
  await page.getByTestId('calendar-grid').waitFor();
  await settled(page);
  await page.getByTestId('calendar-year').click();
  await settled(page);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^2024$/ })
    .first()
    .click();
  await page.waitForURL(/\?year=2024$/);
  await page.locator('[data-testid="calendar-grid"][data-year="2024"]').waitFor();

  const day = (date: string) => page.locator(`[data-testid="calendar-grid"] [data-date="${date}"]`);
  for (const d of ['2024-10-01', '2024-10-04', '2024-10-07']) {
    assert.equal(await day(d).getAttribute('data-kind'), 'holiday', d);
    assert.equal(await day(d).getAttribute('title'), `${d} 国庆节`);
  }
  assert.equal(await day('2024-09-29').getAttribute('data-kind'), 'adjusted_workday');
  assert.equal(await day('2024-10-12').getAttribute('data-kind'), 'adjusted_workday');
  assert.equal(await day('2024-10-13').getAttribute('data-kind'), 'weekend');
  assert.equal(await day('2024-10-08').getAttribute('data-kind'), 'workday');
  assert.match(await page.getByTestId('calendar-month-10-spans').innerText(), /10\/1–10\/7 国庆节\s*10\/12 调休上班/);
  assert.match(await page.getByTestId('calendar-month-2-spans').innerText(), /2\/4 调休上班\s*2\/10–2\/17 春节\s*2\/18 调休上班/);
  // The classes the legend explains tell the three apart.
  assert.match((await day('2024-10-01').getAttribute('class')) ?? '', /cal-day-holiday/);
  assert.match((await day('2024-09-29').getAttribute('class')) ?? '', /cal-day-adjusted_workday/);
  assert.match(await page.getByTestId('calendar-legend').innerText(), /工作日[\s\S]*周末休息[\s\S]*法定节假日[\s\S]*调休上班/);

  const notice = page.getByTestId('calendar-notice');
  assert.match(await notice.innerText(), /国办发明电〔2023〕7号 · 发布日期：2023-10-25 · 节假日 28 天 · 调休上班 8 天/);
  assert.equal(await page.getByTestId('calendar-provisional').count(), 0);
  assert.match(await page.getByTestId('calendar-notices-by-region').innerText(), /全国：7 个年度（2020–2026）/);
  assert.equal(await page.getByTestId('calendar-notice-CN-2024').count(), 1);
  assert.equal(await page.getByTestId('calendar-add-open').count(), 0);
});

test('the system administrator adds the 2027 notice (元旦): the 暂定 banner goes and 2026-12-25 + 5 is due 2027-01-04', async () => {
  const page = await signIn('sysadmin');
  await page.goto(`${server.baseUrl}/workbench/calendar?year=2027`);
  await page.locator('[data-testid="calendar-grid"][data-year="2027"]').waitFor();
  assert.match(
    await page.getByTestId('calendar-provisional').innerText(),
    /2027 年 · 暂定[\s\S]*尚无国务院办公厅放假通知，暂按周末计算；通知发布后，依赖该年的期限将自动重算/,
  );
  assert.equal(await page.locator('[data-testid="calendar-grid"] [data-date="2027-01-01"]').getAttribute('data-kind'), 'workday');

  // A file that is not a calendar is refused, and the dialog says why.
  await page.getByTestId('calendar-import-open').click();
  await settled(page);
  await page.getByTestId('calendar-import-file').setInputFiles({ name: 'holidays.ics', mimeType: 'text/calendar', buffer: Buffer.from('这不是日历文件') });
  await page.getByTestId('calendar-import-submit').click();
  const importError = page.getByTestId('calendar-import-error');
  await importError.waitFor();
  assert.equal(await importError.getAttribute('data-code'), 'calendar.ics_refused');
  assert.match(await importError.innerText(), /这不是 iCalendar（ICS）文件/);
  await page.getByTestId('calendar-import-close').click();
  await settled(page);

  await page.getByTestId('calendar-add-open').click();
  await settled(page);
  const form = page.getByTestId('calendar-add');
  assert.equal(await form.getByLabel('年份', { exact: true }).inputValue(), '2027');
  await form.getByTestId('calendar-add-notice').fill('国办发明电〔2026〕99号');
  await form.getByLabel('发布日期', { exact: true }).fill('2026-11-10');
  await form.getByLabel('第 1 段节假日的起始日期').fill('2027-01-01');
  await form.getByLabel('第 1 段节假日的名称').fill('元旦');
  await page.getByTestId('calendar-add-submit').click();
  await page.getByText('已保存 全国 2027 年放假安排（国办发明电〔2026〕99号）').waitFor();

  await page.getByTestId('calendar-notice').waitFor();
  assert.match(await page.getByTestId('calendar-notice').innerText(), /国办发明电〔2026〕99号 · 发布日期：2026-11-10 · 节假日 1 天 · 调休上班 0 天/);
  assert.equal(await page.getByTestId('calendar-provisional').count(), 0);
  await page.waitForFunction(() => document.querySelector('[data-testid="calendar-grid"] [data-date="2027-01-01"]')?.getAttribute('data-kind') === 'holiday');
  assert.match(await page.getByTestId('calendar-month-1-spans').innerText(), /1\/1 元旦/);
  assert.equal(await page.getByTestId('calendar-notice-CN-2027').count(), 1);

  // The same count now rests on the notice.
  await page.getByTestId('calendar-to-explain').click();
  await page.waitForURL(/\/workbench\/calendar\/explain$/);
  await page.getByLabel('起算日期', { exact: true }).fill('2026-12-25');
  await page.getByLabel('工作日数', { exact: true }).fill('5');
  await page.getByTestId('explain-submit').click();
  const explanation = await explanationDue(page, '2027-01-04');
  assert.equal(await explanation.getAttribute('data-provisional'), 'false');
  assert.equal(await page.getByTestId('deadline-explanation-provisional').count(), 0);
  assert.match(await row(page, 'holiday', '2027-01-01').innerText(), /元旦，不计入 · 1 天/);
  assert.match(await page.getByTestId('deadline-explanation-notices').innerText(), /2027 年：国办发明电〔2026〕99号/);
});

test('the clerk finds the deadline the notice moved in 我的期限, marked with the date it had, and its explanation', async () => {
  const page = await signIn('hbj.clerk');
  await page.getByTestId('nav-deadlines').locator('a').click();
  await page.waitForURL(/\/workbench\/deadlines$/);
  const item = page.getByTestId('deadline-case:e2e');
  await item.waitFor();
  assert.match(await item.innerText(), /排污许可证核发（期限测试）[\s\S]*2027-01-04 24:00 到期/);
  assert.match(await item.getByTestId('deadline-moved').innerText(), /因放假通知调整：原定 2027-01-01/);
  await item.click();
  await page.getByTestId('explanation-case:e2e').waitFor();
  assert.match(await page.getByTestId('explanation-case:e2e').innerText(), /元旦/);
});

test('the calendar and the explain view read on a 360 px phone without sideways scrolling', async () => {
  const viewport = { width: 360, height: 740 };
  const page = await signIn('hbj.clerk', { viewport });
  await page.goto(`${server.baseUrl}/workbench/calendar?year=2024`);
  await page.locator('[data-testid="calendar-grid"][data-year="2024"]').waitFor();
  await page.getByTestId('calendar-notices').waitFor();
  const calendarWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(calendarWidth <= viewport.width, `the calendar page is ${calendarWidth} px wide`);

  await page.goto(`${server.baseUrl}/workbench/calendar/explain?start=2024-09-27&days=3`);
  await explanationDue(page, '2024-10-08');
  const explainWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(explainWidth <= viewport.width, `the explain view is ${explainWidth} px wide`);
});
