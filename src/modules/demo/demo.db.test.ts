import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROLES } from '../../shared/actor.ts';
import { CLI_ACTOR, createTestSunlit } from '../../test/test-app.ts';
import { forEachEngine } from '../../test/test-db.ts';
import { DEMO_ACCOUNTS, DEMO_UNITS } from './demo.data.ts';

forEachEngine('the demo county', (engine) => {
  test('loads every unit and an account for every role; loading again changes nothing', async () => {
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
