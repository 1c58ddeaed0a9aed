import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DomainError } from '../../shared/errors.ts';
import { forEachEngine } from '../../test/test-db.ts';
import { CLI_ACTOR, createTestSunlit, type TestSunlit } from '../../test/test-app.ts';

/** Outcomes of promises run at once: 'ok' or the domain error code (anything else is a failure of the test). */
async function outcomes(runs: Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(runs);
  return settled.map((s) => {
    if (s.status === 'fulfilled') return 'ok';
    if (s.reason instanceof DomainError) return s.reason.code;
    throw s.reason;
  });
}

// A double-clicked form or two administrators at once: one change wins, the others are told why, nothing is doubled.
forEachEngine('concurrent changes to the same thing', (engine) => {
  let t: TestSunlit;
  before(async () => {
    t = await createTestSunlit(engine, { demo: true });
  });
  after(() => t.dispose());

  test('the same login created eight times at once: one account, seven conflicts', async () => {
    const create = () => t.app.accounts.createAccount(CLI_ACTOR, { name: '重复', login: 'twin', password: 'Sunlit@2026', unitCode: 'HBJ-SP' });
    const results = await outcomes(Array.from({ length: 8 }, create));
    assert.deepEqual([...results].sort(), ['conflict', 'conflict', 'conflict', 'conflict', 'conflict', 'conflict', 'conflict', 'ok']);
    assert.equal((await t.app.accounts.listAccounts(CLI_ACTOR)).filter((a) => a.login === 'twin').length, 1);
  });

  test('the same unit code added eight times at once: one unit, seven conflicts', async () => {
    const add = () => t.app.org.addUnit(CLI_ACTOR, { code: 'HBJ-NEW', name: '新股室', type: 'section', parentCode: 'HBJ' });
    const results = await outcomes(Array.from({ length: 8 }, add));
    assert.equal(results.filter((r) => r === 'ok').length, 1);
    assert.equal(results.filter((r) => r === 'conflict').length, 7);
  });

  test('an alert closed four times at once: closed once, audited once', async () => {
    const hbj = (await t.app.org.findUnitByCode('990101', 'HBJ'))!;
    const alert = await t.app.db.kysely
      .transaction()
      .execute((trx) => t.app.alerts.open(trx, CLI_ACTOR, '990101', { kind: 'case.overdue', severity: 'high', subject: '测试', unitId: hbj.id }));
    const inspector = {
      kind: 'user' as const,
      accountId: 'x',
      login: 'inspector',
      countyCode: '990101',
      grants: [{ id: 'g', role: 'inspector' as const, unitId: hbj.id, unitPath: hbj.path }],
    };
    const results = await outcomes(Array.from({ length: 4 }, (_, i) => t.app.alerts.close(inspector, alert.id, `处理意见 ${i}`)));
    assert.deepEqual([...results].sort(), ['conflict', 'conflict', 'conflict', 'ok']);
    assert.equal((await t.app.audit.listByEntity(`alert:${alert.id}`)).filter((e) => e.action === 'alert.close').length, 1);
  });

  test('a grant revoked three times at once: revoked once, audited once', async () => {
    const account = await t.app.accounts.grantRole(CLI_ACTOR, { login: 'hbj.clerk', role: 'section_chief', unitCode: 'HBJ-JC' });
    const grant = account.grants.find((g) => g.role === 'section_chief')!;
    const results = await outcomes(Array.from({ length: 3 }, () => t.app.accounts.revokeGrant(CLI_ACTOR, grant.id)));
    assert.deepEqual([...results].sort(), ['not_found', 'not_found', 'ok']);
    assert.equal((await t.app.audit.listByEntity(`grant:${grant.id}`)).filter((e) => e.action === 'grant.revoke').length, 1);
  });

  test('the installation set up twice at once (two servers starting) leaves one county and one chain', async () => {
    const again = await outcomes([t.app.org.ensureCounty(CLI_ACTOR, '990101', '示范县'), t.app.org.ensureCounty(CLI_ACTOR, '990101', '示范县')]);
    assert.deepEqual(again, ['ok', 'ok']);
    assert.equal((await t.app.audit.verify()).ok, true);
  });
});
