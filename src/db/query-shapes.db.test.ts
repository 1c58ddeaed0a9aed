import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, forEachEngine, type TestDatabase } from '../test/test-db.ts';
import type { Database } from './database.ts';
import type { Db } from './kysely.ts';
import { QueryShapes } from './query-shapes.ts';

type Scratch = {
  shape_test: { id: string; name: string | null; n: number; note: string | null };
};

forEachEngine('query shapes', (engine) => {
  let database: TestDatabase;
  let db: Db;
  let q: Kysely<Database & Scratch>;
  before(async () => {
    database = await createTestDatabase(engine);
    db = database.open();
    q = db.kysely.withTables<Scratch>();
    await sql`create table shape_test (id text primary key, name text, n integer not null, note text)`.execute(q);
  });
  after(async () => {
    await db.close();
    await database.drop();
  });

  test('a shape compiled once runs again with other values, and other shapes compile their own SQL', async () => {
    const shapes = new QueryShapes();
    const insert = (rows: Scratch['shape_test'][]) => shapes.run(q, 'insert', rows, (r) => q.insertInto('shape_test').values(r));
    await insert([{ id: 'a', name: '甲', n: 1, note: null }]);
    await insert([{ id: 'b', name: null, n: 2, note: "it's" }]); // same shape, other values, a null and a quote
    await insert([
      { id: 'c', name: '丙', n: 3, note: 'x' },
      { id: 'd', name: '丁', n: 4, note: 'y' },
    ]); // two rows: another shape
    const update = (set: Partial<Scratch['shape_test']>, id: string, n: number) =>
      shapes.run(q, 'update', { set, id, n }, (v) => q.updateTable('shape_test').set(v.set).where('id', '=', v.id).where('n', '=', v.n));
    assert.equal(Number((await update({ note: 'changed' }, 'a', 1)).numAffectedRows), 1);
    assert.equal(Number((await update({ note: 'not this' }, 'b', 99)).numAffectedRows), 0); // the condition is a value too
    assert.equal(Number((await update({ name: '乙', note: null }, 'b', 2)).numAffectedRows), 1); // other columns set
    // A constant written into the query (not a stand-in) stays what it was.
    const select = (id: string) => shapes.run(q, 'select', { id }, (v) => q.selectFrom('shape_test').selectAll().where('id', '=', v.id).where('n', '>', 0));
    assert.deepEqual((await select('b')).rows, [{ id: 'b', name: '乙', n: 2, note: null }]);
    assert.deepEqual((await select('a')).rows, [{ id: 'a', name: '甲', n: 1, note: 'changed' }]);
    const all = await q.selectFrom('shape_test').select(['id', 'note']).orderBy('id').execute();
    assert.deepEqual(all, [
      { id: 'a', note: 'changed' },
      { id: 'b', note: null },
      { id: 'c', note: 'x' },
      { id: 'd', note: 'y' },
    ]);
  });

  test('the builder sees stand-ins, never the values, and runs once per shape', async () => {
    const shapes = new QueryShapes();
    let builds = 0;
    const seen: unknown[] = [];
    const read = (id: string) =>
      shapes.run(q, 'read', { id }, (v) => {
        builds += 1;
        seen.push(v.id);
        return q.selectFrom('shape_test').select('id').where('id', '=', v.id);
      });
    assert.deepEqual((await read('c')).rows, [{ id: 'c' }]);
    assert.deepEqual((await read('d')).rows, [{ id: 'd' }]);
    assert.deepEqual((await read('zz')).rows, []);
    assert.equal(builds, 1);
    assert.notEqual(seen[0], 'c');
  });

  if (engine === 'postgres')
    test('on PostgreSQL a shape runs as a statement the connection keeps prepared; other SQL does not', async () => {
      const shapes = new QueryShapes();
      const kept = await q.transaction().execute(async (trx) => {
        await shapes.run(trx, 'kept', { id: 'c' }, (v) => trx.selectFrom('shape_test').select('n').where('id', '=', v.id));
        await trx.selectFrom('shape_test').select('note').where('id', '=', 'c').execute();
        return sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx);
      });
      const shaped = kept.rows.filter((r) => r.statement.startsWith('select "n" from "shape_test"'));
      assert.equal(shaped.length, 1);
      assert.match(shaped[0]!.name, /^sunlit_shape_\d+$/);
      assert.equal(kept.rows.filter((r) => r.statement.includes('select "note"')).length, 0);
    });
});
