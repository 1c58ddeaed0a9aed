import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CLI_ACTOR } from '../../src/test/test-app.ts';
import { launchChromium, startDemoServer } from './browser.ts';

// One story told in order: the tests share the server, so each builds on what the previous one did.
const PASSWORD = 'Sunlit@2026';
const SECTION = { code: 'HBJ-FG', name: '政策法规股' };
const ACCOUNT = { login: 'hbj.fg.clerk', name: '林晓', password: 'Fagui-2026x' };

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
const contexts: BrowserContext[] = [];

before(async () => {
  server = await startDemoServer();
  browser = await launchChromium();
});
after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

/** A fresh browser profile (its own cookies) logged in as `user`, on the workbench. */
async function loginAs(user: string, password = PASSWORD): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('workbench-shell').waitFor();
  return page;
}

/**
 * Wait until no antd open/close animation is running. A click during a modal's zoom-in lands where the
 * element is about to be, not where it is, and is lost.
 */
function settled(page: Page) {
  const moving = ['-appear-active', '-enter-active', '-leave-active'].map((c) => `[class*="${c}"]`).join(',');
  return page.waitForFunction((selector) => !document.querySelector(selector), `:is(.ant-modal, .ant-modal-mask, .ant-select-dropdown):is(${moving})`);
}

/** Open an antd Select and click the option with this text, typing `search` first for searchable ones. */
async function choose(page: Page, testId: string, optionText: string, search?: string) {
  await settled(page);
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(search);
  await settled(page);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText }).first();
  // On a busy machine a click can land while the dropdown is still opening and be lost, leaving it open (and the
  // next field, which depends on this one, disabled): click again until the dropdown closes on the choice.
  for (let attempt = 1; ; attempt++) {
    await option.click();
    try {
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden', timeout: 3000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

test('the system administrator adds a section under HBJ, which is listed under its department', async () => {
  const page = await loginAs('sysadmin');
  await page.getByTestId('nav-org').click();
  await page.getByTestId('org-table').waitFor();
  await page.getByTestId('org-add-unit').click();

  const form = page.getByTestId('unit-form');
  await form.waitFor();
  await page.getByTestId('unit-code').fill(SECTION.code);
  await page.getByTestId('unit-name').fill(SECTION.name);
  await choose(page, 'unit-type', '股室');
  await choose(page, 'unit-parent', '示范县生态环境局', 'HBJ');
  await page.getByTestId('unit-form-submit').click();

  await form.waitFor({ state: 'hidden' });
  // The new unit's department is opened so the user sees what was added.
  const row = page.getByTestId('org-table').locator('tr', { hasText: SECTION.code });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(SECTION.name));
});

test('a unit code already in use is refused next to the code field', async () => {
  const page = await loginAs('sysadmin');
  await page.getByTestId('nav-org').click();
  await page.getByTestId('org-add-unit').click();
  await page.getByTestId('unit-code').fill(SECTION.code);
  await page.getByTestId('unit-name').fill('重复的股室');
  await choose(page, 'unit-type', '股室');
  await choose(page, 'unit-parent', '示范县生态环境局', 'HBJ');
  await page.getByTestId('unit-form-submit').click();
  await page.getByTestId('unit-form-error').waitFor();
  assert.match(await page.getByTestId('unit-form-error').innerText(), /已被使用/);
  // …and next to the field it concerns.
  await page.getByTestId('unit-form').getByText(`单位编码 ${SECTION.code} 已被使用`).waitFor();
});

test('the system administrator creates an account on the new section', async () => {
  const page = await loginAs('sysadmin');
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('accounts-table').waitFor();
  await page.getByTestId('accounts-new').click();

  const form = page.getByTestId('account-form');
  await form.waitFor();
  await page.getByTestId('account-name').fill(ACCOUNT.name);
  await page.getByTestId('account-login').fill(ACCOUNT.login);
  // The county's rules (the baseline here) are stated under the field and checked as one types.
  assert.match(await page.getByTestId('account-password-policy').innerText(), /至少 10 位.*至少 3 类/);
  await page.getByTestId('account-password').fill('short');
  await form.getByText('密码至少 10 位').waitFor();
  await page.getByTestId('account-password').fill(ACCOUNT.password);
  await choose(page, 'account-unit', SECTION.name, SECTION.code);
  await page.getByTestId('account-id-number').fill('12345');
  await page.getByTestId('account-form-submit').click();
  await form.getByText('身份证号码应为 18 位').waitFor();
  await page.getByTestId('account-id-number').fill('');
  await page.getByTestId('account-form-submit').click();

  await form.waitFor({ state: 'hidden' });
  const row = page.getByTestId('accounts-table').locator('tr', { hasText: ACCOUNT.login });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(`${ACCOUNT.name}[\\s\\S]*${SECTION.name}`));
  assert.equal(await page.getByTestId(`account-grant-${ACCOUNT.login}`).count(), 0, 'granting roles is the security administrator’s job');
});

test('the security administrator grants clerk on the new section; auditor on top is refused (separation of duties)', async () => {
  const page = await loginAs('secadmin');
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('accounts-table').waitFor();
  assert.equal(await page.getByTestId('accounts-new').count(), 0, 'creating accounts is the system administrator’s job');

  await page.getByTestId(`account-grant-${ACCOUNT.login}`).click();
  const form = page.getByTestId('grant-form');
  await form.waitFor();
  await choose(page, 'grant-role', '承办人', '承办人');
  await choose(page, 'grant-unit', SECTION.name, SECTION.code);
  await page.getByTestId('grant-form-submit').click();
  await form.waitFor({ state: 'hidden' });
  await page.getByTestId(`grant-${ACCOUNT.login}-clerk-${SECTION.code}`).waitFor();

  await page.getByTestId(`account-grant-${ACCOUNT.login}`).click();
  await form.waitFor();
  await choose(page, 'grant-role', '安全审计员', '安全审计员');
  await choose(page, 'grant-unit', SECTION.name, SECTION.code);
  await page.getByTestId('grant-form-submit').click();
  const refusal = page.getByTestId('grant-sod-error');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /三员分立/);
  assert.match(await refusal.innerText(), /安全审计员|auditor/);
  await form.getByText('与该账号已持有的角色冲突').waitFor();
  assert.equal(await page.getByTestId(`grant-${ACCOUNT.login}-auditor-${SECTION.code}`).count(), 0);
});

test('the new account logs in and sees its new section in the organisation page', async () => {
  const page = await loginAs(ACCOUNT.login, ACCOUNT.password);
  assert.match(await page.getByTestId('user-name').innerText(), new RegExp(ACCOUNT.name));
  await page.getByTestId('nav-org').click();
  await page.getByTestId('org-table').waitFor();
  assert.match(await page.getByTestId('org-table').innerText(), new RegExp(SECTION.name));
  assert.equal(await page.getByTestId('org-add-unit').count(), 0, 'a clerk cannot add units');
});

test('the auditor creates a checkpoint and sees it listed as SEQ and hash', async () => {
  const page = await loginAs('auditor');
  await page.getByTestId('nav-audit').click();
  await page.getByTestId('audit-table').waitFor();
  const checkpoints = page.getByTestId('audit-checkpoints');
  await checkpoints.waitFor();
  assert.match(await checkpoints.innerText(), /sunlit audit verify --expect SEQ:HASH/);

  await page.getByTestId('audit-checkpoint-create').click();
  const table = page.getByTestId('audit-checkpoints-table');
  await table.waitFor();
  const row = table.locator('tbody tr.ant-table-row').first();
  assert.match(await row.innerText(), /^\d+\s+[0-9a-f]{64}/);
  // The same head as the server reports.
  const head = await page.evaluate(async () => (await (await fetch('/api/v1/audit/checkpoints')).json()) as { items: { seq: number; hash: string }[] });
  const latest = head.items.at(-1)!;
  assert.match(await row.innerText(), new RegExp(`^${latest.seq}\\s+${latest.hash}`));
});

test('a user changes the password: the session ends, the login page says so, and the new password works', async () => {
  // The county asks for more than the baseline; the form states and checks the county's rule.
  await server.t.app.policies.set(CLI_ACTOR, { minPasswordLength: 12, minPasswordClasses: 3, lockoutThreshold: 5, lockoutMinutes: 15, idleMinutes: 30 });
  const page = await loginAs('hbj.chief');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-change-password').click();
  const form = page.getByTestId('password-form');
  await form.waitFor();
  await page.getByTestId('password-new-policy').getByText('至少 12 位').waitFor();
  await page.getByTestId('password-new').fill('Chief-2026x');
  await form.getByText('密码至少 12 位').waitFor();
  await page.getByTestId('password-current').fill('Wrong-password-1');
  await page.getByTestId('password-new').fill('Chief-2026-new');
  await page.getByTestId('password-new-confirm').fill('Chief-2026-new');
  await page.getByTestId('password-form-submit').click();
  await page.getByTestId('password-form-error').waitFor();
  assert.match(await page.getByTestId('password-form-error').innerText(), /登录名或密码错误/);

  await page.getByTestId('password-current').fill(PASSWORD);
  await page.getByTestId('password-form-submit').click();
  await page.getByTestId('login-notice').waitFor();
  assert.match(await page.getByTestId('login-notice').innerText(), /密码已修改/);
  assert.equal(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status), 401);

  await page.getByTestId('login-username').fill('hbj.chief');
  await page.getByTestId('login-password').fill('Chief-2026-new');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('workbench-shell').waitFor();
});

test('the system administrator abolishes a section with a reason; it stays listed with its date and reason', async () => {
  const page = await loginAs('sysadmin');
  await page.getByTestId('nav-org').click();
  // Only the top level is open at first: open the department.
  await page.getByTestId('org-table').locator('tr', { hasText: '示范县生态环境局' }).locator('.ant-table-row-expand-icon').click();
  await page.getByTestId(`unit-abolish-${SECTION.code}`).click();
  const form = page.getByTestId('unit-abolish-form');
  await form.waitFor();
  await settled(page);
  await page.getByTestId('unit-abolish-form-submit').click();
  await form.getByText('请输入撤销原因').waitFor();
  await page.getByTestId('unit-abolish-reason').fill('职能并入行政审批股');
  await page.getByTestId('unit-abolish-form-submit').click();
  await form.waitFor({ state: 'hidden' });

  const row = page.getByTestId('org-table').locator('tr', { hasText: SECTION.code });
  await row.getByText('已撤销').waitFor();
  // The demo's clock stands at 2026-03-02, Beijing time.
  assert.match(await row.innerText(), /2026-03-02[\s\S]*职能并入行政审批股/);
  assert.equal(await page.getByTestId(`unit-abolish-${SECTION.code}`).count(), 0, 'an abolished unit cannot be abolished again');
});

test('the inspector closes an open alert with an outcome', async () => {
  const hbj = await server.t.app.org.findUnitByCode(CLI_ACTOR.countyCode, 'HBJ');
  const subject = '测试预警：办件超期';
  const alert = await server.t.app.db.kysely
    .transaction()
    .execute((trx) => server.t.app.alerts.open(trx, CLI_ACTOR, CLI_ACTOR.countyCode, { kind: 'case.overdue', severity: 'high', subject, unitId: hbj!.id }));

  const page = await loginAs('inspector');
  await page.getByTestId('nav-alerts').click();
  await page.getByTestId('alerts-table').waitFor();
  await page.getByTestId(`alert-close-${alert.id}`).click();
  const form = page.getByTestId('alert-close-form');
  await form.waitFor();
  await settled(page);
  await page.getByTestId('alert-close-outcome').fill('已核实：材料补正后办结，对承办人进行提醒谈话。');
  await page.getByTestId('alert-close-form-submit').click();
  await form.waitFor({ state: 'hidden' });
  await page.getByTestId(`alert-close-${alert.id}`).waitFor({ state: 'detached' });

  await page.getByTestId('alerts-filter').getByText('已关闭').click();
  const row = page.getByTestId('alerts-table').locator('tr', { hasText: subject });
  await row.waitFor();
  assert.match(await row.innerText(), /提醒谈话/);
});
