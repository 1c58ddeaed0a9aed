// Layout snapshots that a person has looked at: every golden in testdata/ was rendered to PNG and inspected before it
// was accepted — the five templates (licensing, penalty, benefit, village, joint) and the 30-step process, each as
// 权力运行流程图 and 廉政风险防控图 (12 files), checked for overlapping labels, text outside its box, edges through text,
// loops (licensing 补正, thirty-steps 补正) and the wrapped 30-step chart; and a 14-step chain with a 退回 flow from its
// last step to its first (2 files), which ELK fails to wrap. Regenerate after a deliberate change with
//   UPDATE_GOLDEN=1 node scripts/run-tests.js drawing/drawing
// and look at the PNGs again (node bin/run-ts.js scripts/render-docs-drawings.ts --goldens /tmp/goldens writes them).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { Resvg } from '@resvg/resvg-js';
import { PROCESS_TEMPLATES } from '../process-templates.data.ts';
import { RISK_GRADE_LABELS } from '../process-vocabulary.data.ts';
import type { ProcessDefinition, ProcessNode, StepNode } from '../process.rules.ts';
import { drawProcess } from './drawing.ts';
import { textWidth } from './text-metrics.ts';
import { sampleInput } from './testdata/fixtures.ts';
import { chainWithBackFlows } from './testdata/pathological.ts';
import { THIRTY_STEPS } from './testdata/thirty-steps.ts';

const GOLDEN_DIR = new URL('./testdata/', import.meta.url);
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const CASES: { name: string; process: ProcessDefinition }[] = [
  ...PROCESS_TEMPLATES.map((t) => ({ name: t.code, process: t.process })),
  { name: 'thirty-steps', process: THIRTY_STEPS },
  // ELK's wrapped layout throws on this one (NoSuchElementException): the unwrapped chart is drawn.
  { name: 'chain-back-to-first', process: chainWithBackFlows(14, 'last') },
];

interface Span {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
  anchor: string;
}
const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const num = (tag: string, name: string): number => Number(attr(tag, name));
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The <tspan> lines of an SVG fragment. */
function spans(fragment: string): Span[] {
  return [...fragment.matchAll(/<tspan([^>]*)>([^<]*)<\/tspan>/g)].map(([, tag, text]) => ({
    text: unescape(text!),
    x: num(tag!, 'x'),
    y: num(tag!, 'y'),
    size: num(tag!, 'font-size'),
    bold: attr(tag!, 'font-weight') === 'bold',
    anchor: attr(tag!, 'text-anchor') ?? 'start',
  }));
}
/** Horizontal extent and the em box of a line as drawn. */
function extent(s: Span) {
  const w = textWidth(s.text, s.size, s.bold);
  const left = s.anchor === 'middle' ? s.x - w / 2 : s.anchor === 'end' ? s.x - w : s.x;
  return { left, right: left + w, top: s.y - 0.88 * s.size, bottom: s.y + 0.12 * s.size };
}
const nodeGroups = (svg: string) =>
  [...svg.matchAll(/<g class="node (\w+)" data-node="([^"]*)">([\s\S]*?)<\/g>/g)].map(([, kind, id, body]) => ({
    kind: kind!,
    id: unescape(id!),
    body: body!,
  }));

/** Every line of every node inside its shape, every edge label inside its background, all of it on the page. */
function assertTextInside(svg: string, where: string) {
  for (const g of nodeGroups(svg)) {
    const lines = spans(g.body);
    if (g.kind === 'exclusive') {
      const pts = attr(/<polygon[^>]*>/.exec(g.body)![0], 'points')!
        .split(' ')
        .map((p) => p.split(',').map(Number));
      type P = [number, number];
      const [top, right, bottom, left] = pts as [P, P, P, P];
      const cx = top[0];
      const cy = right[1];
      const hw = (right[0] - left[0]) / 2;
      const hh = (bottom[1] - top[1]) / 2;
      for (const s of lines) {
        const e = extent(s);
        for (const [x, y] of [
          [e.left, e.top],
          [e.right, e.top],
          [e.left, e.bottom],
          [e.right, e.bottom],
        ] as const)
          assert.ok(Math.abs(x - cx) / hw + Math.abs(y - cy) / hh <= 1.001, `${where}: “${s.text}” leaves the diamond ${g.id}`);
      }
    } else if (g.kind !== 'parallel') {
      const rect = /<rect[^>]*>/.exec(g.body)![0];
      const [x, y, w, h] = [num(rect, 'x'), num(rect, 'y'), num(rect, 'width'), num(rect, 'height')];
      const inset = g.kind === 'step' ? 4 : h / 2 - 6; // a pill's round ends hold no text
      for (const s of lines) {
        const e = extent(s);
        assert.ok(
          e.left >= x + inset - 0.05 && e.right <= x + w - inset + 0.05,
          `${where}: “${s.text}” (${e.left.toFixed(1)}–${e.right.toFixed(1)}) is wider than ${g.id} (${x}–${x + w})`,
        );
        assert.ok(e.top >= y && e.bottom <= y + h, `${where}: “${s.text}” leaves ${g.id} vertically`);
      }
    }
  }
  for (const [, x, , w, , body] of svg.matchAll(
    /<rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="#fff"\/><text[^>]*>([\s\S]*?)<\/text>/g,
  )) {
    for (const s of spans(body!)) {
      const e = extent(s);
      assert.ok(e.left >= Number(x) - 0.05 && e.right <= Number(x) + Number(w) + 0.05, `${where}: edge label “${s.text}” is wider than its background`);
    }
  }
  // The frame, the chart's shapes and the risk column stay on the page.
  const [, , pageW, pageH] = attr(svg.slice(0, 400), 'viewBox')!.split(' ').map(Number) as [number, number, number, number];
  const frame = /<g class="frame">([\s\S]*?)<\/g>/.exec(svg)![1]!;
  for (const s of spans(frame)) {
    const e = extent(s);
    assert.ok(e.left >= 0 && e.right <= pageW && e.top >= 0 && e.bottom <= pageH, `${where}: “${s.text}” leaves the page`);
  }
  const chart = /<g class="chart" transform="translate\(([-\d.]+) ([-\d.]+)\) scale\(([\d.]+)\)">/.exec(svg);
  if (chart) {
    const [tx, ty, k] = chart.slice(1).map(Number) as [number, number, number];
    for (const g of nodeGroups(svg)) {
      const shape = /<(rect|polygon)[^>]*>/.exec(g.body)![0];
      const xs = attr(shape, 'points')
        ?.split(' ')
        .map((p) => p.split(',').map(Number)) ?? [
        [num(shape, 'x'), num(shape, 'y')],
        [num(shape, 'x') + num(shape, 'width'), num(shape, 'y') + num(shape, 'height')],
      ];
      for (const [px, py] of xs)
        assert.ok(tx + px! * k >= 0 && tx + px! * k <= pageW && ty + py! * k >= 0 && ty + py! * k <= pageH, `${where}: ${g.id} leaves the page`);
    }
    // Edges too: besides looking wrong, resvg 2.6 aborts the whole process on an arrowhead drawn wholly off the canvas.
    for (const [, d] of svg.matchAll(/<path d="(M[^"]*)"\/>/g)) {
      for (const [, px, py] of d!.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)) {
        const [x, y] = [tx + Number(px) * k, ty + Number(py) * k];
        assert.ok(x >= 0 && x <= pageW && y >= 0 && y <= pageH, `${where}: an edge leaves the page at ${x},${y}`);
      }
    }
  }
  const column = /<g class="risk-column" transform="translate\(([-\d.]+) ([-\d.]+)\) scale\(([\d.]+)\)">([\s\S]*?)<\/g>/.exec(svg);
  if (column) {
    const [tx, , k] = column.slice(1, 4).map(Number) as [number, number, number];
    for (const s of spans(column[4]!)) assert.ok(tx + extent(s).right * k <= pageW - 30, `${where}: risk column line “${s.text}” runs off the page`);
  }
}

const allText = (fragment: string) =>
  spans(fragment)
    .map((s) => s.text)
    .join('');
const isStep = (n: ProcessNode): n is StepNode => n.kind === 'step';

for (const { name, process } of CASES) {
  for (const risk of [false, true]) {
    const file = `${name}.${risk ? 'risk-map' : 'flowchart'}.svg`;
    test(`${file}: matches its golden, with every step named, all text inside its box and A4 proportions`, async () => {
      const svg = await drawProcess(sampleInput(process), { risk });
      const golden = new URL(file, GOLDEN_DIR);
      if (UPDATE) writeFileSync(golden, svg);
      assert.ok(existsSync(golden), `no golden ${file}: run UPDATE_GOLDEN=1 node scripts/run-tests.js drawing/drawing, then look at the drawing`);
      const expected = readFileSync(golden, 'utf8');
      if (svg !== expected) {
        const at = [...svg].findIndex((c, i) => c !== expected[i]);
        assert.fail(
          `${file} differs from its golden near “${svg.slice(Math.max(0, at - 60), at + 60)}”.\n` +
            `If the change is intended: UPDATE_GOLDEN=1 node scripts/run-tests.js drawing/drawing, and look at the PNGs before committing.`,
        );
      }

      // Every step's name, wrapped or not, is text of its node.
      const groups = new Map(nodeGroups(svg).map((g) => [g.id, g]));
      for (const step of process.nodes.filter(isStep)) {
        assert.ok(allText(groups.get(step.id)?.body ?? '').includes(step.name), `${file}: step ${step.name} is drawn as text`);
      }
      for (const n of process.nodes.filter((n) => n.kind === 'end')) assert.ok(allText(groups.get(n.id)!.body).includes(n.name!), `${file}: end ${n.name}`);
      assertTextInside(svg, file);

      // A4 exactly, in millimetres.
      const [, , w, h] = attr(svg.slice(0, 400), 'viewBox')!.split(' ').map(Number) as [number, number, number, number];
      const landscape = w > h;
      assert.equal(w / h, landscape ? 297 / 210 : 210 / 297);
      assert.match(svg, landscape ? /width="297mm" height="210mm"/ : /width="210mm" height="297mm"/);
      assert.ok(allText(svg).includes(`酒类商品零售许可 ${risk ? '廉政风险防控图' : '权力运行流程图'}`));

      if (risk) {
        const column = /<g class="risk-column"[^>]*>([\s\S]*?)<\/g>/.exec(svg)![1]!;
        const text = allText(column);
        const risks = process.nodes.filter(isStep).flatMap((s) => s.risks);
        for (const r of risks) {
          assert.ok(text.includes(r.description), `${file}: the column lists “${r.description}”`);
          assert.ok(text.includes(r.measures), `${file}: the column lists the measures “${r.measures}”`);
          assert.ok(text.includes(RISK_GRADE_LABELS[r.grade].stars), `${file}: ${RISK_GRADE_LABELS[r.grade].stars}`);
        }
        // One badge per risk point in the chart and one in the column, numbered 1…n.
        const badges = [...svg.matchAll(/<circle[^>]*\/><text[^>]*>(\d+)<\/text>/g)].map((m) => Number(m[1]));
        assert.deepEqual(
          badges.sort((a, b) => a - b),
          risks.flatMap((_, i) => [i + 1, i + 1]),
        );
        for (const step of process.nodes.filter(isStep).filter((s) => s.risks.length > 0)) {
          assert.ok(allText(groups.get(step.id)!.body).includes('★'), `${file}: ${step.name} carries its stars`);
        }
      } else {
        assert.ok(!svg.includes('★') && !svg.includes('risk-column'), `${file}: a flowchart has no risk marks`);
      }
    });
  }
}

test('the same input draws the same SVG text', async () => {
  const a = await drawProcess(sampleInput(THIRTY_STEPS), { risk: true });
  const b = await drawProcess(sampleInput(structuredClone(THIRTY_STEPS)), { risk: true });
  assert.equal(a, b);
  assert.doesNotMatch(a.replace(/scale\([\d.]+\)/g, ''), /\d\.\d\d/, 'coordinates are rounded to one decimal');
});

test('a risk map without risk points says so', async () => {
  const p = structuredClone(PROCESS_TEMPLATES.find((t) => t.code === 'licensing')!.process);
  for (const n of p.nodes) if (n.kind === 'step') n.risks = [];
  const svg = await drawProcess(sampleInput(p), { risk: true });
  assert.ok(allText(svg).includes('无廉政风险点'));
});

test('text from users is escaped and the SVG stays well-formed', async () => {
  const p: ProcessDefinition = {
    nodes: [
      { id: 's"<', kind: 'start', name: '<script>alert("x")</script>' },
      {
        id: 'a',
        kind: 'step',
        name: "A&B “审查” 'x'",
        duty: 'review',
        performer: { role: null, unit: 'own', unitCode: null },
        limitDays: 1,
        clockStop: null,
        risks: [],
      },
      { id: 'e', kind: 'end', name: '办结 & 归档' },
    ],
    flows: [
      { from: 's"<', to: 'a', outcome: '<准予>' },
      { from: 'a', to: 'e', outcome: null },
    ],
  };
  const svg = await drawProcess(sampleInput(p, { title: 'T<&>"\'', basis: ['《法》&<'], supervisionPhone: '<0000>' }), { risk: true });
  assert.ok(!svg.includes('<script>') && svg.includes('&lt;script&gt;'));
  assert.ok(svg.includes('T&lt;&amp;&gt;&quot;&apos; 廉政风险防控图'));
  new Resvg(svg, { font: { loadSystemFonts: false } }); // parses the XML; throws on a malformed document
  assert.ok(allText(svg).includes("A&B “审查” 'x'"));
});

const step = (id: string, name: string): StepNode => ({
  id,
  kind: 'step',
  name,
  duty: 'review',
  performer: { role: null, unit: 'named', unitCode: null },
  limitDays: null,
  clockStop: null,
  risks: [],
});
const BROKEN: Record<string, ProcessDefinition> = {
  empty: { nodes: [], flows: [] },
  'dangling flows': {
    nodes: [{ id: 's', kind: 'start', name: null }, step('a', '审查'), { id: 'e', kind: 'end', name: '办结' }],
    flows: [
      { from: 's', to: 'a', outcome: null },
      { from: 'a', to: 'gone', outcome: '准予' },
      { from: 'nowhere', to: 'e', outcome: null },
    ],
  },
  'no start and an unnamed end': {
    nodes: [step('a', '审查'), step('b', '决定'), { id: 'e', kind: 'end', name: '' }],
    flows: [
      { from: 'a', to: 'b', outcome: null },
      { from: 'b', to: 'e', outcome: null },
    ],
  },
  'no end, nothing connected, unnamed nodes': {
    nodes: [
      { id: 's', kind: 'start', name: null },
      step('a', ''),
      step('b', '决定'),
      { id: 'x', kind: 'exclusive', name: null },
      { id: 'p', kind: 'parallel', name: '会签汇总' },
    ],
    flows: [],
  },
  'a step looping to itself': {
    nodes: [{ id: 's', kind: 'start', name: null }, step('a', '审查'), { id: 'e', kind: 'end', name: '办结' }],
    flows: [
      { from: 's', to: 'a', outcome: null },
      { from: 'a', to: 'a', outcome: '补正' },
      { from: 'a', to: 'e', outcome: '通过' },
    ],
  },
  'duplicate ids': {
    nodes: [{ id: 's', kind: 'start', name: null }, step('a', '审查'), step('a', '决定'), { id: 'e', kind: 'end', name: '办结' }],
    flows: [
      { from: 's', to: 'a', outcome: null },
      { from: 'a', to: 'e', outcome: null },
      { from: 'a', to: 'e', outcome: null },
    ],
  },
  'a cycle with no way in': {
    nodes: [step('a', '甲'), step('b', '乙'), step('c', '丙')],
    flows: [
      { from: 'a', to: 'b', outcome: null },
      { from: 'b', to: 'c', outcome: null },
      { from: 'c', to: 'a', outcome: null },
    ],
  },
  'risk points not yet validated': {
    nodes: [
      { id: 's', kind: 'start', name: null },
      { ...step('a', '审查'), risks: [{ grade: 7, category: 'unknown', description: '', measures: '', post: null }] } as unknown as StepNode,
    ],
    flows: [{ from: 's', to: 'a', outcome: null }],
  },
};

for (const [what, process] of Object.entries(BROKEN)) {
  test(`a process being edited draws without throwing: ${what}`, async () => {
    for (const risk of [false, true]) {
      const svg = await drawProcess(sampleInput(process, { supervisionPhone: null, basis: [], statutoryLimit: null, promisedLimit: null }), { risk });
      new Resvg(svg, { font: { loadSystemFonts: false } });
      if (process.nodes.length === 0) assert.ok(allText(svg).includes('尚未绘制流程'));
      else assertTextInside(svg, what);
    }
  });
}
