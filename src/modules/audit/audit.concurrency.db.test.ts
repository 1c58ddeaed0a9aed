import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { forEachEngine } from '../../test/test-db.ts';
import { createTestSunlit, type TestSunlit } from '../../test/test-app.ts';

const WORKER = new URL('../../test/append-worker.ts', import.meta.url).pathname;

function worker(url: string, count: number, name: string, startAt: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', WORKER, url, String(count), name, String(startAt)], { stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${name} exited ${code}`))));
  });
}

// Several server processes share one database: the chain-head lock must keep their appends in one line.
forEachEngine('audit appends from two processes at once', (engine) => {
  let t: TestSunlit;
  before(async () => {
    t = await createTestSunlit(engine);
  });
  after(() => t.dispose());

  test('no fork, no gap, every event of both processes present', async () => {
    const start = (await t.app.audit.head()).seq;
    const startAt = Date.now() + 3000;
    await Promise.all([worker(t.database.url, 150, 'a', startAt), worker(t.database.url, 150, 'b', startAt)]);
    const v = await t.app.audit.verify();
    assert.equal(v.ok, true, JSON.stringify(v));
    if (v.ok) assert.equal(v.headSeq, start + 300);
    const events = await t.app.audit.list(start, 1000);
    assert.equal(events.length, 300);
    assert.deepEqual(
      events.map((e) => e.seq),
      Array.from({ length: 300 }, (_, i) => start + 1 + i),
    );
    for (const name of ['a', 'b']) assert.equal(events.filter((e) => e.actor === `worker:${name}`).length, 150);
    // On PostgreSQL the two processes queue on the head row in turn, so their events interleave. (SQLite's busy
    // handler backs off and may let one process finish first: there only the integrity above is the point.)
    if (engine === 'postgres') {
      const switches = events.slice(1).filter((e, i) => e.actor !== events[i]!.actor).length;
      assert.ok(switches > 1, `expected interleaving, saw ${switches} switches`);
    }
  });
});
