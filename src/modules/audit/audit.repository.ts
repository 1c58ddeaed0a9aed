import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Engine } from '../../db/kysely.ts';
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

export class AuditRepository {
  constructor(private readonly engine: Engine) {}

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

  async insert(trx: Q, e: StoredAuditEvent): Promise<void> {
    await trx
      .insertInto('audit_event')
      .values({
        seq: e.seq,
        time: e.time,
        actor: e.actor,
        action: e.action,
        entity: e.entity,
        payload: e.payload,
        alg: e.alg,
        prev_hash: e.prevHash,
        hash: e.hash,
      })
      .execute();
    await trx.updateTable('audit_chain_head').set({ seq: e.seq, hash: e.hash }).where('id', '=', 1).execute();
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
