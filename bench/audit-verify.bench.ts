// audit.verify.sqlite: events verified per second by AuditLog.verify() over a SQLite chain of 200k events (20k with
// --quick), reading it from the database in its own batches. Baseline sm3.raw: crypto.createHash('sm3') over the
// same bytes — each event's prev_hash bytes then its canonical event text — for every event, read into memory
// beforehand, so it is hashing alone. Rounds of both are interleaved; each figure is the median round. Two more
// rounds, reading the chain without hashing and ChainVerifier over the events in memory, are logged (not recorded)
// to show where verify's time goes.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { eventRow } from '../src/modules/audit/audit.repository.ts';
import { ChainVerifier, canonicalEventText, nextEvent, type StoredAuditEvent } from '../src/modules/audit/audit.rules.ts';
import { createTestSunlit } from '../src/test/test-app.ts';
import { describeSamples, interleaved, median, nowMs, rateResult, type BenchModule } from './lib.ts';

const ACTIONS = ['unit.create', 'unit.update', 'account.create', 'grant.add', 'auth.login', 'alert.raise'] as const;

/** The i-th synthetic event: realistic sizes and shapes, times one second apart. */
function syntheticEntry(i: number, base: number) {
  const action = ACTIONS[i % ACTIONS.length]!;
  const id = `0193a0c4-${(i >>> 16).toString(16).padStart(4, '0')}-7${(i & 0xfff).toString(16).padStart(3, '0')}-8000-${i.toString(16).padStart(12, '0')}`;
  return {
    county: '990101',
    time: new Date(base + i * 1000).toISOString(),
    actor: i % 7 === 0 ? 'cli:admin' : `user:clerk${i % 40}`,
    action,
    entity: `${action.split('.')[0]}:${id}`,
    payload: {
      id,
      name: `城关镇第${i % 100}社区`,
      unitCode: `990101${String(i % 1000).padStart(3, '0')}`,
      changes: { sort: { from: i % 9, to: (i % 9) + 1 } },
    },
  };
}

/** Extends the chain to `total` events with precomputed rows, inserted in big transactions. */
async function buildChain(db: Kysely<Database>, total: number): Promise<void> {
  const perTrx = 10_000;
  const perStatement = 500; // 9 columns × 500 rows stays under SQLite's bound-parameter limit
  let head = await db.selectFrom('audit_chain_head').select(['seq', 'hash', 'alg']).where('id', '=', 1).executeTakeFirstOrThrow();
  const base = Date.parse('2026-03-02T02:00:00.000Z');
  while (head.seq < total) {
    const events: StoredAuditEvent[] = [];
    for (let n = Math.min(perTrx, total - head.seq); n > 0; n--) {
      const e = nextEvent(head, syntheticEntry(head.seq, base));
      events.push(e);
      head = e;
    }
    await db.transaction().execute(async (trx) => {
      for (let k = 0; k < events.length; k += perStatement) {
        const rows = events.slice(k, k + perStatement).map(eventRow);
        await trx.insertInto('audit_event').values(rows).execute();
      }
      await trx.updateTable('audit_chain_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', 1).execute();
    });
  }
}

export const auditVerify: BenchModule = {
  title: 'audit.verify — AuditLog.verify() over a SQLite chain vs raw SM3 over the same bytes',
  async run(ctx) {
    const total = ctx.quick ? 20_000 : 200_000;
    const rounds = ctx.quick ? 7 : 5;
    const t = await createTestSunlit('sqlite');
    try {
      const { audit } = t.app;
      const built = nowMs();
      await buildChain(t.app.db.kysely, total);
      const check = await audit.verify();
      if (!check.ok || check.count !== total) throw new Error(`the built chain does not verify: ${JSON.stringify(check)}`);
      ctx.log(`  built and checked a chain of ${total.toLocaleString('en-US')} events in ${((nowMs() - built) / 1000).toFixed(1)} s`);

      // The baseline's input: every event's hashed bytes, in memory before timing starts.
      const events: StoredAuditEvent[] = [];
      for (let after = 0; ;) {
        const batch = await audit.list(after, 5000);
        events.push(...batch);
        if (batch.length < 5000) break;
        after = batch[batch.length - 1]!.seq;
      }
      const prev = events.map((e) => Buffer.from(e.prevHash, 'hex'));
      const text = events.map((e) => Buffer.from(canonicalEventText(e), 'utf8'));
      const alg = events[0]!.alg;
      if (alg !== 'sm3') throw new Error(`expected an sm3 chain, got ${alg}`);
      // Same bytes: the raw hashes are the stored ones.
      for (let k = 0; k < events.length; k += 997) {
        if (createHash('sm3').update(prev[k]!).update(text[k]!).digest('hex') !== events[k]!.hash)
          throw new Error(`raw SM3 differs from the stored hash at seq ${events[k]!.seq}`);
      }

      const rate = (work: () => Promise<void> | void) => async () => {
        const start = nowMs();
        await work();
        return (total * 1000) / (nowMs() - start);
      };
      const s = await interleaved(rounds, {
        verify: rate(async () => {
          const v = await audit.verify();
          if (!v.ok || v.count !== total) throw new Error(`verify failed: ${JSON.stringify(v)}`);
        }),
        sm3: rate(() => {
          for (let k = 0; k < total; k++) createHash('sm3').update(prev[k]!).update(text[k]!).digest();
        }),
        readOnly: rate(async () => {
          let n = 0;
          for (let after = 0; ;) {
            const batch = await audit.list(after, 5000);
            n += batch.length;
            if (batch.length < 5000) break;
            after = batch[batch.length - 1]!.seq;
          }
          if (n !== total) throw new Error(`read ${n} events, expected ${total}`);
        }),
        inMemory: rate(() => {
          const v = new ChainVerifier();
          for (const e of events) v.add(e);
          if (!v.verdict().ok) throw new Error('in-memory verification failed');
        }),
      });
      ctx.log(`  verify ${describeSamples(s.verify, '/s')}, sm3.raw ${describeSamples(s.sm3, '/s')}`);
      ctx.log(`  (diagnostic) read only ${describeSamples(s.readOnly, '/s')}, ChainVerifier in memory ${describeSamples(s.inMemory, '/s')}`);
      return [rateResult('audit.verify.sqlite', median(s.verify), 'events/s', 'sm3.raw', median(s.sm3))];
    } finally {
      await t.dispose();
    }
  },
};
