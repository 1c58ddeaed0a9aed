// The chart of a process: each node's text measured and wrapped, its size derived from that, and every position
// and edge route decided by ELK's layered algorithm. Nothing here knows about the page the chart is put on.
import type { ElkExtendedEdge, ElkLabel, ElkNode, ElkPort, LayoutOptions } from 'elkjs/lib/elk-api.js';
import { backFlows, type Flow, type ProcessDefinition, type ProcessNode, type RiskPoint, type StepNode } from '../process.rules.ts';
import { DUTY_LABELS, RISK_GRADE_LABELS, type RiskGrade } from '../process-vocabulary.data.ts';
import { layoutInWorker } from './layout-thread.ts';
import { textWidth, wrapText, type FontSpec } from './text-metrics.ts';

export interface Point {
  x: number;
  y: number;
}

/** One line of text; x and y (the baseline) are relative to what holds it. */
export interface TextLine {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
  anchor: 'start' | 'middle' | 'end';
  /** A colour other than the text colour (risk stars). */
  fill?: string;
}

export type NodeKind = ProcessNode['kind'];

export interface ChartNode {
  kind: NodeKind;
  /** The process node's id, for tests and the editor's cross-reference. */
  nodeId: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Where the shape is drawn inside the box (a named parallel gateway carries its name beside the diamond). */
  shape: { x: number; y: number; w: number; h: number };
  lines: TextLine[];
  /** Steps: y of the rule between the name and the details. */
  ruleY: number | null;
  /** Risk map: the highest grade of the step's risk points and their numbers, filled in after layout. */
  grade: RiskGrade | null;
  badges: { n: number; x: number; y: number; grade: RiskGrade }[];
}

export interface ChartLabel {
  x: number;
  y: number;
  w: number;
  h: number;
  lines: TextLine[];
}

export interface ChartEdge {
  /** The flow's place in the process's list of flows (BPMN export names its edge after it). */
  flowIndex: number;
  points: Point[];
  labels: ChartLabel[];
}

/** A risk point with the number its badge shows. */
export interface NumberedRisk {
  n: number;
  step: StepNode;
  risk: RiskPoint;
}

export interface Chart {
  width: number;
  height: number;
  nodes: ChartNode[];
  edges: ChartEdge[];
  risks: NumberedRisk[];
  /** How many flows go back up the chart (补正 → 受理), each routed up its side. */
  backFlows: number;
}

export interface ChartInput {
  process: ProcessDefinition;
  performerLabel: (step: StepNode) => string;
  risk: boolean;
}

/** Stroke colour of each risk grade (also used for its stars and badges). */
export const GRADE_STROKE: Record<RiskGrade, string> = { 1: '#c0392b', 2: '#d35400', 3: '#b7950b' };

// Sizes in chart units (about a CSS pixel at 100 %); the sheet scales the chart to the page.
const STEP_WIDTH = 200;
const PAD = 10;
export const FONTS = {
  stepName: { size: 15, bold: true },
  detail: { size: 11.5 },
  terminator: { size: 13, bold: true },
  gateway: { size: 12 },
  edgeLabel: { size: 11.5 },
  stars: { size: 12 },
  badge: { size: 10, bold: true },
} satisfies Record<string, FontSpec>;
const LEADING = 1.3;
const BADGE_D = 16;
/** Height of the row of stars and badges on top of a risk step. */
const RISK_ROW = 18;
const GATEWAY_TEXT_MAX = 100;
const GATEWAY_RATIO = 0.6;
const PARALLEL_SIZE = 40;

const lineHeight = (f: FontSpec) => f.size * LEADING;
/** Baseline of a line whose box starts at `top`: the ideographic em box centred in the line box. */
const baseline = (top: number, f: FontSpec) => top + lineHeight(f) / 2 + f.size * 0.36;
const r1 = (x: number) => Math.round(x * 10) / 10;

/** Text of a step's limit: its working days, or what stops the clock. */
export function limitText(step: StepNode): string[] {
  const out: string[] = [];
  // A clock-stopping step's days do not count, so only a positive figure is worth showing beside the marker.
  if (step.limitDays !== null && !(step.clockStop && step.limitDays === 0)) out.push(step.limitDays === 0 ? '即办' : `${step.limitDays}个工作日`);
  if (step.clockStop) out.push(`${step.clockStop}（不计时）`);
  if (out.length === 0) out.push('时限未定');
  return out;
}

/** Highest grade of a step's risk points (一级 is highest), tolerating grades an editor has not validated yet. */
export function highestGrade(risks: readonly RiskPoint[]): RiskGrade | null {
  let g: RiskGrade | null = null;
  for (const r of risks) {
    const grade = RISK_GRADE_LABELS[r.grade] ? r.grade : 3;
    if (g === null || grade < g) g = grade;
  }
  return g;
}

function centredLines(texts: string[], font: FontSpec, top: number, cx: number): { lines: TextLine[]; bottom: number } {
  const lines = texts.map((text, i) => ({
    text,
    x: cx,
    y: r1(baseline(top + i * lineHeight(font), font)),
    size: font.size,
    bold: font.bold ?? false,
    anchor: 'middle' as const,
  }));
  return { lines, bottom: top + texts.length * lineHeight(font) };
}

type Sized = Omit<ChartNode, 'x' | 'y'>;

function sizeStep(step: StepNode, input: ChartInput): Sized {
  const w = STEP_WIDTH;
  const inner = w - 2 * PAD;
  const cx = w / 2;
  const hasRisk = input.risk && step.risks.length > 0;
  let top = PAD - 2 + (hasRisk ? RISK_ROW : 0);
  const name = step.name.trim() || '（未命名步骤）';
  const head = centredLines(wrapText(name, inner, FONTS.stepName, 3), FONTS.stepName, top, cx);
  const ruleY = head.bottom + 4;
  top = ruleY + 4;
  // 其他 says nothing, so a step of duty `other` shows only its performer.
  const duty = step.duty === null || step.duty === 'other' ? '' : DUTY_LABELS[step.duty]?.zh;
  const who = [duty, input.performerLabel(step).trim()].filter(Boolean).join(' · ');
  const details = [...wrapText(who, inner, FONTS.detail, 3), ...limitText(step).flatMap((t) => wrapText(t, inner, FONTS.detail, 2))];
  const body = centredLines(details, FONTS.detail, top, cx);
  const h = Math.ceil(body.bottom + PAD - 2);
  const lines = [...head.lines, ...body.lines];
  const grade = hasRisk ? highestGrade(step.risks) : null;
  if (grade !== null) {
    lines.push({
      text: RISK_GRADE_LABELS[grade].stars,
      x: 8,
      y: r1(baseline(4, FONTS.stars)),
      ...font(FONTS.stars),
      anchor: 'start',
      fill: GRADE_STROKE[grade],
    });
  }
  return { kind: 'step', nodeId: step.id, w, h, shape: { x: 0, y: 0, w, h }, lines, ruleY: r1(ruleY), grade, badges: [] };
}

const font = (f: FontSpec) => ({ size: f.size, bold: f.bold ?? false });

function sizeTerminator(n: ProcessNode): Sized {
  const text = n.name?.trim() || (n.kind === 'start' ? '开始' : '结束');
  const wrapped = wrapText(text, 180, FONTS.terminator, 2);
  const tw = Math.max(...wrapped.map((l) => textWidth(l, FONTS.terminator.size, true)));
  const h = Math.max(34, wrapped.length * lineHeight(FONTS.terminator) + 14);
  const w = Math.ceil(Math.max(96, tw + h));
  const { lines } = centredLines(wrapped, FONTS.terminator, (h - wrapped.length * lineHeight(FONTS.terminator)) / 2, w / 2);
  return {
    kind: n.kind,
    nodeId: n.id,
    w,
    h,
    shape: { x: 0, y: 0, w, h },
    lines,
    ruleY: null,
    grade: null,
    badges: [],
  };
}

function sizeExclusive(n: ProcessNode): Sized {
  const text = n.name?.trim() ?? '';
  const wrapped = text ? wrapText(text, GATEWAY_TEXT_MAX, FONTS.gateway, 3) : [];
  const tw = Math.max(0, ...wrapped.map((l) => textWidth(l, FONTS.gateway.size)));
  const th = wrapped.length * lineHeight(FONTS.gateway);
  // Text of width tw and height th fits inside a diamond W×H when tw/W + th/H ≤ 1.
  const w = Math.ceil(Math.max(56, tw + th / GATEWAY_RATIO + 20));
  const h = Math.ceil(Math.max(40, w * GATEWAY_RATIO));
  const { lines } = centredLines(wrapped, FONTS.gateway, (h - th) / 2, w / 2);
  return {
    kind: 'exclusive',
    nodeId: n.id,
    w,
    h,
    shape: { x: 0, y: 0, w, h },
    lines,
    ruleY: null,
    grade: null,
    badges: [],
  };
}

function sizeParallel(n: ProcessNode): Sized {
  const s = PARALLEL_SIZE;
  const text = n.name?.trim() ?? '';
  const wrapped = text ? wrapText(text, 120, FONTS.gateway, 2) : [];
  const tw = Math.max(0, ...wrapped.map((l) => textWidth(l, FONTS.gateway.size)));
  // The name sits to the left of the diamond (flows going back use its right point); the box grows to hold it.
  const w = wrapped.length ? Math.ceil(tw) + 6 + s : s;
  const lines = wrapped.map((t, i) => ({
    text: t,
    x: w - s - 6,
    y: r1(baseline(s / 2 - (wrapped.length * lineHeight(FONTS.gateway)) / 2 + i * lineHeight(FONTS.gateway), FONTS.gateway)),
    ...font(FONTS.gateway),
    anchor: 'end' as const,
  }));
  return {
    kind: 'parallel',
    nodeId: n.id,
    w,
    h: s,
    shape: { x: w - s, y: 0, w: s, h: s },
    lines,
    ruleY: null,
    grade: null,
    badges: [],
  };
}

function sizeNode(n: ProcessNode, input: ChartInput): Sized {
  switch (n.kind) {
    case 'step':
      return sizeStep(n, input);
    case 'exclusive':
      return sizeExclusive(n);
    case 'parallel':
      return sizeParallel(n);
    default:
      return sizeTerminator(n);
  }
}

/**
 * Fixed ports: flows enter at the top centre and leave at the bottom centre (a diamond's points, a box's middle), and
 * flows going back up leave and enter on the right, so a loop runs up the side of the chart.
 */
function ports(id: string, s: Sized, backIn: boolean, backOut: boolean): ElkPort[] {
  const { x, y, w, h } = s.shape;
  const diamond = s.kind === 'exclusive' || s.kind === 'parallel';
  const port = (name: string, px: number, py: number, side: string): ElkPort => ({
    id: `${id}.${name}`,
    x: r1(px),
    y: r1(py),
    width: 0,
    height: 0,
    layoutOptions: { 'elk.port.side': side },
  });
  const out = [port('in', x + w / 2, y, 'NORTH'), port('out', x + w / 2, y + h, 'SOUTH')];
  if (backIn) out.push(port('backin', x + w, y + (diamond || !backOut ? h / 2 : h * 0.25), 'EAST'));
  if (backOut) out.push(port('backout', x + w, y + (diamond || !backIn ? h / 2 : h * 0.75), 'EAST'));
  return out;
}

const LAYOUT: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.padding': '[top=12,left=12,bottom=12,right=12]',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.edgeNode': '18',
  'elk.spacing.edgeEdge': '14',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.labelNode': '6',
  'elk.layered.spacing.nodeNodeBetweenLayers': '34',
  'elk.layered.spacing.edgeNodeBetweenLayers': '18',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.edgeLabels.inline': 'false',
};

/**
 * The flows of the main line: from the start, always the first flow (as the process lists them) to a node not yet
 * visited. ELK is asked to keep these straight, so the usual course of a case reads as one column.
 */
function mainLine(start: string | undefined, out: Map<string, Flow[]>): Set<Flow> {
  const main = new Set<Flow>();
  const seen = new Set<string>();
  let at = start;
  while (at !== undefined && !seen.has(at)) {
    seen.add(at);
    const next: Flow | undefined = (out.get(at) ?? []).find((f) => !seen.has(f.to));
    if (next) main.add(next);
    at = next?.to;
  }
  return main;
}

/** Each node's place in a breadth-first walk from the start, then the nodes no walk reaches in the process's order. */
function readingOrder(ids: string[], start: string | undefined, out: Map<string, Flow[]>): Map<string, number> {
  const order = new Map<string, number>();
  const queue = start !== undefined ? [start] : [];
  for (let i = 0; i < queue.length; i++) {
    if (order.has(queue[i]!)) continue;
    order.set(queue[i]!, order.size);
    for (const f of out.get(queue[i]!) ?? []) if (!order.has(f.to)) queue.push(f.to);
  }
  for (const id of ids) if (!order.has(id)) order.set(id, order.size);
  return order;
}

/**
 * The ELK graph of a process, with the measured nodes it was built from (exported for the benchmark's baseline).
 * With `aspectRatio` (width / height of the space it is to fill), ELK wraps a long chart into columns.
 */
export function buildGraph(
  input: ChartInput,
  aspectRatio?: number,
): {
  graph: ElkNode;
  sized: Map<string, Sized>;
  source: Map<string, ProcessNode>;
  reversed: Set<string>;
  order: Map<string, number>;
  flowIndex: Map<string, number>;
} {
  const sized = new Map<string, Sized>();
  const source = new Map<string, ProcessNode>();
  const idOf = new Map<string, string>();
  for (const n of input.process.nodes) {
    if (idOf.has(n.id)) continue; // a duplicate id (the editor reports it); draw the first
    const id = `n${idOf.size}`;
    idOf.set(n.id, id);
    source.set(id, n);
    sized.set(id, sizeNode(n, input));
  }
  // Flows between drawn nodes, in ELK ids; a flow to a node that is gone is left out (the editor reports it).
  const flows: (Flow & { index: number })[] = [];
  const out = new Map<string, Flow[]>();
  for (const [index, f] of input.process.flows.entries()) {
    const from = idOf.get(f.from);
    const to = idOf.get(f.to);
    if (!from || !to) continue;
    const flow = { from, to, outcome: f.outcome, index };
    flows.push(flow);
    out.set(from, [...(out.get(from) ?? []), flow]);
  }
  const startId = idOf.get(input.process.nodes.find((n) => n.kind === 'start')?.id ?? '');
  // Loops broken where a reader of the process sees them: from the start, then the unreached nodes in order.
  const back = backFlows(startId !== undefined ? [startId, ...sized.keys()] : [...sized.keys()], out);
  const main = mainLine(startId, out);

  const children: ElkNode[] = [...sized].map(([id, s]) => ({
    id,
    width: s.w,
    height: s.h,
    ports: ports(
      id,
      s,
      flows.some((f) => back.has(f) && f.to === id),
      flows.some((f) => back.has(f) && f.from === id),
    ),
    layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
  }));
  const edges: ElkExtendedEdge[] = [];
  const reversed = new Set<string>();
  const flowIndex = new Map<string, number>();
  for (const f of flows) {
    const id = `e${edges.length}`;
    flowIndex.set(id, f.index);
    const labels: ElkLabel[] = [];
    const outcome = f.outcome?.trim();
    if (outcome) {
      const wrapped = wrapText(outcome, 110, FONTS.edgeLabel, 2);
      const w = Math.max(...wrapped.map((l) => textWidth(l, FONTS.edgeLabel.size))) + 8;
      labels.push({ id: `${id}.label`, text: wrapped.join('\n'), width: Math.ceil(w), height: Math.ceil(wrapped.length * lineHeight(FONTS.edgeLabel) + 2) });
    }
    // A back flow is handed to ELK the right way up, from its target's side to its source's, and turned round after.
    const isBack = back.has(f);
    if (isBack) reversed.add(id);
    edges.push({
      id,
      sources: [isBack ? `${f.to}.backin` : `${f.from}.out`],
      targets: [isBack ? `${f.from}.backout` : `${f.to}.in`],
      labels,
      ...(main.has(f) ? { layoutOptions: { 'elk.layered.priority.straightness': '10' } } : {}),
    });
  }
  // A chart much taller than its page area is cut into chunks of layers set side by side (ELK's graph wrapping),
  // only where a single flow crosses the cut: cutting through a choice's branches draws them as long detours.
  const wrap: LayoutOptions = aspectRatio
    ? { 'elk.layered.wrapping.strategy': 'SINGLE_EDGE', 'elk.aspectRatio': String(Math.round(aspectRatio * 100) / 100) }
    : {};
  return {
    graph: { id: 'root', layoutOptions: { ...LAYOUT, ...wrap }, children, edges },
    sized,
    source,
    reversed,
    order: readingOrder([...sized.keys()], startId, out),
    flowIndex,
  };
}

let inThread: Promise<{ layout(graph: ElkNode): Promise<ElkNode> }> | null = null;

/**
 * Runs ELK on a graph from `buildGraph` in this thread, blocking it meanwhile: the benchmark's baseline only (drawings
 * lay out in the worker thread of layout-thread.ts). ELK is loaded on first use.
 */
export function runLayoutInThread(graph: ElkNode): Promise<ElkNode> {
  // The bundle is CommonJS: imported from ESM its default is module.exports, whose `default` is the constructor again.
  inThread ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default.default());
  return inThread.then((elk) => elk.layout(graph));
}

/**
 * Lays the process out: sizes from the text, positions and routes from ELK (in the worker thread, within
 * `timeLimitMs`), risk points numbered in reading order. Rejects with UndrawableProcess when ELK fails or takes longer.
 */
export async function layoutChart(input: ChartInput, aspectRatio?: number, timeLimitMs?: number): Promise<Chart> {
  const { graph, sized, source, reversed, order, flowIndex } = buildGraph(input, aspectRatio);
  const out = await layoutInWorker(graph, timeLimitMs);
  const nodes: (ChartNode & { source: ProcessNode; elkId: string })[] = [];
  const placed = new Map<string, ChartNode>();
  for (const c of out.children ?? []) {
    const node = { ...sized.get(c.id)!, x: r1(c.x ?? 0), y: r1(c.y ?? 0), source: source.get(c.id)!, elkId: c.id };
    nodes.push(node);
    placed.set(c.id, node);
  }
  const nodeOf = (ref: string | undefined) => placed.get((ref ?? '').split('.')[0]!);
  const edges: ChartEdge[] = [];
  for (const e of out.edges ?? []) {
    const sec = e.sections?.[0];
    if (!sec) continue;
    const raw = [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint];
    let from = nodeOf(e.sources[0]);
    let to = nodeOf(e.targets[0]);
    if (reversed.has(e.id)) {
      raw.reverse();
      [from, to] = [to, from];
    }
    if (from) raw[0] = clip(raw[0]!, raw[1]!, from);
    if (to) raw[raw.length - 1] = clip(raw[raw.length - 1]!, raw[raw.length - 2]!, to);
    const points = raw.map((p) => ({ x: r1(p.x), y: r1(p.y) }));
    const labels = (e.labels ?? []).map((l) => {
      const texts = (l.text ?? '').split('\n');
      const w = l.width ?? 0;
      const h = l.height ?? 0;
      const f = FONTS.edgeLabel;
      return { x: r1(l.x ?? 0), y: r1(l.y ?? 0), w, h, lines: centredLines(texts, f, (h - texts.length * lineHeight(f)) / 2, w / 2).lines };
    });
    edges.push({ flowIndex: flowIndex.get(e.id)!, points, labels });
  }

  // Risk points are numbered in the order a case meets them (breadth first from the start), which a wrapped chart's
  // geometry would not give.
  const risks: NumberedRisk[] = [];
  if (input.risk) {
    const steps = nodes.filter((n) => n.source.kind === 'step' && n.source.risks.length > 0).sort((a, b) => order.get(a.elkId)! - order.get(b.elkId)!);
    for (const n of steps) {
      const step = n.source as StepNode;
      const count = step.risks.length;
      step.risks.forEach((risk, i) => {
        const num = risks.length + 1;
        risks.push({ n: num, step, risk });
        const x = n.w - 4 - BADGE_D / 2 - (count - 1 - i) * (BADGE_D + 2);
        n.badges.push({ n: num, x, y: 4 + BADGE_D / 2, grade: highestGrade([risk]) ?? 3 });
      });
    }
  }
  return {
    width: Math.ceil(out.width ?? 0),
    height: Math.ceil(out.height ?? 0),
    nodes: nodes.map(({ source: _source, elkId: _elkId, ...n }) => n),
    edges,
    risks,
    backFlows: reversed.size,
  };
}

export const BADGE_RADIUS = BADGE_D / 2;

/** Whether a point (relative to the shape's centre) lies within a node's outline: pill, diamond or box. */
function inside(kind: NodeKind, w: number, h: number, dx: number, dy: number): boolean {
  const eps = 0.01;
  if (kind === 'exclusive' || kind === 'parallel') return Math.abs(dx) / (w / 2) + Math.abs(dy) / (h / 2) <= 1 + eps;
  if (Math.abs(dx) > w / 2 + eps || Math.abs(dy) > h / 2 + eps) return false;
  if (kind !== 'start' && kind !== 'end') return true;
  const r = h / 2;
  const ox = Math.abs(dx) - (w / 2 - r);
  return ox <= 0 || Math.hypot(ox, dy) <= r + eps;
}

/**
 * Moves an edge's end, which ELK puts on the node's bounding box, on along its segment (coming from `towards`) into
 * the node to where it meets the drawn outline of a pill or diamond.
 */
function clip(end: Point, towards: Point, node: ChartNode): Point {
  const cx = node.x + node.shape.x + node.shape.w / 2;
  const cy = node.y + node.shape.y + node.shape.h / 2;
  const at = (p: Point) => inside(node.kind, node.shape.w, node.shape.h, p.x - cx, p.y - cy);
  if (at(end)) return end;
  // Continue the segment past its end into the node to the first point inside, then bisect to the outline.
  const len = Math.hypot(end.x - towards.x, end.y - towards.y) || 1;
  const ux = (end.x - towards.x) / len;
  const uy = (end.y - towards.y) / len;
  const reach = Math.max(node.w, node.h);
  let lo = 0;
  let hi = -1;
  for (let t = 1; t <= reach; t += 1) {
    if (at({ x: end.x + ux * t, y: end.y + uy * t })) {
      hi = t;
      break;
    }
    lo = t;
  }
  if (hi < 0) return end;
  for (let i = 0; i < 12; i++) {
    const mid = (lo + hi) / 2;
    if (at({ x: end.x + ux * mid, y: end.y + uy * mid })) hi = mid;
    else lo = mid;
  }
  return { x: end.x + ux * hi, y: end.y + uy * hi };
}
