import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UUID_PATTERN, uuidv7 } from './ids.ts';

test('uuidv7 has version 7, the RFC 9562 variant and the time in its first 48 bits', () => {
  const t = Date.UTC(2026, 0, 5, 1, 2, 3, 456);
  const id = uuidv7(t);
  assert.match(id, new RegExp(UUID_PATTERN));
  assert.equal(id[14], '7');
  assert.match(id[19]!, /[89ab]/);
  assert.equal(parseInt(id.replace(/-/g, '').slice(0, 12), 16), t);
});

test('ids made in the same millisecond still sort in creation order', () => {
  const t = Date.now() + 10_000;
  const ids = Array.from({ length: 5000 }, () => uuidv7(t));
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
});
