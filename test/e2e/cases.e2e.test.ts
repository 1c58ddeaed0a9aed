import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_POWERS } from '../../src/modules/demo/demo-powers.data.ts';
import { DEMO_ACCOUNTS } from '../../src/modules/demo/demo.data.ts';
import { DEMO_LIQUOR_LICENCE_CODE } from '../../src/modules/demo/demo-processes.data.ts';
import { publishLatest } from '../../src/test/factories.ts';
import { CLI_ACTOR } from '../../src/test/test-app.ts';
import { launchChromium, startDemoServer, watchedPages, type WatchedPages, textOf } from './browser.ts';

// The staff workbench on cases. (A) The whole road: a citizen applies online for 环保局's 突发环境事件应急预案备案, the
// clerk accepts it (齐全), the section chief reviews it, the leader the process names decides (予以备案), the clerk
// issues the receipt, and the applicant's tracking page shows the case closed with its outcome; the case page shows
// the steps, timeline and audit trail. (B) Separation of duties: a 经信局 酒类流通备案登记 registered at the counter,
// accepted by a clerk; 吴刚 (jxj.leader) reviews it and may then not take 许可 — the refusal names the rule and his
// earlier step — and the inspector finds the 职责分离拦截 alert. No page may log an unexpected error.

/** 突发环境事件应急预案备案: 受理 → 审查 → 备案确认 (a leader) → 出具备案回执, no site visit, expert panel or countersigning. */
const ITEM = DEMO_POWERS.find((p) => p.unit === 'HBJ-SP' && p.content.name === '突发环境事件应急预案备案')!;
const LIQUOR = DEMO_POWERS.find((p) => p.code === DEMO_LIQUOR_LICENCE_CODE)!;

/**
 * Refused on purpose: the signed-out session check, and the claim (or completion) that separation of duties refuses.
 */
const EXPECTED = [/\/api\/v1\/auth\/me$/, /\/api\/v1\/tasks\/[^/]+\/(claim|complete)$/];
/** A bare receipt code as people read it (XXXX-XXXX-XXXX). */
const formatted = (bare: string) => bare.replace(/(.{4})(?=.)/g, '$1-');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let pages: WatchedPages;
/** The 经信局 clerk who registers and accepts the liquor case. */
let jxjClerk = '';

/** Who decides an item: the process's decide step names the role; the demo person holding it over 环保局. */
function deciderOf(item: (typeof DEMO_POWERS)[number]): { login: string; stepId: string } {
  const step = item.content.process?.nodes.find((n) => n.kind === 'step' && n.duty === 'decide');
  assert.ok(step && step.kind === 'step', `${item.code} has a decide step`);
  const role = step.performer.role;
  const person = DEMO_ACCOUNTS.find((a) => a.grants.some((g) => g.role === role && (g.unit === 'HBJ' || g.unit === 'HBJ-SP')));
  assert.ok(person, `someone holds ${role} over 环保局`);
  return { login: person.login, stepId: step.id };
}

before(async () => {
  assert.ok(ITEM, 'the demo county lists 突发环境事件应急预案备案 under HBJ-SP');
  assert.ok(LIQUOR, `the demo county lists ${DEMO_LIQUOR_LICENCE_CODE}`);
  server = await startDemoServer();
  const { app } = server.t;
  await app.demo.load(CLI_ACTOR);
  const listed = await app.publicList.search(app.config.countyCode, { q: ITEM.code }, { offset: 0, limit: 1 });
  if (listed.total === 0) await publishLatest(app, [ITEM.code, LIQUOR.code]);

  // 经信局: a clerk for 受理 and 发证, and 吴刚 as 股长 too, so that one person can attempt both 审查 and 许可.
  const onJxj = (code: string | null) => code === 'JXJ' || code === 'JXJ-JL';
  const clerk = DEMO_ACCOUNTS.find((a) => a.grants.some((g) => g.role === 'clerk' && onJxj(g.unit)));
  assert.ok(clerk, 'the demo has a clerk at 经信局');
  jxjClerk = clerk.login;
  const leader = DEMO_ACCOUNTS.find((a) => a.login === 'jxj.leader');
  assert.ok(
    leader && ['leader', 'section_chief'].every((role) => leader.grants.some((g) => g.role === role && onJxj(g.unit))),
    'jxj.leader is leader and section chief at 经信局',
  );

  browser = await launchChromium();
  pages = watchedPages(browser, server.baseUrl, EXPECTED);
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

/** Wait until no antd open/close animation is running, so clicks land where elements are. */
function settled(page: Page) {
  const moving = ['-appear-active', '-enter-active', '-leave-active'].map((c) => `[class*="${c}"]`).join(',');
  return page.waitForFunction(
    (selector) => !document.querySelector(selector),
    `:is(.ant-modal, .ant-modal-mask, .ant-select-dropdown, .ant-message-notice):is(${moving})`,
  );
}

/** Open an antd Select (typing `search` first when given) and click the option with this text. */
async function choose(page: Page, testId: string, option: string | RegExp, search?: string) {
  await settled(page);
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(search);
  await settled(page);
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
  for (let attempt = 1; ; attempt++) {
    await item.click();
    try {
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden', timeout: 3000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
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

/** The row of the case's step in one of the task lists, once it is there (the lists reload after each action). */
async function taskRow(page: Page, scope: 'mine' | 'claimable', receipt: string, stepId: string) {
  const filter = page.locator('input[data-testid="tasks-filter"], [data-testid="tasks-filter"] input').first();
  if ((await filter.inputValue()) !== formatted(receipt)) await filter.fill(formatted(receipt));
  const row = page.locator(`[data-testid="tasks-${scope}-table"] tr[data-receipt="${receipt}"][data-step="${stepId}"]`);
  await row.waitFor();
  const testId = (await row.getAttribute('data-testid')) ?? '';
  assert.ok(testId.startsWith('task-row-'), `the row names its task: ${testId}`);
  return { row, taskId: testId.slice('task-row-'.length) };
}

/** Opens 我的待办 from the menu (refreshing it when it is open already: others' work changed it) and waits for both lists. */
async function openTasks(page: Page) {
  const already = /\/workbench\/tasks$/.test(page.url());
  await page.getByTestId('nav-tasks').locator('a').click();
  await page.waitForURL(/\/workbench\/tasks$/);
  await page.getByTestId('tasks-mine').waitFor();
  await page.getByTestId('tasks-claimable').waitFor();
  if (already) {
    await settled(page);
    await page.getByTestId('tasks-reload').click();
  }
}

/** Claims the case's open step, then completes it with `outcome` (when the step offers a choice) and a comment. */
async function claimAndComplete(page: Page, receipt: string, stepId: string, outcome: string | null, comment: string) {
  await openTasks(page);
  const { row, taskId } = await taskRow(page, 'claimable', receipt, stepId);
  assert.match(await row.innerText(), new RegExp(formatted(receipt)));
  await page.getByTestId(`task-claim-${taskId}`).click();
  await taskRow(page, 'mine', receipt, stepId);
  await settled(page);
  await page.getByTestId(`task-complete-${taskId}`).click();
  await page.getByTestId('task-complete-form').waitFor();
  if (outcome) await choose(page, 'task-outcome', outcome);
  else assert.equal(await page.getByTestId('task-outcome').count(), 0, `${stepId} has one way on`);
  await page.getByTestId('task-comment').fill(comment);
  await submitted(page, 'task-complete-form');
  await page.locator(`[data-testid="tasks-mine-table"] tr[data-testid="task-row-${taskId}"]`).waitFor({ state: 'detached' });
}

test('A: an online application is accepted, reviewed, decided and delivered, and the applicant sees it closed with its outcome', async () => {
  const process = ITEM.content.process!;
  const stepIds = process.nodes.filter((n) => n.kind === 'step').map((n) => n.id);
  assert.deepEqual(stepIds, ['accept', 'notify', 'review', 'decide', 'issue', 'refuse'], 'the item goes straight from review to decision');
  const decider = deciderOf(ITEM);
  const yes = process.flows.find((f) => f.from === 'result' && f.to === 'issue')!.outcome!;

  // The citizen applies on the portal with a PDF for every required material.
  const citizen = await pages.newPage();
  await citizen.goto(`${server.baseUrl}/powers/${encodeURIComponent(ITEM.code)}/apply`);
  await citizen.getByTestId('apply-form').waitFor();
  await citizen.getByTestId('apply-name').fill('张建华');
  await citizen.getByTestId('apply-id-number').fill('11010119800101123X');
  await citizen.getByTestId('apply-phone').fill('13900139000');
  await citizen.getByTestId('apply-summary').fill('示范县清源化工有限公司突发环境事件应急预案备案');
  const materials = await citizen.locator('[data-testid^="apply-material-"]').count();
  assert.equal(materials, ITEM.content.materials.length);
  for (let i = 0; i < materials; i++) {
    if (!ITEM.content.materials[i]!.required) continue;
    await citizen.getByTestId(`apply-upload-${i}`).setInputFiles({ name: `材料${i + 1}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await citizen.getByTestId(`apply-files-${i}`).getByTestId('apply-file-done').waitFor();
  }
  await citizen.getByTestId('apply-submit').click();
  const shown = await textOf(citizen, 'apply-receipt', /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const receipt = shown.replace(/-/g, '');

  // 受理 by the clerk: the materials are complete.
  const clerk = await pages.signIn('hbj.clerk');
  await openTasks(clerk);
  const accept = await taskRow(clerk, 'claimable', receipt, 'accept');
  // The list shows the applicant masked and the case's warning as a tag.
  assert.match(await accept.row.innerText(), /张\*+/);
  assert.ok(!(await accept.row.innerText()).includes('13900139000'));
  assert.ok(await accept.row.locator('[data-testid="warning-tag"]').count(), 'the warning is shown');
  await claimAndComplete(clerk, receipt, 'accept', '齐全', '材料齐全，予以受理');

  // 审查 by the section chief (one way on), 决定 by the one the process names, then 送达 by the clerk.
  const chief = await pages.signIn('hbj.chief');
  await claimAndComplete(chief, receipt, 'review', null, '预案要素齐全，符合备案要求');
  const decide = await pages.signIn(decider.login);
  await claimAndComplete(decide, receipt, decider.stepId, yes, '同意备案');
  await claimAndComplete(clerk, receipt, 'issue', null, '备案回执已送达');

  // The case page: closed, every step with who did it, the timeline and the audit trail.
  await clerk.getByTestId('nav-cases').locator('a').click();
  const lookup = clerk.locator('input[data-testid="case-lookup"], [data-testid="case-lookup"] input').first();
  await lookup.fill(shown.toLowerCase());
  await lookup.press('Enter');
  const casePage = clerk.getByTestId('case-page');
  await casePage.waitFor();
  assert.equal(await casePage.getAttribute('data-receipt'), receipt);
  await clerk.locator('[data-testid="case-page"][data-state="done"]').waitFor();
  assert.equal(await clerk.getByTestId('case-outcome').innerText(), '办结');
  assert.match(await clerk.getByTestId('case-applicant').innerText(), /张建华[\s\S]*11010119800101123X[\s\S]*13900139000/);
  for (const step of ['accept', 'review', decider.stepId, 'issue'])
    assert.equal(await clerk.locator(`[data-testid="case-task-${step}"]`).getAttribute('data-state'), 'done', `${step} is done`);
  assert.match(await clerk.locator('[data-testid="case-task-accept"]').innerText(), /齐全[\s\S]*材料齐全，予以受理/);
  assert.ok((await clerk.getByTestId('case-timeline-entry').count()) >= 4, 'the timeline lists the steps');
  assert.match(await clerk.getByTestId('case-audit').innerText(), /case\.complete/);
  assert.equal(await clerk.getByTestId('case-extend').count(), 0, 'a clerk does not extend, nor is a closed case extended');

  // The applicant's tracking page: closed, with the outcome and the steps.
  await citizen.getByTestId('apply-track-link').click();
  await citizen.waitForURL(new RegExp(`/track/${receipt}$`));
  await citizen.locator('[data-testid="track-case"][data-state="done"]').waitFor();
  await textOf(citizen, 'track-outcome', /办结/);
  assert.ok((await citizen.getByTestId('track-step').count()) >= 4, 'the applicant sees the steps');
  const publicText = await citizen.locator('main').innerText();
  assert.ok(!publicText.includes('材料齐全，予以受理'), 'no internal comments on the public page');
  assert.ok(!publicText.includes('王芳') && !publicText.includes('李强'), 'no staff names on the public page');
});

test('B: the one who reviewed a liquor licence may not also grant it; the inspector finds the alert', async () => {
  // Registered at the counter by the 经信局 clerk, who accepts it.
  const clerk = await pages.signIn(jxjClerk);
  await clerk.getByTestId('nav-cases').locator('a').click();
  await clerk.getByTestId('cases-table').or(clerk.getByTestId('page-empty')).first().waitFor();
  await clerk.getByTestId('case-register').click();
  await clerk.getByTestId('case-register-form').waitFor();
  await choose(clerk, 'register-item', LIQUOR.code, LIQUOR.code);
  await clerk.getByTestId('register-materials').waitFor();
  await textOf(clerk, 'register-materials', /酒类流通备案登记表/);
  await clerk.getByTestId('register-name').fill('示范县醇香酒业商行');
  await clerk.getByTestId('register-phone').fill('0371-6000000');
  await clerk.getByTestId('register-summary').fill('酒类零售经营备案');
  await clerk.getByTestId('register-upload-0-input').setInputFiles({ name: '备案登记表.pdf', mimeType: 'application/pdf', buffer: PDF });
  await clerk.getByTestId('register-upload-0-file').waitFor();
  await submitted(clerk, 'case-register-form');
  await clerk.waitForURL(/\/workbench\/cases\/[0-9a-f-]{36}$/);
  const casePage = clerk.locator('[data-testid="case-page"][data-state="pending"]');
  await casePage.waitFor();
  const receipt = (await casePage.getAttribute('data-receipt'))!;
  assert.match(receipt, /^[0-9A-Z]{12}$/);
  await claimAndComplete(clerk, receipt, 'accept', '齐全', '材料齐全');

  // 吴刚 reviews it (as 股长)…
  const leader = await pages.signIn('jxj.leader');
  await claimAndComplete(leader, receipt, 'review', null, '已核对食品经营许可，符合备案条件');

  // …and may not take 许可: the refusal names the rule and his earlier 审查.
  await openTasks(leader);
  const { taskId } = await taskRow(leader, 'claimable', receipt, 'decide');
  await leader.getByTestId(`task-claim-${taskId}`).click();
  let refusal = leader.getByTestId('task-claim-refused');
  await refusal
    .or(leader.getByTestId(`task-complete-${taskId}`))
    .first()
    .waitFor();
  if ((await refusal.count()) === 0) {
    // Refused at completion instead: the complete form shows it.
    await leader.getByTestId(`task-complete-${taskId}`).click();
    await leader.getByTestId('task-complete-form').waitFor();
    await choose(leader, 'task-outcome', '准予');
    await settled(leader);
    await leader.getByTestId('task-complete-form-submit').click();
    refusal = leader.getByTestId('task-complete-form-error');
    await refusal.waitFor();
  }
  const sod = refusal.getByTestId('sod-refusal');
  await sod.waitFor();
  assert.match(await sod.innerText(), /职责分离/);
  assert.match(await sod.getByTestId('sod-rule').innerText(), /相分离|分别由三人负责/);
  assert.match(await sod.getByTestId('sod-earlier').innerText(), /审查/);
  assert.match(await sod.getByTestId('sod-message').innerText(), /审查/);

  // The task is still open for someone else, and the case did not move.
  const view = await server.t.app.cases.getByReceipt(CLI_ACTOR, receipt);
  const decide = view.tasks.find((t) => t.stepId === 'decide')!;
  assert.equal(decide.completedBy, null);
  assert.deepEqual(view.current, ['许可']);

  // The inspector's alerts list the attempt.
  const inspector = await pages.signIn('inspector');
  await inspector.getByTestId('nav-alerts').locator('a').click();
  await inspector.getByTestId('alerts-table').waitFor();
  const alert = inspector.locator('[data-testid="alerts-table"] tr', { hasText: formatted(receipt) });
  await alert.first().waitFor();
  assert.match(await alert.first().innerText(), /职责分离|相分离|三人/);
});
