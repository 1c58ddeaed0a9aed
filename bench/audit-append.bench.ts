// audit.append.<engine>.<N>writer(s): audit events appended per second through AuditLog.append, one transaction per
// event as services do (db.kysely.transaction().execute(trx => audit.append(trx, actor, entry))), from 1 and 4
// concurrent writers. Baseline insert.<engine>.<N>writer(s): single-row insert transactions of the same payload
// into a plain bench_insert(id text primary key, payload text) table, through the same Kysely instance on the same
// database with the same durability (SQLite WAL + synchronous=FULL as openSqlite sets it; PostgreSQL's default
// synchronous_commit=on). Rounds of both are interleaved; each figure is the median round. A third, logged-only
// contender — the same insert plus reading (FOR UPDATE on PostgreSQL) and updating a one-row table, the shape of
// append's chain-head step without the hashing — shows how much of the gap the head row itself accounts for.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Engine } from '../src/db/kysely.ts';
import { CLI_ACTOR, createTestSunlit } from '../src/test/test-app.ts';
import { describeSamples, interleaved, median, postgresProblem, rateResult, throughput, type BenchContext, type BenchModule, type BenchResult } from './lib.ts';

const WRITERS = [1, 4];
const ENGINE_NAME: Record<Engine, string> = { sqlite: 'sqlite', postgres: 'pg' };

/** A typical service event: an org unit renamed, about 300 bytes of canonical payload. */
function unitUpdate(i: number) {
  const id = randomUUID();
  return {
    action: 'unit.update',
    entity: `unit:${id}`,
    payload: {
      id,
      code: `990101${String(i % 1000).padStart(3, '0')}`,
      parentId: '0193a0c4-7d2e-7000-8000-000000000001',
      changes: { name: { from: '城关镇', to: '城关镇人民政府' }, sort: { from: i % 50, to: (i % 50) + 1 } },
      reason: '机构改革调整名称',
    },
  };
}

async function benchEngine(ctx: BenchContext, engine: Engine): Promise<BenchResult[]> {
  const rounds = ctx.quick ? 5 : 11;
  const roundMs = ctx.quick ? 300 : 1000;
  const warmMs = ctx.quick ? 200 : 500;
  const short = ENGINE_NAME[engine];

  const t = await createTestSunlit(engine);
  try {
    const db = t.app.db.kysely;
    await sql`create table bench_insert (id text primary key, payload text not null)`.execute(db);
    await sql`create table bench_head (id integer primary key, n integer not null)`.execute(db);
    await sql`insert into bench_head (id, n) values (1, 0)`.execute(db);
    const bench = db.withTables<{ bench_insert: { id: string; payload: string }; bench_head: { id: number; n: number } }>();

    let i = 0;
    const append = () => db.transaction().execute((trx) => t.app.audit.append(trx, CLI_ACTOR, { county: '990101', ...unitUpdate(i++) }));
    const insert = () => {
      const e = unitUpdate(i++);
      return bench.transaction().execute((trx) =>
        trx
          .insertInto('bench_insert')
          .values({ id: randomUUID(), payload: JSON.stringify(e) })
          .execute(),
      );
    };

    const insertWithHead = () => {
      const e = unitUpdate(i++);
      return bench.transaction().execute(async (trx) => {
        let head = trx.selectFrom('bench_head').select('n').where('id', '=', 1);
        if (engine === 'postgres') head = head.forUpdate();
        const { n } = await head.executeTakeFirstOrThrow();
        await trx
          .insertInto('bench_insert')
          .values({ id: randomUUID(), payload: JSON.stringify(e) })
          .execute();
        await trx
          .updateTable('bench_head')
          .set({ n: n + 1 })
          .where('id', '=', 1)
          .execute();
      });
    };

    const out: BenchResult[] = [];
    for (const writers of WRITERS) {
      const variant = `${writers}writer${writers === 1 ? '' : 's'}`;
      await throughput(append, writers, warmMs);
      await throughput(insert, writers, warmMs);
      await throughput(insertWithHead, writers, warmMs);
      const s = await interleaved(rounds, {
        append: () => throughput(append, writers, roundMs),
        insert: () => throughput(insert, writers, roundMs),
        insertWithHead: () => throughput(insertWithHead, writers, roundMs),
      });
      ctx.log(`  ${short} ${variant}: append ${describeSamples(s.append, '/s')}, insert ${describeSamples(s.insert, '/s')}`);
      ctx.log(`    (diagnostic) insert + one-row head update ${describeSamples(s.insertWithHead, '/s')}`);
      out.push(rateResult(`audit.append.${short}.${variant}`, median(s.append), 'events/s', `insert.${short}.${variant}`, median(s.insert)));
    }

    // Whatever the concurrency, the chain must come out whole.
    const verdict = await t.app.audit.verify();
    if (!verdict.ok) throw new Error(`the chain appended by the benchmark does not verify: ${verdict.reason} at seq ${verdict.firstBadSeq}`);
    ctx.log(`  ${short}: chain of ${verdict.count} events verifies`);
    return out;
  } finally {
    await t.dispose();
  }
}

export const auditAppend: BenchModule = {
  title: 'audit.append — AuditLog.append per transaction vs plain single-row insert transactions',
  async run(ctx) {
    const out = await benchEngine(ctx, 'sqlite');
    const problem = await postgresProblem();
    if (problem) ctx.skip('audit.append.pg.*', problem);
    else out.push(...(await benchEngine(ctx, 'postgres')));
    return out;
  },
};
