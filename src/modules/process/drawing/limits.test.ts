// The drawing engine's limits: processes that ELK fails on or takes too long with, layout off the main thread, and
// text holding characters XML does not allow.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { PROCESS_TEMPLATES } from '../process-templates.data.ts';
import type { ProcessDefinition } from '../process.rules.ts';
import { closeLayoutThread, drawProcess, renderPng, UndrawableProcess } from './drawing.ts';
import { layoutInWorker } from './layout-thread.ts';
import { loadFonts } from './text-metrics.ts';
import { sampleInput } from './testdata/fixtures.ts';
import { chainWithBackFlows } from './testdata/pathological.ts';

const LICENSING = PROCESS_TEMPLATES.find((t) => t.code === 'licensing')!.process;
const golden = (file: string) => readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8');
const undrawable = (reason: UndrawableProcess['reason']) => (e: unknown) => e instanceof UndrawableProcess && e.reason === reason;

test('a chain of 12 to 14 steps with a 退回 flow from the last step to the first draws (ELK fails to wrap it: the unwrapped chart stands)', async () => {
  for (const steps of [12, 13, 14]) {
    const process = chainWithBackFlows(steps, 'last');
    const svg = await drawProcess(sampleInput(process), { risk: false });
    for (let i = 2; i <= steps; i++) assert.ok(svg.includes(`审查步骤${i}`), `${steps} steps: step ${i} is drawn`);
    assert.equal((svg.match(/<path d="M[^"]*"\/>/g) ?? []).length, process.flows.length, `${steps} steps: every flow is drawn`);
  }
});

test('a process ELK cannot lay out within the time limit rejects with UndrawableProcess(timeout) without blocking the event loop, and the next drawing gets a fresh worker', async () => {
  loadFonts();
  await drawProcess(sampleInput(LICENSING), { risk: false }); // the worker is up
  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  try {
    // ELK alone takes minutes over this one (a 退回 flow from each of 60 steps to 受理).
    await assert.rejects(drawProcess(sampleInput(chainWithBackFlows(60, 'every')), { risk: false, timeLimitMs: 500 }), undrawable('timeout'));
  } finally {
    clearInterval(ticker);
  }
  const took = performance.now() - started;
  assert.ok(took >= 500 && took < 2000, `rejected after ${Math.round(took)} ms`);
  assert.ok(longestGap < 250, `the event loop kept turning (longest gap ${Math.round(longestGap)} ms)`);

  assert.equal(await drawProcess(sampleInput(LICENSING), { risk: false }), golden('licensing.flowchart.svg'));
});

test('drawings queued behind one that times out each get their own time limit and draw', async () => {
  const results = await Promise.allSettled([
    drawProcess(sampleInput(LICENSING), { risk: true, timeLimitMs: 3000 }),
    drawProcess(sampleInput(chainWithBackFlows(60, 'every')), { risk: false, timeLimitMs: 400 }),
    drawProcess(sampleInput(LICENSING), { risk: false, timeLimitMs: 3000 }),
    drawProcess(sampleInput(chainWithBackFlows(60, 'every')), { risk: true, timeLimitMs: 400 }),
    drawProcess(sampleInput(LICENSING), { risk: false, timeLimitMs: 3000 }),
  ]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled'],
  );
  const value = (i: number) => (results[i] as PromiseFulfilledResult<string>).value;
  assert.equal(value(0), golden('licensing.risk-map.svg'));
  assert.equal(value(2), golden('licensing.flowchart.svg'));
  assert.equal(value(4), golden('licensing.flowchart.svg'));
  for (const i of [1, 3]) assert.ok(undrawable('timeout')((results[i] as PromiseRejectedResult).reason));
});

test('ELK failing on a graph rejects with UndrawableProcess(layout_failed), and the worker goes on', async () => {
  const graph = { id: 'root', children: [{ id: 'a', width: 10, height: 10 }], edges: [{ id: 'e', sources: ['a'], targets: ['gone'] }] };
  await assert.rejects(layoutInWorker(graph), (e: unknown) => undrawable('layout_failed')(e) && /Referenced shape does not exist/.test((e as Error).message));
  assert.equal(await drawProcess(sampleInput(LICENSING), { risk: true }), golden('licensing.risk-map.svg'));
});

test('closing the layout thread rejects the layouts under way, and a later drawing starts it again', async () => {
  const rejected = Promise.all([
    assert.rejects(drawProcess(sampleInput(chainWithBackFlows(60, 'every')), { risk: false }), /closed/),
    assert.rejects(drawProcess(sampleInput(LICENSING), { risk: false }), /closed/),
  ]);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await closeLayoutThread();
  await rejected;
  assert.equal(await drawProcess(sampleInput(LICENSING), { risk: false }), golden('licensing.flowchart.svg'));
});

test('an idle layout worker does not keep the process alive', () => {
  const drawing = new URL('./drawing.ts', import.meta.url).href;
  const fixtures = new URL('./testdata/fixtures.ts', import.meta.url).href;
  const script =
    `const { drawProcess } = await import(${JSON.stringify(drawing)}); const { sampleInput, LIQUOR_RETAIL_LICENCE } = await import(${JSON.stringify(fixtures)});` +
    `const svg = await drawProcess(sampleInput(LIQUOR_RETAIL_LICENCE), { risk: false }); console.log(svg.startsWith('<svg') ? 'drawn' : 'not drawn');`;
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../../../..', import.meta.url)),
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(run.stdout.trim(), 'drawn', run.stderr);
  assert.equal(run.status, 0, `exited by itself (${run.signal ?? ''}, ${Math.round(performance.now() - started)} ms)`);
});

test('characters XML does not allow are left out of the drawing: it parses as XML and renders to PNG', async () => {
  const p: ProcessDefinition = {
    nodes: [
      { id: 's\u0001', kind: 'start', name: '申请\u0000' },
      {
        id: 'a',
        kind: 'step',
        name: 'a\u0000b\u0007c',
        duty: 'review',
        performer: { role: null, unit: 'own', unitCode: null },
        limitDays: 1,
        clockStop: null,
        risks: [{ grade: 2, category: 'bribery', description: '风险\u001f描述', measures: '\u000b措施', post: '岗位\u0008' }],
      },
      { id: 'x', kind: 'exclusive', name: '\u0000' },
      { id: 'e', kind: 'end', name: '办结\ufffe' },
    ],
    flows: [
      { from: 's\u0001', to: 'a', outcome: null },
      { from: 'a', to: 'x', outcome: '\u0000' },
      { from: 'x', to: 'e', outcome: '准予\u0007' },
      { from: 'x', to: 'a', outcome: '补正\u000c' },
    ],
  };
  const input = sampleInput(p, { title: '许可\u0000事项', unitName: '示范县\u0002局', basis: ['《法》\u0003'], supervisionPhone: '0000\u0004' });
  for (const risk of [false, true]) {
    const svg = await drawProcess(input, { risk });
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(svg, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    assert.ok(svg.includes('>abc<') && svg.includes('许可事项') && svg.includes('补正'), 'the text is drawn without them');
    const parsed = await validateXML({ xml: [{ fileName: 'drawing.svg', contents: svg }], normalization: 'format' });
    assert.deepEqual(parsed.errors, []);
    const png = renderPng(svg);
    assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
  }
});
