import { DomainError } from '../../shared/errors.ts';
import type { EndNode, Flow, ProcessDefinition, ProcessNode, StepNode } from '../process/process.rules.ts';

/**
 * The engine that moves a case through its item's published process, as pure functions over the process and the
 * case's run state. A step's completion carries the outcome that picks the branch at the choice after it; parallel
 * splits open every branch and joins wait for all their incoming flows; reaching an end ends the case (the end's
 * name is its outcome) and cancels whatever is still open elsewhere — a 会签 that refuses ends the application.
 */

/** Where a case stands in its process. */
export interface RunState {
  /** Steps with a task open now. */
  active: string[];
  /** Flows that have arrived at each parallel join still waiting for the others. */
  waiting: Record<string, number>;
}

export interface Advance {
  state: RunState;
  /** Steps whose tasks open now. */
  opened: StepNode[];
  /** The end reached: the case is over and the steps in `cancelled` are closed unfinished. */
  end: EndNode | null;
  cancelled: string[];
}

/** Indexes of a process the engine reads often. */
export interface Chart {
  nodes: Map<string, ProcessNode>;
  out: Map<string, Flow[]>;
  inCount: Map<string, number>;
}

export function chartOf(p: ProcessDefinition): Chart {
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const out = new Map<string, Flow[]>();
  const inCount = new Map<string, number>();
  for (const f of p.flows) {
    out.set(f.from, [...(out.get(f.from) ?? []), f]);
    inCount.set(f.to, (inCount.get(f.to) ?? 0) + 1);
  }
  return { nodes, out, inCount };
}

/** Walking more nodes than this without reaching a step means gateways loop among themselves. */
const MAX_WALK = 10_000;

/** The outcomes to choose from when completing `stepId`: the named flows of the first choice after it. */
export function outcomesAfter(chart: Chart, stepId: string): string[] {
  let flows = chart.out.get(stepId) ?? [];
  for (let guard = 0; guard < 100; guard++) {
    if (flows.length > 1) return flows.flatMap((f) => (f.outcome ? [f.outcome] : []));
    const next = flows[0] && chart.nodes.get(flows[0].to);
    if (!next || next.kind === 'step' || next.kind === 'end') return [];
    if (next.kind === 'parallel' && (chart.out.get(next.id)?.length ?? 0) > 1) return [];
    flows = chart.out.get(next.id) ?? [];
  }
  return [];
}

/** The case begins: the flows out of the start event. */
export function startRun(chart: Chart): Advance {
  const start = [...chart.nodes.values()].find((n) => n.kind === 'start');
  if (!start) throw stuck('开始事件', 'a start event');
  return walk(chart, { active: [], waiting: {} }, start.id, null);
}

/** `stepId` is done with `outcome`: the branch it picks is followed to the next steps, a join or an end. */
export function completeStep(chart: Chart, state: RunState, stepId: string, outcome: string | null): Advance {
  if (!state.active.includes(stepId)) throw new DomainError('conflict', { zh: '该环节当前不在办理中', en: 'The step is not open' }, { stepId });
  const choices = outcomesAfter(chart, stepId);
  if (choices.length > 0 && (outcome === null || !choices.includes(outcome)))
    throw new DomainError(
      'case.outcome_invalid',
      { zh: `请选择办理结果：${choices.join('、')}`, en: `Choose the outcome: ${choices.join(', ')}` },
      { stepId, outcomes: choices, given: outcome },
    );
  const after = { active: state.active.filter((s) => s !== stepId), waiting: { ...state.waiting } };
  const advance = walk(chart, after, stepId, choices.length > 0 ? outcome : null);
  if (!advance.end && advance.state.active.length === 0) {
    // Every remaining flow waits at a join that will never fill: the process let a choice bypass a join.
    throw stuck('汇聚网关（有分支未到达）', 'a join whose other branches never arrive');
  }
  return advance;
}

function walk(chart: Chart, state: RunState, from: string, outcome: string | null): Advance {
  const active = [...state.active];
  const waiting = { ...state.waiting };
  const opened: StepNode[] = [];
  let end: EndNode | null = null;
  const queue: Flow[] = [...pick(chart, from, outcome)];
  let used = 0;
  while (queue.length > 0 && !end) {
    if (++used > MAX_WALK) throw stuck('网关循环', 'gateways looping among themselves');
    const node = chart.nodes.get(queue.shift()!.to);
    if (!node) continue;
    switch (node.kind) {
      case 'step':
        if (!active.includes(node.id)) {
          active.push(node.id);
          opened.push(node);
        }
        break;
      case 'end':
        end = node;
        break;
      case 'parallel': {
        const incoming = chart.inCount.get(node.id) ?? 0;
        if (incoming > 1) {
          const arrived = (waiting[node.id] ?? 0) + 1;
          if (arrived < incoming) {
            waiting[node.id] = arrived;
            break;
          }
          delete waiting[node.id];
        }
        queue.push(...(chart.out.get(node.id) ?? []));
        break;
      }
      default:
        // A choice (or a start reached again) passes on along the flow the outcome names.
        queue.push(...pick(chart, node.id, outcome));
    }
  }
  if (end) {
    return { state: { active: [], waiting: {} }, opened: [], end, cancelled: active.filter((s) => !opened.some((o) => o.id === s)) };
  }
  return { state: { active, waiting }, opened, end: null, cancelled: [] };
}

/** The flows to follow out of a node: its only one, or the one the outcome names (else an unnamed default). */
function pick(chart: Chart, nodeId: string, outcome: string | null): Flow[] {
  const flows = chart.out.get(nodeId) ?? [];
  const node = chart.nodes.get(nodeId);
  if (flows.length <= 1 || node?.kind === 'parallel') return flows;
  const chosen = flows.find((f) => f.outcome === outcome) ?? flows.find((f) => f.outcome === null);
  if (!chosen)
    throw new DomainError(
      'case.outcome_invalid',
      { zh: `“${outcome ?? ''}”不是此处可选的办理结果`, en: `“${outcome ?? ''}” is no outcome to choose here` },
      { nodeId, outcomes: flows.map((f) => f.outcome) },
    );
  return [chosen];
}

const stuck = (zh: string, en: string) =>
  new DomainError('case.stuck', { zh: `办理流程无法继续：${zh}，请联系流程维护人员`, en: `The process cannot go on: ${en}; ask whoever maintains it` });
