import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Db } from '../../db/kysely.ts';
import type { StoredAuditEvent } from './audit.rules.ts';

type Q = Kysely<Database>;

export interface ChainHead {
  seq: number;
  hash: string;
  alg: string;
}

function toEvent(r: Database['audit_event']): StoredAuditEvent {
  return {
    seq: Number(r.seq),
    time: r.time,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    payload: r.payload,
    alg: r.alg,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

const EVENT_COLUMNS = 'seq, time, actor, action, entity, payload, alg, prev_hash, hash';

/** Lets the event loop serve other requests between batches of a long read. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export class AuditRepository {
  constructor(private readonly db: Pick<Db, 'engine' | 'sqliteFile'>) {}

  private get engine() {
    return this.db.engine;
  }

  /**
   * Reads the head and every event in one consistent snapshot, batch by batch in seq order, until `visit` returns
   * false. On SQLite a read-only connection of its own reads rows as arrays: verification touches every event, and
   * building row objects through the query builder would cost more than hashing them.
   */
  async scanChain(q: Q, batchSize: number, visit: (batch: StoredAuditEvent[]) => boolean): Promise<ChainHead | undefined> {
    if (this.db.sqliteFile) return this.scanSqlite(this.db.sqliteFile, batchSize, visit);
    return q
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const head = await this.findHead(trx);
        for (let after = 0; ;) {
          const batch = await this.listAfter(trx, after, batchSize);
          if (!visit(batch) || batch.length < batchSize) return head;
          after = batch[batch.length - 1]!.seq;
        }
      });
  }

  private async scanSqlite(file: string, batchSize: number, visit: (batch: StoredAuditEvent[]) => boolean): Promise<ChainHead | undefined> {
    const conn = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      conn.pragma('busy_timeout = 10000');
      conn.prepare('begin').run(); // one snapshot for the head and all batches (WAL readers never block writers)
      const head = conn.prepare('select seq, hash, alg from audit_chain_head where id = 1').get() as ChainHead | undefined;
      const next = conn.prepare(`select ${EVENT_COLUMNS} from audit_event where seq > ? order by seq limit ?`).raw(true);
      for (let after = 0; ;) {
        const rows = next.all(after, batchSize) as [number, string, string, string, string, string, string, string, string][];
        const batch = rows.map(([seq, time, actor, action, entity, payload, alg, prevHash, hash]): StoredAuditEvent => ({
          seq,
          time,
          actor,
          action,
          entity,
          payload,
          alg,
          prevHash,
          hash,
        }));
        if (!visit(batch) || rows.length < batchSize) return head;
        after = batch[batch.length - 1]!.seq;
        await breathe();
      }
    } finally {
      conn.close();
    }
  }

  async findHead(q: Q): Promise<ChainHead | undefined> {
    return q.selectFrom('audit_chain_head').select(['seq', 'hash', 'alg']).where('id', '=', 1).executeTakeFirst();
  }

  /**
   * Reads the head under a lock held to the end of the transaction, so concurrent appenders (in any process) queue
   * here and the chain never forks or gaps. SQLite transactions already hold the write lock (BEGIN IMMEDIATE).
   */
  async lockHead(trx: Q): Promise<ChainHead | undefined> {
    let query = trx.selectFrom('audit_chain_head').select(['seq', 'hash', 'alg']).where('id', '=', 1);
    if (this.engine === 'postgres') query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async createHead(q: Q, alg: string, genesis: string): Promise<void> {
    await q.insertInto('audit_chain_head').values({ id: 1, seq: 0, hash: genesis, alg }).execute();
  }

  /** Inserts the event and moves the head; on PostgreSQL in one statement, since the head lock is held meanwhile. */
  async insert(trx: Q, e: StoredAuditEvent): Promise<void> {
    const row = {
      seq: e.seq,
      time: e.time,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      payload: e.payload,
      alg: e.alg,
      prev_hash: e.prevHash,
      hash: e.hash,
    };
    const head = { seq: e.seq, hash: e.hash };
    if (this.engine === 'postgres') {
      await trx
        .with('inserted', (db) => db.insertInto('audit_event').values(row))
        .updateTable('audit_chain_head')
        .set(head)
        .where('id', '=', 1)
        .execute();
      return;
    }
    await trx.insertInto('audit_event').values(row).execute();
    await trx.updateTable('audit_chain_head').set(head).where('id', '=', 1).execute();
  }

  async listAfter(q: Q, afterSeq: number, limit: number): Promise<StoredAuditEvent[]> {
    const rows = await q.selectFrom('audit_event').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map(toEvent);
  }

  async listByEntity(q: Q, entity: string): Promise<StoredAuditEvent[]> {
    const rows = await q.selectFrom('audit_event').selectAll().where('entity', '=', entity).orderBy('seq').execute();
    return rows.map(toEvent);
  }

  async insertCheckpoint(q: Q, cp: { seq: number; hash: string; time: string }): Promise<void> {
    await q
      .insertInto('audit_checkpoint')
      .values({ ...cp, signature: null, signed_by: null, published_at: null })
      .execute();
  }

  async listCheckpoints(q: Q): Promise<{ seq: number; hash: string; time: string; signature: string | null }[]> {
    const rows = await q.selectFrom('audit_checkpoint').select(['seq', 'hash', 'time', 'signature']).orderBy('seq', 'desc').execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }
}
