import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const key = { SUNLIT_DATA_KEY: 'ab'.repeat(32) };

test('defaults: SQLite at data/sunlit.db, port 3000, SM3, the demo county', () => {
  const c = loadConfig({ ...key });
  assert.equal(c.databaseUrl, 'data/sunlit.db');
  assert.equal(c.port, 3000);
  assert.equal(c.auditHashAlg, 'sm3');
  assert.equal(c.countyCode, '990101');
  assert.ok(Object.isFrozen(c));
});

test('SUNLIT_NOW starts the clock at that instant and it runs on; SUNLIT_CLOCK=frozen stops it', async () => {
  const running = loadConfig({ ...key, SUNLIT_NOW: '2024-09-27T09:00:00+08:00' });
  const t1 = running.clock.now().getTime();
  assert.ok(Math.abs(t1 - Date.parse('2024-09-27T01:00:00Z')) < 1000);
  await new Promise((r) => setTimeout(r, 30));
  assert.ok(running.clock.now().getTime() > t1);
  const frozen = loadConfig({ ...key, SUNLIT_NOW: '2024-09-27T09:00:00+08:00', SUNLIT_CLOCK: 'frozen' });
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(frozen.clock.now().toISOString(), '2024-09-27T01:00:00.000Z');
});

test('bad values fail fast with a message naming the variable', () => {
  const bad: [Record<string, string>, RegExp][] = [
    [{ SUNLIT_NOW: '2024-09-27 09:00' }, /SUNLIT_NOW/],
    [{ SUNLIT_CLOCK: 'stopped' }, /SUNLIT_CLOCK/],
    [{ SUNLIT_PORT: 'eighty' }, /SUNLIT_PORT/],
    [{ SUNLIT_AUDIT_HASH: 'md5' }, /SUNLIT_AUDIT_HASH/],
    [{ SUNLIT_COUNTY_CODE: '12' }, /SUNLIT_COUNTY_CODE/],
    [{ SUNLIT_DATA_KEY: 'short' }, /SUNLIT_DATA_KEY/],
    [{ SUNLIT_LOGIN_RATE_LIMIT: '5' }, /SUNLIT_LOGIN_RATE_LIMIT/],
  ];
  // PostgreSQL with no key named: refused rather than a key file made up in the current folder.
  assert.throws(() => loadConfig({ SUNLIT_DATABASE_URL: 'postgres://x@localhost/y' }), /SUNLIT_DATA_KEY/);
  // PostgreSQL with no key named: refused rather than a key file made up in the current folder.
  assert.throws(() => loadConfig({ SUNLIT_DATABASE_URL: 'postgres://x@localhost/y' }), /SUNLIT_DATA_KEY/);
  for (const [env, re] of bad)
    assert.throws(
      () => loadConfig({ ...key, ...env }),
      (e: unknown) => e instanceof ConfigError && re.test(e.message),
      JSON.stringify(env),
    );
});

test('without SUNLIT_DATA_KEY a key file is made once beside the SQLite file and reused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sunlit-key-'));
  const db = join(dir, 'x.db');
  const a = loadConfig({ SUNLIT_DATABASE_URL: db });
  const b = loadConfig({ SUNLIT_DATABASE_URL: db });
  assert.equal(a.dataKey.toString('hex'), b.dataKey.toString('hex'));
  assert.equal(readFileSync(`${db}.key`, 'utf8').trim(), a.dataKey.toString('hex'));
});

test('blobs live beside the SQLite file unless SUNLIT_BLOB_DIR says otherwise; with PostgreSQL in data/blobs', () => {
  assert.equal(loadConfig({ ...key }).blobDir, resolve('data/blobs'));
  assert.equal(loadConfig({ ...key, SUNLIT_DATABASE_URL: '/srv/sunlit/county.db' }).blobDir, '/srv/sunlit/blobs');
  assert.equal(loadConfig({ ...key, SUNLIT_DATABASE_URL: 'postgres://x@localhost/y' }).blobDir, resolve('data/blobs'));
  assert.equal(loadConfig({ ...key, SUNLIT_BLOB_DIR: 'var/materials' }).blobDir, resolve('var/materials'));
  assert.equal(loadConfig({ ...key }, { databaseUrl: '/tmp/t/sunlit.db' }).blobDir, '/tmp/t/blobs');
});
