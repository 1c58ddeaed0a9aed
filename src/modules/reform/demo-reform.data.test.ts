import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_POWERS } from '../demo/demo-powers.data.ts';
import { DEMO_REFORM_TARGETS, demoReformBaselines } from './demo-reform.data.ts';
import { approvalFigures, compare, countComparisons, isApprovalCategory } from './reform.rules.ts';

test('the demo baselines give exactly the report figures against the demo items', () => {
  const items = DEMO_POWERS.filter((p) => isApprovalCategory(p.content.category)).map((p) => ({ code: p.code, current: approvalFigures(p.content) }));
  assert.ok(items.length >= DEMO_REFORM_TARGETS.shorterLimit, `${items.length} demo approval items`);
  const baselines = demoReformBaselines(items);
  assert.equal(baselines.length, items.length);
  const current = new Map(items.map((i) => [i.code, i.current]));
  const comparisons = baselines.map((b) => compare(b.baseline, current.get(b.code)!));
  const counts = countComparisons(comparisons);
  assert.deepEqual([counts.fewerSteps, counts.fewerMaterials, counts.shorterLimit], [32, 31, 49]);
  // Some items improved in several ways; nothing got worse.
  assert.ok(comparisons.some((c) => c.fewerSteps && c.fewerMaterials && c.shorterLimit));
  assert.ok(comparisons.every((c) => c.stepsDelta <= 0 && c.materialsDelta <= 0 && (c.timeLimitDelta ?? 0) <= 0));
  // Deterministic, whatever order the items come in.
  assert.deepEqual(demoReformBaselines([...items].reverse()), baselines);
  assert.throws(() => demoReformBaselines(items.slice(0, 40)), /不足/);
});
