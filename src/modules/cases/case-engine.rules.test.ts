// The case engine as a state machine: the full transition table of a licensing process (受理 with 补正 and 不予受理,
// 审查 in parallel with a clock-stopping 专家评审, 决定, 发证 or 不予许可) — every reachable run state, every step
// completion with every allowed outcome, and every completion the engine must refuse; a parallel branch that ends the
// case; a join an exclusive choice bypasses; outcomesAfter; and seeded random walks over every demo item's process.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DomainError } from '../../shared/errors.ts';
import { DEMO_POWERS } from '../demo/demo-powers.data.ts';
import { demoProcessFor } from '../demo/demo-processes.data.ts';
import type { ProcessDefinition, StepNode } from '../process/process.rules.ts';
import type { StepDuty } from '../process/process-vocabulary.data.ts';
import { chartOf, completeStep, outcomesAfter, startRun, type Advance, type Chart, type RunState } from './case-engine.rules.ts';

const step = (id: string, name: string, duty: StepDuty = 'review', clockStop: string | null = null) => ({
  id,
  kind: 'step' as const,
  name,
  duty,
  performer: { role: 'clerk', unit: 'own' as const, unitCode: null },
  limitDays: 1,
  clockStop,
  risks: [],
});
const flow = (from: string, to: string, outcome: string | null = null) => ({ from, to, outcome });

/** The process of cases.http.test.ts. */
const PROCESS = {
  nodes: [
    { id: 'start', kind: 'start', name: '申请' },
    step('accept', '受理', 'accept'),
    { id: 'complete', kind: 'exclusive', name: '材料是否齐全' },
    step('notify', '一次性告知补正', 'deliver'),
    { id: 'not_accepted', kind: 'end', name: '不予受理' },
    { id: 'split', kind: 'parallel', name: null },
    step('review', '审查', 'review'),
    step('expert', '专家评审', 'review', '专家评审'),
    { id: 'join', kind: 'parallel', name: null },
    step('decide', '决定', 'decide'),
    { id: 'result', kind: 'exclusive', name: '审批结果' },
    step('issue', '发证', 'deliver'),
    step('refuse', '书面告知不予许可', 'deliver'),
    { id: 'done', kind: 'end', name: '办结' },
    { id: 'refused', kind: 'end', name: '不予许可' },
  ],
  flows: [
    flow('start', 'accept'),
    flow('accept', 'complete'),
    flow('complete', 'split', '齐全'),
    flow('complete', 'notify', '需补正'),
    flow('complete', 'not_accepted', '不予受理'),
    flow('notify', 'accept'),
    flow('split', 'review'),
    flow('split', 'expert'),
    flow('review', 'join'),
    flow('expert', 'join'),
    flow('join', 'decide'),
    flow('decide', 'result'),
    flow('result', 'issue', '准予'),
    flow('result', 'refuse', '不予'),
    flow('issue', 'done'),
    flow('refuse', 'refused'),
  ],
} as unknown as ProcessDefinition;

const chart = chartOf(PROCESS);
const STEPS = ['accept', 'notify', 'review', 'expert', 'decide', 'issue', 'refuse'];

/** A run state with its active steps in a fixed order, so that states compare by value. */
const norm = (s: RunState): RunState => ({ active: [...s.active].sort(), waiting: Object.fromEntries(Object.entries(s.waiting).sort()) });
const key = (s: RunState) => JSON.stringify(norm(s));
const ids = (steps: StepNode[]) => steps.map((s) => s.id).sort();

/** Every state the process can be in while a case runs (active steps, flows waiting at joins). */
const STATES: Record<string, RunState> = {
  accepting: { active: ['accept'], waiting: {} },
  correcting: { active: ['notify'], waiting: {} },
  reviewing: { active: ['expert', 'review'], waiting: {} },
  expert_left: { active: ['expert'], waiting: { join: 1 } },
  review_left: { active: ['review'], waiting: { join: 1 } },
  deciding: { active: ['decide'], waiting: {} },
  issuing: { active: ['issue'], waiting: {} },
  refusing: { active: ['refuse'], waiting: {} },
};

interface Row {
  from: keyof typeof STATES;
  complete: string;
  outcome: string | null;
  /** The next state, or the end reached (`end:` and the end's name). */
  to: keyof typeof STATES | `end:${string}`;
  opened: string[];
  cancelled: string[];
}

/** Every allowed completion from every reachable state. */
const TABLE: Row[] = [
  { from: 'accepting', complete: 'accept', outcome: '齐全', to: 'reviewing', opened: ['expert', 'review'], cancelled: [] },
  { from: 'accepting', complete: 'accept', outcome: '需补正', to: 'correcting', opened: ['notify'], cancelled: [] },
  { from: 'accepting', complete: 'accept', outcome: '不予受理', to: 'end:不予受理', opened: [], cancelled: [] },
  { from: 'correcting', complete: 'notify', outcome: null, to: 'accepting', opened: ['accept'], cancelled: [] },
  { from: 'reviewing', complete: 'review', outcome: null, to: 'expert_left', opened: [], cancelled: [] },
  { from: 'reviewing', complete: 'expert', outcome: null, to: 'review_left', opened: [], cancelled: [] },
  { from: 'expert_left', complete: 'expert', outcome: null, to: 'deciding', opened: ['decide'], cancelled: [] },
  { from: 'review_left', complete: 'review', outcome: null, to: 'deciding', opened: ['decide'], cancelled: [] },
  { from: 'deciding', complete: 'decide', outcome: '准予', to: 'issuing', opened: ['issue'], cancelled: [] },
  { from: 'deciding', complete: 'decide', outcome: '不予', to: 'refusing', opened: ['refuse'], cancelled: [] },
  { from: 'issuing', complete: 'issue', outcome: null, to: 'end:办结', opened: [], cancelled: [] },
  { from: 'refusing', complete: 'refuse', outcome: null, to: 'end:不予许可', opened: [], cancelled: [] },
];

/** Asserts that `fn` throws a DomainError with `code`, and returns it. */
function refused(fn: () => unknown, code: string): DomainError {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DomainError, `expected DomainError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

describe('the transition table of the licensing process', () => {
  test('a case starts at 受理: only the acceptance step open, nothing waiting', () => {
    const a = startRun(chart);
    assert.deepEqual(norm(a.state), STATES.accepting);
    assert.deepEqual(ids(a.opened), ['accept']);
    assert.equal(a.end, null);
    assert.deepEqual(a.cancelled, []);
  });

  for (const row of TABLE) {
    test(`${row.from}: ${row.complete} → ${row.outcome ?? '(no outcome)'} → ${row.to}`, () => {
      const before = structuredClone(STATES[row.from]!);
      const a = completeStep(chart, before, row.complete, row.outcome);
      assert.deepEqual(before, STATES[row.from], 'the given state is left as it was');
      assert.deepEqual(ids(a.opened), row.opened);
      assert.deepEqual([...a.cancelled].sort(), row.cancelled);
      if (row.to.startsWith('end:')) {
        assert.equal(a.end?.kind, 'end');
        assert.equal(a.end?.name, row.to.slice(4));
        assert.deepEqual(a.state, { active: [], waiting: {} });
      } else {
        assert.equal(a.end, null);
        assert.deepEqual(norm(a.state), STATES[row.to]);
      }
    });
  }

  test('the table is complete: a breadth-first search with the engine reaches exactly its states and completions', () => {
    const seen = new Map<string, RunState>();
    const found: string[] = [];
    const queue = [startRun(chart).state];
    while (queue.length > 0) {
      const s = queue.shift()!;
      if (seen.has(key(s))) continue;
      seen.set(key(s), s);
      for (const stepId of s.active) {
        const choices = outcomesAfter(chart, stepId);
        for (const outcome of choices.length > 0 ? choices : [null]) {
          const a = completeStep(chart, s, stepId, outcome);
          const name = Object.entries(STATES).find(([, x]) => key(x) === key(s))?.[0] ?? key(s);
          found.push(`${name} ${stepId} ${outcome}`);
          if (!a.end) queue.push(a.state);
        }
      }
    }
    assert.deepEqual([...seen.keys()].sort(), Object.values(STATES).map(key).sort());
    assert.deepEqual(found.sort(), TABLE.map((r) => `${r.from} ${r.complete} ${r.outcome}`).sort());
  });

  describe('every completion not in the table is refused', () => {
    for (const [name, state] of Object.entries(STATES)) {
      const idle = STEPS.filter((s) => !state.active.includes(s));
      test(`${name}: completing a step that is not open (${idle.join(', ')}) is a conflict`, () => {
        for (const stepId of idle) {
          for (const outcome of [null, '齐全', '准予']) {
            const e = refused(() => completeStep(chart, state, stepId, outcome), 'conflict');
            assert.deepEqual(e.details, { stepId });
          }
        }
      });
    }

    const choosing: [string, string, string[], (string | null)[]][] = [
      ['accepting', 'accept', ['齐全', '需补正', '不予受理'], [null, '准予', '', '齐 全', '不予']],
      ['deciding', 'decide', ['准予', '不予'], [null, '齐全', '不予受理', '准予 ']],
    ];
    for (const [name, stepId, outcomes, wrong] of choosing) {
      test(`${name}: ${stepId} without an outcome, or with one not among ${outcomes.join('/')}, is case.outcome_invalid`, () => {
        for (const given of wrong) {
          const e = refused(() => completeStep(chart, STATES[name]!, stepId, given), 'case.outcome_invalid');
          assert.deepEqual(e.details, { stepId, outcomes, given });
          for (const o of outcomes) assert.ok(e.text.zh.includes(o), 'the message lists the choices');
        }
      });
    }

    test('a step with no choice after it ignores an outcome given anyway', () => {
      const a = completeStep(chart, STATES.correcting!, 'notify', '准予');
      assert.deepEqual(norm(a.state), STATES.accepting);
    });
  });

  test('the 补正 loop can be taken again and again and still ends', () => {
    let s = startRun(chart).state;
    for (let i = 0; i < 5; i++) {
      s = completeStep(chart, s, 'accept', '需补正').state;
      assert.deepEqual(norm(s), STATES.correcting);
      s = completeStep(chart, s, 'notify', null).state;
      assert.deepEqual(norm(s), STATES.accepting);
    }
    assert.equal(completeStep(chart, s, 'accept', '不予受理').end?.id, 'not_accepted');
  });
});

describe('parallel branches that can end the case (会签 that refuses)', () => {
  // split → 甲 and 乙 countersign; either refusing ends the case at once; both agreeing joins to 决定.
  const COUNTERSIGN = chartOf({
    nodes: [
      { id: 'start', kind: 'start', name: null },
      { id: 'split', kind: 'parallel', name: null },
      step('a', '甲局会签'),
      step('b', '乙局会签'),
      { id: 'ca', kind: 'exclusive', name: null },
      { id: 'cb', kind: 'exclusive', name: null },
      { id: 'join', kind: 'parallel', name: null },
      step('decide', '决定', 'decide'),
      { id: 'done', kind: 'end', name: '办结' },
      { id: 'rejected', kind: 'end', name: '不予许可' },
    ],
    flows: [
      flow('start', 'split'),
      flow('split', 'a'),
      flow('split', 'b'),
      flow('a', 'ca'),
      flow('b', 'cb'),
      flow('ca', 'join', '同意'),
      flow('ca', 'rejected', '不同意'),
      flow('cb', 'join', '同意'),
      flow('cb', 'rejected', '不同意'),
      flow('join', 'decide'),
      flow('decide', 'done'),
    ],
  } as unknown as ProcessDefinition);

  const TWO_OPEN: RunState = { active: ['a', 'b'], waiting: {} };
  const ROWS: { from: RunState; complete: string; outcome: string; state: RunState | null; end: string | null; cancelled: string[]; opened: string[] }[] = [
    { from: TWO_OPEN, complete: 'a', outcome: '不同意', state: null, end: '不予许可', cancelled: ['b'], opened: [] },
    { from: TWO_OPEN, complete: 'b', outcome: '不同意', state: null, end: '不予许可', cancelled: ['a'], opened: [] },
    { from: TWO_OPEN, complete: 'a', outcome: '同意', state: { active: ['b'], waiting: { join: 1 } }, end: null, cancelled: [], opened: [] },
    { from: TWO_OPEN, complete: 'b', outcome: '同意', state: { active: ['a'], waiting: { join: 1 } }, end: null, cancelled: [], opened: [] },
    // The other branch already waits at the join: refusing ends the case and the waiting flow is dropped.
    { from: { active: ['b'], waiting: { join: 1 } }, complete: 'b', outcome: '不同意', state: null, end: '不予许可', cancelled: [], opened: [] },
    {
      from: { active: ['b'], waiting: { join: 1 } },
      complete: 'b',
      outcome: '同意',
      state: { active: ['decide'], waiting: {} },
      end: null,
      cancelled: [],
      opened: ['decide'],
    },
    {
      from: { active: ['a'], waiting: { join: 1 } },
      complete: 'a',
      outcome: '同意',
      state: { active: ['decide'], waiting: {} },
      end: null,
      cancelled: [],
      opened: ['decide'],
    },
    { from: { active: ['a'], waiting: { join: 1 } }, complete: 'a', outcome: '不同意', state: null, end: '不予许可', cancelled: [], opened: [] },
  ];

  test('the start opens both branches', () => {
    const a = startRun(COUNTERSIGN);
    assert.deepEqual(norm(a.state), TWO_OPEN);
    assert.deepEqual(ids(a.opened), ['a', 'b']);
  });

  for (const r of ROWS) {
    test(`${r.from.active.join('+')}${r.from.waiting.join ? ' (one waiting at the join)' : ''}: ${r.complete} ${r.outcome} → ${r.end ?? r.state!.active.join('+')}`, () => {
      const a = completeStep(COUNTERSIGN, r.from, r.complete, r.outcome);
      assert.equal(a.end?.name ?? null, r.end);
      assert.deepEqual(a.cancelled, r.cancelled);
      assert.deepEqual(ids(a.opened), r.opened);
      assert.deepEqual(norm(a.state), r.state ?? { active: [], waiting: {} });
    });
  }

  test('after both agree, 决定 ends the case at 办结 with nothing cancelled', () => {
    let s = startRun(COUNTERSIGN).state;
    s = completeStep(COUNTERSIGN, s, 'b', '同意').state;
    s = completeStep(COUNTERSIGN, s, 'a', '同意').state;
    const a = completeStep(COUNTERSIGN, s, 'decide', null);
    assert.equal(a.end?.id, 'done');
    assert.deepEqual(a.cancelled, []);
  });
});

describe('a join an exclusive choice bypasses', () => {
  // The mistake a drawer makes: merging the two branches of a choice with a parallel join, which then waits forever.
  const DEADLOCK = chartOf({
    nodes: [
      { id: 'start', kind: 'start', name: null },
      step('s', '初审'),
      { id: 'c', kind: 'exclusive', name: null },
      step('p1', '简易审查'),
      step('p2', '现场核查'),
      { id: 'join', kind: 'parallel', name: null },
      step('d', '决定', 'decide'),
      { id: 'done', kind: 'end', name: '办结' },
    ],
    flows: [
      flow('start', 's'),
      flow('s', 'c'),
      flow('c', 'p1', '简易'),
      flow('c', 'p2', '一般'),
      flow('p1', 'join'),
      flow('p2', 'join'),
      flow('join', 'd'),
      flow('d', 'done'),
    ],
  } as unknown as ProcessDefinition);

  test('either branch reaches the join alone and the case is stuck (case.stuck), not silently idle', () => {
    for (const [outcome, branch] of [
      ['简易', 'p1'],
      ['一般', 'p2'],
    ] as const) {
      const s = completeStep(DEADLOCK, startRun(DEADLOCK).state, 's', outcome).state;
      assert.deepEqual(s.active, [branch]);
      const e = refused(() => completeStep(DEADLOCK, s, branch, null), 'case.stuck');
      assert.match(e.text.zh, /汇聚网关/);
    }
  });

  test('a process without a start event is stuck from the beginning', () => {
    const noStart = chartOf({ nodes: [step('x', '审查')], flows: [] } as unknown as ProcessDefinition);
    refused(() => startRun(noStart), 'case.stuck');
  });
});

describe('outcomesAfter', () => {
  test('the licensing process: the choices after 受理 and 决定; none after the other steps', () => {
    const expected: Record<string, string[]> = {
      accept: ['齐全', '需补正', '不予受理'],
      notify: [],
      review: [],
      expert: [],
      decide: ['准予', '不予'],
      issue: [],
      refuse: [],
    };
    for (const [stepId, outcomes] of Object.entries(expected)) assert.deepEqual(outcomesAfter(chart, stepId), outcomes, stepId);
  });

  const MORE = chartOf({
    nodes: [
      { id: 'start', kind: 'start', name: null },
      step('via', '经过单出口判断'),
      { id: 'pass', kind: 'exclusive', name: null },
      { id: 'choose', kind: 'exclusive', name: null },
      step('direct', '直接命名出口'),
      step('fork', '并行之前'),
      { id: 'split', kind: 'parallel', name: null },
      step('x', '甲'),
      step('y', '乙'),
      step('last', '最后'),
      { id: 'withDefault', kind: 'exclusive', name: null },
      step('dead', '无出口'),
      { id: 'end', kind: 'end', name: '办结' },
    ],
    flows: [
      flow('start', 'via'),
      flow('via', 'pass'),
      flow('pass', 'choose'),
      flow('choose', 'direct', '甲'),
      flow('choose', 'fork', '乙'),
      flow('direct', 'x', '转甲'),
      flow('direct', 'y', '转乙'),
      flow('fork', 'split'),
      flow('split', 'x'),
      flow('split', 'y'),
      flow('x', 'end'),
      flow('y', 'last'),
      flow('last', 'withDefault'),
      flow('withDefault', 'end', '通过'),
      flow('withDefault', 'dead', null),
    ],
  } as unknown as ProcessDefinition);

  test('through a one-way gateway to the choice behind it; named flows straight out of a step; none before a split, an end or nowhere', () => {
    assert.deepEqual(outcomesAfter(MORE, 'via'), ['甲', '乙']);
    assert.deepEqual(outcomesAfter(MORE, 'direct'), ['转甲', '转乙']);
    assert.deepEqual(outcomesAfter(MORE, 'fork'), []);
    assert.deepEqual(outcomesAfter(MORE, 'x'), []);
    assert.deepEqual(outcomesAfter(MORE, 'dead'), []);
    assert.deepEqual(outcomesAfter(MORE, 'last'), ['通过'], 'an unnamed default flow is no outcome to choose');
    assert.deepEqual(outcomesAfter(MORE, 'nonexistent'), []);
  });

  test('the engine follows what outcomesAfter offers: through the one-way gateway, and named flows out of a step', () => {
    const a = completeStep(MORE, startRun(MORE).state, 'via', '甲');
    assert.deepEqual(ids(a.opened), ['direct']);
    assert.deepEqual(ids(completeStep(MORE, a.state, 'direct', '转乙').opened), ['y']);
    const b = completeStep(MORE, startRun(MORE).state, 'via', '乙');
    assert.deepEqual(ids(completeStep(MORE, b.state, 'fork', null).opened), ['x', 'y']);
  });
});

/** mulberry32: a small seeded PRNG, so that every run walks the same paths. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Completions a walk may take before it counts as never ending. */
const WALK_BOUND = 1_000;
const WALKS_PER_PROCESS = 20;

/** One random walk: complete a random open step with a random allowed outcome until an end; checks the run state each time. */
function randomWalk(c: Chart, random: () => number): { end: string; completions: number } {
  let advance: Advance = startRun(c);
  for (let n = 0; n < WALK_BOUND; n++) {
    if (advance.end) return { end: advance.end.id, completions: n };
    const { active, waiting } = advance.state;
    assert.ok(active.length > 0, 'a running case has an open step');
    assert.equal(new Set(active).size, active.length, 'no step is open twice');
    for (const id of active) assert.equal(c.nodes.get(id)?.kind, 'step', `${id} is a step`);
    for (const o of advance.opened) assert.ok(active.includes(o.id), `${o.id} opened and active`);
    for (const [join, count] of Object.entries(waiting)) {
      assert.equal(c.nodes.get(join)?.kind, 'parallel');
      assert.ok(count >= 1 && count < (c.inCount.get(join) ?? 0), `${join} waits for ${count} of ${c.inCount.get(join)}`);
    }
    const stepId = active[Math.floor(random() * active.length)]!;
    const choices = outcomesAfter(c, stepId);
    if (choices.length > 0) refused(() => completeStep(c, advance.state, stepId, null), 'case.outcome_invalid');
    const outcome = choices.length > 0 ? choices[Math.floor(random() * choices.length)]! : null;
    const before = active.filter((s) => s !== stepId);
    advance = completeStep(c, advance.state, stepId, outcome);
    if (advance.end) for (const s of advance.cancelled) assert.ok(before.includes(s), `cancelled ${s} was open`);
  }
  assert.fail(`no end after ${WALK_BOUND} completions`);
}

describe('random walks over every demo process', () => {
  test(`${WALKS_PER_PROCESS} seeded walks per demo item each reach an end node within ${WALK_BOUND} completions`, () => {
    assert.ok(DEMO_POWERS.length > 100);
    const failures: string[] = [];
    let walks = 0;
    for (const p of DEMO_POWERS) {
      const c = chartOf(demoProcessFor(p.code, p.unit, p.content));
      const ends = new Set<string>();
      for (let seed = 1; seed <= WALKS_PER_PROCESS; seed++) {
        try {
          const { end } = randomWalk(c, prng(seed * 7919 + p.code.length));
          assert.equal(c.nodes.get(end)?.kind, 'end');
          ends.add(end);
          walks++;
        } catch (e) {
          failures.push(`${p.code} ${p.content.name} seed ${seed}: ${(e as Error).message}`);
          break;
        }
      }
      if (ends.size === 0 && !failures.some((f) => f.startsWith(p.code))) failures.push(`${p.code}: no walk ended`);
    }
    assert.deepEqual(failures, []);
    assert.equal(walks, DEMO_POWERS.length * WALKS_PER_PROCESS);
  });

  test('the walks reach every end of the liquor item: 办结, 不予许可 and 不予受理', () => {
    const liquor = DEMO_POWERS.find((p) => p.code === 'JX-QR-001')!;
    const c = chartOf(demoProcessFor(liquor.code, liquor.unit, liquor.content));
    const ends = new Set<string>();
    for (let seed = 1; seed <= 50; seed++) ends.add(c.nodes.get(randomWalk(c, prng(seed)).end)!.name!);
    assert.deepEqual([...ends].sort(), ['不予受理', '不予许可', '办结'].sort());
  });
});
