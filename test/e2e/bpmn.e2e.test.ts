import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_POWERS } from '../../src/modules/demo/demo-powers.data.ts';
import { PROCESS_TEMPLATES } from '../../src/modules/process/process-templates.data.ts';
import type { ProcessDefinition } from '../../src/modules/process/process.rules.ts';
import { buildContent } from '../../src/test/factories.ts';
import { CLI_ACTOR } from '../../src/test/test-app.ts';
import { launchChromium, startDemoServer, watchedPages, type WatchedPages } from './browser.ts';

// BPMN 2.0 in the browser. The exports of the templates' processes and of a demo item open in bpmn-js (the modeler
// most BPMN users know) without a warning, every step, gateway and flow drawn where the diagram says; the 环保局 clerk
// imports another modeler's file with nine processes (picks one, reads the report, imports it as a new draft),
// sees a file without a start event refused, and is stopped when someone saved a newer revision meanwhile; the export
// buttons download a `.bpmn` file. No page may log an error on the way.
const FIXTURES = new URL('../../src/modules/process/bpmn/testdata/fixtures/', import.meta.url).pathname;
const BPMN_JS = dirname(createRequire(import.meta.url).resolve('bpmn-js/dist/bpmn-viewer.production.min.js'));

/** The licensing template's process (a choice: 补正), drawn for the viewer and exported by the buttons. */
const LICENSING = 'HBJ-E2E-BPMN-001';
/** The joint template's process (a parallel split and join). */
const JOINT = 'HBJ-E2E-BPMN-002';
/** The clerk imports complex.bpmn into it. */
const UPLOAD = 'HBJ-E2E-BPMN-003';
/** The clerk imports on a phone: refused, then stale, then with unsaved changes. */
const PHONE = 'HBJ-E2E-BPMN-004';
/** A demo item with both: 材料是否齐全 and two units countersigning in parallel. */
const DEMO = 'ZJ-XK-001';
/** complex.bpmn's process 'Durchführung Bewerbungsgespräch - Sachbearbeiter Personal'. */
const INTERVIEW = 'sid-D0B76975-2A71-4345-9861-401E7CB66AF6';

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let pages: WatchedPages;
const ids: Record<string, string> = {};

/**
 * Errors a page logs on purpose: the login page asks who is signed in (401 when nobody is); a refused BPMN file
 * answers 422, an import based on an old revision 409, and the check the test cuts off fails.
 */
const EXPECTED_ERRORS = [/\/api\/v1\/auth\/me$/, /\/api\/v1\/powers\/[^/]+\/bpmn(\?.*)?$/];

/** `text` matched literally inside a regular expression. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const template = (code: string): ProcessDefinition => structuredClone(PROCESS_TEMPLATES.find((x) => x.code === code)!.process) as ProcessDefinition;

before(async () => {
  server = await startDemoServer();
  const { app } = server.t;
  const joint = template('joint');
  // The template leaves the countersigning unit for the item to name.
  for (const n of joint.nodes) if (n.kind === 'step' && n.performer.unit === 'named') n.performer.unitCode = 'ZRJ';
  const items = [
    { unitCode: 'HBJ-SP', code: LICENSING, content: buildContent({ name: '建设项目环境影响评价文件审批（BPMN 测试）', process: template('licensing') }) },
    { unitCode: 'HBJ-SP', code: JOINT, content: buildContent({ name: '排污许可证核发（并联，BPMN 测试）', process: joint }) },
    { unitCode: 'HBJ-SP', code: UPLOAD, content: buildContent({ name: '辐射安全许可证核发（BPMN 导入测试）', process: template('licensing') }) },
    { unitCode: 'HBJ-SP', code: PHONE, content: buildContent({ name: '危险废物经营许可证核发（BPMN 手机测试）', process: template('licensing') }) },
  ];
  const demo = DEMO_POWERS.find((x) => x.code === DEMO)!;
  for (const x of [...items, { unitCode: demo.unit, code: demo.code, content: demo.content }]) {
    ids[x.code] = (await app.catalogue.createItem(CLI_ACTOR, x)).id;
  }
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

const newPage = (options?: { viewport?: { width: number; height: number } }) => pages.newPage(options);
const signIn = (login: string, options?: { viewport?: { width: number; height: number } }) => pages.signIn(login, options);

async function latest(code: string): Promise<{ revision: number; process: ProcessDefinition }> {
  const item = await server.t.app.catalogue.getItem(CLI_ACTOR, ids[code]!);
  return { revision: item.latestRevision, process: item.latest.content.process! };
}

/** What bpmn-js made of one file: its import warnings and every element it registered, with what it drew. */
interface ViewerResult {
  warnings: string[];
  elements: { id: string; type: string; name: string | null; source: string | null; target: string | null; width: number; height: number; paths: number }[];
  text: string;
}

/** Opens `xml` in the bpmn-js viewer on `page` (the script already added) and reads back what it drew. */
function view(page: Page, xml: string): Promise<ViewerResult> {
  return page.evaluate(async (xml) => {
    interface Shape {
      id: string;
      type: string;
      businessObject: { name?: string; sourceRef?: { id: string }; targetRef?: { id: string } };
    }
    interface Viewer {
      importXML(xml: string): Promise<{ warnings: { message: string }[] }>;
      get(name: 'canvas'): { zoom(mode: string): void };
      get(name: 'elementRegistry'): { getAll(): Shape[]; getGraphics(el: Shape): SVGGElement | undefined };
      destroy(): void;
    }
    const BpmnJS = (window as unknown as { BpmnJS: new (options: { container: HTMLElement }) => Viewer }).BpmnJS;
    document.body.innerHTML = '<div id="canvas" style="width: 1400px; height: 900px"></div>';
    const viewer = new BpmnJS({ container: document.getElementById('canvas')! });
    const { warnings } = await viewer.importXML(xml);
    viewer.get('canvas').zoom('fit-viewport');
    const registry = viewer.get('elementRegistry');
    const elements = registry.getAll().map((el) => {
      const gfx = registry.getGraphics(el);
      const box = gfx?.getBoundingClientRect();
      return {
        id: el.id,
        type: el.type,
        name: el.businessObject.name ?? null,
        source: el.businessObject.sourceRef?.id ?? null,
        target: el.businessObject.targetRef?.id ?? null,
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        paths: gfx?.querySelectorAll('path, polyline, rect, circle, polygon').length ?? 0,
      };
    });
    const text = document.querySelector('#canvas svg')?.textContent ?? '';
    return { warnings: warnings.map((w) => w.message), elements, text };
  }, xml);
}

test('bpmn-js opens the exports of the licensing and joint templates and of a demo item, and draws every step, gateway and flow', async () => {
  const page = await newPage();
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addStyleTag({ path: join(BPMN_JS, 'assets/diagram-js.css') });
  await page.addStyleTag({ path: join(BPMN_JS, 'assets/bpmn-js.css') });
  await page.addScriptTag({ path: join(BPMN_JS, 'bpmn-viewer.production.min.js') });

  const kinds = new Set<string>();
  for (const code of [LICENSING, JOINT, DEMO]) {
    const file = await server.t.app.process.exportBpmn(CLI_ACTOR, ids[code]!, {});
    assert.match(file.fileName, new RegExp(`^${code}-r1\\.bpmn$`));
    const { process } = await latest(code);
    const drawn = await view(page, file.body.toString('utf8'));
    assert.deepEqual(drawn.warnings, [], `${code}: bpmn-js warned`);
    const byId = new Map(drawn.elements.map((e) => [e.id, e]));
    const visible = (id: string, what: string) => {
      const el = byId.get(id);
      assert.ok(el, `${code}: ${what} ${id} is not in the element registry`);
      assert.ok(el.width > 0 && el.height > 0 && el.paths > 0, `${code}: ${what} ${id} is not drawn (${el.width}×${el.height})`);
      return el;
    };

    const text = drawn.text.replace(/\s+/g, '');
    for (const n of process.nodes) {
      kinds.add(n.kind);
      if (n.kind === 'step') {
        const el = visible(n.id, 'step');
        assert.equal(el.type, 'bpmn:UserTask', `${code}: step ${n.id}`);
        assert.equal(el.name, n.name);
        assert.ok(text.includes(n.name.replace(/\s+/g, '')), `${code}: the step name ${n.name} is not written in the drawing`);
      } else if (n.kind === 'exclusive' || n.kind === 'parallel') {
        const el = visible(n.id, 'gateway');
        assert.equal(el.type, n.kind === 'exclusive' ? 'bpmn:ExclusiveGateway' : 'bpmn:ParallelGateway');
      } else {
        assert.equal(visible(n.id, n.kind).type, n.kind === 'start' ? 'bpmn:StartEvent' : 'bpmn:EndEvent');
      }
    }

    // Every flow, once, from where it leaves to where it goes; a straight line is drawn even when it has no height.
    const flows = drawn.elements.filter((e) => e.type === 'bpmn:SequenceFlow');
    assert.equal(flows.length, process.flows.length, `${code}: the number of flows drawn`);
    for (const f of process.flows) {
      const el = flows.find((x) => x.source === f.from && x.target === f.to);
      assert.ok(el, `${code}: the flow ${f.from} → ${f.to} is not drawn`);
      assert.ok(el.width + el.height > 0 && el.paths > 0, `${code}: the flow ${f.from} → ${f.to} has no line`);
      if (f.outcome) assert.ok(text.includes(f.outcome.replace(/\s+/g, '')), `${code}: the outcome ${f.outcome} is not written`);
    }
  }
  // Between them the three processes hold choices, parallel branches and several ends.
  for (const kind of ['start', 'step', 'exclusive', 'parallel', 'end']) assert.ok(kinds.has(kind), `no ${kind} was drawn`);
});

test('the clerk imports one of the nine processes of another modeler’s file as a new draft, after reading the report', async () => {
  const page = await signIn('hbj.clerk');
  await page.goto(`${server.baseUrl}/workbench/powers/${ids[UPLOAD]}/process`);
  await page.getByTestId('process-nodes').waitFor();
  assert.match(await page.getByTestId('process-revision').innerText(), /第 1 版/);

  await page.getByTestId('bpmn-menu').click();
  await page.getByTestId('bpmn-import').click();
  await page.getByTestId('bpmn-import-dialog').waitFor();
  await page.getByTestId('bpmn-file').setInputFiles(join(FIXTURES, 'complex.bpmn'));

  // Nine processes: nothing to import until one is chosen and checked.
  const several = page.getByTestId('bpmn-several');
  await several.waitFor();
  assert.match(await several.innerText(), /这个文件中有 9 个流程/);
  const choices = page.getByTestId('bpmn-processes');
  assert.equal(await choices.getByRole('radio').count(), 9);
  assert.match(await choices.innerText(), /Durchführung Bewerbungsgespräch - Sachbearbeiter Personal\s*13 个节点\s*sid-D0B76975-2A71-4345-9861-401E7CB66AF6/);
  assert.equal(await page.getByTestId('bpmn-import-submit').count(), 0);
  assert.ok(await page.getByTestId('bpmn-check-chosen').isDisabled());

  await choices.getByText(INTERVIEW).click();
  await page.getByTestId('bpmn-check-chosen').click();
  await page.getByTestId('bpmn-ok').waitFor();
  assert.match(await page.getByTestId('bpmn-ok').innerText(), /可以导入：Durchführung Bewerbungsgespräch/);
  // The list folds into the choice made, so the report is in view.
  assert.match(await page.getByTestId('bpmn-several').innerText(), /文件中有 9 个流程，已选择：\s*Durchführung Bewerbungsgespräch - Sachbearbeiter Personal/);
  assert.equal(await page.getByTestId('bpmn-processes').count(), 0);

  // The summary, then the notes grouped by kind, as the server reports them: message flows and annotations left out,
  // steps without duty, role or limit.
  const { report } = await server.t.app.process.importBpmn(CLI_ACTOR, ids[UPLOAD]!, await readFile(join(FIXTURES, 'complex.bpmn')), {
    processId: INTERVIEW,
    dryRun: true,
  });
  assert.equal(report.counts?.steps, 6);
  const counts = page.getByTestId('bpmn-counts');
  const words = { steps: '步骤', choices: '判断', parallels: '并行网关', ends: '结束', flows: '连线' } as const;
  for (const [key, word] of Object.entries(words)) {
    assert.match(await counts.locator(`[data-count="${key}"]`).innerText(), new RegExp(`^${report.counts![key as keyof typeof words]}\\s*${word}$`));
  }
  const kinds = { refused: '拒绝', unsupported: '不支持', adapted: '已调整', warning: '警告' } as const;
  for (const [kind, word] of Object.entries(kinds)) {
    const n = report.entries.filter((e) => e.kind === kind).length;
    const group = page.getByTestId(`bpmn-kind-${kind}`);
    if (n === 0) assert.equal(await group.count(), 0, kind);
    else assert.match(await group.innerText(), new RegExp(`^${word}\\s*${n}\\s`));
    assert.equal(await page.locator(`[data-testid="bpmn-entry"][data-kind="${kind}"]`).count(), n, kind);
  }
  const warnings = report.entries.filter((e) => e.kind === 'warning');
  assert.ok(warnings.length > 0);
  const flow = report.entries.find((e) => e.kind === 'unsupported' && e.element === 'messageFlow');
  assert.ok(flow, 'the report names a message flow');
  assert.match(
    await page.locator('[data-testid="bpmn-entry"][data-kind="unsupported"]', { hasText: flow.id! }).innerText(),
    new RegExp(`消息流（与其他参与方之间的往来）不由系统执行，未导入\\s*第 ${flow.line} 行 · messageFlow · ${literal(flow.id!)}`),
  );
  const warned = warnings[0]!;
  assert.match(
    await page.locator('[data-testid="bpmn-entry"][data-kind="warning"]').first().innerText(),
    new RegExp(`${literal(warned.message.zh)}\\s*第 ${warned.line} 行 · ${warned.element} · ${literal(warned.id!)} · “${literal(warned.name!)}”`),
  );

  // Dry runs saved nothing.
  assert.equal((await latest(UPLOAD)).revision, 1);

  await page.getByTestId('bpmn-import-submit').click();
  const done = page.getByTestId('bpmn-done');
  await done.waitFor();
  assert.equal(await done.getAttribute('data-revision'), '2');
  assert.match(await done.innerText(), new RegExp(`已导入为第 2 版（草稿）[\\s\\S]*还有 ${warnings.length} 处警告`));
  // The editor behind the dialog already shows the imported revision.
  await page.waitForFunction(() => /第 2 版/.test(document.querySelector('[data-testid="process-revision"]')?.textContent ?? ''));
  await page.getByTestId('bpmn-done-close').click();
  await done.waitFor({ state: 'hidden' });
  const nodes = await page.getByTestId('process-nodes').innerText();
  for (const step of ['Bewerbungs-gespräch führen', 'Bewerber beurteilen', 'Arbeits- vertrag anfordern'])
    assert.ok(nodes.includes(step), `the editor lacks ${step}`);
  await page.getByTestId('process-warnings').waitFor();

  const saved = await latest(UPLOAD);
  assert.equal(saved.revision, 2);
  assert.deepEqual(
    saved.process.nodes.filter((n) => n.kind === 'step').map((n) => n.name),
    [
      'Bewerbungs-gespräch führen',
      'Bewerber beurteilen',
      'Beurteilung anfordern',
      'Beurteilungen auswerten',
      'Bewerbungs- daten aktualisieren',
      'Arbeits- vertrag anfordern',
    ],
  );

  // A file without a start event is refused, with the reason and no way to import it.
  await page.getByTestId('bpmn-menu').click();
  await page.getByTestId('bpmn-import').click();
  await page.getByTestId('bpmn-file').setInputFiles(join(FIXTURES, 'simple.bpmn'));
  await page.getByTestId('bpmn-refused').waitFor();
  assert.match(await page.getByTestId('bpmn-refused').innerText(), /文件不能导入/);
  assert.match(await page.locator('[data-testid="bpmn-entry"][data-kind="refused"]').innerText(), /流程没有开始事件（startEvent）[\s\S]*Process_1/);
  assert.match(
    await page.locator('[data-testid="bpmn-entry"][data-kind="unsupported"]').innerText(),
    /子流程作为一个步骤导入[\s\S]*第 4 行 · subProcess · SubProcess_1 · “Sub Process 1”/,
  );
  assert.equal(await page.getByTestId('bpmn-import-submit').count(), 0);
  assert.equal(await page.getByTestId('bpmn-several').count(), 0);
  await page.getByTestId('bpmn-cancel').click();
  assert.equal((await latest(UPLOAD)).revision, 2);
});

test('on a phone: a file refused, an import stopped by a newer revision, and unsaved changes replaced only after asking', async () => {
  const page = await signIn('hbj.clerk', { viewport: { width: 390, height: 844 } });
  await page.goto(`${server.baseUrl}/workbench/powers/${ids[PHONE]}/process`);
  await page.getByTestId('process-nodes').waitFor();

  const openImport = async () => {
    await page.getByTestId('bpmn-menu').click();
    await page.getByTestId('bpmn-import').click();
    await page.getByTestId('bpmn-import-dialog').waitFor();
  };
  const noSidewaysScroll = async () => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide`);
  };

  await openImport();
  // The network fails during the check: the dialog says so, and checks again when asked.
  await page.route('**/api/v1/powers/*/bpmn?*', (route) => route.abort());
  await page.getByTestId('bpmn-file').setInputFiles(join(FIXTURES, 'simple.bpmn'));
  await page.getByTestId('bpmn-check-error').waitFor();
  assert.match(await page.getByTestId('bpmn-check-error').innerText(), /无法连接服务器/);
  await page.unrouteAll();
  await page
    .getByTestId('bpmn-check-error')
    .getByRole('button', { name: /重\s*试/ })
    .click();
  await page.getByTestId('bpmn-refused').waitFor();
  assert.equal(await page.getByTestId('bpmn-check-error').count(), 0);
  await noSidewaysScroll();

  // Another file, in English: it can be imported; meanwhile someone saves a newer revision.
  await page.getByTestId('bpmn-file').setInputFiles(join(FIXTURES, 'yaoqiang-event-definitions.bpmn'));
  await page.getByTestId('bpmn-ok').waitFor();
  assert.equal(await page.getByTestId('bpmn-refused').count(), 0);
  // What bpmn-js would not tell: the humanPerformer and potentialOwner are no Sunlit roles, two outcomes had no name.
  assert.ok((await page.locator('[data-testid="bpmn-entry"][data-kind="adapted"]').count()) >= 2);
  await noSidewaysScroll();
  const before = await server.t.app.catalogue.getItem(CLI_ACTOR, ids[PHONE]!);
  await server.t.app.catalogue.reviseItem(CLI_ACTOR, {
    itemId: ids[PHONE]!,
    basedOn: 1,
    content: { ...before.latest.content, serviceObject: '建设单位和个人' },
  });
  await page.getByTestId('bpmn-import-submit').click();
  await page.getByTestId('bpmn-stale').waitFor();
  assert.match(await page.getByTestId('bpmn-stale').innerText(), /他人已保存了更新的版本，文件未导入[\s\S]*又保存了第 2 版/);
  assert.equal((await latest(PHONE)).revision, 2);
  await page.getByTestId('bpmn-stale-reload').click();
  await page.waitForFunction(() => /第 2 版/.test(document.querySelector('[data-testid="process-revision"]')?.textContent ?? ''));

  // Unsaved changes in the editor: the dialog says they will go, and the import asks first.
  await page.getByTestId('process-node-review').getByLabel('步骤名称', { exact: true }).fill('现场审查');
  await page.getByTestId('process-dirty').waitFor();
  await openImport();
  await page.getByTestId('bpmn-dirty').waitFor();
  await page.getByTestId('bpmn-file').setInputFiles(join(FIXTURES, 'yaoqiang-event-definitions.bpmn'));
  await page.getByTestId('bpmn-ok').waitFor();
  await page.getByTestId('bpmn-import-submit').click();
  await page.getByTestId('bpmn-dirty-ok').click();
  await page.getByTestId('bpmn-done').waitFor();
  assert.equal(await page.getByTestId('bpmn-done').getAttribute('data-revision'), '3');
  await noSidewaysScroll();
  await page.getByTestId('bpmn-done-close').click();
  await page.waitForFunction(() => /第 3 版/.test(document.querySelector('[data-testid="process-revision"]')?.textContent ?? ''));
  assert.equal(await page.getByTestId('process-dirty').count(), 0);
  assert.ok((await page.getByTestId('process-nodes').innerText()).includes('Work work work'));
  assert.deepEqual(
    (await latest(PHONE)).process.nodes.filter((n) => n.kind === 'step').map((n) => n.name),
    ['UserTask', 'SendEmail', 'ExecuteScript', 'Work work work'],
  );
});

test('the export buttons on the item page and in the editor download the revision as a .bpmn file', async () => {
  const page = await signIn('hbj.clerk');
  const downloaded = async (click: () => Promise<void>) => {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  };

  await page.goto(`${server.baseUrl}/workbench/powers/${ids[LICENSING]}?tab=process`);
  await page.getByTestId('process-tab-image').waitFor();
  const fromTab = await downloaded(() => page.getByTestId('bpmn-export').click());
  assert.equal(fromTab.name, `${LICENSING}-r1.bpmn`);
  assert.ok(fromTab.text.startsWith('<?xml'), fromTab.text.slice(0, 40));
  assert.ok(fromTab.text.includes('bpmn:definitions'));
  assert.ok(fromTab.text.includes('name="一次性告知补正"'));

  await page.goto(`${server.baseUrl}/workbench/powers/${ids[LICENSING]}/process`);
  await page.getByTestId('process-nodes').waitFor();
  await page.getByTestId('bpmn-menu').click();
  const fromEditor = await downloaded(() => page.getByTestId('bpmn-export').click());
  assert.match(fromEditor.name, /\.bpmn$/);
  assert.equal(fromEditor.text, fromTab.text);

  // Someone who only reads the item has the export button, and no import.
  const inspector = await signIn('inspector');
  await inspector.goto(`${server.baseUrl}/workbench/powers/${ids[LICENSING]}/process`);
  await inspector.getByTestId('process-nodes').waitFor();
  await inspector.getByTestId('bpmn-export').waitFor();
  assert.equal(await inspector.getByTestId('bpmn-menu').count(), 0);
});
