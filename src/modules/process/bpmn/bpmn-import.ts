// A BPMN 2.0 file from any modeler as a Sunlit process. Only structural faults refuse it; everything else Sunlit
// cannot run is left out or turned into what it can run, and each such element is listed in the report.
import { Value } from 'typebox/value';
import { ProcessSchema } from '../process.contract.ts';
import { validateProcess, type ItemLimits, type ProcessDefinition, type ProcessNode, type RiskPoint, type StepNode } from '../process.rules.ts';
import { CLOCK_STOP_REASONS, dutyOfName, PERFORMER_ROLES, STEP_DUTIES, type PerformerRole, type StepDuty } from '../process-vocabulary.data.ts';
import { BPMN_NS, SUNLIT_NS } from './bpmn-export.ts';
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

/** Most a process may hold (the process contract's caps). */
const MAX_NODES = 120;
const MAX_FLOWS = 240;
const NAME_MAX = 100;
const OUTCOME_MAX = 50;
const NODE_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
/**
 * Most paths walked through intermediate events: each event with two ways on doubles them, so a chain of such events
 * could otherwise take forever. Real files walk a few dozen.
 */
const PASS_THROUGH_BUDGET = 10_000;

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
const EVENT_DEFINITIONS = new Set([
  'messageEventDefinition',
  'timerEventDefinition',
  'signalEventDefinition',
  'conditionalEventDefinition',
  'errorEventDefinition',
  'escalationEventDefinition',
  'compensateEventDefinition',
  'linkEventDefinition',
  'terminateEventDefinition',
  'cancelEventDefinition',
  'eventDefinitionRef',
]);
/** Children of a flow node that carry no execution meaning (or that the import reads itself). */
const QUIET_CHILDREN = new Set([
  'documentation',
  'extensionElements',
  'incoming',
  'outgoing',
  'potentialOwner',
  'humanPerformer',
  'performer',
  'conditionExpression',
]);

/** What a flow node becomes: a Sunlit node, or something passed through (an intermediate event on the way). */
type Role = 'start' | 'step' | 'exclusive' | 'parallel' | 'end' | 'through';

interface RawNode {
  el: XmlElement;
  bpmnId: string;
  name: string | null;
  role: Role;
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

class Refused extends Error {}

/** Imports one process of a BPMN file; see docs/bpmn.md for the mapping element by element. */
export function importBpmn(file: Uint8Array | string, options: BpmnImportOptions): BpmnImport {
  const entries: ReportEntry[] = [];
  const report: BpmnReport = { outcome: 'refused', process: null, processes: [], counts: null, entries };
  const note = (kind: ReportKind, code: string, el: XmlElement | null, message: { zh: string; en: string }, id?: string | null, name?: string | null) =>
    entries.push({
      kind,
      code,
      element: el?.local ?? null,
      id: id !== undefined ? id : el ? (attrOf(el, 'id') ?? null) : null,
      name: name !== undefined ? name : el ? oneLine(attrOf(el, 'name')) : null,
      line: el?.line ?? null,
      message,
    });
  const refuse = (code: string, el: XmlElement | null, message: { zh: string; en: string }, id?: string | null): never => {
    note('refused', code, el, message, id);
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
        name: process.nodes.find((n) => n.id === p.nodeId)?.name ?? null,
        line: el?.line ?? null,
        message: p.message,
      });
    }
    if (entries.some((e) => e.kind === 'refused')) return { ok: false, report };
    report.outcome = 'imported';
    report.counts = {
      steps: process.nodes.filter((n) => n.kind === 'step').length,
      choices: process.nodes.filter((n) => n.kind === 'exclusive').length,
      parallels: process.nodes.filter((n) => n.kind === 'parallel').length,
      ends: process.nodes.filter((n) => n.kind === 'end').length,
      flows: process.flows.length,
    };
    return { ok: true, process, report };
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    inDocumentOrder(entries);
    return { ok: false, report };
  }
}

/** Entries about the file's elements in the order of its lines (a reader goes down the file once). */
function inDocumentOrder(entries: ReportEntry[]): void {
  const sorted = [...entries].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  entries.splice(0, entries.length, ...sorted);
}

type Note = (kind: ReportKind, code: string, el: XmlElement | null, message: { zh: string; en: string }, id?: string | null, name?: string | null) => void;
type Refuse = (code: string, el: XmlElement | null, message: { zh: string; en: string }, id?: string | null) => never;

/** Whitespace runs (line breaks from a modeler's wrapped labels) as one space; null for nothing. */
function oneLine(s: string | undefined | null): string | null {
  if (s === undefined || s === null) return null;
  // eslint-disable-next-line no-control-regex
  const t = /[\u0000-\u001F]/.test(s) ? s.replace(/[\u0000-\u001F\s]+/g, ' ').trim() : s;
  return t.trim() ? t : null;
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
      null,
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
      null,
    );
  }
  const seen = new Map<string, XmlElement>();
  const walk = (el: XmlElement) => {
    const id = el.uri === BPMN_NS || el.uri.startsWith('http://www.omg.org/spec/') ? attrOf(el, 'id') : undefined;
    if (id !== undefined) {
      const first = seen.get(id);
      if (first)
        refuse(
          'bpmn.duplicate_id',
          el,
          { zh: `编号 ${id} 重复（第 ${first.line} 行已用过）`, en: `The id ${id} is used twice (first on line ${first.line})` },
          id,
        );
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
  const participants = root.children.filter((c) => c.uri === BPMN_NS && c.local === 'collaboration').flatMap((c) => childrenOf(c, BPMN_NS, 'participant'));
  const all = childrenOf(root, BPMN_NS, 'process').map((el) => {
    const id = attrOf(el, 'id') ?? '';
    const pool = participants.find((p) => attrOf(p, 'processRef') === id);
    const summary: BpmnProcessSummary = {
      id,
      name: oneLine(attrOf(el, 'name')) ?? oneLine(pool && attrOf(pool, 'name')),
      flowNodes: el.children.filter(isFlowNode).length,
    };
    return { el, summary };
  });
  report.processes = all.map((p) => p.summary);
  const list = all.map((p) => `${p.summary.id}${p.summary.name ? `（${p.summary.name}）` : ''}`).join('、');
  if (wanted !== undefined) {
    const found = all.find((p) => p.summary.id === wanted);
    if (!found)
      refuse(
        'bpmn.process_unknown',
        null,
        { zh: `文件中没有编号为 ${wanted} 的流程；现有：${list || '无'}`, en: `The file has no process ${wanted}; it has: ${list || 'none'}` },
        wanted,
      );
    return { process: found!.el, summary: found!.summary };
  }
  const candidates = all.filter((p) => p.summary.flowNodes > 0);
  if (candidates.length === 0) refuse('bpmn.no_process', null, { zh: '文件中没有含任何节点的流程', en: 'The file holds no process with any flow node' }, null);
  if (candidates.length > 1)
    refuse(
      'bpmn.several_processes',
      null,
      {
        zh: `文件中有 ${candidates.length} 个流程，请选择要导入的一个（命令行用 --process 编号）：${candidates.map((p) => p.summary.id).join('、')}`,
        en: `The file holds ${candidates.length} processes: choose the one to import (--process ID on the command line): ${candidates.map((p) => p.summary.id).join(', ')}`,
      },
      null,
    );
  for (const p of all)
    if (p !== candidates[0])
      note('adapted', 'bpmn.empty_process_skipped', p.el, { zh: '空流程（没有节点），未导入', en: 'An empty process (no flow nodes), skipped' });
  return { process: candidates[0]!.el, summary: candidates[0]!.summary };
}

/** A Sunlit name: one line, at most `max` characters (the rest noted). */
function fitName(raw: string | null, max: number, el: XmlElement, note: Note): string | null {
  if (raw === null || raw.length <= max) return raw;
  const cut = `${raw.slice(0, max - 1)}…`;
  note('adapted', 'bpmn.name_shortened', el, {
    zh: `名称超过 ${max} 字，已截短为“${cut}”`,
    en: `The name is longer than ${max} characters; shortened to “${cut}”`,
  });
  return cut;
}

function mapProcess(
  root: XmlElement,
  processEl: XmlElement,
  options: BpmnImportOptions,
  note: Note,
  refuse: Refuse,
): { process: ProcessDefinition; elementOf: Map<string, XmlElement> } {
  const nodes = new Map<string, RawNode>();
  const flowEls: XmlElement[] = [];
  const boundaries: XmlElement[] = [];
  const lanes: { el: XmlElement; name: string | null; refs: Set<string>; depth: number }[] = [];
  const collectLanes = (set: XmlElement, depth: number) => {
    for (const lane of childrenOf(set, BPMN_NS, 'lane')) {
      lanes.push({ el: lane, name: oneLine(attrOf(lane, 'name')), refs: new Set(childrenOf(lane, BPMN_NS, 'flowNodeRef').map((r) => r.text.trim())), depth });
      for (const child of childrenOf(lane, BPMN_NS, 'childLaneSet')) collectLanes(child, depth + 1);
    }
  };

  for (const el of processEl.children) {
    if (el.uri !== BPMN_NS) continue;
    const id = attrOf(el, 'id') ?? '';
    if (isFlowNode(el)) {
      if (!id) refuse('bpmn.missing_id', el, { zh: '节点缺少编号（id）', en: 'A flow node has no id' });
      if (el.local === 'boundaryEvent') {
        boundaries.push(el);
        continue;
      }
      nodes.set(id, { el, bpmnId: id, name: oneLine(attrOf(el, 'name')), role: roleOf(el, processEl, note) });
      describeChildren(el, note);
    } else if (el.local === 'sequenceFlow') flowEls.push(el);
    else if (el.local === 'laneSet') collectLanes(el, 0);
    else if (el.local !== 'documentation' && el.local !== 'extensionElements') notRun(el, note);
  }
  for (const c of root.children.filter((c) => c.uri === BPMN_NS && c.local === 'collaboration')) {
    const pool = childrenOf(c, BPMN_NS, 'participant').find((p) => attrOf(p, 'processRef') === attrOf(processEl, 'id'));
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
          zh: `连线的${end === 'sourceRef' ? '起点' : '终点'} ${ref ?? '（空）'} 不是本流程中的节点`,
          en: `The flow's ${end} ${ref ?? '(none)'} is not a flow node of this process`,
        });
    }
    const condition = childrenOf(el, BPMN_NS, 'conditionExpression')[0];
    flows.push({
      el,
      from: from!,
      to: to!,
      name: oneLine(attrOf(el, 'name')),
      condition: condition ? oneLine(condition.text) : null,
      isDefault: defaults.has(attrOf(el, 'id') ?? ''),
      viaEvent: false,
    });
  }

  // A boundary event is an outcome of the task it sits on: the flow leaving it leaves the task, named after it.
  for (const b of boundaries) {
    const id = attrOf(b, 'id')!;
    const host = attrOf(b, 'attachedToRef');
    const leaving = flows.filter((f) => f.from === id);
    if (host === undefined || !nodes.has(host))
      refuse('bpmn.dangling_flow', b, {
        zh: `边界事件所附的节点 ${host ?? '（空）'} 不在本流程中`,
        en: `The boundary event is attached to ${host ?? 'nothing'}, not a node of this process`,
      });
    const trigger = eventTrigger(b);
    if (leaving.length === 0) {
      note('unsupported', 'bpmn.boundary_dropped', b, {
        zh: `边界事件（${trigger.zh}）没有去向，未导入`,
        en: `A boundary event (${trigger.en}) that leads nowhere; not imported`,
      });
      continue;
    }
    const name = oneLine(attrOf(b, 'name'));
    note('unsupported', 'bpmn.boundary_outcome', b, {
      zh: `边界事件（${trigger.zh}）不由系统触发，改为所附步骤的一个结果${name ? `“${name}”` : ''}，由办理人选择`,
      en: `A boundary event (${trigger.en}) is not triggered by Sunlit; it becomes an outcome${name ? ` “${name}”` : ''} of its task, chosen by the person doing it`,
    });
    nodes.set(id, { el: b, bpmnId: id, name, role: 'through' });
    flows.push({ el: null, from: host!, to: id, name: null, condition: null, isDefault: false, viaEvent: true });
  }

  // One start: a plain start event first; the others are left out with their flows.
  const starts = [...nodes.values()].filter((n) => n.role === 'start');
  if (starts.length === 0)
    refuse('bpmn.no_start', null, { zh: '流程没有开始事件（startEvent）', en: 'The process has no start event' }, attrOf(processEl, 'id') ?? null);
  const start = starts.find((s) => !s.el.children.some((c) => EVENT_DEFINITIONS.has(c.local))) ?? starts[0]!;
  for (const s of starts) {
    if (s === start) continue;
    note('unsupported', 'bpmn.extra_start', s.el, {
      zh: `Sunlit 的流程只有一个开始（收到申请），多余的开始事件及其连线未导入；以“${start.name ?? start.bpmnId}”为开始`,
      en: `A Sunlit process has one start (the application arriving): this extra start and its flows are left out; the start is “${start.name ?? start.bpmnId}”`,
    });
    nodes.delete(s.bpmnId);
    for (let i = flows.length - 1; i >= 0; i--) if (flows[i]!.from === s.bpmnId) flows.splice(i, 1);
  }

  const collapsed = passThrough(nodes, flows, () =>
    refuse(
      'bpmn.too_large',
      processEl,
      {
        zh: `中间事件之间的连线过于交错（超过 ${PASS_THROUGH_BUDGET} 条路径），无法导入`,
        en: `The flows between intermediate events are too tangled (more than ${PASS_THROUGH_BUDGET} paths) to import`,
      },
      attrOf(processEl, 'id') ?? null,
    ),
  );

  // Sunlit ids: the file's own where they fit, otherwise short ones; nodes the import adds get ids of their own.
  const taken = new Set<string>();
  const fresh = (base: string) => {
    let id = NODE_ID.test(base) ? base : `n${taken.size + 1}`;
    for (let i = 2; taken.has(id); i++) id = `${NODE_ID.test(base) ? base.slice(0, 58) : 'n'}_${i}`;
    taken.add(id);
    return id;
  };
  const real = [...nodes.values()].filter((n) => n.role !== 'through');
  const idOf = new Map(real.map((n) => [n.bpmnId, fresh(n.bpmnId)]));

  const roleOfNode = roleFinder(lanes, options, note);
  const out: ProcessNode[] = [];
  let unnamed = 0;
  for (const n of real) {
    const id = idOf.get(n.bpmnId)!;
    const name = fitName(n.name, NAME_MAX, n.el, note);
    switch (n.role) {
      case 'start':
        out.push({ id, kind: 'start', name });
        break;
      case 'exclusive':
      case 'parallel':
        out.push({ id, kind: n.role, name });
        break;
      case 'end':
        if (!name) note('adapted', 'bpmn.name_given', n.el, { zh: '结束事件没有名称，命名为“结束”', en: 'The end event has no name; named “结束” (end)' });
        out.push({ id, kind: 'end', name: name ?? '结束' });
        break;
      case 'step': {
        let stepName = name;
        if (!stepName) {
          stepName = `未命名步骤 ${++unnamed}`;
          note('adapted', 'bpmn.name_given', n.el, { zh: `任务没有名称，命名为“${stepName}”`, en: `The task has no name; named “${stepName}”` });
        }
        out.push(stepOf(n, id, stepName, roleOfNode, note));
        break;
      }
    }
  }

  // Flows in Sunlit ids, with the ends and splits BPMN leaves implicit drawn in.
  const sunlitFlows: (RawFlow & { outcome: string | null })[] = collapsed.map((f) => ({ ...f, from: idOf.get(f.from)!, to: idOf.get(f.to)!, outcome: null }));
  if (!out.some((n) => n.kind === 'end'))
    refuse('bpmn.no_end', null, { zh: '流程没有结束事件（endEvent）', en: 'The process has no end event' }, attrOf(processEl, 'id') ?? null);
  const elOf = new Map(real.map((n) => [idOf.get(n.bpmnId)!, n.el]));
  for (const n of [...out]) {
    const leaving = sunlitFlows.filter((f) => f.from === n.id);
    if (n.kind !== 'end' && leaving.length === 0) {
      const endId = fresh(`${n.id}_end`);
      out.push({ id: endId, kind: 'end', name: '结束' });
      sunlitFlows.push({ el: null, from: n.id, to: endId, name: null, condition: null, isDefault: false, viaEvent: false, outcome: null });
      note('adapted', 'bpmn.implicit_end', elOf.get(n.id)!, {
        zh: '之后没有连线（BPMN 视为在此结束），已补一个结束节点“结束”',
        en: 'Nothing follows it (BPMN ends the path there); an end “结束” was added after it',
      });
    } else if ((n.kind === 'step' || n.kind === 'start') && leaving.length > 1 && !leaving.some((f) => f.condition || f.isDefault || f.viaEvent || f.name)) {
      // Unconditioned flows leaving a task all run (BPMN): a parallel split, which Sunlit draws as a gateway.
      const splitId = fresh(`${n.id}_split`);
      out.splice(out.indexOf(n) + 1, 0, { id: splitId, kind: 'parallel', name: null });
      for (const f of leaving) f.from = splitId;
      sunlitFlows.push({ el: null, from: n.id, to: splitId, name: null, condition: null, isDefault: false, viaEvent: false, outcome: null });
      note('adapted', 'bpmn.implicit_split', elOf.get(n.id)!, {
        zh: `有 ${leaving.length} 条无条件的去向（BPMN 视为同时进行），已补一个并行网关`,
        en: `${leaving.length} unconditioned flows leave it (BPMN runs them all); a parallel gateway was added`,
      });
    }
  }

  // Outcomes: a choice names each of its flows; unnamed ones take their condition, 其他情况 for the default, or
  // their target's name.
  const nameOf = new Map(out.map((n) => [n.id, n.name]));
  for (const n of out) {
    const leaving = sunlitFlows.filter((f) => f.from === n.id);
    const choice = n.kind !== 'parallel' && leaving.length > 1;
    const used = new Set<string>();
    for (const f of leaving) {
      let outcome = f.name;
      if (choice && !outcome) {
        outcome = f.condition ?? (f.isDefault ? '其他情况' : `至 ${nameOf.get(f.to) ?? f.to}`);
        note(
          'adapted',
          'bpmn.outcome_named',
          f.el ?? elOf.get(n.id)!,
          { zh: `选择的去向没有名称，命名为“${outcome}”`, en: `An outcome of a choice has no name; named “${outcome}”` },
          f.el ? undefined : null,
          f.el ? undefined : null,
        );
      }
      if (outcome !== null) {
        outcome = fitName(outcome, OUTCOME_MAX, f.el ?? elOf.get(n.id)!, note)!;
        if (choice && used.has(outcome)) {
          let i = 2;
          while (used.has(`${outcome}（${i}）`)) i++;
          outcome = `${outcome}（${i}）`;
        }
        used.add(outcome);
      }
      f.outcome = outcome;
    }
  }

  const process: ProcessDefinition = { nodes: out, flows: sunlitFlows.map((f) => ({ from: f.from, to: f.to, outcome: f.outcome })) };
  if (process.nodes.length > MAX_NODES || process.flows.length > MAX_FLOWS)
    refuse(
      'bpmn.too_large',
      processEl,
      {
        zh: `流程有 ${process.nodes.length} 个节点、${process.flows.length} 条连线，超过上限（${MAX_NODES} 个节点、${MAX_FLOWS} 条连线）`,
        en: `The process has ${process.nodes.length} nodes and ${process.flows.length} flows, more than allowed (${MAX_NODES} nodes, ${MAX_FLOWS} flows)`,
      },
      attrOf(processEl, 'id') ?? null,
    );
  if (!Value.Check(ProcessSchema, process)) {
    const first = [...Value.Errors(ProcessSchema, process)][0];
    refuse('bpmn.invalid', processEl, {
      zh: `导入结果不符合流程格式：${first?.message ?? ''}`,
      en: `The result does not fit the process format: ${first?.message ?? ''}`,
    });
  }
  return { process, elementOf: elOf };
}

/** What a flow node becomes; gateways and events Sunlit does not run are noted. */
function roleOf(el: XmlElement, processEl: XmlElement, note: Note): Role {
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
      const id = attrOf(el, 'id');
      const leads = childrenOf(processEl, BPMN_NS, 'sequenceFlow').some((f) => attrOf(f, 'sourceRef') === id);
      const trigger = eventTrigger(el);
      note(
        'unsupported',
        leads ? 'bpmn.event_passed' : 'bpmn.event_as_end',
        el,
        leads
          ? {
              zh: `中间事件（${trigger.zh}）不由系统等待或发出，流程直接经过${attrOf(el, 'name') ? '，其名称作为结果名' : ''}`,
              en: `An intermediate event (${trigger.en}) is not waited for or sent by Sunlit; the flow passes through it${attrOf(el, 'name') ? ', its name naming the outcome' : ''}`,
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

/** The kind of an event, from its definitions, in words. */
function eventTrigger(el: XmlElement): { zh: string; en: string } {
  const WORDS: Record<string, [string, string]> = {
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
  const kinds = el.children.filter((c) => c.uri === BPMN_NS && WORDS[c.local]).map((c) => WORDS[c.local]!);
  if (kinds.length === 0) return { zh: '无触发条件', en: 'none' };
  return { zh: kinds.map((k) => k[0]).join('、'), en: kinds.map((k) => k[1]).join(', ') };
}

/** Notes what inside a flow node Sunlit does not run: event triggers, loops, data, scripts, sub-process contents. */
function describeChildren(el: XmlElement, note: Note): void {
  const words = { zh: '', en: '' };
  switch (el.local) {
    case 'subProcess':
    case 'adHocSubProcess':
    case 'transaction': {
      const inner = el.children.filter(isFlowNode).length;
      note('unsupported', 'bpmn.subprocess', el, {
        zh: `子流程作为一个步骤导入，其中的 ${inner} 个节点未导入`,
        en: `A sub-process is imported as one step; the ${inner} flow nodes inside it are not`,
      });
      return;
    }
    case 'callActivity':
      note('unsupported', 'bpmn.call_activity', el, {
        zh: `调用活动作为一个步骤导入，被调用的流程 ${attrOf(el, 'calledElement') ?? ''} 未导入`,
        en: `A call activity is imported as one step; the process it calls ${attrOf(el, 'calledElement') ?? ''} is not`,
      });
      break;
    case 'serviceTask':
    case 'scriptTask':
    case 'sendTask':
    case 'receiveTask':
    case 'businessRuleTask':
      Object.assign(
        words,
        {
          serviceTask: { zh: '服务任务', en: 'A service task' },
          scriptTask: { zh: '脚本任务（脚本不执行）', en: 'A script task (its script is not run)' },
          sendTask: { zh: '发送任务', en: 'A send task' },
          receiveTask: { zh: '接收任务', en: 'A receive task' },
          businessRuleTask: { zh: '业务规则任务', en: 'A business rule task' },
        }[el.local],
      );
      note('unsupported', 'bpmn.automated_task', el, {
        zh: `${words.zh}不自动执行，作为由人办理的步骤导入`,
        en: `${words.en} is not run automatically; imported as a step a person does`,
      });
      break;
  }
  for (const c of el.children) {
    if (c.uri !== BPMN_NS || QUIET_CHILDREN.has(c.local) || c.local === 'script') continue;
    if (EVENT_DEFINITIONS.has(c.local)) {
      const trigger = eventTrigger({ ...el, children: [c] });
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
      continue;
    }
    if (c.local === 'standardLoopCharacteristics' || c.local === 'multiInstanceLoopCharacteristics') {
      note('unsupported', 'bpmn.loop', c, {
        zh: '循环或多实例不受支持，该步骤按办理一次导入',
        en: 'Loops and multiple instances are not supported; the step is imported as done once',
      });
      continue;
    }
    if (
      ['dataInputAssociation', 'dataOutputAssociation', 'ioSpecification', 'property', 'dataInput', 'dataOutput', 'inputSet', 'outputSet'].includes(c.local)
    ) {
      note('unsupported', 'bpmn.data', c, { zh: '数据（输入、输出、属性）未导入', en: 'Data (inputs, outputs, properties) is not imported' });
      continue;
    }
    if (el.local.endsWith('Event') && EVENTS.has(el.local)) continue;
    notRun(c, note);
  }
}

/** Any other element: data objects, stores, annotations, associations, groups … */
function notRun(el: XmlElement, note: Note): void {
  const what: Record<string, [string, string]> = {
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
  const [zh, en] = what[el.local] ?? [`元素 ${el.local} `, `The element ${el.local}`];
  const code =
    el.local === 'textAnnotation' || el.local === 'association' || el.local === 'group'
      ? 'bpmn.annotation'
      : el.local.startsWith('data')
        ? 'bpmn.data'
        : 'bpmn.other';
  note('unsupported', code, el, { zh: `${zh}不由系统执行，未导入`, en: `${en} is not run by Sunlit; not imported` });
}

/**
 * Flows with the intermediate and boundary events they pass through taken out: source → event → target becomes
 * source → target, named by the first name on the way (the flow's, else the event's).
 */
function passThrough(nodes: Map<string, RawNode>, flows: RawFlow[], tooTangled: () => never): RawFlow[] {
  const leaving = new Map<string, RawFlow[]>();
  let budget = PASS_THROUGH_BUDGET;
  for (const f of flows) leaving.set(f.from, [...(leaving.get(f.from) ?? []), f]);
  const out: RawFlow[] = [];
  const follow = (f: RawFlow, from: string, name: string | null, condition: string | null, isDefault: boolean, viaEvent: boolean, seen: Set<string>) => {
    if (--budget < 0) tooTangled();
    const target = nodes.get(f.to)!;
    if (target.role !== 'through') {
      out.push({ el: f.el, from, to: f.to, name, condition, isDefault, viaEvent });
      return;
    }
    if (seen.has(f.to)) return; // a loop of events only: nothing to run
    for (const next of leaving.get(f.to) ?? []) {
      follow(next, from, name ?? next.name ?? target.name, condition ?? next.condition, isDefault, true, new Set([...seen, f.to]));
    }
  };
  for (const f of flows) {
    if (nodes.get(f.from)?.role === 'through' || !nodes.has(f.from)) continue;
    follow(f, f.from, f.name, f.condition, f.isDefault, f.viaEvent, new Set());
  }
  const unique = new Map<string, RawFlow>();
  for (const f of out) {
    const key = `${f.from}\u0000${f.to}\u0000${f.name ?? ''}`;
    if (!unique.has(key)) unique.set(key, f);
  }
  return [...unique.values()];
}

/** How a step's role is found: its potential owner or candidate groups, else the innermost lane holding it. */
function roleFinder(lanes: { el: XmlElement; name: string | null; refs: Set<string>; depth: number }[], options: BpmnImportOptions, note: Note) {
  const reported = new Set<XmlElement>();
  const unknown = (el: XmlElement, named: string) => {
    if (reported.has(el)) return;
    reported.add(el);
    note('adapted', 'bpmn.role_unknown', el, {
      zh: `“${named}”不是系统中的角色，办理角色留空`,
      en: `“${named}” is not a Sunlit role; the role is left open`,
    });
  };
  return (n: RawNode): PerformerRole | null => {
    for (const holder of n.el.children.filter((c) => c.uri === BPMN_NS && ['potentialOwner', 'humanPerformer', 'performer'].includes(c.local))) {
      const expression = holder.children.find((c) => c.local === 'resourceAssignmentExpression')?.children.find((c) => c.local === 'formalExpression');
      const named = oneLine(expression?.text.replace(/^\s*(group|user)\((.*)\)\s*$/, '$2').replace(/^['"](.*)['"]$/, '$1')) ?? oneLine(attrOf(holder, 'name'));
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
function stepOf(n: RawNode, id: string, name: string, roleOfNode: (n: RawNode) => PerformerRole | null, note: Note): StepNode {
  const ext = n.el.children
    .filter((c) => c.uri === BPMN_NS && c.local === 'extensionElements')
    .flatMap((c) => c.children)
    .find((c) => c.uri === SUNLIT_NS && c.local === 'step');
  if (ext) return stepFromExtension(ext, id, name, note);
  const duty = dutyOfName(name);
  if (duty)
    note('adapted', 'bpmn.duty_from_name', n.el, {
      zh: `职责按名称推定为“${dutyZh(duty)}”，请核对`,
      en: `The duty “${duty}” was taken from the name; check it`,
    });
  return {
    id,
    kind: 'step',
    name,
    duty,
    performer: { role: roleOfNode(n), unit: 'own', unitCode: null },
    limitDays: null,
    clockStop: null,
    risks: [],
  };
}

const DUTY_ZH: Record<StepDuty, string> = {
  accept: '受理',
  review: '审查',
  decide: '决定',
  deliver: '送达',
  enforce: '执行',
  supervise: '监督',
  other: '其他',
};
const dutyZh = (d: StepDuty) => DUTY_ZH[d];

/** Reads `<sunlit:step>`: a value out of the vocabulary is left empty and noted rather than refusing the file. */
function stepFromExtension(ext: XmlElement, id: string, name: string, note: Note): StepNode {
  const bad = (what: string, value: string) =>
    note(
      'adapted',
      'bpmn.extension_invalid',
      ext,
      { zh: `Sunlit 扩展中的${what}“${value}”无效，已留空`, en: `The Sunlit extension's ${what} “${value}” is not valid; left empty` },
      id,
      name,
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
  const risks: RiskPoint[] = [];
  for (const r of childrenOf(ext, SUNLIT_NS, 'risk')) {
    const grade = Number(attrOf(r, 'grade'));
    const description = childrenOf(r, SUNLIT_NS, 'description')[0]?.text ?? '';
    if (![1, 2, 3].includes(grade) || !description.trim()) {
      bad('风险点 risk', description || (attrOf(r, 'grade') ?? ''));
      continue;
    }
    risks.push({
      description,
      grade: grade as 1 | 2 | 3,
      category: attrOf(r, 'category') ?? '',
      measures: childrenOf(r, SUNLIT_NS, 'measures')[0]?.text ?? '',
      post: attrOf(r, 'post') ?? null,
    });
  }
  return {
    id,
    kind: 'step',
    name,
    duty: pick(attrOf(ext, 'duty'), STEP_DUTIES, '职责 duty'),
    performer: {
      role: pick(performer && attrOf(performer, 'role'), PERFORMER_ROLES, '角色 role'),
      unit,
      unitCode: unit === 'named' ? ((performer && attrOf(performer, 'unitCode')) ?? null) : null,
    },
    limitDays,
    clockStop: pick(attrOf(ext, 'clockStop'), CLOCK_STOP_REASONS, '停表事由 clockStop'),
    risks,
  };
}
