import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, forEachEngine, type TestDatabase } from '../test/test-db.ts';
import type { Db } from './kysely.ts';
import { migrateToLatest } from './migrate.ts';

forEachEngine('database layer', (engine) => {
  let database: TestDatabase;
  let db: Db;
  before(async () => {
    database = await createTestDatabase(engine);
    db = database.open();
  });
  after(async () => {
    await db.close();
    await database.drop();
  });

  test('every migration runs, and running again finds nothing to do', async () => {
    assert.deepEqual(await migrateToLatest(db), [
      '2026-11-27T08.00_foundation',
      '2026-11-27T09.00_security-policy',
      '2026-11-27T10.00_power-list',
      '2026-11-27T11.00_review',
      '2026-11-27T12.00_public-search',
      '2026-11-27T13.00_process',
      '2026-11-27T14.00_legal-clock',
      '2026-11-27T15.00_cases',
      '2026-11-27T16.00_task-queues',
    ]);
    assert.deepEqual(await migrateToLatest(db), []);
  });

  if (engine === 'sqlite') {
    test('SQLite runs in WAL mode with synchronous=FULL and foreign keys on', async () => {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.kysely);
      const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(db.kysely);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db.kysely);
      assert.equal(mode.rows[0]!.journal_mode, 'wal');
      assert.equal(sync.rows[0]!.synchronous, 2); // 2 = FULL
      assert.equal(fk.rows[0]!.foreign_keys, 1);
    });
  } else {
    test('PostgreSQL gives int8 back as a number and DATE as its plain YYYY-MM-DD text', async () => {
      const r = await sql<{ n: unknown; d: unknown }>`select 9007199254740991::int8 as n, date '2024-02-29' as d`.execute(db.kysely);
      assert.equal(r.rows[0]!.n, 9007199254740991);
      assert.equal(r.rows[0]!.d, '2024-02-29');
    });
  }

  test('a foreign key to a unit that does not exist is refused', async () => {
    await assert.rejects(
      db.kysely
        .insertInto('unit')
        .values({
          id: 'u1',
          county_code: 'nope',
          code: 'X',
          name: 'x',
          type: 'department',
          parent_id: null,
          path: '/u1/',
          status: 'active',
          effective_from: '2026-01-01',
          effective_to: null,
          status_reason: null,
          merged_into_id: null,
          created_at: '2026-01-01T00:00:00.000Z',
        })
        .execute(),
    );
  });
});
