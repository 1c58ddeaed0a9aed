import assert from 'node:assert/strict';
import { test } from 'node:test';
import { POWER_CATEGORIES, powerCategories } from '../catalogue/categories.data.ts';
import { contentProblems } from '../catalogue/power-item.rules.ts';
import { DEMO_POWERS } from './demo-powers.data.ts';
import { DEMO_UNITS } from './demo.data.ts';

/** Units that compile no power list of their own: the legal review group, the commission for discipline, the data bureau. */
const WITHOUT_POWERS = new Set(['SFJ', 'JW', 'SJJ']);

test('the demo power list is large and covers every category', () => {
  assert.ok(DEMO_POWERS.length >= 320, `${DEMO_POWERS.length} items`);
  const categories = new Set(DEMO_POWERS.map((p) => p.content.category));
  assert.deepEqual([...categories].sort(), POWER_CATEGORIES.map((c) => c.code).sort());
});

test('every demo unit that compiles a list has items, and items belong to demo units only', () => {
  const units = new Set(DEMO_UNITS.map((u) => u.code));
  const withItems = new Set(DEMO_POWERS.map((p) => p.unit));
  for (const u of DEMO_UNITS.filter((x) => !WITHOUT_POWERS.has(x.code))) assert.ok(withItems.has(u.code), `${u.code} ${u.name} has no items`);
  for (const unit of withItems) assert.ok(units.has(unit), `unknown unit ${unit}`);
  const villages = DEMO_UNITS.filter((u) => u.type === 'village').map((u) => u.code);
  for (const p of DEMO_POWERS) assert.equal(p.content.category === 'village_micro', villages.includes(p.unit), `${p.code} in ${p.unit}`);
});

test('codes are unique and follow the unit-category-number scheme', () => {
  const codes = DEMO_POWERS.map((p) => p.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const code of codes) assert.match(code, /^[A-Z]{2}-(XK|CF|QZ|ZS|JF|JC|QR|JL|CJ|QT|GG|CW)-\d{3}$/);
});

test('every item passes the catalogue rules and cites its basis as 《…》', () => {
  const categories = powerCategories();
  for (const p of DEMO_POWERS) {
    assert.deepEqual(contentProblems(p.content, categories), {}, `${p.code} ${p.content.name}`);
    assert.ok(p.content.basis.length >= 1 && p.content.basis.length <= 3, `${p.code}: ${p.content.basis.length} citations`);
    for (const b of p.content.basis) assert.match(b, /^《.+》/, `${p.code}: ${b}`);
    assert.ok(p.content.accountability.length >= 1 && p.content.accountability.length <= 3, p.code);
    assert.ok(p.content.responsibilities.length > 0, p.code);
    assert.match(p.content.supervisionPhone ?? '', /^0354-76543\d\d$/);
  }
});

test('licensing, benefit and confirmation items state conditions and materials', () => {
  for (const p of DEMO_POWERS.filter((x) => ['licensing', 'benefit', 'confirmation'].includes(x.content.category))) {
    assert.ok(p.content.conditions, `${p.code} has no conditions`);
    assert.ok(p.content.materials.length > 0, `${p.code} has no materials`);
  }
});

test('names are not repeated within a unit', () => {
  const seen = new Set<string>();
  for (const p of DEMO_POWERS) {
    const key = `${p.unit} ${p.content.name}`;
    assert.ok(!seen.has(key), key);
    seen.add(key);
  }
});
