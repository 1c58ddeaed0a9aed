import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffContents } from '../catalogue/power-item.rules.ts';
import { buildContent } from '../../test/factories.ts';
import { PROCESS_TEMPLATES } from './process-templates.data.ts';
import { dutyOfName, type StepDuty } from './process-vocabulary.data.ts';
import {
  blocksSaving,
  longestTimedPath,
  validateProcess,
  type Flow,
  type ProcessDefinition,
  type ProcessNode,
  type SeparationRule,
  type StepNode,
} from './process.rules.ts';

const template = (code: string): ProcessDefinition => structuredClone(PROCESS_TEMPLATES.find((t) => t.code === code)!.process);
const step = (id: string, limitDays: number | null = 1, over: Partial<StepNode> = {}): StepNode => ({
  id,
  kind: 'step',
  name: id,
  duty: 'review',
  performer: { role: 'clerk', unit: 'own', unitCode: null },
  limitDays,
  clockStop: null,
  risks: [],
  ...over,
});
const flow = (from: string, to: string, outcome: string | null = null): Flow => ({ from, to, outcome });
/** start → a → end, then changed by `edit`. */
const simple = (edit: (p: ProcessDefinition) => void = () => {}): ProcessDefinition => {
  const nodes: ProcessNode[] = [{ id: 'start', kind: 'start', name: null }, step('a'), { id: 'end', kind: 'end', name: '办结' }];
  const p: ProcessDefinition = { nodes, flows: [flow('start', 'a'), flow('a', 'end')] };
  edit(p);
  return p;
};
const noLimits = { statutoryLimit: null, promisedLimit: null };
const codes = (p: ProcessDefinition, limits: { statutoryLimit: number | null; promisedLimit: number | null } = noLimits) =>
  validateProcess(p, limits).map((x) => x.code);

test('every template is sound: no errors, and no warnings but the joint template’s unit left for the county to name', () => {
  for (const t of PROCESS_TEMPLATES) {
    const problems = validateProcess(t.process, noLimits);
    const expected = t.code === 'joint' ? ['process.unit_missing'] : [];
    assert.deepEqual(
      problems.map((x) => x.code),
      expected,
      t.code,
    );
  }
});

test('a start and at least one end; one start only', () => {
  assert.ok(codes(simple((p) => (p.nodes = p.nodes.filter((n) => n.kind !== 'start')))).includes('process.no_start'));
  assert.ok(codes(simple((p) => (p.nodes = p.nodes.filter((n) => n.kind !== 'end')))).includes('process.no_end'));
  const twoStarts = codes(simple((p) => p.nodes.push({ id: 'start2', kind: 'start', name: null })));
  assert.ok(twoStarts.includes('process.many_starts'));
});

test('node ids are unique; steps and ends are named', () => {
  assert.ok(codes(simple((p) => p.nodes.push(step('a')))).includes('process.duplicate_id'));
  assert.deepEqual(codes(simple((p) => ((p.nodes[1] as StepNode).name = '  '))), ['process.step_unnamed']);
  assert.deepEqual(codes(simple((p) => ((p.nodes[2] as { name: string }).name = ''))), ['process.end_unnamed']);
});

test('every flow leads to a node that exists, and its message names the outcome', () => {
  const p = simple((x) => {
    x.nodes.splice(2, 0, { id: 'g', kind: 'exclusive', name: '是否准予' });
    x.flows = [flow('start', 'a'), flow('a', 'g'), flow('g', 'end', '准予'), flow('g', 'nowhere', '不予')];
  });
  const problems = validateProcess(p, noLimits);
  assert.deepEqual(
    problems.map((x) => x.code),
    ['process.dangling_flow'],
  );
  assert.match(problems[0]!.message.zh, /是否准予 的去向“不予” 指向不存在的节点/);
  assert.equal(problems[0]!.nodeId, 'g');
});

test('nothing flows into the start; nothing flows out of an end; every other node leads somewhere', () => {
  assert.deepEqual(codes(simple((p) => p.flows.push(flow('a', 'start', '重来'), { ...p.flows[1]!, outcome: '办结' }))).slice(0, 1), ['process.start_incoming']);
  assert.ok(codes(simple((p) => p.flows.push(flow('end', 'a')))).includes('process.end_outgoing'));
  const deadEnd = validateProcess(
    simple((p) => p.flows.pop()),
    noLimits,
  );
  assert.deepEqual(
    deadEnd.map((x) => x.code),
    // The end is cut off too, and so is the start from it: three messages, each naming its own node.
    ['process.dead_end', 'process.unreachable', 'process.cannot_finish'],
  );
});

test('every branch outcome is named, once; a choice has at least two outcomes', () => {
  const branching = (outcomes: (string | null)[]) =>
    simple((p) => {
      p.nodes.push({ id: 'b', kind: 'end', name: '不予许可' });
      p.flows = [flow('start', 'a'), flow('a', 'end', outcomes[0]!), flow('a', 'b', outcomes[1]!)];
    });
  assert.deepEqual(codes(branching(['准予', '不予'])), []);
  assert.deepEqual(codes(branching(['准予', null])), ['process.outcome_unnamed']);
  assert.deepEqual(codes(branching(['准予', '准予'])), ['process.outcome_duplicate']);
  const single = simple((p) => {
    p.nodes.push({ id: 'g', kind: 'exclusive', name: '是否齐全' });
    p.flows = [flow('start', 'a'), flow('a', 'g'), flow('g', 'end', '齐全')];
  });
  assert.deepEqual(codes(single), ['process.branch_single']);
  // A parallel split's branches all run: they need no outcome names.
  const split = simple((p) => {
    p.nodes.push({ id: 'p', kind: 'parallel', name: null }, step('b'), { id: 'j', kind: 'parallel', name: null });
    p.flows = [flow('start', 'p'), flow('p', 'a'), flow('p', 'b'), flow('a', 'j'), flow('b', 'j'), flow('j', 'end')];
  });
  assert.deepEqual(codes(split), []);
});

test('every node is reachable from the start and can reach an end', () => {
  const island = simple((p) => {
    p.nodes.push(step('orphan'));
    p.flows.push(flow('orphan', 'end'));
  });
  const problems = validateProcess(island, noLimits);
  assert.deepEqual(
    problems.map((x) => [x.code, x.nodeId]),
    [['process.unreachable', 'orphan']],
  );
  const trap = simple((p) => {
    p.nodes.push(step('x'), step('y'));
    p.flows.push(flow('a', 'x', '转办'), flow('x', 'y'), flow('y', 'x'));
    p.flows[1] = flow('a', 'end', '办结');
  });
  assert.deepEqual(
    validateProcess(trap, noLimits).map((x) => [x.code, x.nodeId]),
    [
      ['process.cannot_finish', 'x'],
      ['process.cannot_finish', 'y'],
    ],
  );
});

test('longest path: the 补正 loop is taken once, and the slower branch counts', () => {
  // 受理 1 → 补正 0 → 受理 1 again → 审查 10 → 决定 5 → 送达 2 = 19.
  const licensing = longestTimedPath(template('licensing'))!;
  assert.equal(licensing.days, 19);
  assert.deepEqual(licensing.path.slice(0, 6), ['start', 'accept', 'complete', 'notify', 'accept', 'complete']);
  // Parallel: 受理 1 + max(8, 8) + 决定 3 + 送达 2 = 14; a slower joint branch wins.
  const joint = template('joint');
  assert.equal(longestTimedPath(joint)!.days, 14);
  (joint.nodes.find((n) => n.id === 'review_joint') as StepNode).limitDays = 12;
  assert.equal(longestTimedPath(joint)!.days, 18);
});

test('the limit check: promised limit first, statutory when none is promised, nothing when neither; exactly at the limit passes', () => {
  const p = template('licensing'); // 19 working days at most
  assert.deepEqual(codes(p, { statutoryLimit: 20, promisedLimit: 19 }), []);
  const over = validateProcess(p, { statutoryLimit: 20, promisedLimit: 18 });
  assert.deepEqual(
    over.map((x) => x.code),
    ['process.over_limit'],
  );
  assert.match(over[0]!.message.zh, /合计 19 个工作日，超过承诺时限 18 个工作日/);
  assert.match(over[0]!.message.zh, /受理 → 材料是否齐全 → 一次性告知补正 → 受理/);
  assert.match(validateProcess(p, { statutoryLimit: 18, promisedLimit: null })[0]!.message.zh, /超过法定时限 18/);
  assert.deepEqual(codes(p, noLimits), []);
});

test('clock-stopping steps (行政许可法 art. 45) are left out of the sum', () => {
  const p = simple((x) => {
    x.nodes.splice(2, 0, step('expert', 30, { name: '专家评审', clockStop: '专家评审' }));
    x.flows = [flow('start', 'a'), flow('a', 'expert'), flow('expert', 'end')];
  });
  assert.equal(longestTimedPath(p)!.days, 1);
  assert.deepEqual(codes(p, { statutoryLimit: null, promisedLimit: 1 }), []);
  (p.nodes[2] as StepNode).clockStop = null;
  assert.deepEqual(codes(p, { statutoryLimit: null, promisedLimit: 1 }), ['process.over_limit']);
});

test('missing roles, units, limits and measures are warnings: saving goes on, publication waits', () => {
  const p = simple((x) => {
    const a = x.nodes[1] as StepNode;
    a.performer = { role: null, unit: 'named', unitCode: null };
    a.limitDays = null;
    a.risks = [{ description: '随意降低标准', grade: 1, category: 'discretion', measures: ' ', post: null }];
  });
  const problems = validateProcess(p, { statutoryLimit: 20, promisedLimit: null });
  assert.deepEqual(
    problems.map((x) => [x.code, x.severity]),
    [
      ['process.role_missing', 'warning'],
      ['process.unit_missing', 'warning'],
      ['process.limit_missing', 'warning'],
      ['process.measures_missing', 'warning'],
    ],
  );
  assert.equal(blocksSaving(problems), false);
  const named = simple((x) => ((x.nodes[1] as StepNode).performer = { role: 'clerk', unit: 'named', unitCode: 'ZJJ' }));
  assert.deepEqual(
    validateProcess(named, noLimits, (code) => code === 'ZRZYJ').map((x) => x.code),
    ['process.unit_unknown'],
  );
  assert.deepEqual(
    validateProcess(named, noLimits, (code) => code === 'ZJJ'),
    [],
  );
});

test('shape errors block saving', () => {
  assert.equal(
    blocksSaving(
      validateProcess(
        simple((p) => p.flows.pop()),
        noLimits,
      ),
    ),
    true,
  );
});

test('step names suggest their duty in the law’s words', () => {
  assert.deepEqual(['受理', '现场调查', '法制审核', '许可决定', '发证', '告知', '强制执行', '事后监管', '归档'].map(dutyOfName), [
    'accept',
    'review',
    'review',
    'decide',
    'deliver',
    'deliver',
    'enforce',
    'supervise',
    null,
  ]);
});

test('a revision diff shows the process line by line', () => {
  const before = buildContent({ process: template('licensing') });
  const after = structuredClone(before);
  (after.process!.nodes.find((n) => n.id === 'review') as StepNode).limitDays = 8;
  const [change] = diffContents(before, after);
  assert.equal(change!.field, 'process');
  assert.deepEqual(change!.removed, ['步骤 审查｜审查｜本单位 section_chief｜10 个工作日']);
  assert.deepEqual(change!.added, ['步骤 审查｜审查｜本单位 section_chief｜8 个工作日']);
});

test('a loop beside the main path is taken once, not twice', () => {
  // start → a ⇄ b, a → end: a, b, a again = 3 + 4 + 3.
  const p = simple((x) => {
    (x.nodes[1] as StepNode).limitDays = 3;
    x.nodes.push(step('b', 4));
    x.flows = [flow('start', 'a'), flow('a', 'b', '退回重核'), flow('b', 'a'), flow('a', 'end', '通过')];
  });
  assert.deepEqual(longestTimedPath(p), { days: 10, path: ['start', 'a', 'b', 'a', 'end'] });
});

/** start → s1 → … → sN → end, each step 1 day, and from every step but the first a 退回 flow back to s1. */
function chainWithReturns(n: number): ProcessDefinition {
  const ids = Array.from({ length: n }, (_, i) => `s${i + 1}`);
  const flows = [flow('start', 's1')];
  ids.forEach((id, i) => {
    flows.push(flow(id, ids[i + 1] ?? 'end', i === 0 ? null : '通过'));
    if (i > 0) flows.push(flow(id, 's1', '退回'));
  });
  return { nodes: [{ id: 'start', kind: 'start', name: null }, ...ids.map((id) => step(id, 1)), { id: 'end', kind: 'end', name: '办结' }], flows };
}

test('many loops: each taken once, counted exactly and quickly; beyond 16 loops the check gives up with a warning', () => {
  // Returns from s2, s3 … s9 each taken once, shortest loop first: 2 + 3 + … + 9 days, then s1 … s9 once more.
  assert.equal(longestTimedPath(chainWithReturns(9))!.days, 44 + 9);
  assert.equal(longestTimedPath(chainWithReturns(12))!.days, ((2 + 12) * 11) / 2 + 12);
  assert.equal(longestTimedPath(chainWithReturns(22)), null);
  assert.deepEqual(codes(chainWithReturns(22), { statutoryLimit: null, promisedLimit: 5 }), ['process.too_complex']);
  // A long chain with one loop: no stack to overflow.
  const long = chainWithReturns(150);
  long.flows = long.flows.filter((f) => f.outcome !== '退回' || f.from === 's150');
  assert.equal(longestTimedPath(long)!.days, 300);
});

test('the longest path agrees with walking every path on small random processes', () => {
  // A plain walk over all paths (back flows once each) as the oracle; the graphs are small enough for it.
  const naive = (p: ProcessDefinition): number | null => {
    const out = new Map<string, Flow[]>();
    for (const f of p.flows) out.set(f.from, [...(out.get(f.from) ?? []), f]);
    const back = new Set<Flow>();
    const open = new Set<string>();
    const seen = new Set<string>();
    const dfs = (id: string) => {
      open.add(id);
      seen.add(id);
      for (const f of out.get(id) ?? []) {
        if (open.has(f.to)) back.add(f);
        else if (!seen.has(f.to)) dfs(f.to);
      }
      open.delete(id);
    };
    dfs('start');
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    let best: number | null = null;
    const used = new Set<Flow>();
    const walk = (id: string, sum: number) => {
      const n = byId.get(id)!;
      if (n.kind === 'end') best = Math.max(best ?? -1, sum);
      for (const f of out.get(id) ?? []) {
        if (used.has(f)) continue;
        if (back.has(f)) used.add(f);
        const to = byId.get(f.to)!;
        walk(f.to, sum + (to.kind === 'step' && !to.clockStop ? (to.limitDays ?? 0) : 0));
        used.delete(f);
      }
    };
    walk('start', 0);
    return best;
  };
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 200; round++) {
    const n = 2 + Math.floor(random() * 6);
    const ids = Array.from({ length: n }, (_, i) => `s${i}`);
    const nodes: ProcessNode[] = [
      { id: 'start', kind: 'start', name: null },
      ...ids.map((id) => step(id, Math.floor(random() * 5))),
      { id: 'end', kind: 'end', name: '办结' },
    ];
    const flows = [flow('start', 's0'), flow(ids[n - 1]!, 'end')];
    for (let k = 0; k < n + 2; k++) {
      const from = ids[Math.floor(random() * n)]!;
      const to = [...ids, 'end'][Math.floor(random() * (n + 1))]!;
      if (!flows.some((f) => f.from === from && f.to === to)) flows.push(flow(from, to, `o${k}`));
    }
    const p = { nodes, flows };
    assert.equal(longestTimedPath(p)?.days ?? null, naive(p), JSON.stringify(flows));
  }
});

test('a risk point’s category must be one of the county’s categories', () => {
  const p = simple((x) => ((x.nodes[1] as StepNode).risks = [{ description: '收受好处', grade: 2, category: 'bribe', measures: '公开承诺', post: null }]));
  assert.deepEqual(codes(p), ['process.risk_category_unknown']);
});

test('an item’s duty-separation rules: known duties, each once, at least two, with a reason; a duty no step has is a warning', () => {
  const rule = (duties: string[], reason = '审查、许可、发证分别由三人负责'): SeparationRule => ({ duties: duties as StepDuty[], reason });
  const withRules = (...rules: SeparationRule[]) => ({ ...template('licensing'), separations: rules });
  assert.deepEqual(codes(withRules(rule(['review', 'decide', 'deliver']))), []);
  assert.deepEqual(codes({ ...template('licensing'), separations: [] }), []);
  assert.deepEqual(codes(withRules(rule(['review', 'approve']))), ['process.separation_duty_unknown', 'process.separation_too_few']);
  assert.deepEqual(codes(withRules(rule(['review', 'decide', 'review']))), ['process.separation_duty_duplicate']);
  assert.deepEqual(codes(withRules(rule(['review']))), ['process.separation_too_few']);
  assert.deepEqual(codes(withRules(rule([]))), ['process.separation_too_few']);
  assert.deepEqual(codes(withRules(rule(['review', 'decide'], '  '))), ['process.separation_reason_missing']);

  const absent = validateProcess(withRules(rule(['review', 'decide']), rule(['decide', 'enforce'])), noLimits);
  assert.deepEqual(
    absent.map((x) => [x.code, x.severity]),
    [['process.separation_duty_absent', 'warning']],
  );
  assert.equal(blocksSaving(absent), false);
  assert.deepEqual(absent[0]!.message, {
    zh: '第 2 条职责分离规则中的职责“执行”在流程中没有对应的步骤',
    en: 'Duty separation rule 2 names the duty enforce, which no step of the process has',
  });

  const bad = validateProcess(withRules(rule(['review', 'review'], '')), noLimits);
  assert.equal(blocksSaving(bad), true);
  assert.deepEqual(
    bad.map((x) => x.message.zh),
    ['第 1 条职责分离规则重复列出职责“审查”', '第 1 条职责分离规则至少要列出两项不同的职责', '第 1 条职责分离规则缺少理由'],
  );
});

test('a revision diff shows a change of the duty-separation rules', () => {
  const before = buildContent({ process: template('licensing') });
  const after = structuredClone(before);
  after.process!.separations = [{ duties: ['review', 'decide', 'deliver'], reason: '三人分办' }];
  const [change] = diffContents(before, after);
  assert.equal(change!.field, 'process');
  assert.deepEqual(change!.removed, []);
  assert.deepEqual(change!.added, ['职责分离 审查、决定、送达｜三人分办']);
});
