import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stepsOf, validateProcess } from '../process/process.rules.ts';
import { CLOCK_STOP_REASONS, PERFORMER_ROLES, RISK_CATEGORIES } from '../process/process-vocabulary.data.ts';
import { isApprovalCategory } from '../reform/reform.rules.ts';
import { DEMO_POWERS } from './demo-powers.data.ts';
import { DEMO_LIQUOR_LICENCE_CODE, demoProcessFor } from './demo-processes.data.ts';
import { DEMO_SECOND_BATCH } from './demo-review.data.ts';
import { DEMO_UNITS } from './demo.data.ts';

const units = new Set(DEMO_UNITS.map((u) => u.code));
const NODE_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

test('every demo item has a process with no problem at all (no error, no warning)', () => {
  const failing: string[] = [];
  for (const p of DEMO_POWERS) {
    const process = p.content.process;
    if (!process) {
      failing.push(`${p.code}: no process`);
      continue;
    }
    const problems = validateProcess(process, p.content, (code) => units.has(code));
    for (const x of problems) failing.push(`${p.code} ${p.content.name}: ${x.code} ${x.message.zh}`);
  }
  assert.deepEqual(failing, []);
});

test('the limits the demo lowers in its second review batch still hold the processes', () => {
  for (const change of DEMO_SECOND_BATCH.changes) {
    const p = DEMO_POWERS.find((x) => x.code === change.code)!;
    const problems = validateProcess(p.content.process!, { ...p.content, ...change.edit }, (code) => units.has(code));
    assert.deepEqual(problems, [], change.code);
  }
});

test('processes use the vocabulary: ids, roles, clock stops, risk categories, named units', () => {
  const categories = new Set(RISK_CATEGORIES.map((c) => c.code));
  for (const p of DEMO_POWERS) {
    const process = p.content.process!;
    for (const n of process.nodes) assert.match(n.id, NODE_ID, p.code);
    for (const s of stepsOf(process)) {
      assert.ok(s.performer.role && PERFORMER_ROLES.includes(s.performer.role), `${p.code} ${s.id}`);
      if (s.clockStop) assert.ok(CLOCK_STOP_REASONS.includes(s.clockStop), `${p.code} ${s.id}`);
      if (s.performer.unit === 'named') assert.ok(units.has(s.performer.unitCode!) && s.performer.unitCode !== p.unit, `${p.code} ${s.id}`);
      else assert.equal(s.performer.unitCode, null);
      for (const r of s.risks) {
        assert.ok(categories.has(r.category), `${p.code} ${s.id} ${r.category}`);
        assert.ok(r.description.trim() && r.measures.trim() && r.post?.trim(), `${p.code} ${s.id}`);
      }
    }
    if (p.content.category === 'village_micro') {
      assert.ok(
        stepsOf(process).every((s) => s.performer.unit !== 'own' || s.performer.role === 'village_cadre'),
        `${p.code}: a village's own steps are done by village cadres`,
      );
    }
  }
});

test('every item has a risk point, approval items all three grades', () => {
  const approval = DEMO_POWERS.filter((p) => isApprovalCategory(p.content.category));
  assert.ok(approval.length > 0);
  for (const p of DEMO_POWERS) {
    const grades = new Set(stepsOf(p.content.process!).flatMap((s) => s.risks.map((r) => r.grade)));
    assert.ok(grades.size > 0, `${p.code} has no risk point`);
    if (isApprovalCategory(p.content.category)) assert.deepEqual([...grades].sort(), [1, 2, 3], `${p.code} ${p.content.name}`);
  }
});

test('the liquor item: 受理, then 审查, 许可 and 发证 as three duties, risks of every grade', () => {
  const item = DEMO_POWERS.find((p) => p.code === DEMO_LIQUOR_LICENCE_CODE);
  assert.ok(item, DEMO_LIQUOR_LICENCE_CODE);
  assert.equal(item.unit, 'JXJ-JL');
  assert.match(item.content.name, /酒类/);
  const steps = stepsOf(item.content.process!);
  const named = (name: string) => steps.find((s) => s.name === name);
  assert.equal(named('受理')?.duty, 'accept');
  assert.equal(named('审查')?.duty, 'review');
  assert.equal(named('许可')?.duty, 'decide');
  assert.equal(named('发证')?.duty, 'deliver');
  // Three roles, so that the three duties fall to three people, as the item's own separation rule requires.
  assert.equal(new Set(['审查', '许可', '发证'].map((n) => named(n)?.performer.role)).size, 3);
  assert.deepEqual(item.content.process!.separations, [
    { duties: ['review', 'decide', 'deliver'], reason: '审查、许可、发证分别由三人负责（经信局酒类流通备案登记）' },
  ]);
  // The liquor item is the demo's only one with rules of its own.
  assert.deepEqual(
    DEMO_POWERS.filter((p) => p.content.process?.separations).map((p) => p.code),
    [DEMO_LIQUOR_LICENCE_CODE],
  );
  const grades = new Set(steps.flatMap((s) => s.risks.map((r) => r.grade)));
  assert.deepEqual([...grades].sort(), [1, 2, 3]);
});

test('the charts vary: parallel 会签, 专家评审, 现场核查, 听证 and 即办 all occur', () => {
  const processes = DEMO_POWERS.map((p) => ({ p, process: p.content.process! }));
  const parallel = processes.filter(({ process }) => process.nodes.some((n) => n.kind === 'parallel'));
  assert.ok(parallel.length >= 3, `${parallel.length} items with a parallel gateway`);
  for (const { p, process } of parallel) {
    assert.ok(
      stepsOf(process).some((s) => s.performer.unit === 'named'),
      `${p.code}: a parallel chart has a named unit countersigning`,
    );
  }
  const withStep = (pred: (s: ReturnType<typeof stepsOf>[number]) => boolean) => processes.filter(({ process }) => stepsOf(process).some(pred)).length;
  assert.ok(withStep((s) => s.clockStop === '专家评审') >= 3);
  assert.ok(withStep((s) => s.name === '现场核查') >= 5);
  for (const p of DEMO_POWERS.filter((x) => x.content.category === 'penalty')) {
    assert.ok(
      stepsOf(p.content.process!).some((s) => s.clockStop === '听证' && s.limitDays !== null),
      `${p.code} has a hearing`,
    );
  }
  // Not every chart of a category is the same.
  const shapes = new Set(processes.filter(({ p }) => p.content.category === 'licensing').map(({ process }) => process.nodes.map((n) => n.id).join()));
  assert.ok(shapes.size >= 3, `${shapes.size} licensing shapes`);
});

test('即办 items (a limit of one day or less) get a short process', () => {
  for (const p of DEMO_POWERS) {
    const limit = p.content.promisedLimit ?? p.content.statutoryLimit;
    if (limit === null || limit > 1) continue;
    const steps = stepsOf(p.content.process!);
    assert.ok(steps.filter((s) => s.limitDays! > 0).length <= 1, `${p.code}`);
  }
});

test('building is deterministic', () => {
  const again = DEMO_POWERS.map((p) => demoProcessFor(p.code, p.unit, p.content));
  assert.equal(JSON.stringify(again), JSON.stringify(DEMO_POWERS.map((p) => p.content.process)));
  assert.equal(JSON.stringify(again), JSON.stringify(DEMO_POWERS.map((p) => demoProcessFor(p.code, p.unit, p.content))));
});
