import { DomainError } from '../../shared/errors.ts';
import {
  CLOCK_STOP_REASONS,
  DUTY_LABELS,
  RISK_CATEGORIES,
  RISK_GRADE_LABELS,
  STEP_DUTIES,
  type PerformerRole,
  type RiskGrade,
  type StepDuty,
} from './process-vocabulary.data.ts';

/** 廉政风险点 on a step. */
export interface RiskPoint {
  description: string;
  grade: RiskGrade;
  /** Code from the risk categories (reference data `risk_category`). */
  category: string;
  /** 防控措施. */
  measures: string;
  /** 责任岗位, e.g. 审批股股长. */
  post: string | null;
}

/** Who performs a step: a role in the item's own unit, its parent unit, or a named unit. */
export interface Performer {
  role: PerformerRole | null;
  unit: 'own' | 'parent' | 'named';
  /** The unit's code when `unit` is 'named'. */
  unitCode: string | null;
}

export type ClockStopReason = (typeof CLOCK_STOP_REASONS)[number];

export interface StartNode {
  id: string;
  kind: 'start';
  name: string | null;
}
export interface StepNode {
  id: string;
  kind: 'step';
  name: string;
  /** What the step does; null when not yet known (an imported step), a warning that blocks publication. */
  duty: StepDuty | null;
  performer: Performer;
  /** Working days; null when not yet set (a warning that blocks publication). */
  limitDays: number | null;
  /** The art. 45 work this step does, which stops the clock; null for a step on the clock. */
  clockStop: ClockStopReason | null;
  risks: RiskPoint[];
}
/** A choice: exactly one outgoing flow is taken, named by its outcome (准予/不予/补正). */
export interface ExclusiveNode {
  id: string;
  kind: 'exclusive';
  name: string | null;
}
/** Several outgoing flows run at once (并联审批/会签); with several incoming flows it joins them. */
export interface ParallelNode {
  id: string;
  kind: 'parallel';
  name: string | null;
}
/** An end state, named by the process (办结, 不予许可, 不予受理, 退回, 撤回 …). */
export interface EndNode {
  id: string;
  kind: 'end';
  name: string;
}
export type ProcessNode = StartNode | StepNode | ExclusiveNode | ParallelNode | EndNode;

/** A sequence flow. When its source has several outgoing flows (and is no parallel split) the outcome names it. */
export interface Flow {
  from: string;
  to: string;
  outcome: string | null;
}

/**
 * An item's own duty-separation rule, beside the defaults every case keeps (审查与批准相分离 …): within one case, the
 * steps of the listed duties are done by pairwise different people. The 经信局 酒类 licence: 审查、许可、发证 by three.
 */
export interface SeparationRule {
  /** At least two different duties. */
  duties: StepDuty[];
  /** Why, on one line: shown with the rule, and to whoever it stops. */
  reason: string;
}

/** 权力运行流程: part of an item revision's content, with the risk points on its steps. */
export interface ProcessDefinition {
  nodes: ProcessNode[];
  flows: Flow[];
  /** The item's own duty-separation rules; absent (or empty) when it has none. */
  separations?: SeparationRule[];
}

export type ProblemSeverity = 'error' | 'warning';

/**
 * One problem of a process. Errors refuse saving; warnings (missing roles, limits, measures) may be saved but block
 * publication.
 */
export interface ProcessProblem {
  code: string;
  severity: ProblemSeverity;
  nodeId: string | null;
  message: { zh: string; en: string };
}

/** What the limit check compares against: the item's promised limit, else its statutory one. */
export interface ItemLimits {
  statutoryLimit: number | null;
  promisedLimit: number | null;
}

export const isStep = (n: ProcessNode): n is StepNode => n.kind === 'step';
export const stepsOf = (p: ProcessDefinition): StepNode[] => p.nodes.filter(isStep);

const label = (n: ProcessNode): string => n.name?.trim() || KIND_ZH[n.kind];
const KIND_ZH: Record<ProcessNode['kind'], string> = { start: '开始', step: '步骤', exclusive: '判断', parallel: '并行', end: '结束' };

/** The longest a case can take on the clock: the path and its working days. */
export interface TimedPath {
  days: number;
  /** Node ids from start to end. */
  path: string[];
}

/**
 * Limits of the limit check. A state is a node with the set of back flows already taken; a process a person drew has
 * a handful of loops and a few hundred states. Beyond these the check gives up (a warning) rather than hold the server.
 */
const MAX_BACK_FLOWS = 16;
const STATE_BUDGET = 200_000;

/**
 * The longest start-to-end path in working days: each loop is taken at most once (a flow that goes back — a DFS
 * back edge, such as 补正 back to 受理 — is followed at most once; everything else may be walked again after it), a
 * parallel region counts its longest branch (any single branch is a path), clock-stopping steps count nothing and a
 * step without a limit counts 0 (it is warned about separately). Null when the process has no path to an end, or is
 * too tangled to check (more than MAX_BACK_FLOWS loops, or STATE_BUDGET states).
 *
 * What can still happen after a node depends only on that node and the back flows already taken (the other flows
 * form no cycle), so the longest remainder is computed once per such state, depth first with an explicit stack.
 */
export function longestTimedPath(p: ProcessDefinition): TimedPath | null {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const start = p.nodes.find((n) => n.kind === 'start');
  if (!start) return null;
  const out = outgoing(p);
  const back = [...backFlows([start.id], out)];
  if (back.length > MAX_BACK_FLOWS) return null;
  const bitOf = new Map(back.map((f, i) => [f, 1 << i]));
  const days = (n: ProcessNode) => (n.kind === 'step' && n.clockStop === null ? (n.limitDays ?? 0) : 0);
  // Longest remainder after each state (excluding the state's own node), and the flow it leaves by; -1: no end ahead.
  const remainder = new Map<string, { days: number; via: Flow | null }>();
  const key = (id: string, mask: number) => `${mask}|${id}`;
  const stack = [{ id: start.id, mask: 0, next: 0, best: -1, via: null as Flow | null }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const flows = byId.get(frame.id)!.kind === 'end' ? [] : (out.get(frame.id) ?? []);
    let descended = false;
    for (; frame.next < flows.length; frame.next++) {
      const f = flows[frame.next]!;
      const bit = bitOf.get(f) ?? 0;
      const to = byId.get(f.to);
      if (!to || frame.mask & bit) continue;
      const known = remainder.get(key(f.to, frame.mask | bit));
      if (known === undefined) {
        if (remainder.size + stack.length > STATE_BUDGET) return null;
        stack.push({ id: f.to, mask: frame.mask | bit, next: 0, best: -1, via: null });
        descended = true;
        break;
      }
      if (known.days >= 0 && days(to) + known.days > frame.best) {
        frame.best = days(to) + known.days;
        frame.via = f;
      }
    }
    if (descended) continue;
    remainder.set(key(frame.id, frame.mask), { days: byId.get(frame.id)!.kind === 'end' ? 0 : frame.best, via: frame.via });
    stack.pop();
  }
  const first = remainder.get(key(start.id, 0))!;
  if (first.days < 0) return null;
  const path = [start.id];
  let mask = 0;
  for (let at = first; at.via;) {
    const f: Flow = at.via;
    mask |= bitOf.get(f) ?? 0;
    path.push(f.to);
    at = remainder.get(key(f.to, mask))!;
  }
  return { days: days(start) + first.days, path };
}

/**
 * The flows that go back (补正 → 受理): the back edges of a depth-first walk from each of `roots` in turn (skipping
 * nodes already walked), a flow into a node still open. Without them the flows form no cycle. The limit check walks
 * from the start; the drawing also from the nodes no walk reaches, in the process's order.
 */
export function backFlows(roots: readonly string[], out: Map<string, Flow[]>): Set<Flow> {
  const back = new Set<Flow>();
  const state = new Map<string, 'open' | 'done'>();
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack = [{ id: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const f = (out.get(frame.id) ?? [])[frame.next++];
      if (!f) {
        state.set(frame.id, 'done');
        stack.pop();
      } else if (state.get(f.to) === 'open') back.add(f);
      else if (!state.has(f.to)) {
        state.set(f.to, 'open');
        stack.push({ id: f.to, next: 0 });
      }
    }
  }
  return back;
}

function outgoing(p: ProcessDefinition): Map<string, Flow[]> {
  const out = new Map<string, Flow[]>();
  for (const f of p.flows) out.set(f.from, [...(out.get(f.from) ?? []), f]);
  return out;
}

function reach(from: string[], edges: Map<string, string[]>): Set<string> {
  const seen = new Set(from);
  const todo = [...from];
  while (todo.length) {
    for (const next of edges.get(todo.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        todo.push(next);
      }
    }
  }
  return seen;
}

/**
 * Every problem of a process, one message each, in the order a person fixes them: shape first, then the clock, then
 * the warnings. `unitExists` checks named performer units when the caller knows the county's units.
 */
export function validateProcess(p: ProcessDefinition, limits: ItemLimits, unitExists?: (code: string) => boolean): ProcessProblem[] {
  const problems: ProcessProblem[] = [];
  const error = (code: string, nodeId: string | null, zh: string, en: string) => problems.push({ code, severity: 'error', nodeId, message: { zh, en } });
  const warn = (code: string, nodeId: string | null, zh: string, en: string) => problems.push({ code, severity: 'warning', nodeId, message: { zh, en } });

  const byId = new Map<string, ProcessNode>();
  for (const n of p.nodes) {
    if (byId.has(n.id)) error('process.duplicate_id', n.id, `节点编号 ${n.id} 重复`, `Node id ${n.id} is used twice`);
    else byId.set(n.id, n);
  }
  const starts = p.nodes.filter((n) => n.kind === 'start');
  const ends = p.nodes.filter((n) => n.kind === 'end');
  if (starts.length === 0) error('process.no_start', null, '缺少开始节点', 'The process has no start');
  if (starts.length > 1) error('process.many_starts', starts[1]!.id, '只能有一个开始节点', 'The process has more than one start');
  if (ends.length === 0) error('process.no_end', null, '缺少结束节点（办结状态）', 'The process has no end state');

  for (const n of p.nodes) {
    if (n.kind === 'step' && !n.name.trim()) error('process.step_unnamed', n.id, '步骤缺少名称', 'A step has no name');
    if (n.kind === 'end' && !n.name.trim())
      error('process.end_unnamed', n.id, '结束节点缺少办结状态名称（如 办结、不予许可）', 'An end has no name (e.g. 办结, 不予许可)');
  }

  const out = new Map<string, Flow[]>();
  const inCount = new Map<string, number>();
  const declared = outgoing(p); // with dangling flows: an outcome leading nowhere is still an outcome of its node
  for (const f of p.flows) {
    const from = byId.get(f.from);
    const to = byId.get(f.to);
    const what = f.outcome ? `“${f.outcome}”` : '';
    if (!from || !to) {
      const where = from ? `${label(from)} 的去向${what}` : `连线 ${f.from} → ${f.to}`;
      error('process.dangling_flow', from ? from.id : null, `${where} 指向不存在的节点`, `A flow ${f.from} → ${f.to} names a node that does not exist`);
      continue;
    }
    out.set(f.from, [...(out.get(f.from) ?? []), f]);
    inCount.set(f.to, (inCount.get(f.to) ?? 0) + 1);
  }

  for (const n of p.nodes) {
    const flows = out.get(n.id) ?? [];
    if (n.kind === 'start' && (inCount.get(n.id) ?? 0) > 0)
      error('process.start_incoming', n.id, '开始节点不能有流入的连线', 'Nothing may flow into the start');
    if (n.kind === 'end' && flows.length > 0)
      error('process.end_outgoing', n.id, `结束节点“${label(n)}”不能再有去向`, `The end “${label(n)}” cannot lead anywhere`);
    if (n.kind !== 'end' && flows.length === 0)
      error('process.dead_end', n.id, `“${label(n)}”没有去向：请连到下一步或结束`, `“${label(n)}” leads nowhere: connect it to a next step or an end`);
    const outcomes = declared.get(n.id) ?? [];
    if (n.kind === 'exclusive' && outcomes.length === 1 && (inCount.get(n.id) ?? 0) <= 1)
      error('process.branch_single', n.id, `判断“${label(n)}”只有一个结果`, `The choice “${label(n)}” has only one outcome`);
    if (n.kind !== 'parallel' && outcomes.length > 1) {
      const names = new Set<string>();
      for (const f of outcomes) {
        const o = f.outcome?.trim();
        if (!o) {
          error(
            'process.outcome_unnamed',
            n.id,
            `“${label(n)}”有多个去向，每个都要写明结果（如 准予、不予、补正）`,
            `“${label(n)}” has several outcomes: name each one`,
          );
          break;
        }
        if (names.has(o)) error('process.outcome_duplicate', n.id, `“${label(n)}”的结果“${o}”重复`, `“${label(n)}” names the outcome “${o}” twice`);
        names.add(o);
      }
    }
  }

  // Reachability on the flows that point at real nodes.
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const [from, flows] of out) {
    for (const f of flows) {
      forward.set(from, [...(forward.get(from) ?? []), f.to]);
      backward.set(f.to, [...(backward.get(f.to) ?? []), from]);
    }
  }
  if (starts.length > 0) {
    const reached = reach([starts[0]!.id], forward);
    for (const n of byId.values()) {
      if (!reached.has(n.id)) error('process.unreachable', n.id, `“${label(n)}”从开始走不到`, `“${label(n)}” cannot be reached from the start`);
    }
  }
  if (ends.length > 0) {
    const finishing = reach(
      ends.map((e) => e.id),
      backward,
    );
    for (const n of byId.values()) {
      if (!finishing.has(n.id) && (out.get(n.id)?.length ?? 0) > 0)
        error('process.cannot_finish', n.id, `从“${label(n)}”走不到任何结束节点`, `No end can be reached from “${label(n)}”`);
    }
  }

  const limit = limits.promisedLimit ?? limits.statutoryLimit;
  if (limit !== null && !problems.some((x) => x.severity === 'error')) {
    const longest = longestTimedPath(p);
    if (longest === null) {
      warn('process.too_complex', null, '流程回路过多，未能核对时限，请简化流程', 'The process has too many loops to check its time limit: simplify it');
    } else if (longest.days > limit) {
      const which = limits.promisedLimit !== null ? '承诺时限' : '法定时限';
      const which_en = limits.promisedLimit !== null ? 'promised' : 'statutory';
      const route = longest.path.map((id) => label(byId.get(id)!)).join(' → ');
      error(
        'process.over_limit',
        null,
        `最长路径 ${route} 合计 ${longest.days} 个工作日，超过${which} ${limit} 个工作日`,
        `The longest path ${route} takes ${longest.days} working days, more than the ${which_en} limit of ${limit}`,
      );
    }
  }

  for (const n of stepsOf(p)) {
    const name = label(n);
    if (!n.duty) warn('process.duty_missing', n.id, `步骤“${name}”未指定职责（受理、审查、决定……）`, `The step “${name}” names no duty`);
    if (!n.performer.role) warn('process.role_missing', n.id, `步骤“${name}”未指定办理角色`, `The step “${name}” names no role`);
    if (n.performer.unit === 'named' && !n.performer.unitCode)
      warn('process.unit_missing', n.id, `步骤“${name}”未指定办理单位`, `The step “${name}” names no unit`);
    else if (n.performer.unit === 'named' && unitExists && !unitExists(n.performer.unitCode!))
      warn(
        'process.unit_unknown',
        n.id,
        `步骤“${name}”的办理单位 ${n.performer.unitCode} 不存在`,
        `The step “${name}” names an unknown unit ${n.performer.unitCode}`,
      );
    if (n.limitDays === null) warn('process.limit_missing', n.id, `步骤“${name}”未设办理时限`, `The step “${name}” has no time limit`);
    n.risks.forEach((r, i) => {
      if (!RISK_CATEGORIES.some((c) => c.code === r.category))
        error(
          'process.risk_category_unknown',
          n.id,
          `步骤“${name}”的第 ${i + 1} 个风险点类别 ${r.category} 不存在`,
          `Risk point ${i + 1} of “${name}” has an unknown category ${r.category}`,
        );
      if (!r.measures.trim())
        warn(
          'process.measures_missing',
          n.id,
          `步骤“${name}”的第 ${i + 1} 个风险点缺少防控措施`,
          `Risk point ${i + 1} of “${name}” has no prevention measures`,
        );
    });
  }

  const dutyName = (d: StepDuty) => DUTY_LABELS[d]?.zh ?? d;
  const present = new Set(stepsOf(p).map((n) => n.duty));
  (p.separations ?? []).forEach((rule, i) => {
    const zh = `第 ${i + 1} 条职责分离规则`;
    const en = `Duty separation rule ${i + 1}`;
    const known = new Set<StepDuty>();
    for (const d of rule.duties) {
      if (!(STEP_DUTIES as readonly string[]).includes(d))
        error('process.separation_duty_unknown', null, `${zh}中的职责 ${d} 不存在`, `${en} names an unknown duty ${d}`);
      else if (known.has(d)) error('process.separation_duty_duplicate', null, `${zh}重复列出职责“${dutyName(d)}”`, `${en} lists the duty ${d} twice`);
      else known.add(d);
    }
    if (known.size < 2) error('process.separation_too_few', null, `${zh}至少要列出两项不同的职责`, `${en} must list at least two different duties`);
    if (!rule.reason.trim()) error('process.separation_reason_missing', null, `${zh}缺少理由`, `${en} gives no reason`);
    for (const d of known) {
      if (!present.has(d))
        warn(
          'process.separation_duty_absent',
          null,
          `${zh}中的职责“${dutyName(d)}”在流程中没有对应的步骤`,
          `${en} names the duty ${d}, which no step of the process has`,
        );
    }
  });
  return problems;
}

export const blocksSaving = (problems: readonly ProcessProblem[]): boolean => problems.some((x) => x.severity === 'error');

/** The refusal of a process with errors: every problem travels in `details.problems`. */
export function processInvalid(problems: readonly ProcessProblem[]): DomainError {
  const errors = problems.filter((x) => x.severity === 'error');
  return new DomainError(
    'process.invalid',
    {
      zh: `流程有 ${errors.length} 处错误，未保存：${errors[0]?.message.zh ?? ''}`,
      en: `The process has ${errors.length} error(s) and was not saved: ${errors[0]?.message.en ?? ''}`,
    },
    { problems },
  );
}

/** The process as lines a reviewer reads in a revision diff: one per step, flow and risk point. */
export function processLines(p: ProcessDefinition): string[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const lines: string[] = [];
  for (const n of p.nodes) {
    if (n.kind === 'step') {
      const who = [
        n.performer.unit === 'own' ? '本单位' : n.performer.unit === 'parent' ? '上级单位' : (n.performer.unitCode ?? '未定单位'),
        n.performer.role ?? '未定角色',
      ];
      const clock = n.clockStop ? `，${n.clockStop}不计时` : '';
      lines.push(`步骤 ${n.name}｜${n.duty ? DUTY_LABELS[n.duty].zh : '未定职责'}｜${who.join(' ')}｜${n.limitDays ?? '—'} 个工作日${clock}`);
      for (const r of n.risks) lines.push(`风险 ${n.name}｜${RISK_GRADE_LABELS[r.grade].stars} ${r.description}｜措施：${r.measures}`);
    } else if (n.kind === 'end') lines.push(`结束 ${n.name}`);
  }
  for (const f of p.flows) {
    const from = byId.get(f.from);
    const to = byId.get(f.to);
    lines.push(`${from ? label(from) : f.from} →${f.outcome ? `（${f.outcome}）` : ''} ${to ? label(to) : f.to}`);
  }
  for (const r of p.separations ?? []) lines.push(`职责分离 ${r.duties.map((d) => DUTY_LABELS[d]?.zh ?? d).join('、')}｜${r.reason}`);
  return lines;
}
