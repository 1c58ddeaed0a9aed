import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Actor, Role } from '../../shared/actor.ts';
import { DomainError } from '../../shared/errors.ts';
import { CLI_ACTOR, createTestSunlit, type TestSunlit } from '../../test/test-app.ts';
import { forEachEngine } from '../../test/test-db.ts';
import { DEMO_POWERS } from '../demo/demo-powers.data.ts';
import { isApprovalCategory } from './reform.rules.ts';

const code = (e: unknown) => (e instanceof DomainError ? e.code : String(e));
/** An actor holding one role county-wide (the service's own checks, behind the routes' ones). */
const holding = (role: Role): Actor => ({
  kind: 'user',
  accountId: 'test',
  login: `test.${role}`,
  countyCode: '990101',
  grants: [{ id: 'g', role, unitId: 'u', unitPath: '/' }],
});

forEachEngine('the demo reform', (engine) => {
  let t: TestSunlit;
  before(async () => {
    t = await createTestSunlit(engine, { demo: true });
    await t.app.demo.load(CLI_ACTOR);
  });
  after(() => t.dispose());

  test('the service checks roles itself', async () => {
    await assert.rejects(t.app.reform.start(holding('clerk')), (e) => code(e) === 'forbidden');
    await assert.rejects(t.app.reform.loadDemo(holding('inspector'), '2025-01-01'), (e) => code(e) === 'forbidden');
    for (const role of ['sysadmin', 'secadmin', 'auditor'] as const) {
      await assert.rejects(t.app.reform.ledger(holding(role)), (e) => code(e) === 'forbidden', role);
    }
  });

  test('the demo (lists reviewed and published, reform started) shows the county report', async () => {
    const approval = DEMO_POWERS.filter((p) => isApprovalCategory(p.content.category)).map((p) => p.code);
    const { startedOn, totals, units, entries } = await t.app.reform.ledger(holding('clerk'));
    assert.equal(startedOn, '2025-03-01');
    assert.ok(entries.every((e) => e.baseline.source === 'snapshot'));
    assert.deepEqual([totals.items, totals.fewerSteps, totals.fewerMaterials, totals.shorterLimit], [approval.length, 32, 31, 49]);
    assert.ok(totals.streamlined >= 49 && totals.streamlined <= approval.length);
    assert.equal(
      units.reduce((n, u) => n + u.counts.shorterLimit, 0),
      49,
    );
    assert.equal(await t.app.reform.loadDemo(CLI_ACTOR, '2025-01-01'), 'present');
    await assert.rejects(t.app.reform.start(CLI_ACTOR), (e) => code(e) === 'conflict');
  });
});
