// A BPMN 2.0 file from any modeler as a Sunlit process. Only structural faults refuse it; everything else Sunlit
// cannot run is left out or turned into what it can run, and each such element is listed in the report.
import { Value } from 'typebox/value';
import { UNIT_CODE_PATTERN } from '../../org/unit.rules.ts';
import { NODE_ID_PATTERN, PROCESS_LIMITS, ProcessSchema, RiskPointSchema } from '../process.contract.ts';
import {
  validateProcess,
  type ItemLimits,
  type ProcessDefinition,
  type ProcessNode,
  type RiskPoint,
  type SeparationRule,
  type StepNode,
} from '../process.rules.ts';
import { CLOCK_STOP_REASONS, DUTY_LABELS, dutyOfName, PERFORMER_ROLES, STEP_DUTIES, type PerformerRole, type StepDuty } from '../process-vocabulary.data.ts';
import { BPMN_NS, SUNLIT_NS } from './bpmn-namespaces.ts';
import type { BpmnProcessSummary, BpmnReport, ReportEntry, ReportKind } from './bpmn-report.ts';
import { attrOf, childrenOf, decodeXml, NotXml, parseXml, type XmlElement } from './xml.ts';

export interface BpmnImportOptions {
  /** The process to import when the file holds several. */
  processId?: string;
  /** The item's limits, which the imported process is checked against. */
  limits: ItemLimits;
  /** The Sunlit role a lane, potential owner or candidate group names (by code or label), or null. */
  roleNamed: (name: string) => PerformerRole | null;
  unitExists?: (code: string) => boolean;
}

export type BpmnImport = { ok: true; process: ProcessDefinition; report: BpmnReport } | { ok: false; report: BpmnReport };

const NODE_ID = new RegExp(NODE_ID_PATTERN);
const UNIT_CODE = new RegExp(UNIT_CODE_PATTERN);
/**
 * A process's elements beyond which the file is refused before it is mapped (mapping a few thousand takes seconds
 * and holds the server). Generous: intermediate events pass through and do not count in the end.
 */
const RAW_LIMITS = { flowNodes: 4 * PROCESS_LIMITS.nodes, flows: 4 * PROCESS_LIMITS.flows };
/** Report entries quote at most this much of an element's id or name. */
const QUOTE_MAX = 200;

const TASKS = new Set([
  'task',
  'userTask',
  'manualTask',
  'serviceTask',
  'scriptTask',
  'sendTask',
  'receiveTask',
  'businessRuleTask',
  'callActivity',
  'subProcess',
  'adHocSubProcess',
  'transaction',
]);
const GATEWAYS = new Set(['exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'complexGateway', 'eventBasedGateway']);
const EVENTS = new Set(['startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent']);
const isFlowNode = (el: XmlElement) => el.uri === BPMN_NS && (TASKS.has(el.local) || GATEWAYS.has(el.local) || EVENTS.has(el.local));
/** Event definitions, in words. */
const TRIGGERS: Record<string, [string, string]> = {
  messageEventDefinition: ['消息', 'message'],
  timerEventDefinition: ['定时', 'timer'],
  signalEventDefinition: ['信号', 'signal'],
  conditionalEventDefinition: ['条件', 'conditional'],
  errorEventDefinition: ['错误', 'error'],
  escalationEventDefinition: ['升级', 'escalation'],
  compensateEventDefinition: ['补偿', 'compensation'],
  linkEventDefinition: ['链接', 'link'],
  terminateEventDefinition: ['终止', 'terminate'],
  cancelEventDefinition: ['取消', 'cancel'],
  eventDefinitionRef: ['引用的事件定义', 'referenced definition'],
};
const isTrigger = (el: XmlElement) => el.uri === BPMN_NS && TRIGGERS[el.local] !== undefined;
/** Children of a flow node that carry no execution meaning, or that the import reads itself. */
const QUIET_CHILDREN = new Set(['documentation', 'extensionElements', 'incoming', 'outgoing', 'potentialOwner', 'humanPerformer', 'performer', 'script']);
const DATA_CHILDREN = new Set([
  'dataInputAssociation',
  'dataOutputAssociation',
  'ioSpecification',
  'property',
  'dataInput',
  'dataOutput',
  'inputSet',
  'outputSet',
]);

/** What a flow node becomes: a Sunlit node, or something passed through (an intermediate or boundary event). */
type Kind = 'start' | 'step' | 'exclusive' | 'parallel' | 'end' | 'through';

interface RawNode {
  el: XmlElement;
  bpmnId: string;
  /** The name attribute as written (null when absent, possibly empty), on one line. */
  name: string | null;
  kind: Kind;
}

interface RawFlow {
  el: XmlElement | null;
  from: string;
  to: string;
  name: string | null;
  condition: string | null;
  isDefault: boolean;
  /** It passed an event on its way (a boundary or intermediate event): it is taken when that event happens. */
  viaEvent: boolean;
}

interface Lane {
  el: XmlElement;
  name: string | null;
  refs: Set<string>;
  depth: number;
}

type Text = { zh: string; en: string };
type Note = (kind: ReportKind, code: string, el: XmlElement | null, message: Text, about?: { id?: string | null; name?: string | null }) => void;
type Refuse = (code: string, el: XmlElement | null, message: Text, about?: { id?: string | null }) => never;

class Refused extends Error {}

/** Imports one process of a BPMN file; see docs/bpmn.md for the mapping element by element. */
export function importBpmn(file: Uint8Array | string, options: BpmnImportOptions): BpmnImport {
  const entries: ReportEntry[] = [];
  const report: BpmnReport = { outcome: 'refused', process: null, processes: [], counts: null, entries };
  const note: Note = (kind, code, el, message, about = {}) =>
    entries.push({
      kind,
      code,
      element: el?.local ?? null,
      id: quote(about.id !== undefined ? about.id : el ? (attrOf(el, 'id') ?? null) : null),
      name: quote(about.name !== undefined ? about.name : el ? shown(nameOf(el)) : null),
      line: el?.line ?? null,
      message,
    });
  const refuse: Refuse = (code, el, message, about) => {
    note('refused', code, el, message, about);
    throw new Refused();
  };
  try {
    const root = readDocument(file, refuse);
    const { process: chosen, summary } = chooseProcess(root, options.processId, report, note, refuse);
    report.process = summary;
    const { process, elementOf } = mapProcess(root, chosen, options, note, refuse);
    inDocumentOrder(entries);
    for (const p of validateProcess(process, options.limits, options.unitExists)) {
      const el = p.nodeId ? elementOf.get(p.nodeId) : undefined;
      entries.push({
        kind: p.severity === 'error' ? 'refused' : 'warning',
        code: p.code,
        element: el?.local ?? null,
        id: p.nodeId,
        name: quote(shown(process.nodes.find((n) => n.id === p.nodeId)?.name ?? null)),
        line: el?.line ?? null,
        message: p.message,
      });
    }
    if (entries.some((e) => e.kind === 'refused')) return { ok: false, report };
    report.outcome = 'imported';
    const count = (kind: ProcessNode['kind']) => process.nodes.filter((n) => n.kind === kind).length;
    report.counts = { steps: count('step'), choices: count('exclusive'), parallels: count('parallel'), ends: count('end'), flows: process.flows.length };
    return { ok: true, process, report };
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    inDocumentOrder(entries);
    return { ok: false, report };
  }
}

/** Entries about the file's elements in the order of its lines (a reader goes down the file once). */
const inDocumentOrder = (entries: ReportEntry[]) => entries.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));

/**
 * A name attribute on one line: a label a modeler wrapped (line breaks, tabs) has each whitespace run made one space;
 * any other name is kept exactly, blank or not, so that Sunlit's own names come back unchanged.
 */
function nameOf(el: XmlElement): string | null {
  const raw = attrOf(el, 'name');
  if (raw === undefined) return null;
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001F]/.test(raw) ? raw.replace(/[\u0000-\u001F\s]+/g, ' ').trim() : raw;
}
/** A name worth showing or naming an outcome with: null for a blank one. */
const shown = (name: string | null | undefined): string | null => (name?.trim() ? name : null);
const quote = (s: string | null): string | null => (s !== null && s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX - 1)}…` : s);

/** At most `max` UTF-16 units, cut at a character (never inside a surrogate pair), with … when cut. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** A name fitted to `max` characters, the shortening noted. */
function fitName(raw: string | null, max: number, el: XmlElement, note: Note): string | null {
  if (raw === null || raw.length <= max) return raw;
  const short = cut(raw, max);
  note('adapted', 'bpmn.name_shortened', el, {
    zh: `名称超过 ${max} 字，已截短为“${short}”`,
    en: `The name is longer than ${max} characters; shortened to “${short}”`,
  });
  return short;
}

function readDocument(file: Uint8Array | string, refuse: Refuse): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(typeof file === 'string' ? file : decodeXml(file));
  } catch (e) {
    if (!(e instanceof NotXml)) throw e;
    const where = e.line !== null ? `（第 ${e.line} 行）` : '';
    return refuse(
      'bpmn.not_xml',
      null,
      { zh: `文件不是有效的 XML${where}：${e.message}`, en: `The file is not well-formed XML${e.line !== null ? ` (line ${e.line})` : ''}: ${e.message}` },
      { id: null },
    );
  }
  if (root.uri !== BPMN_NS || root.local !== 'definitions') {
    refuse(
      'bpmn.not_bpmn',
      root,
      {
        zh: `文件不是 BPMN 2.0：根元素是 ${root.local}${root.uri ? `（${root.uri}）` : ''}，应为 BPMN 2.0 的 definitions`,
        en: `The file is not BPMN 2.0: its root is ${root.local}${root.uri ? ` (${root.uri})` : ''}, not BPMN 2.0 definitions`,
      },
      { id: null },
    );
  }
  const seen = new Map<string, XmlElement>();
  const walk = (el: XmlElement) => {
    const id = el.uri.startsWith('http://www.omg.org/spec/') ? attrOf(el, 'id') : undefined;
    if (id !== undefined) {
      const first = seen.get(id);
      if (first)
        refuse('bpmn.duplicate_id', el, { zh: `编号 ${id} 重复（第 ${first.line} 行已用过）`, en: `The id ${id} is used twice (first on line ${first.line})` });
      seen.set(id, el);
    }
    el.children.forEach(walk);
  };
  walk(root);
  return root;
}

function chooseProcess(
  root: XmlElement,
  wanted: string | undefined,
  report: BpmnReport,
  note: Note,
  refuse: Refuse,
): { process: XmlElement; summary: BpmnProcessSummary } {
  const participants = childrenOf(root, BPMN_NS, 'collaboration').flatMap((c) => childrenOf(c, BPMN_NS, 'participant'));
  const all = childrenOf(root, BPMN_NS, 'process').map((el) => {
    const id = attrOf(el, 'id') ?? '';
    const pool = participants.find((p) => attrOf(p, 'processRef') === id);
    const summary: BpmnProcessSummary = {
      id: quote(id)!,
      name: quote(shown(nameOf(el)) ?? (pool ? shown(nameOf(pool)) : null)),
      flowNodes: el.children.filter(isFlowNode).length,
    };
    return { el, summary };
  });
  report.processes = all.map((p) => p.summary);
  const list = all.map((p) => `${p.summary.id}${p.summary.name ? `（${p.summary.name}）` : ''}`).join('、');
  if (wanted !== undefined) {
    const found = all.find((p) => attrOf(p.el, 'id') === wanted);
    if (!found)
      refuse(
        'bpmn.process_unknown',
        null,
        { zh: `文件中没有编号为 ${wanted} 的流程；现有：${list || '无'}`, en: `The file has no process ${wanted}; it has: ${list || 'none'}` },
        { id: wanted },
      );
    return { process: found!.el, summary: found!.summary };
  }
  const candidates = all.filter((p) => p.summary.flowNodes > 0);
  if (candidates.length === 0) refuse('bpmn.no_process', null, { zh: '文件中没有含任何节点的流程', en: 'The file holds no process with any flow node' });
  if (candidates.length > 1) {
    const ids = candidates.map((p) => p.summary.id);
    refuse('bpmn.several_processes', null, {
      zh: `文件中有 ${candidates.length} 个流程，请选择要导入的一个（命令行用 --process 编号）：${ids.join('、')}`,
      en: `The file holds ${candidates.length} processes: choose the one to import (--process ID on the command line): ${ids.join(', ')}`,
    });
  }
  for (const p of all)
    if (p !== candidates[0])
      note('adapted', 'bpmn.empty_process_skipped', p.el, { zh: '空流程（没有节点），未导入', en: 'An empty process (no flow nodes), skipped' });
  return { process: candidates[0]!.el, summary: candidates[0]!.summary };
}

/** Indexes flows by their source. */
function bySource<F extends { from: string }>(flows: F[]): Map<string, F[]> {
  const out = new Map<string, F[]>();
  for (const f of flows) {
    const list = out.get(f.from);
    if (list) list.push(f);
    else out.set(f.from, [f]);
  }
  return out;
}

function mapProcess(
  root: XmlElement,
  processEl: XmlElement,
  options: BpmnImportOptions,
  note: Note,
  refuse: Refuse,
): { process: ProcessDefinition; elementOf: Map<string, XmlElement> } {
  const processId = attrOf(processEl, 'id') ?? null;
  const flowNodeEls = processEl.children.filter(isFlowNode);
  const flowEls = childrenOf(processEl, BPMN_NS, 'sequenceFlow');
  if (flowNodeEls.length > RAW_LIMITS.flowNodes || flowEls.length > RAW_LIMITS.flows)
    refuse('bpmn.too_large', processEl, tooLarge(flowNodeEls.length, flowEls.length), { id: processId });
  const sources = new Set(flowEls.map((f) => attrOf(f, 'sourceRef')));
  const linkCatches = new Map<string, string[]>();
  for (const el of flowNodeEls) {
    const link = linkName(el);
    if (el.local === 'intermediateCatchEvent' && link !== null) linkCatches.set(link, [...(linkCatches.get(link) ?? []), attrOf(el, 'id') ?? '']);
  }

  const nodes = new Map<string, RawNode>();
  const boundaries: XmlElement[] = [];
  const lanes: Lane[] = [];
  const collectLanes = (set: XmlElement, depth: number) => {
    for (const lane of childrenOf(set, BPMN_NS, 'lane')) {
      lanes.push({ el: lane, name: shown(nameOf(lane)), refs: new Set(childrenOf(lane, BPMN_NS, 'flowNodeRef').map((r) => r.text.trim())), depth });
      for (const child of childrenOf(lane, BPMN_NS, 'childLaneSet')) collectLanes(child, depth + 1);
    }
  };
  for (const el of processEl.children) {
    if (el.uri !== BPMN_NS) continue;
    if (isFlowNode(el)) {
      const id = attrOf(el, 'id');
      if (!id) refuse('bpmn.missing_id', el, { zh: '节点缺少编号（id）', en: 'A flow node has no id' });
      if (el.local === 'boundaryEvent') boundaries.push(el);
      else {
        const leads = sources.has(id) || (el.local === 'intermediateThrowEvent' && (linkCatches.get(linkName(el) ?? '')?.length ?? 0) > 0);
        nodes.set(id!, { el, bpmnId: id!, name: nameOf(el), kind: kindOf(el, leads, note) });
        describeChildren(el, note);
      }
    } else if (el.local === 'laneSet') collectLanes(el, 0);
    else if (!['sequenceFlow', 'documentation', 'extensionElements'].includes(el.local)) notRun(el, note);
  }
  for (const c of childrenOf(root, BPMN_NS, 'collaboration')) {
    const pool = childrenOf(c, BPMN_NS, 'participant').find((p) => attrOf(p, 'processRef') === processId);
    for (const m of childrenOf(c, BPMN_NS, 'messageFlow')) {
      const ends = [attrOf(m, 'sourceRef'), attrOf(m, 'targetRef')];
      if (ends.some((ref) => ref !== undefined && (nodes.has(ref) || (pool && ref === attrOf(pool, 'id')))))
        note('unsupported', 'bpmn.message_flow', m, {
          zh: '消息流（与其他参与方之间的往来）不由系统执行，未导入',
          en: 'A message flow (exchange with another participant) is not run by Sunlit; not imported',
        });
    }
  }

  // Sequence flows, every one between two flow nodes of this process.
  const flows: RawFlow[] = [];
  const defaults = new Set([...nodes.values()].map((n) => attrOf(n.el, 'default')).filter((d): d is string => d !== undefined));
  const boundaryIds = new Set(boundaries.map((b) => attrOf(b, 'id')));
  for (const el of flowEls) {
    const from = attrOf(el, 'sourceRef');
    const to = attrOf(el, 'targetRef');
    for (const [end, ref] of [
      ['sourceRef', from],
      ['targetRef', to],
    ] as const) {
      if (ref === undefined || (!nodes.has(ref) && !boundaryIds.has(ref)))
        refuse('bpmn.dangling_flow', el, {
          zh: `连线的${end === 'sourceRef' ? '起点' : '终点'} ${quote(ref ?? '（空）')} 不是本流程中的节点`,
          en: `The flow's ${end} ${quote(ref ?? '(none)')} is not a flow node of this process`,
        });
    }
    const condition = childrenOf(el, BPMN_NS, 'conditionExpression')[0];
    flows.push({
      el,
      from: from!,
      to: to!,
      name: nameOf(el),
      condition: condition ? shown(condition.text.replace(/\s+/g, ' ').trim()) : null,
      isDefault: defaults.has(attrOf(el, 'id') ?? ''),
      viaEvent: false,
    });
  }
  // A link throw goes on at its catches (links are a drawing's off-page connectors).
  for (const n of nodes.values()) {
    if (n.kind !== 'through' || n.el.local !== 'intermediateThrowEvent') continue;
    for (const to of linkCatches.get(linkName(n.el) ?? '') ?? [])
      flows.push({ el: null, from: n.bpmnId, to, name: null, condition: null, isDefault: false, viaEvent: true });
  }

  // A boundary event is an outcome of the task it sits on: the flow leaving it leaves the task, named after it.
  const leavingRaw = bySource(flows);
  for (const b of boundaries) {
    const id = attrOf(b, 'id')!;
    const host = attrOf(b, 'attachedToRef');
    if (host === undefined || !nodes.has(host))
      refuse('bpmn.dangling_flow', b, {
        zh: `边界事件所附的节点 ${quote(host ?? '（空）')} 不在本流程中`,
        en: `The boundary event is attached to ${quote(host ?? 'nothing')}, not a node of this process`,
      });
    const trigger = triggerOf(b.children);
    if (!leavingRaw.has(id)) {
      note('unsupported', 'bpmn.boundary_dropped', b, {
        zh: `边界事件（${trigger.zh}）没有去向，未导入`,
        en: `A boundary event (${trigger.en}) that leads nowhere; not imported`,
      });
      continue;
    }
    const name = shown(nameOf(b));
    note('unsupported', 'bpmn.boundary_outcome', b, {
      zh: `边界事件（${trigger.zh}）不由系统触发，改为所附步骤的一个结果${name ? `“${name}”` : ''}，由办理人选择`,
      en: `A boundary event (${trigger.en}) is not triggered by Sunlit; it becomes an outcome${name ? ` “${name}”` : ''} of its task, chosen by the person doing it`,
    });
    nodes.set(id, { el: b, bpmnId: id, name, kind: 'through' });
    flows.push({ el: null, from: host!, to: id, name: null, condition: null, isDefault: false, viaEvent: true });
  }

  // One start: a plain start event first; the others are left out with their flows.
  const starts = [...nodes.values()].filter((n) => n.kind === 'start');
  if (starts.length === 0) refuse('bpmn.no_start', null, { zh: '流程没有开始事件（startEvent）', en: 'The process has no start event' }, { id: processId });
  const start = starts.find((s) => !s.el.children.some(isTrigger)) ?? starts[0]!;
  for (const s of starts) {
    if (s === start) continue;
    const first = shown(start.name) ?? start.bpmnId;
    note('unsupported', 'bpmn.extra_start', s.el, {
      zh: `Sunlit 的流程只有一个开始（收到申请），多余的开始事件及其连线未导入（只由它开始的节点将走不到）；以“${first}”为开始`,
      en: `A Sunlit process has one start (the application arriving): this extra start and its flows are left out (nodes only it leads to become unreachable); the start is “${first}”`,
    });
    nodes.delete(s.bpmnId);
  }

  const collapsed = passThrough(nodes, flows, note, () => refuse('bpmn.too_large', processEl, tooLarge(flowNodeEls.length, flowEls.length), { id: processId }));

  // Sunlit ids: the file's own where they fit, otherwise short ones; nodes the import adds get ids of their own.
  const taken = new Set<string>();
  let generated = 0;
  const fresh = (wanted: string) => {
    let id = NODE_ID.test(wanted) ? wanted : `n${++generated}`;
    while (taken.has(id)) id = `n${++generated}`;
    taken.add(id);
    return id;
  };
  const real = [...nodes.values()].filter((n) => n.kind !== 'through');
  const idOf = new Map(real.map((n) => [n.bpmnId, fresh(n.bpmnId)]));

  const performerRoleOf = performerRoleFinder(lanes, options, note);
  const out: ProcessNode[] = [];
  let unnamed = 0;
  for (const n of real) {
    const id = idOf.get(n.bpmnId)!;
    const name = fitName(n.name, PROCESS_LIMITS.nameLength, n.el, note);
    switch (n.kind) {
      case 'start':
      case 'exclusive':
      case 'parallel':
        out.push({ id, kind: n.kind, name });
        break;
      case 'end':
        if (!shown(name))
          note('adapted', 'bpmn.name_given', n.el, { zh: '结束事件没有名称，命名为“结束”', en: 'The end event has no name; named “结束” (end)' });
        out.push({ id, kind: 'end', name: shown(name) ?? '结束' });
        break;
      case 'step': {
        let stepName = shown(name);
        if (!stepName) {
          stepName = `未命名步骤 ${++unnamed}`;
          note('adapted', 'bpmn.name_given', n.el, { zh: `任务没有名称，命名为“${stepName}”`, en: `The task has no name; named “${stepName}”` });
        }
        out.push(stepOf(n, id, stepName, performerRoleOf, note));
        break;
      }
    }
  }
  if (!out.some((n) => n.kind === 'end'))
    refuse('bpmn.no_end', null, { zh: '流程没有结束事件（endEvent）', en: 'The process has no end event' }, { id: processId });

  // Flows in Sunlit ids, with the ends and splits BPMN leaves implicit drawn in.
  const sunlitFlows = collapsed.map((f) => ({ ...f, from: idOf.get(f.from)!, to: idOf.get(f.to)!, outcome: null as string | null }));
  const elOf = new Map(real.map((n) => [idOf.get(n.bpmnId)!, n.el]));
  const leaving = bySource(sunlitFlows);
  const added = (from: string, to: string) => ({ el: null, from, to, name: null, condition: null, isDefault: false, viaEvent: false, outcome: null });
  for (const n of [...out]) {
    const mine = leaving.get(n.id) ?? [];
    if (n.kind !== 'end' && mine.length === 0) {
      const endId = fresh(`${n.id}_end`);
      out.push({ id: endId, kind: 'end', name: '结束' });
      sunlitFlows.push(added(n.id, endId));
      note('adapted', 'bpmn.implicit_end', elOf.get(n.id)!, {
        zh: '之后没有连线（BPMN 视为在此结束），已补一个结束节点“结束”',
        en: 'Nothing follows it (BPMN ends the path there); an end “结束” was added after it',
      });
    } else if ((n.kind === 'step' || n.kind === 'start') && mine.length > 1 && !mine.some((f) => f.condition || f.isDefault || f.viaEvent || shown(f.name))) {
      // Unconditioned flows leaving a task all run (BPMN): a parallel split, which Sunlit draws as a gateway.
      const splitId = fresh(`${n.id}_split`);
      out.splice(out.indexOf(n) + 1, 0, { id: splitId, kind: 'parallel', name: null });
      for (const f of mine) f.from = splitId;
      sunlitFlows.push(added(n.id, splitId));
      note('adapted', 'bpmn.implicit_split', elOf.get(n.id)!, {
        zh: `有 ${mine.length} 条无条件的去向（BPMN 视为同时进行），已补一个并行网关`,
        en: `${mine.length} unconditioned flows leave it (BPMN runs them all); a parallel gateway was added`,
      });
    }
  }
  nameOutcomes(out, sunlitFlows, elOf, note);

  const process: ProcessDefinition = { nodes: out, flows: sunlitFlows.map((f) => ({ from: f.from, to: f.to, outcome: f.outcome })) };
  const separations = separationsOf(processEl, note);
  if (separations.length > 0) process.separations = separations;
  if (process.nodes.length > PROCESS_LIMITS.nodes || process.flows.length > PROCESS_LIMITS.flows)
    refuse('bpmn.too_large', processEl, tooLarge(process.nodes.length, process.flows.length), { id: processId });
  const mismatch = [...Value.Errors(ProcessSchema, process)][0];
  if (mismatch)
    refuse('bpmn.invalid', processEl, {
      zh: `导入结果不符合流程格式（${mismatch.instancePath}：${mismatch.message}）`,
      en: `The result does not fit the process format (${mismatch.instancePath}: ${mismatch.message})`,
    });
  return { process, elementOf: elOf };
}

/**
 * The item's duty-separation rules, `<sunlit:separation duties="review decide deliver" reason="…">` in the process's
 * `extensionElements` (an export coming back). Unknown or repeated duties are left out of a rule, and a rule left
 * with fewer than two duties or no reason is left out, each noted; a reason is made one line and fitted to the limit.
 */
function separationsOf(processEl: XmlElement, note: Note): SeparationRule[] {
  const rules: SeparationRule[] = [];
  const elements = childrenOf(processEl, BPMN_NS, 'extensionElements').flatMap((e) => childrenOf(e, SUNLIT_NS, 'separation'));
  for (const el of elements) {
    const bad = (zh: string, en: string) => note('adapted', 'bpmn.extension_invalid', el, { zh, en }, { id: null, name: null });
    const written = (attrOf(el, 'duties') ?? '').split(/\s+/).filter(Boolean);
    const duties: StepDuty[] = [];
    for (const d of written) {
      if (!(STEP_DUTIES as readonly string[]).includes(d))
        bad(`职责分离规则中的职责“${quote(d)}”无效，已略去`, `The duty separation rule's duty “${quote(d)}” is not valid; left out`);
      else if (duties.includes(d as StepDuty))
        bad(`职责分离规则重复列出职责“${d}”，已略去重复的一项`, `The duty separation rule lists the duty ${d} twice; the repeat is left out`);
      else duties.push(d as StepDuty);
    }
    let reason = attrOf(el, 'reason') ?? '';
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001F]/.test(reason)) reason = reason.replace(/[\u0000-\u001F\s]+/g, ' ').trim();
    if (reason.length > PROCESS_LIMITS.reasonLength) {
      reason = cut(reason, PROCESS_LIMITS.reasonLength);
      bad(
        `职责分离规则的理由超过 ${PROCESS_LIMITS.reasonLength} 字，已截短`,
        `The duty separation rule's reason is longer than ${PROCESS_LIMITS.reasonLength} characters; shortened`,
      );
    }
    if (duties.length < 2 || !reason.trim())
      bad('职责分离规则须列出至少两项不同的职责并写明理由，未导入', 'A duty separation rule needs at least two different duties and a reason; not imported');
    else if (rules.length === PROCESS_LIMITS.separations)
      bad(
        `第 ${PROCESS_LIMITS.separations + 1} 条以后的职责分离规则未导入`,
        `Duty separation rules beyond the ${PROCESS_LIMITS.separations}th are not imported`,
      );
    else rules.push({ duties, reason });
  }
  return rules;
}

const tooLarge = (nodes: number, flows: number): Text => ({
  zh: `流程有 ${nodes} 个节点、${flows} 条连线，超过上限（${PROCESS_LIMITS.nodes} 个节点、${PROCESS_LIMITS.flows} 条连线）`,
  en: `The process has ${nodes} nodes and ${flows} flows, more than allowed (${PROCESS_LIMITS.nodes} nodes, ${PROCESS_LIMITS.flows} flows)`,
});

/**
 * Outcomes: a choice names each of its flows; an unnamed one takes its condition, 其他情况 for the default, or its
 * target's name; names are fitted to the limit and made distinct. Other flows keep their names as they are.
 */
function nameOutcomes(nodes: ProcessNode[], flows: (RawFlow & { outcome: string | null })[], elOf: Map<string, XmlElement>, note: Note): void {
  const nameOf = new Map(nodes.map((n) => [n.id, shown(n.name)]));
  const leaving = bySource(flows);
  for (const n of nodes) {
    const mine = leaving.get(n.id) ?? [];
    const choice = n.kind !== 'parallel' && mine.length > 1;
    const used = new Set<string>();
    for (const f of mine) {
      const el = f.el ?? elOf.get(n.id) ?? null;
      const about = f.el ? {} : { id: null, name: null };
      if (!choice) {
        f.outcome = f.name === null ? null : el ? fitName(f.name, PROCESS_LIMITS.outcomeLength, el, note) : cut(f.name, PROCESS_LIMITS.outcomeLength);
        continue;
      }
      let outcome = shown(f.name);
      if (!outcome) {
        outcome = f.condition ?? (f.isDefault ? '其他情况' : `至 ${nameOf.get(f.to) ?? f.to}`);
        note(
          'adapted',
          'bpmn.outcome_named',
          el,
          { zh: `选择的去向没有名称，命名为“${outcome}”`, en: `An outcome of a choice has no name; named “${outcome}”` },
          about,
        );
      }
      let fitted = cut(outcome, PROCESS_LIMITS.outcomeLength);
      for (let i = 2; used.has(fitted); i++) fitted = `${cut(outcome, PROCESS_LIMITS.outcomeLength - `（${i}）`.length)}（${i}）`;
      if (fitted !== outcome)
        note(
          'adapted',
          'bpmn.outcome_renamed',
          el,
          { zh: `结果名改为“${fitted}”（过长或重复）`, en: `The outcome is named “${fitted}” (too long or repeated)` },
          about,
        );
      used.add(fitted);
      f.outcome = fitted;
    }
  }
}

/** The name of a link event's link (off-page connector), or null. */
function linkName(el: XmlElement): string | null {
  const link = childrenOf(el, BPMN_NS, 'linkEventDefinition')[0];
  return link ? (attrOf(link, 'name') ?? '') : null;
}

/** What a flow node becomes; gateways and events Sunlit does not run are noted. */
function kindOf(el: XmlElement, leads: boolean, note: Note): Kind {
  if (TASKS.has(el.local)) return 'step';
  switch (el.local) {
    case 'startEvent':
      return 'start';
    case 'endEvent':
      return 'end';
    case 'exclusiveGateway':
      return 'exclusive';
    case 'parallelGateway':
      return 'parallel';
    case 'inclusiveGateway':
    case 'complexGateway':
    case 'eventBasedGateway': {
      const what = {
        inclusiveGateway: { zh: '包容网关（可同时走多条）', en: 'An inclusive gateway (several branches at once)' },
        complexGateway: { zh: '复杂网关', en: 'A complex gateway' },
        eventBasedGateway: { zh: '事件网关（按先发生的事件走）', en: 'An event-based gateway (the first event to happen decides)' },
      }[el.local];
      note('unsupported', 'bpmn.gateway_kind', el, {
        zh: `${what.zh}不受支持，按判断（只走一个结果，由办理人选择）导入`,
        en: `${what.en} is not supported; imported as a choice (one outcome, chosen by the person doing the step)`,
      });
      return 'exclusive';
    }
    default: {
      // Intermediate events: passed through when something follows them; one that ends a path is an end state.
      const trigger = triggerOf(el.children);
      const named = shown(nameOf(el)) !== null;
      note(
        'unsupported',
        leads ? 'bpmn.event_passed' : 'bpmn.event_as_end',
        el,
        leads
          ? {
              zh: `中间事件（${trigger.zh}）不由系统等待或发出，流程直接经过${named ? '，其名称作为结果名' : ''}`,
              en: `An intermediate event (${trigger.en}) is not waited for or sent by Sunlit; the flow passes through it${named ? ', its name naming the outcome' : ''}`,
            }
          : {
              zh: `中间事件（${trigger.zh}）之后没有连线，作为一个结束状态导入`,
              en: `An intermediate event (${trigger.en}) that nothing follows; imported as an end state`,
            },
      );
      return leads ? 'through' : 'end';
    }
  }
}

/** The kinds of an event, from its definitions among `children`, in words. */
function triggerOf(children: XmlElement[]): Text {
  const kinds = children.filter(isTrigger).map((c) => TRIGGERS[c.local]!);
  if (kinds.length === 0) return { zh: '无触发条件', en: 'none' };
  return { zh: kinds.map((k) => k[0]).join('、'), en: kinds.map((k) => k[1]).join(', ') };
}

const AUTOMATED: Record<string, Text> = {
  serviceTask: { zh: '服务任务', en: 'A service task' },
  scriptTask: { zh: '脚本任务（脚本不执行）', en: 'A script task (its script is not run)' },
  sendTask: { zh: '发送任务', en: 'A send task' },
  receiveTask: { zh: '接收任务', en: 'A receive task' },
  businessRuleTask: { zh: '业务规则任务', en: 'A business rule task' },
};

/** Notes what inside a flow node Sunlit does not run: event triggers, loops, data, scripts, sub-process contents. */
function describeChildren(el: XmlElement, note: Note): void {
  if (el.local === 'subProcess' || el.local === 'adHocSubProcess' || el.local === 'transaction') {
    const inner = el.children.filter(isFlowNode).length;
    note('unsupported', 'bpmn.subprocess', el, {
      zh: `子流程作为一个步骤导入，其中的 ${inner} 个节点未导入`,
      en: `A sub-process is imported as one step; the ${inner} flow nodes inside it are not`,
    });
    return;
  }
  if (el.local === 'callActivity')
    note('unsupported', 'bpmn.call_activity', el, {
      zh: `调用活动作为一个步骤导入，被调用的流程 ${attrOf(el, 'calledElement') ?? ''} 未导入`,
      en: `A call activity is imported as one step; the process it calls ${attrOf(el, 'calledElement') ?? ''} is not`,
    });
  const automated = AUTOMATED[el.local];
  if (automated)
    note('unsupported', 'bpmn.automated_task', el, {
      zh: `${automated.zh}不自动执行，作为由人办理的步骤导入`,
      en: `${automated.en} is not run automatically; imported as a step a person does`,
    });
  const isEvent = EVENTS.has(el.local);
  for (const c of el.children) {
    if (c.uri !== BPMN_NS || QUIET_CHILDREN.has(c.local)) continue;
    if (isTrigger(c)) {
      const trigger = triggerOf([c]);
      if (el.local === 'startEvent')
        note('unsupported', 'bpmn.event_trigger', c, {
          zh: `开始事件的触发方式（${trigger.zh}）不由系统执行：案件在登记申请时开始`,
          en: `The start's trigger (${trigger.en}) is not run by Sunlit: a case starts when an application is registered`,
        });
      else if (el.local === 'endEvent')
        note('unsupported', 'bpmn.event_trigger', c, {
          zh: `结束事件的结果（${trigger.zh}）不由系统发出，作为普通的结束状态导入`,
          en: `The end's result (${trigger.en}) is not thrown by Sunlit; imported as a plain end state`,
        });
    } else if (c.local === 'standardLoopCharacteristics' || c.local === 'multiInstanceLoopCharacteristics')
      note('unsupported', 'bpmn.loop', c, {
        zh: '循环或多实例不受支持，该步骤按办理一次导入',
        en: 'Loops and multiple instances are not supported; the step is imported as done once',
      });
    else if (DATA_CHILDREN.has(c.local))
      note('unsupported', 'bpmn.data', c, { zh: '数据（输入、输出、属性）未导入', en: 'Data (inputs, outputs, properties) is not imported' });
    else if (!isEvent) notRun(c, note);
  }
}

const NOT_RUN: Record<string, [string, string]> = {
  dataObject: ['数据对象', 'A data object'],
  dataObjectReference: ['数据对象', 'A data object'],
  dataStoreReference: ['数据存储', 'A data store'],
  textAnnotation: ['注释', 'A text annotation'],
  association: ['关联线', 'An association'],
  group: ['分组', 'A group'],
  property: ['属性', 'A property'],
  ioSpecification: ['输入输出定义', 'An input/output specification'],
  rendering: ['界面定义', 'A rendering'],
};

/** Any other element: data objects, stores, annotations, associations, groups … */
function notRun(el: XmlElement, note: Note): void {
  const [zh, en] = NOT_RUN[el.local] ?? [`元素 ${el.local} `, `The element ${el.local}`];
  const code = ['textAnnotation', 'association', 'group'].includes(el.local) ? 'bpmn.annotation' : el.local.startsWith('data') ? 'bpmn.data' : 'bpmn.other';
  note('unsupported', code, el, { zh: `${zh}不由系统执行，未导入`, en: `${en} is not run by Sunlit; not imported` });
}

/**
 * Flows with the intermediate and boundary events they pass through taken out: source → event → target becomes
 * source → target, named by the first name on the way (the flow's, else the event's). What lies beyond each event is
 * worked out once (a chain of events that fork and meet again would otherwise be walked once per path). A flow into
 * something left out (an extra start, a boundary event that leads nowhere) is dropped and noted.
 */
function passThrough(nodes: Map<string, RawNode>, flows: RawFlow[], note: Note, tooTangled: () => never): RawFlow[] {
  type Exit = { to: string; name: string | null; condition: string | null };
  const leaving = bySource(flows);
  const beyond = new Map<string, Exit[] | 'walking'>();
  const exitsOf = (id: string): Exit[] => {
    const known = beyond.get(id);
    if (known === 'walking') return []; // a loop of events only: nothing to run
    if (known) return known;
    beyond.set(id, 'walking');
    const event = nodes.get(id)!;
    const found = new Map<string, Exit>();
    for (const f of leaving.get(id) ?? []) {
      const target = nodes.get(f.to);
      if (!target) continue;
      const name = shown(f.name) ?? shown(event.name);
      const onward = target.kind === 'through' ? exitsOf(f.to) : [{ to: f.to, name: null, condition: null }];
      for (const e of onward) {
        const exit = { to: e.to, name: name ?? e.name, condition: f.condition ?? e.condition };
        found.set(`${exit.to}\u0000${exit.name}\u0000${exit.condition}`, exit);
      }
      if (found.size > RAW_LIMITS.flows) tooTangled();
    }
    const exits = [...found.values()];
    beyond.set(id, exits);
    return exits;
  };
  const out: RawFlow[] = [];
  const passed = new Set<string>();
  for (const f of flows) {
    const source = nodes.get(f.from);
    if (!source || source.kind === 'through') continue;
    const target = nodes.get(f.to);
    if (!target) {
      note('unsupported', 'bpmn.flow_dropped', f.el, {
        zh: '连线指向未导入的元素，未导入',
        en: 'The flow leads to an element that was left out; not imported',
      });
    } else if (target.kind !== 'through') out.push(f);
    else {
      for (const e of exitsOf(f.to)) {
        const flow = {
          el: f.el,
          from: f.from,
          to: e.to,
          name: shown(f.name) ?? e.name,
          condition: f.condition ?? e.condition,
          isDefault: f.isDefault,
          viaEvent: true,
        };
        const key = `${flow.from}\u0000${flow.to}\u0000${flow.name}\u0000${flow.condition}`;
        if (!passed.has(key)) out.push(flow);
        passed.add(key);
      }
    }
  }
  return out;
}

/** How a step's role is found: its potential owner or candidate groups, else the innermost lane holding it. */
function performerRoleFinder(lanes: Lane[], options: BpmnImportOptions, note: Note) {
  const reported = new Set<XmlElement>();
  const unknown = (el: XmlElement, named: string) => {
    if (reported.has(el)) return;
    reported.add(el);
    note('adapted', 'bpmn.role_unknown', el, {
      zh: `“${quote(named)}”不是系统中的角色，办理角色留空`,
      en: `“${quote(named)}” is not a Sunlit role; the role is left open`,
    });
  };
  return (n: RawNode): PerformerRole | null => {
    for (const holder of n.el.children.filter((c) => c.uri === BPMN_NS && ['potentialOwner', 'humanPerformer', 'performer'].includes(c.local))) {
      const expression = holder.children.find((c) => c.local === 'resourceAssignmentExpression')?.children.find((c) => c.local === 'formalExpression');
      const written = expression?.text
        .trim()
        .replace(/^(group|user)\((.*)\)$/, '$2')
        .replace(/^['"](.*)['"]$/, '$1');
      const named = shown(written) ?? shown(nameOf(holder));
      if (!named) continue;
      const role = options.roleNamed(named);
      if (role) return role;
      unknown(holder, named);
    }
    const groups = [...n.el.attrs].find(([k]) => k.endsWith('}candidateGroups'))?.[1];
    for (const g of groups
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? []) {
      const role = options.roleNamed(g);
      if (role) return role;
      unknown(n.el, g);
    }
    const lane = lanes.filter((l) => l.refs.has(n.bpmnId)).sort((a, b) => b.depth - a.depth)[0];
    if (lane?.name) {
      const role = options.roleNamed(lane.name);
      if (role) return role;
      unknown(lane.el, lane.name);
    }
    return null;
  };
}

/** A step: Sunlit's own extension when the file carries it (an export coming back), else what BPMN says. */
function stepOf(n: RawNode, id: string, name: string, performerRoleOf: (n: RawNode) => PerformerRole | null, note: Note): StepNode {
  const ext = childrenOf(n.el, BPMN_NS, 'extensionElements')
    .flatMap((c) => c.children)
    .find((c) => c.uri === SUNLIT_NS && c.local === 'step');
  if (ext) return stepFromExtension(ext, id, name, note);
  const duty = dutyOfName(name);
  if (duty)
    note('adapted', 'bpmn.duty_from_name', n.el, {
      zh: `职责按名称推定为“${DUTY_LABELS[duty].zh}”，请核对`,
      en: `The duty “${duty}” was taken from the name; check it`,
    });
  return { id, kind: 'step', name, duty, performer: { role: performerRoleOf(n), unit: 'own', unitCode: null }, limitDays: null, clockStop: null, risks: [] };
}

/** Reads `<sunlit:step>`: a value outside the process contract is left empty (or the risk point left out) and noted. */
function stepFromExtension(ext: XmlElement, id: string, name: string, note: Note): StepNode {
  const bad = (what: string, value: string) =>
    note(
      'adapted',
      'bpmn.extension_invalid',
      ext,
      { zh: `Sunlit 扩展中的${what}“${quote(value)}”无效，已留空`, en: `The Sunlit extension's ${what} “${quote(value)}” is not valid; left empty` },
      { id, name },
    );
  const pick = <T extends string>(value: string | undefined, allowed: readonly T[], what: string): T | null => {
    if (value === undefined) return null;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    bad(what, value);
    return null;
  };
  const limit = attrOf(ext, 'limitDays');
  let limitDays: number | null = null;
  if (limit !== undefined) {
    if (/^\d{1,4}$/.test(limit) && Number(limit) <= 3650) limitDays = Number(limit);
    else bad('时限 limitDays', limit);
  }
  const performer = childrenOf(ext, SUNLIT_NS, 'performer')[0];
  const unit = pick(performer && attrOf(performer, 'unit'), ['own', 'parent', 'named'] as const, '办理单位 unit') ?? 'own';
  let unitCode = (performer && attrOf(performer, 'unitCode')) ?? null;
  if (unitCode !== null && !UNIT_CODE.test(unitCode)) {
    bad('单位编码 unitCode', unitCode);
    unitCode = null;
  }
  const risks: RiskPoint[] = [];
  for (const r of childrenOf(ext, SUNLIT_NS, 'risk')) {
    const risk = {
      description: childrenOf(r, SUNLIT_NS, 'description')[0]?.text ?? '',
      grade: Number(attrOf(r, 'grade')),
      category: attrOf(r, 'category') ?? '',
      measures: childrenOf(r, SUNLIT_NS, 'measures')[0]?.text ?? '',
      post: attrOf(r, 'post') ?? null,
    };
    const mismatch = [...Value.Errors(RiskPointSchema, risk)][0];
    if (mismatch) bad(`风险点 risk（${mismatch.instancePath.replace(/^\//, '')} ${mismatch.message}）`, risk.description);
    else if (risks.length === PROCESS_LIMITS.risksPerStep) bad(`第 ${PROCESS_LIMITS.risksPerStep + 1} 个以后的风险点 risk`, risk.description);
    else risks.push(risk as RiskPoint);
  }
  return {
    id,
    kind: 'step',
    name,
    duty: pick(attrOf(ext, 'duty'), STEP_DUTIES, '职责 duty'),
    performer: { role: pick(performer && attrOf(performer, 'role'), PERFORMER_ROLES, '角色 role'), unit, unitCode },
    limitDays,
    clockStop: pick(attrOf(ext, 'clockStop'), CLOCK_STOP_REASONS, '停表事由 clockStop'),
    risks,
  };
}
