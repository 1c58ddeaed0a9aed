import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine } from '../../test/test-db.ts';
import { as, CLI_ACTOR, createTestServer, createTestSunlit, errorOf, signIn, httpSuite } from '../../test/test-app.ts';
import { policyProblems, BASELINE_POLICY } from './security-policy.rules.ts';

test('a policy may only be stricter than the baseline, within its ranges', () => {
  assert.deepEqual(policyProblems(BASELINE_POLICY), {});
  assert.deepEqual(policyProblems({ ...BASELINE_POLICY, minPasswordLength: 12, lockoutThreshold: 3, lockoutMinutes: 60, idleMinutes: 10 }), {});
  assert.deepEqual(Object.keys(policyProblems({ ...BASELINE_POLICY, minPasswordLength: 9 })), ['minPasswordLength']);
  assert.deepEqual(Object.keys(policyProblems({ ...BASELINE_POLICY, lockoutThreshold: 6, idleMinutes: 31 })), ['lockoutThreshold', 'idleMinutes']);
  assert.deepEqual(Object.keys(policyProblems({ ...BASELINE_POLICY, lockoutMinutes: 14.5 })), ['lockoutMinutes']);
});

forEachEngine('the security policy', (engine) => {
  const suite = httpSuite(engine);

  const stricter = { minPasswordLength: 12, minPasswordClasses: 4, lockoutThreshold: 3, lockoutMinutes: 30, idleMinutes: 10 };

  test('anyone signed in reads it; the baseline until the county sets one', async () => {
    const clerk = await signIn(suite.http, 'hbj.clerk');
    const res = await suite.http.inject({ url: '/api/v1/security/policy', headers: as(clerk) });
    assert.equal(res.statusCode, 200);
    assert.deepEqual({ ...(res.json() as object), limits: undefined }, { ...BASELINE_POLICY, updatedAt: null, updatedBy: null, limits: undefined });
  });

  test('only the security administrator sets it, never looser than the baseline, and the change is audited', async () => {
    const sys = await signIn(suite.http, 'sysadmin');
    assert.equal((await suite.http.inject({ method: 'PUT', url: '/api/v1/security/policy', headers: as(sys), payload: stricter })).statusCode, 403);
    const sec = await signIn(suite.http, 'secadmin');
    const looser = await suite.http.inject({ method: 'PUT', url: '/api/v1/security/policy', headers: as(sec), payload: { ...stricter, minPasswordLength: 8 } });
    assert.equal(looser.statusCode, 400);
    assert.ok('body.minPasswordLength' in (errorOf(looser).details.fields as object));
    const ok = await suite.http.inject({ method: 'PUT', url: '/api/v1/security/policy', headers: as(sec), payload: stricter });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().updatedBy, 'user:secadmin');
    const [event] = await suite.t.app.audit.listByEntity('security_policy:990101');
    assert.equal(event!.action, 'security.policy_set');
    assert.deepEqual(JSON.parse(event!.payload).after, stricter);
  });

  test('the stricter policy is in force: longer passwords, a lock after three failures, a shorter idle time', async () => {
    await assert.rejects(
      suite.t.app.accounts.createAccount(CLI_ACTOR, { name: '新人', login: 'newbie', password: 'Abcdefgh1!x', unitCode: 'HBJ-SP' }),
      /auth.password_policy|at least 12/,
    );
    await suite.t.app.accounts.createAccount(CLI_ACTOR, { name: '新人', login: 'newbie', password: 'Abcdefgh1!xy', unitCode: 'HBJ-SP' }, [
      { role: 'clerk', unitCode: 'HBJ-SP' },
    ]);
    const attempt = (password: string) =>
      suite.http.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.77.0.1', payload: { login: 'newbie', password } });
    assert.equal((await attempt('Wrong-one-111')).statusCode, 401);
    assert.equal((await attempt('Wrong-two-222')).statusCode, 401);
    const third = await attempt('Wrong-three-333');
    assert.equal(third.statusCode, 423);
    assert.equal(errorOf(third).details.lockedUntil, new Date(suite.t.clock.now().getTime() + 30 * 60_000).toISOString());

    const clerk = await signIn(suite.http, 'zjj.clerk');
    suite.t.clock.advance(11 * 60_000);
    assert.equal((await suite.http.inject({ url: '/api/v1/auth/me', headers: as(clerk) })).statusCode, 401);
  });
});

test('a failed login with no policy cached yet completes (the policy is read outside the transaction)', async () => {
  const t = await createTestSunlit('sqlite', { demo: true });
  try {
    const http = await createTestServer(t);
    t.app.policies['cache'].clear(); // as after the cache's 30 seconds: the next read goes to the database
    const res = await http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'hbj.clerk', password: 'Wrong-password-1' } });
    assert.equal(res.statusCode, 401);
    await http.close();
  } finally {
    await t.dispose();
  }
});
