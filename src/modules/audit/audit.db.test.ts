import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { forEachEngine } from '../../test/test-db.ts';
import { CLI_ACTOR, createTestSunlit, type TestSunlit } from '../../test/test-app.ts';

forEachEngine('audit log', (engine) => {
  let t: TestSunlit;
  before(async () => {
    t = await createTestSunlit(engine);
  });
  after(() => t.dispose());

  const append = (n: number) =>
    t.app.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i++)
        await t.app.audit.append(trx, CLI_ACTOR, { action: 'test.event', entity: `test:${i}`, county: '990101', payload: { i, text: '中文 ✓' } });
    });

  test('migrate starts the chain with setup events, and it verifies', async () => {
    const v = await t.app.audit.verify();
    assert.equal(v.ok, true);
    const events = await t.app.audit.list(0, 10);
    assert.deepEqual(
      events.map((e) => e.action),
      ['county.create', 'reference.load', 'search.synonyms.seed'],
    );
    assert.equal(events[0]!.prevHash, '00'.repeat(32));
    assert.equal(events[0]!.alg, 'sm3');
    assert.equal(events[0]!.actor, 'cli:test');
  });

  test('concurrent transactions append without forks or gaps', async () => {
    await Promise.all(Array.from({ length: 20 }, () => append(3)));
    const v = await t.app.audit.verify();
    assert.equal(v.ok, true);
    if (v.ok) assert.equal(v.headSeq, 63);
  });

  test('a rolled-back change leaves no event behind', async () => {
    const before = await t.app.audit.head();
    await assert.rejects(
      t.app.db.kysely.transaction().execute(async (trx) => {
        await t.app.audit.append(trx, CLI_ACTOR, { action: 'test.rollback', entity: 'test:x', county: null, payload: {} });
        throw new Error('business rule failed');
      }),
    );
    assert.deepEqual(await t.app.audit.head(), before);
  });

  test('the database refuses to update or delete events', async () => {
    await assert.rejects(sql`update audit_event set actor = 'someone' where seq = 1`.execute(t.app.db.kysely), /append-only/);
    await assert.rejects(sql`delete from audit_event where seq = 1`.execute(t.app.db.kysely), /append-only/);
    if (engine === 'postgres') await assert.rejects(sql`truncate audit_event`.execute(t.app.db.kysely), /append-only/);
    // SQLite's INSERT OR REPLACE deletes without firing delete triggers: it is refused on its own.
    if (engine === 'sqlite') {
      await assert.rejects(
        sql`insert or replace into audit_event (seq, county_code, time, actor, action, entity, payload, alg, prev_hash, hash)
            select seq, county_code, time, 'evil', action, entity, payload, alg, prev_hash, hash from audit_event where seq = 1`.execute(t.app.db.kysely),
        /append-only/,
      );
    }
    assert.equal((await t.app.audit.verify()).ok, true);
  });

  test('tampering behind the triggers is caught at the first changed event', async () => {
    const q = t.app.db.kysely;
    const dropTriggers = engine === 'postgres' ? sql`alter table audit_event disable trigger user` : sql`drop trigger audit_event_no_update`;
    await dropTriggers.execute(q);
    const original = (await t.app.audit.list(9, 1))[0]!;
    await sql`update audit_event set payload = ${'{"i":999}'} where seq = 10`.execute(q);
    const v = await t.app.audit.verify();
    assert.deepEqual(v.ok ? null : { seq: v.firstBadSeq, reason: v.reason }, { seq: 10, reason: 'hash does not match the event' });
    await sql`update audit_event set payload = ${original.payload} where seq = 10`.execute(q);
    assert.equal((await t.app.audit.verify()).ok, true);
  });

  test('events cut off the end are caught by the head row, and by --expect even when the head is rewritten', async () => {
    const q = t.app.db.kysely;
    const head = await t.app.audit.head();
    if (engine === 'sqlite') await sql`drop trigger audit_event_no_delete`.execute(q);
    await sql`delete from audit_event where seq > ${head.seq - 2}`.execute(q);
    const v1 = await t.app.audit.verify();
    assert.equal(v1.ok, false);
    if (!v1.ok) assert.equal(v1.firstBadSeq, head.seq - 1);

    // A careful attacker rewrites the head too: only a published checkpoint still tells.
    const newLast = (await t.app.audit.list(head.seq - 3, 1))[0]!;
    await sql`update audit_chain_head set seq = ${newLast.seq}, hash = ${newLast.hash} where id = 1`.execute(q);
    assert.equal((await t.app.audit.verify()).ok, true);
    const v2 = await t.app.audit.verify({ seq: head.seq, hash: head.hash });
    assert.equal(v2.ok, false);
    if (!v2.ok) assert.match(v2.reason, /events were removed/);
  });
});
