import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from './jcs.ts';

test('keys sort by UTF-16 code units, at every depth (RFC 8785 §3.2.3)', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  // The RFC's own sorting example: "\u20ac" (€) sorts after "\r", "1" and the emoji's surrogate pair before "ö"?
  assert.equal(canonicalJson({ '\u20ac': 'Euro', '\r': 'CR', '1': 'One', '\u00f6': 'o-umlaut' }), '{"\\r":"CR","1":"One","ö":"o-umlaut","€":"Euro"}');
});

test('numbers serialise as ECMAScript does (RFC 8785 §3.2.2.3 examples)', () => {
  assert.equal(canonicalJson([1e21, 1e-7, 0.000001, -0, 333333333.3333333, 4.5e15]), '[1e+21,1e-7,0.000001,0,333333333.3333333,4500000000000000]');
  assert.throws(() => canonicalJson(Number.NaN), /non-finite/);
  assert.throws(() => canonicalJson(Infinity), /non-finite/);
});

test('strings keep non-ASCII as is and escape controls', () => {
  assert.equal(canonicalJson('中文\n"\u0001'), '"中文\\n\\"\\u0001"');
});

test('undefined members are left out, other non-JSON values refused', () => {
  assert.equal(canonicalJson({ a: undefined, b: 2 }), '{"b":2}');
  assert.throws(() => canonicalJson({ f: () => 1 }), /cannot encode/);
});
