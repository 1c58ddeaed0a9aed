import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildContent } from '../../test/factories.ts';
import { PROCESS_TEMPLATES } from '../process/process-templates.data.ts';
import { approvalFigures, approvalSteps, approvalTimeLimit, baselineProblems, compare, countComparisons, isApprovalCategory } from './reform.rules.ts';

const stages = (...names: string[]) => names.map((stage) => ({ stage, text: `${stage}责任` }));

test('approval items are licensing and non-licensing approval', () => {
  assert.deepEqual(['licensing', 'non_licensing_approval', 'penalty', 'confirmation'].map(isApprovalCategory), [true, true, false, false]);
});

test('steps: distinct process stages of the responsibilities, or the process chart when there is one', () => {
  // 受理 twice counts once; 事后监管 and 其他 are duties, not steps of an application.
  const content = buildContent({ responsibilities: stages('受理', '受理', '审查', '决定', '送达', '事后监管', '其他') });
  assert.equal(approvalSteps(content), 4);
  assert.equal(approvalSteps(buildContent({ responsibilities: [] })), 0);
  // A county's own stage names count as written.
  assert.equal(approvalSteps(buildContent({ responsibilities: stages('受理', '现场踏勘', '审批') })), 3);
  // With a process (两图) its steps count, 监督 left out: the licensing template has 6 steps and no supervision.
  const licensing = PROCESS_TEMPLATES.find((t) => t.code === 'licensing')!.process;
  assert.equal(approvalSteps({ ...content, process: licensing }), 6);
  const village = PROCESS_TEMPLATES.find((t) => t.code === 'village')!.process;
  assert.equal(approvalSteps({ ...content, process: village }), 5);
  assert.equal(approvalSteps({ ...content, process: null }), 4);
});

test('materials count required and optional ones; the limit is promised, else statutory, else null', () => {
  const content = buildContent({
    materials: [
      { name: '申请书', form: 'original', copies: 1, required: true },
      { name: '授权委托书', form: null, copies: null, required: false },
    ],
    statutoryLimit: 20,
    promisedLimit: 10,
  });
  assert.deepEqual(approvalFigures(content), { steps: 2, materials: 2, timeLimit: 10 });
  assert.equal(approvalTimeLimit(buildContent({ statutoryLimit: 20, promisedLimit: null })), 20);
  assert.equal(approvalTimeLimit(buildContent({ statutoryLimit: null, promisedLimit: null })), null);
  // A promised limit of 0 (即办件) is a limit, not a missing one.
  assert.equal(approvalTimeLimit(buildContent({ statutoryLimit: 20, promisedLimit: 0 })), 0);
});

test('compare: worked examples', () => {
  // 6 steps → 4, 5 materials → 5, 20 days → 10.
  assert.deepEqual(compare({ steps: 6, materials: 5, timeLimit: 20 }, { steps: 4, materials: 5, timeLimit: 10 }), {
    fewerSteps: true,
    fewerMaterials: false,
    shorterLimit: true,
    streamlined: true,
    stepsDelta: -2,
    materialsDelta: 0,
    timeLimitDelta: -10,
  });
  // More of everything is not streamlined.
  const worse = compare({ steps: 3, materials: 2, timeLimit: 5 }, { steps: 4, materials: 3, timeLimit: 7 });
  assert.deepEqual([worse.fewerSteps, worse.fewerMaterials, worse.shorterLimit, worse.streamlined], [false, false, false, false]);
  assert.deepEqual([worse.stepsDelta, worse.materialsDelta, worse.timeLimitDelta], [1, 1, 2]);
  // A null on either side is "not shorter", with no delta.
  for (const [before, after] of [
    [null, 10],
    [10, null],
    [null, null],
  ] as const) {
    const c = compare({ steps: 4, materials: 3, timeLimit: before }, { steps: 4, materials: 2, timeLimit: after });
    assert.deepEqual([c.shorterLimit, c.timeLimitDelta, c.fewerMaterials, c.streamlined], [false, null, true, true], `${before} → ${after}`);
  }
  // 0 days (即办) against 5 is shorter.
  assert.equal(compare({ steps: 4, materials: 3, timeLimit: 5 }, { steps: 4, materials: 3, timeLimit: 0 }).shorterLimit, true);
});

test('counts: an item once per figure, and once as streamlined', () => {
  const counts = countComparisons([
    compare({ steps: 5, materials: 5, timeLimit: 20 }, { steps: 4, materials: 4, timeLimit: 10 }),
    compare({ steps: 5, materials: 5, timeLimit: 20 }, { steps: 5, materials: 5, timeLimit: 15 }),
    compare({ steps: 5, materials: 5, timeLimit: 20 }, { steps: 5, materials: 5, timeLimit: 20 }),
  ]);
  assert.deepEqual(counts, { items: 3, fewerSteps: 1, fewerMaterials: 1, shorterLimit: 2, streamlined: 2 });
});

test('baselines entered by hand are non-negative integers, the limit may be empty', () => {
  assert.deepEqual(baselineProblems({ steps: 0, materials: 0, timeLimit: null }), {});
  assert.deepEqual(Object.keys(baselineProblems({ steps: -1, materials: 1.5, timeLimit: -3 })).sort(), ['materials', 'steps', 'timeLimit']);
});
