import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFailedLogin, hashPassword, isLocked, passwordPolicyProblems, sessionExpired, verifyPassword } from './password.rules.ts';

test('password policy: at least 10 characters from 3 of 4 classes', () => {
  const table: [string, string[]][] = [
    ['Abcdefgh1!', []],
    ['abcdefgh12', ['too_few_classes']],
    ['ABCDEFGHI!', ['too_few_classes']],
    ['Abcdefgh12', []],
    ['abcdefgh!1', []],
    ['Abc1!', ['too_short']],
    ['short', ['too_short', 'too_few_classes']],
    ['密码Abcdef1x', []],
    ['Abcdefg1!', ['too_short']], // 9 characters: one short of the threshold
  ];
  for (const [pw, problems] of table) assert.deepEqual(passwordPolicyProblems(pw), problems, pw);
});

test('scrypt hashes verify, carry their parameters, and differ by salt', async () => {
  const a = await hashPassword('Sunlit@2026', 10);
  const b = await hashPassword('Sunlit@2026', 10);
  assert.match(a, /^scrypt\$10\$8\$1\$/);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword('Sunlit@2026', a), true);
  assert.equal(await verifyPassword('sunlit@2026', a), false);
  assert.equal(await verifyPassword('Sunlit@2026', 'garbage'), false);
});

test('five failures in a row lock for 15 minutes; the count starts afresh after the lock', () => {
  const t0 = new Date('2026-03-02T01:00:00Z');
  let s = { failedLogins: 0, lockedUntil: null as string | null };
  for (let i = 1; i <= 4; i++) {
    const next = afterFailedLogin(s, t0);
    assert.equal(next.justLocked, false);
    assert.equal(next.failedLogins, i);
    s = next;
  }
  const fifth = afterFailedLogin(s, t0);
  assert.equal(fifth.justLocked, true);
  assert.equal(fifth.lockedUntil, '2026-03-02T01:15:00.000Z');
  assert.equal(isLocked(fifth, new Date('2026-03-02T01:14:59.999Z')), true);
  assert.equal(isLocked(fifth, new Date('2026-03-02T01:15:00.000Z')), false);
  const after = afterFailedLogin(fifth, new Date('2026-03-02T01:16:00Z'));
  assert.deepEqual({ failed: after.failedLogins, locked: after.lockedUntil }, { failed: 1, locked: null });
});

test('a session idles out after 30 minutes, not before', () => {
  const seen = '2026-03-02T01:00:00.000Z';
  assert.equal(sessionExpired(seen, new Date('2026-03-02T01:30:00.000Z')), false);
  assert.equal(sessionExpired(seen, new Date('2026-03-02T01:30:00.001Z')), true);
});
