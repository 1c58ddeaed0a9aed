import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BATCH_STATES,
  entriesToRaise,
  findingProblem,
  itemCleared,
  nextState,
  passRefusal,
  resubmitRefusal,
  returnNeedsAlert,
  REVIEW_ACTIONS,
  TRANSITIONS,
  type Finding,
  type RectificationState,
} from './review.rules.ts';

const finding = (over: Partial<Finding>): Finding => ({
  itemId: 'i1',
  revision: 1,
  round: 1,
  aspect: 'legality',
  verdict: 'pass',
  problem: null,
  comment: null,
  ...over,
});

test('every action applies in exactly the states the table names, and nowhere else', () => {
  for (const action of REVIEW_ACTIONS) {
    for (const state of BATCH_STATES) {
      const to = nextState(state, action);
      if (TRANSITIONS[action].from.includes(state)) assert.equal(to, TRANSITIONS[action].to, `${state} --${action}-->`);
      else assert.equal(typeof to, 'object', `${action} refused in ${state}`);
    }
  }
});

test('the path through three returns to publication', () => {
  const path: [string, string][] = [
    ['draft', 'submit'],
    ['submitted', 'take'],
    ['in_review', 'return'],
    ['returned', 'resubmit'],
    ['resubmitted', 'take'],
    ['in_review', 'pass'],
    ['passed', 'evaluate'],
    ['evaluation', 'send_back'],
    ['returned', 'resubmit'],
    ['resubmitted', 'take'],
    ['in_review', 'pass'],
    ['passed', 'evaluate'],
    ['evaluation', 'publish'],
  ];
  let state = 'draft';
  for (const [from, action] of path) {
    assert.equal(state, from);
    state = nextState(state as never, action as never) as string;
  }
  assert.equal(state, 'published');
  assert.equal(typeof nextState('published', 'return'), 'object', 'a published batch is final');
});

test('a refusal names the state in both languages', () => {
  const r = nextState('draft', 'publish');
  assert.ok(typeof r === 'object' && r.zh.includes('编制中') && r.en.includes('draft'));
});

test('who acts at each step', () => {
  assert.equal(TRANSITIONS.submit.by, 'unit_head');
  assert.equal(TRANSITIONS.resubmit.by, 'unit_head');
  for (const a of ['take', 'return', 'pass'] as const) assert.equal(TRANSITIONS[a].by, 'legal_reviewer');
  for (const a of ['evaluate', 'send_back', 'publish'] as const) assert.equal(TRANSITIONS[a].by, 'county_leader');
});

test('three returns are the norm; the fourth opens an alert', () => {
  assert.equal(returnNeedsAlert(3), false);
  assert.equal(returnNeedsAlert(4), true);
});

test('a finding: a pass has no problem kind; a problem has a kind and a comment', () => {
  assert.equal(findingProblem({ verdict: 'pass', problem: null, comment: null }), null);
  assert.ok(findingProblem({ verdict: 'pass', problem: 'other', comment: null }));
  assert.ok(findingProblem({ verdict: 'problem', problem: null, comment: 'x' }));
  assert.ok(findingProblem({ verdict: 'problem', problem: 'invalid_basis', comment: '  ' }));
  assert.equal(findingProblem({ verdict: 'problem', problem: 'invalid_basis', comment: '依据已废止' }), null);
});

test('an item is cleared by three passes on the revision under review, the latest finding per aspect counting', () => {
  const passes = (revision: number, round: number) =>
    (['legality', 'reasonableness', 'necessity'] as const).map((aspect) => finding({ aspect, revision, round }));
  assert.equal(itemCleared(1, passes(1, 1), 0), true);
  assert.equal(itemCleared(2, passes(1, 1), 0), false, 'passes of an older revision do not clear a newer one');
  assert.equal(itemCleared(1, passes(1, 1).slice(0, 2), 0), false, 'all three aspects');
  assert.equal(itemCleared(1, passes(1, 1), 1), false, 'an open rectification blocks');
  const changedMind = [...passes(1, 1), finding({ aspect: 'necessity', round: 2, verdict: 'problem', problem: 'other', comment: 'x' })];
  assert.equal(itemCleared(1, changedMind, 0), false, 'a later problem overrides an earlier pass');
  assert.equal(itemCleared(2, [...passes(1, 1), ...passes(2, 2)], 0), true);
});

test('passing needs every item cleared and no open entry', () => {
  assert.equal(passRefusal([{ code: 'A', passed: true }], 0), null);
  assert.match(passRefusal([{ code: 'A', passed: false }], 0)!.zh, /A/);
  assert.match(passRefusal([{ code: 'A', passed: true }], 2)!.zh, /2 条/);
  const both = passRefusal([{ code: 'B', passed: false }], 1)!;
  assert.ok(both.zh.includes('B') && both.zh.includes('1 条') && both.en.includes('1 rectification'));
});

test('resubmitting needs a response in this round to every open entry and each omitted item added', () => {
  const entry = (over: Partial<RectificationState>): RectificationState => ({
    id: 'e',
    itemId: 'i1',
    problem: 'wrong_entry',
    missingItemName: null,
    resolvedItemId: null,
    raisedRound: 1,
    responseRound: 1,
    state: 'open',
    ...over,
  });
  assert.equal(resubmitRefusal(1, [entry({})], new Set(['i1'])), null);
  assert.ok(resubmitRefusal(2, [entry({ responseRound: 1 })], new Set(['i1'])), 'a response from an earlier round does not count');
  assert.equal(resubmitRefusal(2, [entry({ responseRound: 1, state: 'accepted' })], new Set()), null, 'accepted entries need nothing');
  const omission = entry({ itemId: null, problem: 'omission', missingItemName: '临时占用草原审批' });
  assert.match(resubmitRefusal(1, [omission], new Set())!.zh, /临时占用草原审批/);
  assert.match(resubmitRefusal(1, [{ ...omission, resolvedItemId: 'n1' }], new Set())!.zh, /临时占用草原审批/, 'linked but not in the batch');
  assert.equal(resubmitRefusal(1, [{ ...omission, resolvedItemId: 'n1' }], new Set(['n1'])), null);
});

test("a round's problems are raised once: an entry already open for the same item, aspect and kind is not doubled", () => {
  const f = [
    finding({ verdict: 'problem', problem: 'invalid_basis', comment: 'x' }),
    finding({ aspect: 'necessity', verdict: 'problem', problem: 'other', comment: 'y' }),
    finding({ aspect: 'reasonableness' }),
  ];
  const raised = entriesToRaise(f, [{ itemId: 'i1', aspect: 'legality', problem: 'invalid_basis' }]);
  assert.deepEqual(
    raised.map((x) => x.aspect),
    ['necessity'],
  );
});
