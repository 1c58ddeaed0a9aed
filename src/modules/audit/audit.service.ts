import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { actorLabel, type Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, forbidden } from '../../shared/errors.ts';
import { holdsRole } from '../accounts/access.rules.ts';
import { SqliteChainReader, type AuditRepository, type ChainHead } from './audit.repository.ts';
import { ChainVerifier, GENESIS_HASH, nextEvent, type AuditHashAlg, type ChainVerdict, type StoredAuditEvent } from './audit.rules.ts';

/** Lets the event loop serve other requests between batches of a long job. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface AuditEntry {
  action: string;
  /** `<kind>:<id>`, e.g. `unit:0193…`. */
  entity: string;
  /** The county (行政区划代码) the change belongs to; null for installation-wide events (reference data, checkpoints).
   * Written into the payload (so it is hashed) and into an indexed column (so each county's auditor sees its own). */
  county: string | null;
  /** Versioned by the event's `v`; never holds raw personal data. */
  payload: Record<string, unknown>;
}

/**
 * The tamper-evident log. `append` runs inside the caller's transaction: the change and its event commit together
 * or not at all.
 */
export class AuditLog {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      repo: AuditRepository;
      clock: Clock;
      /** Set for SQLite: verification reads the file directly through a read-only connection. */
      sqliteFile?: string;
    },
  ) {}

  async append(trx: Kysely<Database>, actor: Actor | string, entry: AuditEntry): Promise<StoredAuditEvent> {
    return this.appendAt(trx, await this.deps.repo.lockHead(trx), actor, entry);
  }

  /** `append` for a caller that has already locked the head in this transaction (read with its own rows). */
  async appendAt(trx: Kysely<Database>, head: ChainHead | undefined, actor: Actor | string, entry: AuditEntry): Promise<StoredAuditEvent> {
    const event = this.follow(head, actor, entry);
    await this.deps.repo.insert(trx, event);
    return event;
  }

  /**
   * The event that follows `head` (locked by the caller's transaction), for a caller that writes it in its own
   * statement (`AuditRepository.eventWrites`).
   */
  follow(head: ChainHead | undefined, actor: Actor | string, entry: AuditEntry): StoredAuditEvent {
    if (!head)
      throw new DomainError('audit.chain_broken', {
        zh: '审计链尚未建立，请先运行 sunlit migrate',
        en: 'The audit chain does not exist yet: run `sunlit migrate`',
      });
    return nextEvent(head, { time: this.deps.clock.now().toISOString(), actor: typeof actor === 'string' ? actor : actorLabel(actor), ...entry });
  }

  /** Creates the chain head once, fixing the hash algorithm for the life of the database. */
  async ensureChain(alg: AuditHashAlg): Promise<{ created: boolean; alg: string }> {
    const head = await this.deps.repo.findHead(this.deps.db);
    if (head) return { created: false, alg: head.alg };
    try {
      await this.deps.repo.createHead(this.deps.db, alg, GENESIS_HASH);
      return { created: true, alg };
    } catch (e) {
      // Another process starting at the same moment created it: use theirs.
      const made = await this.deps.repo.findHead(this.deps.db);
      if (made) return { created: false, alg: made.alg };
      throw e;
    }
  }

  async head(): Promise<{ seq: number; hash: string; alg: string }> {
    const head = await this.deps.repo.findHead(this.deps.db);
    if (!head) throw new DomainError('audit.chain_broken', { zh: '审计链尚未建立', en: 'The audit chain does not exist yet' });
    return head;
  }

  /** Every event after `afterSeq` (tests, tools on the server). */
  list(afterSeq: number, limit: number): Promise<StoredAuditEvent[]> {
    return this.deps.repo.listAfter(this.deps.db, afterSeq, limit);
  }

  /** What an auditor reads: its county's events and the installation-wide ones, never another county's. */
  listForAuditor(actor: Actor, afterSeq: number, limit: number): Promise<StoredAuditEvent[]> {
    if (!holdsRole(actor, ['auditor'])) throw forbidden();
    return this.deps.repo.listAfter(this.deps.db, afterSeq, limit, actor.countyCode);
  }

  listByEntity(entity: string): Promise<StoredAuditEvent[]> {
    return this.deps.repo.listByEntity(this.deps.db, entity);
  }

  /** Recomputes the whole chain in batches; `expect` also catches events cut off the end. */
  async verify(expect?: { seq: number; hash: string }, batchSize = 5000): Promise<ChainVerdict> {
    const head = await this.head();
    const file = this.deps.sqliteFile;
    const source = file ? new SqliteChainReader(file) : this.deps.repo.chainSource(this.deps.db);
    try {
      // Up to the head read now: events appended meanwhile are the next verification's business.
      const verifier = new ChainVerifier(expect);
      for await (const batch of source.batches(head.seq, batchSize)) {
        for (const e of batch) verifier.add(e);
        if (verifier.failed) break;
        await breathe(); // a long verification must not stall other requests
      }
      return verifier.verdict(head);
    } finally {
      if (source instanceof SqliteChainReader) source.close();
    }
  }

  /** Records the current head as a checkpoint, to be signed and published by a later release. */
  async checkpoint(actor: Actor | string): Promise<{ seq: number; hash: string; time: string }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const head = await this.deps.repo.lockHead(trx);
      if (!head || head.seq === 0)
        throw new DomainError('conflict', { zh: '审计日志为空，无法建立检查点', en: 'The audit log is empty: nothing to checkpoint' });
      const cp = { seq: head.seq, hash: head.hash, time: this.deps.clock.now().toISOString() };
      const existing = (await this.deps.repo.listCheckpoints(trx)).find((c) => c.seq === cp.seq);
      if (existing) return existing;
      await this.deps.repo.insertCheckpoint(trx, cp);
      await this.append(trx, actor, {
        action: 'audit.checkpoint',
        entity: `audit_checkpoint:${cp.seq}`,
        county: null,
        payload: { seq: cp.seq, hash: cp.hash },
      });
      return cp;
    });
  }

  listCheckpoints() {
    return this.deps.repo.listCheckpoints(this.deps.db);
  }
}
