import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { canonicalJson } from '../../shared/jcs.ts';
import { canonicalEventText, ChainVerifier, GENESIS_HASH, nextEvent, parseExpectation, type StoredAuditEvent } from './audit.rules.ts';

const input = (i: number) => ({
  time: `2026-01-05T01:00:0${i % 10}.000Z`,
  actor: 'user:hbj.clerk',
  action: 'unit.create',
  county: '990101',
  entity: `unit:${i}`,
  payload: { name: '环保局', n: i, nested: { b: 1, a: [true, null] } },
});

function chain(n: number, alg: 'sm3' | 'sha256' = 'sm3'): StoredAuditEvent[] {
  const events: StoredAuditEvent[] = [];
  let head = { seq: 0, hash: GENESIS_HASH, alg };
  for (let i = 0; i < n; i++) {
    const e = nextEvent(head, input(i));
    events.push(e);
    head = { seq: e.seq, hash: e.hash, alg };
  }
  return events;
}

test('the hashed text is exactly JCS of {v, seq, time, actor, action, entity, payload, alg}', () => {
  const e = chain(1)[0]!;
  const asObject = { v: 1, seq: e.seq, time: e.time, actor: e.actor, action: e.action, entity: e.entity, payload: JSON.parse(e.payload), alg: e.alg };
  assert.equal(canonicalEventText(e), canonicalJson(asObject));
});

test('hash = H(prev_hash bytes ‖ JCS(event)), the first prev_hash 32 zero bytes, SM3 by default', () => {
  const [first, second] = chain(2);
  assert.equal(first!.prevHash, '00'.repeat(32));
  const expected = createHash('sm3').update(Buffer.alloc(32)).update(canonicalEventText(first!), 'utf8').digest('hex');
  assert.equal(first!.hash, expected);
  assert.equal(second!.prevHash, first!.hash);
  const sha = chain(1, 'sha256')[0]!;
  assert.equal(sha.hash, createHash('sha256').update(Buffer.alloc(32)).update(canonicalEventText(sha), 'utf8').digest('hex'));
});

function verify(events: StoredAuditEvent[], head?: { seq: number; hash: string }, expect?: { seq: number; hash: string }) {
  const v = new ChainVerifier(expect);
  for (const e of events) v.add(e);
  return v.verdict(head);
}

test('an intact chain verifies with its count and head', () => {
  const events = chain(50);
  const last = events.at(-1)!;
  assert.deepEqual(verify(events, { seq: 50, hash: last.hash }), { ok: true, count: 50, headSeq: 50, headHash: last.hash });
});

test('every kind of tampering names the first bad seq', () => {
  const cases: [string, (es: StoredAuditEvent[]) => void, number][] = [
    ['payload edited', (es) => (es[20]!.payload = es[20]!.payload.replace('环保局', '水利局')), 21],
    ['actor edited', (es) => (es[5]!.actor = 'user:someone'), 6],
    ['time edited', (es) => (es[0]!.time = '2025-01-01T00:00:00.000Z'), 1],
    ['event removed from the middle', (es) => es.splice(30, 1), 31],
    ['county column moved to another county', (es) => (es[12]!.countyCode = '990102'), 13],
    ['county column cleared', (es) => (es[14]!.countyCode = null), 15],
    ['two events swapped', (es) => ([es[10], es[11]] = [es[11]!, es[10]!]), 11],
    [
      'hash recomputed after editing (next link breaks)',
      (es) => {
        es[40]!.entity = 'unit:x';
        es[40]!.hash = nextEvent(
          { seq: 40, hash: es[39]!.hash, alg: 'sm3' },
          { ...es[40]!, county: es[40]!.countyCode, payload: JSON.parse(es[40]!.payload) },
        ).hash;
      },
      42,
    ],
    ['payload re-serialised non-canonically', (es) => (es[7]!.payload = JSON.stringify(JSON.parse(es[7]!.payload), null, 1)), 8],
  ];
  for (const [name, tamper, bad] of cases) {
    const events = chain(50);
    tamper(events);
    const v = verify(events);
    assert.equal(v.ok, false, name);
    if (!v.ok) assert.equal(v.firstBadSeq, bad, name);
  }
});

test('events cut off the end: caught by the head row, and by an expected checkpoint when the head was rewritten', () => {
  const events = chain(10);
  const cut = events.slice(0, 8);
  const v1 = verify(cut, { seq: 10, hash: events[9]!.hash });
  assert.equal(v1.ok, false);
  assert.equal(verify(cut, { seq: 8, hash: cut[7]!.hash }).ok, true);
  const v2 = verify(cut, { seq: 8, hash: cut[7]!.hash }, { seq: 10, hash: events[9]!.hash });
  assert.equal(v2.ok, false);
  if (!v2.ok) assert.equal(v2.firstBadSeq, 9);
  // A wrong expected hash at an existing seq is also caught.
  const v3 = verify(events, undefined, { seq: 5, hash: 'ab'.repeat(32) });
  assert.equal(v3.ok, false);
  if (!v3.ok) assert.equal(v3.firstBadSeq, 5);
});

test('--expect parses SEQ:HASH and refuses anything else', () => {
  assert.deepEqual(parseExpectation(`12:${'AB'.repeat(32)}`), { seq: 12, hash: 'ab'.repeat(32) });
  assert.equal(parseExpectation('12'), null);
  assert.equal(parseExpectation(`x:${'ab'.repeat(32)}`), null);
  assert.equal(parseExpectation(`3:${'ab'.repeat(31)}`), null);
});
