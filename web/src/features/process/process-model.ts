// Pure edits of a process definition for the editor: each takes the process and returns a new one, so the editor
// state stays one immutable value (easy to compare with the saved one and to send to the live check).
import type { Flow, NodeKind, ProcessDefinition, ProcessNode, ProcessProblem, ProcessVocabulary, RiskPoint, StepDuty, StepNode } from './api';

const ID_PREFIX: Record<Exclude<NodeKind, 'start'>, string> = { step: 's', exclusive: 'g', parallel: 'g', end: 'e' };

/** A new ASCII id (`s7`, `g2`, `e3`) not yet used in the process. */
export function nextId(p: ProcessDefinition, kind: Exclude<NodeKind, 'start'>): string {
  const used = new Set(p.nodes.map((n) => n.id));
  const prefix = ID_PREFIX[kind];
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export function newStep(id: string): StepNode {
  return { id, kind: 'step', name: '', duty: 'other', performer: { role: null, unit: 'own', unitCode: null }, limitDays: null, clockStop: null, risks: [] };
}

/** 从空白开始: 申请 → 受理 → 办结, the smallest process that passes the shape checks. */
export function blankProcess(): ProcessDefinition {
  const accept: StepNode = { ...newStep('s1'), name: '受理', duty: 'accept', performer: { role: 'clerk', unit: 'own', unitCode: null } };
  return {
    nodes: [{ id: 'start', kind: 'start', name: '申请' }, accept, { id: 'e1', kind: 'end', name: '办结' }],
    flows: [
      { from: 'start', to: 's1', outcome: null },
      { from: 's1', to: 'e1', outcome: null },
    ],
  };
}

/**
 * A template's process in place of `current`: the item's own duty-separation rules stay (the editor does not edit
 * them, and a template has none of its own).
 */
export function fromTemplate(template: ProcessDefinition, current: ProcessDefinition | null): ProcessDefinition {
  const process = cloneProcess(template);
  return current?.separations && !process.separations ? { ...process, separations: current.separations } : process;
}

/** A deep copy, so a template's process is never shared with the editor state. */
export function cloneProcess(p: ProcessDefinition): ProcessDefinition {
  return JSON.parse(JSON.stringify(p)) as ProcessDefinition;
}

/**
 * Adds a node of `kind`: ends go last; steps and gateways go before the ends at the bottom of the list, so the list
 * keeps reading from start to finish. Returns the new process and the new node's id.
 */
export function addNode(p: ProcessDefinition, kind: Exclude<NodeKind, 'start'>): { process: ProcessDefinition; id: string } {
  const id = nextId(p, kind);
  const node: ProcessNode =
    kind === 'step' ? newStep(id) : kind === 'end' ? { id, kind: 'end', name: '' } : { id, kind, name: kind === 'exclusive' ? '' : null };
  const nodes = [...p.nodes];
  let at = nodes.length;
  if (kind !== 'end') while (at > 0 && nodes[at - 1]!.kind === 'end') at--;
  nodes.splice(at, 0, node);
  return { process: { ...p, nodes }, id };
}

/** Removes a node with every flow into or out of it. */
export function removeNode(p: ProcessDefinition, id: string): ProcessDefinition {
  return { ...p, nodes: p.nodes.filter((n) => n.id !== id), flows: p.flows.filter((f) => f.from !== id && f.to !== id) };
}

/** Moves a node one place up (-1) or down (+1) in the list; the start stays first. */
export function moveNode(p: ProcessDefinition, id: string, delta: -1 | 1): ProcessDefinition {
  const i = p.nodes.findIndex((n) => n.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= p.nodes.length) return p;
  if (p.nodes[i]!.kind === 'start' || p.nodes[j]!.kind === 'start') return p;
  const nodes = [...p.nodes];
  [nodes[i], nodes[j]] = [nodes[j]!, nodes[i]!];
  return { ...p, nodes };
}

export function updateNode(p: ProcessDefinition, id: string, change: (n: ProcessNode) => ProcessNode): ProcessDefinition {
  return { ...p, nodes: p.nodes.map((n) => (n.id === id ? change(n) : n)) };
}

export function updateStep(p: ProcessDefinition, id: string, patch: Partial<StepNode>): ProcessDefinition {
  return updateNode(p, id, (n) => (n.kind === 'step' ? { ...n, ...patch } : n));
}

export function updateRisk(p: ProcessDefinition, stepId: string, index: number, patch: Partial<RiskPoint>): ProcessDefinition {
  return updateNode(p, stepId, (n) => (n.kind === 'step' ? { ...n, risks: n.risks.map((r, i) => (i === index ? { ...r, ...patch } : r)) } : n));
}

/** A new outgoing flow of `from`, to the node after it in the list when there is one. */
export function addFlow(p: ProcessDefinition, from: string): ProcessDefinition {
  const i = p.nodes.findIndex((n) => n.id === from);
  const taken = new Set(p.flows.filter((f) => f.from === from).map((f) => f.to));
  const next = p.nodes.slice(i + 1).find((n) => n.kind !== 'start' && !taken.has(n.id));
  return { ...p, flows: [...p.flows, { from, to: next?.id ?? '', outcome: null }] };
}

export function updateFlow(p: ProcessDefinition, index: number, patch: Partial<Flow>): ProcessDefinition {
  return { ...p, flows: p.flows.map((f, i) => (i === index ? { ...f, ...patch } : f)) };
}

export function removeFlow(p: ProcessDefinition, index: number): ProcessDefinition {
  return { ...p, flows: p.flows.filter((_, i) => i !== index) };
}

/**
 * The process as the server's schema takes it: rows the editor holds while they are being filled in (a flow without
 * its target, a risk point without its description) are left out, and empty outcomes become null. What the editor
 * does not edit (the item's duty-separation rules) goes back as it came.
 */
export function forServer(p: ProcessDefinition): ProcessDefinition {
  return {
    ...p,
    nodes: p.nodes.map((n) => (n.kind === 'step' ? { ...n, risks: n.risks.filter((r) => r.description.trim() !== '') } : n)),
    flows: p.flows.filter((f) => f.from && f.to).map((f) => ({ ...f, outcome: f.outcome?.trim() ? f.outcome : null })),
  };
}

/** How a node is called in messages: its name, else its kind. */
export function nodeName(n: ProcessNode, kindName: (kind: NodeKind) => string): string {
  return n.name?.trim() || kindName(n.kind);
}

/**
 * What the editor holds that the server would never see (see `forServer`): these stop saving just as the server's own
 * errors do, so no row a person added silently disappears.
 */
export function localProblems(p: ProcessDefinition, kindName: (kind: NodeKind) => string): ProcessProblem[] {
  const problems: ProcessProblem[] = [];
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  for (const f of p.flows) {
    const from = byId.get(f.from);
    if (from && !f.to) {
      const name = nodeName(from, kindName);
      problems.push({
        code: 'editor.flow_target',
        severity: 'error',
        nodeId: from.id,
        message: { zh: `“${name}”有一个去向未选择下一步`, en: `A way on from “${name}” names no next node` },
      });
    }
  }
  for (const n of p.nodes) {
    if (n.kind !== 'step') continue;
    n.risks.forEach((r, i) => {
      if (!r.description.trim()) {
        const name = nodeName(n, kindName);
        problems.push({
          code: 'editor.risk_description',
          severity: 'error',
          nodeId: n.id,
          message: { zh: `步骤“${name}”的第 ${i + 1} 个风险点缺少描述`, en: `Risk point ${i + 1} of “${name}” has no description` },
        });
      }
    });
  }
  return problems;
}

/** The duty a step name suggests (送达 → deliver, 调查 → review …), from the vocabulary's words; null when none matches. */
export function dutyOfName(name: string, duties: ProcessVocabulary['duties']): StepDuty | null {
  for (const d of duties) {
    if (d.code === 'other') continue;
    if (name.includes(d.zh) || d.alsoCalled.some((w) => name.includes(w))) return d.code as StepDuty;
  }
  return null;
}

/** Templates for an item of `category` first, each group in the vocabulary's order. */
export function templatesFor<T extends { categories: string[] }>(templates: readonly T[], category: string): T[] {
  const fits = templates.filter((x) => x.categories.includes(category));
  return [...fits, ...templates.filter((x) => !fits.includes(x))];
}

/** Is a process the same as another (for the unsaved-changes guard)? */
export function sameProcess(a: ProcessDefinition | null, b: ProcessDefinition | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
