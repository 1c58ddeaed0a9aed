import SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely, type QueryCreator } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Engine } from '../../db/kysely.ts';
import { QueryShapes } from '../../db/query-shapes.ts';
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
    countyCode: r.county_code,
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

/** An event as its `audit_event` row. */
export function eventRow(e: StoredAuditEvent): Database['audit_event'] {
  return {
    seq: e.seq,
    county_code: e.countyCode,
    time: e.time,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    payload: e.payload,
    alg: e.alg,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

const EVENT_COLUMNS = 'seq, county_code, time, actor, action, entity, payload, alg, prev_hash, hash';

/** Where verification reads the chain from: its events up to `toSeq`, in seq order, in batches. */
export interface ChainSource {
  batches(toSeq: number, batchSize: number): AsyncIterable<StoredAuditEvent[]> | Iterable<StoredAuditEvent[]>;
}

/**
 * Reads a SQLite chain through a read-only connection of its own, rows as arrays, in one snapshot: verification
 * touches every event, and building row objects through the query builder would cost more than hashing them. It
 */
export class SqliteChainReader implements ChainSource {
  private readonly conn: SqliteDatabase.Database;

  constructor(file: string) {
    this.conn = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    this.conn.pragma('busy_timeout = 10000');
    this.conn.prepare('begin').run(); // one snapshot; WAL readers never block writers
  }

  *batches(toSeq: number, batchSize: number): Iterable<StoredAuditEvent[]> {
    const next = this.conn.prepare(`select ${EVENT_COLUMNS} from audit_event where seq > ? and seq <= ? order by seq limit ?`).raw(true);
    for (let after = 0; ;) {
      const rows = next.all(after, toSeq, batchSize) as [number, string | null, string, string, string, string, string, string, string, string][];
      yield rows.map(([seq, countyCode, time, actor, action, entity, payload, alg, prevHash, hash]): StoredAuditEvent => ({
        seq,
        countyCode,
        time,
        actor,
        action,
        entity,
        payload,
        alg,
        prevHash,
        hash,
      }));
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1]![0];
    }
  }

  close(): void {
    this.conn.close();
  }
}

export class AuditRepository {
  constructor(private readonly engine: Engine) {}

  /** Every change appends: the two appending queries are compiled once. */
  private readonly shapes = new QueryShapes();

  async findHead(q: Q): Promise<ChainHead | undefined> {
    return q.selectFrom('audit_chain_head').select(['seq', 'hash', 'alg']).where('id', '=', 1).executeTakeFirst();
  }

  /**
   * Reads the head under a lock held to the end of the transaction, so concurrent appenders (in any process) queue
   * here and the chain never forks or gaps. SQLite transactions already hold the write lock (BEGIN IMMEDIATE).
   */
  async lockHead(trx: Q): Promise<ChainHead | undefined> {
    const { rows } = await this.shapes.run(trx, 'audit.lockHead', {}, () => this.lockedHead(trx));
    return rows[0];
  }

  /**
   * The head-locking read as a query another repository can embed (as a common table expression), so a change reads
   * its own rows and locks the chain in one round trip; it then writes its event with `eventWrites`.
   */
  lockedHead(q: QueryCreator<Database>) {
    const query = q.selectFrom('audit_chain_head').select(['seq', 'hash', 'alg']).where('id', '=', sql.lit(1));
    return this.engine === 'postgres' ? query.forUpdate() : query;
  }

  /** An event's row and the head it moves to, as values for `eventWrites` (or `insert`). */
  eventValues(e: StoredAuditEvent) {
    return { row: eventRow(e), head: { seq: e.seq, hash: e.hash } };
  }

  /**
   * Adds the event's insert and the head's move to a statement being built (PostgreSQL; the head lock is already
   * held), so a change and its event are written in one round trip.
   */
  eventWrites(q: QueryCreator<Database>, v: ReturnType<AuditRepository['eventValues']>) {
    return q
      .with('audit_inserted', (db) => db.insertInto('audit_event').values(v.row))
      .with('audit_moved', (db) => db.updateTable('audit_chain_head').set(v.head).where('id', '=', sql.lit(1)));
  }

  async createHead(q: Q, alg: string, genesis: string): Promise<void> {
    await q.insertInto('audit_chain_head').values({ id: 1, seq: 0, hash: genesis, alg }).execute();
  }

  /** Inserts the event and moves the head; on PostgreSQL in one statement, since the head lock is held meanwhile. */
  async insert(trx: Q, e: StoredAuditEvent): Promise<void> {
    const values = this.eventValues(e);
    if (this.engine === 'postgres') {
      await this.shapes.run(trx, 'audit.insert', values, (v) => this.eventWrites(trx, v).selectNoFrom(sql.lit(1).as('done')));
      return;
    }
    await this.shapes.run(trx, 'audit.insert', values.row, (row) => trx.insertInto('audit_event').values(row));
    await this.shapes.run(trx, 'audit.moveHead', values.head, (head) => trx.updateTable('audit_chain_head').set(head).where('id', '=', sql.lit(1)));
  }

  /** Events after `afterSeq`; with `countyCode`, only that county's and the installation-wide ones. */
  async listAfter(q: Q, afterSeq: number, limit: number, countyCode?: string): Promise<StoredAuditEvent[]> {
    let query = q.selectFrom('audit_event').selectAll().where('seq', '>', afterSeq);
    if (countyCode !== undefined) query = query.where((eb) => eb.or([eb('county_code', '=', countyCode), eb('county_code', 'is', null)]));
    const rows = await query.orderBy('seq').limit(limit).execute();
    return rows.map(toEvent);
  }

  /** The same reading through Kysely, for PostgreSQL. */
  chainSource(q: Q): ChainSource {
    return {
      batches: async function* (toSeq, batchSize) {
        for (let after = 0; ;) {
          const rows = await q
            .selectFrom('audit_event')
            .selectAll()
            .where('seq', '>', after)
            .where('seq', '<=', toSeq)
            .orderBy('seq')
            .limit(batchSize)
            .execute();
          yield rows.map(toEvent);
          if (rows.length < batchSize) return;
          after = Number(rows[rows.length - 1]!.seq);
        }
      },
    };
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
