import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/jcs.ts';

/** Hash algorithms the chain may use; the choice is made when the database is created and recorded per event. */
export type AuditHashAlg = 'sm3' | 'sha256';

export const AUDIT_EVENT_VERSION = 1;
/** The first event's predecessor: 32 zero bytes. */
export const GENESIS_HASH = '00'.repeat(32);

/** An audit event as hashed: `hash = H(prev_hash ‖ JCS(event))`. */
export interface AuditEvent {
  v: number;
  seq: number;
  time: string;
  actor: string;
  action: string;
  entity: string;
  payload: unknown;
  alg: AuditHashAlg;
}

/** A stored event: the payload kept as the exact canonical text that was hashed. */
export interface StoredAuditEvent {
  seq: number;
  /** Copy of the payload's `county`, kept in an indexed column so each county's auditor reads its own events. */
  countyCode: string | null;
  time: string;
  actor: string;
  action: string;
  entity: string;
  payload: string;
  alg: string;
  prevHash: string;
  hash: string;
}

/**
 * JCS of an event whose payload is already canonical text. Keys in RFC 8785 order (action, actor, alg, entity,
 * payload, seq, time, v); building the string directly keeps verification close to the speed of hashing itself.
 */
export function canonicalEventText(e: Omit<StoredAuditEvent, 'prevHash' | 'hash' | 'countyCode'>, v = AUDIT_EVENT_VERSION): string {
  const s = JSON.stringify;
  return `{"action":${s(e.action)},"actor":${s(e.actor)},"alg":${s(e.alg)},"entity":${s(e.entity)},"payload":${e.payload},"seq":${e.seq},"time":${s(e.time)},"v":${v}}`;
}

export function chainHash(alg: string, prevHashHex: string, canonicalEvent: string): string {
  return createHash(alg).update(Buffer.from(prevHashHex, 'hex')).update(canonicalEvent, 'utf8').digest('hex');
}

/** Makes the next event of the chain: pure, given the head, the time and the change being recorded. */
export function nextEvent(
  head: { seq: number; hash: string; alg: string },
  input: { time: string; actor: string; action: string; entity: string; county: string | null; payload: Record<string, unknown> },
): StoredAuditEvent {
  // The county travels inside the hashed payload; the column is only its index.
  const payload = canonicalJson(input.county === null ? input.payload : { ...input.payload, county: input.county });
  const base = { seq: head.seq + 1, time: input.time, actor: input.actor, action: input.action, entity: input.entity, payload, alg: head.alg };
  return { ...base, countyCode: input.county, prevHash: head.hash, hash: chainHash(head.alg, head.hash, canonicalEventText(base)) };
}

export type ChainVerdict = { ok: true; count: number; headSeq: number; headHash: string } | { ok: false; count: number; firstBadSeq: number; reason: string };

/**
 * Checks a chain read in seq order, batch by batch. Feed it every stored event, then ask for the verdict; an
 * expected checkpoint (`--expect SEQ:HASH`) also catches events cut off the end.
 */
export class ChainVerifier {
  private count = 0;
  private prevSeq = 0;
  private prevHash = GENESIS_HASH;
  private prevDigest = Buffer.alloc(32);
  private failure: { firstBadSeq: number; reason: string } | null = null;
  private expectedSeen = false;

  constructor(private readonly expect?: { seq: number; hash: string }) {}

  get failed(): boolean {
    return this.failure !== null;
  }

  add(e: StoredAuditEvent): void {
    if (this.failure) return;
    const problem = this.check(e);
    if (problem) {
      this.failure = { firstBadSeq: this.prevSeq + 1, reason: problem };
      return;
    }
    this.count += 1;
    this.prevSeq = e.seq;
    this.prevHash = e.hash;
  }

  /** Why `e` does not continue the chain, or null when it does. Keeps the previous digest as bytes: verifying is
   * about as fast as hashing alone. */
  private check(e: StoredAuditEvent): string | null {
    if (e.seq !== this.prevSeq + 1) return `expected seq ${this.prevSeq + 1}, found ${e.seq}`;
    if (e.prevHash !== this.prevHash) return 'prev_hash does not match the previous event';
    if (e.alg !== 'sm3' && e.alg !== 'sha256') return `unknown hash algorithm ${e.alg}`;
    const digest = createHash(e.alg).update(this.prevDigest).update(canonicalEventText(e), 'utf8').digest();
    if (digest.toString('hex') !== e.hash) return 'hash does not match the event';
    if (countyOfPayload(e.payload) !== e.countyCode) return 'county_code does not match the payload';
    if (this.expect && e.seq === this.expect.seq) {
      if (e.hash !== this.expect.hash) return `hash at seq ${e.seq} differs from the expected checkpoint`;
      this.expectedSeen = true;
    }
    this.prevDigest = digest;
    return null;
  }

  /** `head` is the chain-head row, which must agree with the last event. */
  verdict(head?: { seq: number; hash: string }): ChainVerdict {
    if (this.failure) return { ok: false, count: this.count, ...this.failure };
    if (this.expect && !this.expectedSeen) {
      return {
        ok: false,
        count: this.count,
        firstBadSeq: this.prevSeq + 1,
        reason: `the chain ends at seq ${this.prevSeq}, before the expected seq ${this.expect.seq}: events were removed`,
      };
    }
    if (head && (head.seq !== this.prevSeq || (head.seq > 0 && head.hash !== this.prevHash))) {
      return {
        ok: false,
        count: this.count,
        firstBadSeq: this.prevSeq + 1,
        reason: `the chain head says seq ${head.seq} but the log ends at seq ${this.prevSeq}`,
      };
    }
    return { ok: true, count: this.count, headSeq: this.prevSeq, headHash: this.prevHash };
  }
}

function countyOfPayload(payload: string): string | null {
  const county = (JSON.parse(payload) as { county?: unknown }).county;
  return typeof county === 'string' ? county : null;
}

/** Parses `SEQ:HASH` as given to `audit verify --expect`. */
export function parseExpectation(text: string): { seq: number; hash: string } | null {
  const m = /^(\d+):([0-9a-f]{64})$/i.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]!.toLowerCase() } : null;
}
