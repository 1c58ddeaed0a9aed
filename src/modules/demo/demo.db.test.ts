import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROLES } from '../../shared/actor.ts';
import { CLI_ACTOR, createTestSunlit, type TestSunlit } from '../../test/test-app.ts';
import { forEachEngine } from '../../test/test-db.ts';
import { DEMO_CASES, storyReceipt } from './demo-cases.ts';
import { DEMO_POWERS } from './demo-powers.data.ts';
import { DEMO_FIRST_BATCH_TITLE, DEMO_REFORM_STARTED_ON } from './demo-review.data.ts';
import { DEMO_ACCOUNTS, DEMO_UNITS } from './demo.data.ts';

/** The demo's cases: two years of history, open cases in every state, the refused attempt, 住建局 before and after. */
async function assertDemoCases(t: TestSunlit) {
  const { cases, alerts, auth } = t.app;
  const count = async (filter: Parameters<typeof cases.listCases>[1]) => (await cases.listCases(CLI_ACTOR, { ...filter, pageSize: 1 })).total;
  assert.ok((await count({ state: 'done' })) > DEMO_CASES.history * 0.95, 'thousands of finished cases');
  const [history] = await t.app.db.kysely.selectFrom('audit_event').select(['payload']).where('action', '=', 'case.history_loaded').execute();
  const loaded = JSON.parse(history!.payload) as { cases: number; tasks: number; sha256: string };
  assert.ok(loaded.cases > DEMO_CASES.history * 0.95 && loaded.tasks > loaded.cases && /^[0-9a-f]{64}$/.test(loaded.sha256), 'one audit event for the history');
  for (const state of ['pending', 'running', 'suspended', 'done'] as const) assert.ok((await count({ state, unit: 'HBJ' })) > 0, `a case ${state}`);
  assert.ok((await count({ warning: 'red' })) >= 3, 'open cases past their limits');
  assert.ok((await count({ warning: 'yellow' })) >= 2, 'open cases nearly due');

  const inspector = await auth.actorForLogin('inspector');
  const county = CLI_ACTOR.countyCode;
  const extended = await cases.getByReceipt(inspector, storyReceipt(county, 'e1'));
  assert.deepEqual([extended.state, extended.extensions.length, extended.extensions[0]!.approvedBy], ['running', 1, 'hbj.head']);
  const stopped = await cases.getByReceipt(inspector, storyReceipt(county, 's1'));
  assert.equal(stopped.state, 'suspended');
  assert.ok(stopped.suspensions[0]!.notice, 'the clock stop told the applicant');

  // 吴刚 reviewed the liquor case and was refused 许可: the attempt is audited and the inspector has the alert.
  const blocked = await cases.getByReceipt(inspector, storyReceipt(county, 'x1'));
  assert.equal(blocked.itemCode, 'JX-QR-001');
  assert.ok(blocked.audit.some((e) => e.action === 'case.sod_refused'));
  assert.equal(blocked.tasks.find((x) => x.stepId === 'decide')!.state, 'open');
  const alert = (await alerts.list(inspector, 'open')).find((a) => a.kind.startsWith('sod.') && a.subjectRef === `case:${blocked.id}`);
  assert.ok(alert, 'an open separation-of-duties alert');

  // 住建局 handles cases markedly faster since the reform (the seed's "近30%").
  const efficiency = await cases.efficiency(CLI_ACTOR, { reformOn: DEMO_REFORM_STARTED_ON, unit: 'ZJJ' });
  for (const code of ['ZJJ', 'ZJJ-SP']) {
    const unit = efficiency.units.find((u) => u.unit.code === code)!;
    assert.ok(unit.before.cases > 50 && unit.after.cases > 50, code);
    assert.ok(unit.improvement! >= 0.2 && unit.improvement! <= 0.4, `${code} improved by ${unit.improvement}`);
  }
}

forEachEngine('the demo county', (engine) => {
  test('loads every unit, an account for every role, the power lists and the cases; loading again changes nothing', async () => {
    const t = await createTestSunlit(engine);
    try {
      assert.equal(await t.app.demo.load(CLI_ACTOR), 'loaded');
      const units = await t.app.org.listUnits(CLI_ACTOR);
      assert.equal(units.length, DEMO_UNITS.length + 1);
      assert.ok(units.some((u) => u.name === '定昌镇' && u.type === 'township'));
      assert.equal(units.filter((u) => u.type === 'village').length, 6);
      const accounts = await t.app.accounts.listAccounts(CLI_ACTOR);
      assert.equal(accounts.length, DEMO_ACCOUNTS.length);
      assert.deepEqual(new Set(accounts.flatMap((a) => a.grants.map((g) => g.role))), new Set(ROLES));
      const items = await t.app.catalogue.listItems(CLI_ACTOR, {}, { offset: 0, limit: 10000 });
      assert.equal(items.total, DEMO_POWERS.length + 1, 'and the omitted item the review asked for');
      assert.ok(
        DEMO_POWERS.every((p) => items.items.find((i) => i.code === p.code)!.publishedRevision === 1),
        'every list reviewed and published',
      );

      // The review: every list published, one batch in its second round with findings still open.
      const batches = await t.app.review.listBatches(CLI_ACTOR, {});
      assert.equal(batches.filter((b) => b.state === 'published').length, 10);
      const open = batches.find((b) => b.state !== 'published')!;
      assert.deepEqual([open.state, open.round, open.returns], ['in_review', 2, 1]);
      const view = await t.app.review.getBatch(CLI_ACTOR, open.id);
      assert.deepEqual(view.rectifications.map((e) => [e.problem, e.state]).sort(), [
        ['incomplete', 'open'],
        ['invalid_basis', 'accepted'],
        ['omission', 'open'],
      ]);
      assert.equal(view.items.length, 4);

      // The reform figures of the seed report.
      const reform = await t.app.reform.ledger(CLI_ACTOR, {});
      assert.deepEqual([reform.totals.fewerSteps, reform.totals.fewerMaterials, reform.totals.shorterLimit], [32, 31, 49]);
      const first = DEMO_POWERS[0]!;
      const loaded = items.items.find((i) => i.code === first.code)!;
      assert.equal(loaded.unitCode, first.unit);
      assert.deepEqual(loaded.latest.content, first.content);
      await assertDemoCases(t);
      const head = (await t.app.audit.head()).seq;
      assert.equal(await t.app.demo.load(CLI_ACTOR), 'present');
      assert.equal((await t.app.audit.head()).seq, head);
    } finally {
      await t.dispose();
    }
  });

  test('a first start interrupted half-way is completed by the next, nothing doubled', async () => {
    const t = await createTestSunlit(engine);
    try {
      for (const u of DEMO_UNITS.slice(0, 3))
        await t.app.org.addUnit(CLI_ACTOR, { code: u.code, name: u.name, type: u.type, ...(u.parent ? { parentCode: u.parent } : {}) });
      assert.equal(await t.app.demo.load(CLI_ACTOR), 'loaded');
      assert.equal((await t.app.org.listUnits(CLI_ACTOR)).length, DEMO_UNITS.length + 1);
      assert.equal((await t.app.accounts.listAccounts(CLI_ACTOR)).length, DEMO_ACCOUNTS.length);
      assert.equal((await t.app.catalogue.listItems(CLI_ACTOR, {}, { offset: 0, limit: 1 })).total, DEMO_POWERS.length + 1);
    } finally {
      await t.dispose();
    }
  });

  test('a load interrupted among the power lists adds only the missing items', async () => {
    const t = await createTestSunlit(engine);
    try {
      for (const u of DEMO_UNITS)
        await t.app.org.addUnit(CLI_ACTOR, { code: u.code, name: u.name, type: u.type, ...(u.parent ? { parentCode: u.parent } : {}) });
      const some = DEMO_POWERS.slice(0, 5);
      for (const p of some) await t.app.catalogue.createItem(CLI_ACTOR, { unitCode: p.unit, code: p.code, content: p.content });
      assert.equal(await t.app.demo.load(CLI_ACTOR), 'loaded');
      const items = await t.app.catalogue.listItems(CLI_ACTOR, {}, { offset: 0, limit: 10000 });
      assert.equal(items.total, DEMO_POWERS.length + 1);
      assert.ok(
        items.items.filter((i) => some.some((p) => p.code === i.code)).every((i) => i.publishedRevision === 1),
        'existing items not revised by the import: their first revision is the one reviewed and published',
      );
      assert.equal(await t.app.demo.load(CLI_ACTOR), 'present');
    } finally {
      await t.dispose();
    }
  });

  test('a load interrupted in the middle of the review is finished by the next one, no batch doubled', async () => {
    const t = await createTestSunlit(engine);
    try {
      await t.app.demo.load(CLI_ACTOR, { powers: false });
      for (const p of DEMO_POWERS) await t.app.catalogue.createItem(CLI_ACTOR, { unitCode: p.unit, code: p.code, content: p.content });
      // As if the first load stopped right after the environment bureau submitted its list.
      const codes = DEMO_POWERS.filter((p) => p.unit.startsWith('HBJ')).map((p) => p.code);
      const head = await t.app.auth.actorForLogin('hbj.head');
      const { batch } = await t.app.review.createBatch(head, { unitCode: 'HBJ', title: DEMO_FIRST_BATCH_TITLE, itemCodes: codes });
      await t.app.review.transition(head, batch.id, 'submit');
      assert.equal(await t.app.demo.load(CLI_ACTOR), 'loaded');
      const batches = await t.app.review.listBatches(CLI_ACTOR, {});
      assert.equal(batches.length, 11);
      assert.equal(batches.find((b) => b.id === batch.id)!.state, 'published');
      assert.equal(await t.app.demo.load(CLI_ACTOR), 'present');
    } finally {
      await t.dispose();
    }
  });

  test('without powers loads units and accounts only; a later full load adds the power lists', async () => {
    const t = await createTestSunlit(engine);
    try {
      assert.equal(await t.app.demo.load(CLI_ACTOR, { powers: false }), 'loaded');
      assert.equal((await t.app.catalogue.listItems(CLI_ACTOR, {}, { offset: 0, limit: 1 })).total, 0);
      assert.equal(await t.app.demo.load(CLI_ACTOR, { powers: false }), 'present');
      assert.equal(await t.app.demo.load(CLI_ACTOR), 'loaded');
      assert.equal((await t.app.catalogue.listItems(CLI_ACTOR, {}, { offset: 0, limit: 1 })).total, DEMO_POWERS.length + 1);
    } finally {
      await t.dispose();
    }
  });

  test('refuses a database that already holds other units', async () => {
    const t = await createTestSunlit(engine);
    try {
      await t.app.org.addUnit(CLI_ACTOR, { code: 'REAL', name: '真实部门', type: 'department' });
      await assert.rejects(t.app.demo.load(CLI_ACTOR), /empty database/);
    } finally {
      await t.dispose();
    }
  });
});
