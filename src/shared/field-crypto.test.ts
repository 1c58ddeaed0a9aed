import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldCipher, maskIdNumber, maskPhone } from './field-crypto.ts';

test('fields round-trip, each encryption differs, and a wrong key or edited text fails', () => {
  const c = new FieldCipher(Buffer.alloc(32, 1));
  const a = c.encrypt('13812345678');
  const b = c.encrypt('13812345678');
  assert.notEqual(a, b);
  assert.ok(!a.includes('13812345678'));
  assert.equal(c.decrypt(a), '13812345678');
  assert.throws(() => new FieldCipher(Buffer.alloc(32, 2)).decrypt(a));
  const [v, iv, tag, ct] = a.split(':');
  const flipped = Buffer.from(ct!, 'base64url');
  flipped[0]! ^= 1;
  assert.throws(() => c.decrypt([v, iv, tag, flipped.toString('base64url')].join(':')));
  assert.throws(() => new FieldCipher(Buffer.alloc(16)), /32 bytes/);
});

test('masks keep only what identifies, never what can be used', () => {
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
  assert.equal(maskPhone('123'), '****');
});
