// Receipt codes: a worked example of the check symbol, deterministic generation (and skipping of biased bytes), what
// a person may type, every single wrong symbol and every swap of two neighbours refused, and the grouped display.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkSymbol, formatReceipt, newReceipt, normaliseReceipt, RECEIPT_ALPHABET, RECEIPT_LENGTH, RECEIPT_PATTERN } from './receipt.rules.ts';

/** A byte source that hands out `bytes` in order, as many as asked for each time. */
function bytesFrom(bytes: number[]): (n: number) => Uint8Array {
  let i = 0;
  return (n) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]!);
}

/** mulberry32: seeded, so that the sample codes are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const seededBytes = (seed: number) => {
  const random = prng(seed);
  return (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
};

describe('the alphabet and the check symbol', () => {
  test('31 symbols: Crockford base 32 without Z (no I, L, O, U)', () => {
    assert.equal(RECEIPT_ALPHABET.length, 31);
    assert.equal(new Set(RECEIPT_ALPHABET).size, 31);
    for (const c of 'ILOUZ') assert.ok(!RECEIPT_ALPHABET.includes(c), c);
    assert.equal(RECEIPT_LENGTH, 12);
  });

  test('worked example: body 0123456789A → Σ v·(i+1) = Σ i(i+1) for i = 0..10 = 440 ≡ 6 (mod 31)', () => {
    assert.equal(checkSymbol('0123456789A'), '6');
    // 1·1 = 1 → '1'; 30 at position 1 → 'Y'; 30 at position 2 → 60 ≡ 29 → 'X'.
    assert.equal(checkSymbol('1'), '1');
    assert.equal(checkSymbol('Y'), 'Y');
    assert.equal(checkSymbol('0Y'), 'X');
  });
});

describe('newReceipt', () => {
  test('bytes 0, 1, 2 … give the body 0123456789A and the check symbol 6', () => {
    const code = newReceipt(bytesFrom(Array.from({ length: 22 }, (_, i) => i)));
    assert.equal(code, '0123456789A6');
  });

  test('a byte is its value mod 31 (31 → 0, 247 → Y); bytes of 248 and above are skipped, asking for more when needed', () => {
    // First batch: all 255 (nothing usable); then 248..252 skipped, 31 and 247 used, then zeros.
    let calls = 0;
    const batches = [Array(22).fill(255), [248, 249, 250, 251, 252, 31, 247, ...Array(15).fill(0)]];
    const code = newReceipt((n) => {
      assert.ok(n >= 11);
      return Uint8Array.from(batches[calls++] ?? Array(n).fill(1));
    });
    assert.equal(calls, 2);
    assert.equal(code.slice(0, 11), '0Y000000000');
    assert.equal(code, `0Y000000000${checkSymbol('0Y000000000')}`);
    assert.equal(code[11], 'X');
  });

  test('1000 codes from a seeded byte source: 12 symbols of the alphabet, a valid check symbol, all different', () => {
    const bytes = seededBytes(42);
    const pattern = new RegExp(RECEIPT_PATTERN);
    const codes = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const code = newReceipt(bytes);
      assert.equal(code.length, 12);
      assert.match(code, pattern);
      assert.equal(code[11], checkSymbol(code.slice(0, 11)));
      assert.equal(normaliseReceipt(code), code);
      codes.add(code);
    }
    assert.equal(codes.size, 1000);
  });
});

describe('normaliseReceipt', () => {
  const CODE = '0123456789A6';

  const ACCEPTED: [string, string][] = [
    ['0123456789A6', 'as stored'],
    ['0123-4567-89A6', 'as shown'],
    ['0123 4567 89A6', 'with spaces'],
    ['  0123-4567 89a6\t', 'lower case, mixed separators, surrounding white space'],
    ['O123-4567-89A6', 'O read as 0'],
    ['o123-4567-89a6', 'o read as 0'],
    ['0I23-4567-89A6', 'I read as 1'],
    ['0l23-4567-89A6', 'l read as 1'],
    ['0L23-4567-89A6', 'L read as 1'],
  ];
  for (const [typed, why] of ACCEPTED) test(`“${typed}” (${why}) → ${CODE}`, () => assert.equal(normaliseReceipt(typed), CODE));

  const REFUSED: [string, string][] = [
    ['', 'empty'],
    ['0123-4567-89A', 'one symbol short'],
    ['0123-4567-89A66', 'one symbol too many'],
    ['0123-4567-89A7', 'wrong check symbol'],
    ['0123-4567-89U6', 'U is no symbol'],
    ['0123-4567-89Z6', 'Z is no symbol'],
    ['0123_4567_89A6', 'underscores are no separators'],
    ['０123456789A6', 'a full-width digit'],
  ];
  for (const [typed, why] of REFUSED) test(`“${typed}” (${why}) → null`, () => assert.equal(normaliseReceipt(typed), null));

  const SAMPLE = (() => {
    const bytes = seededBytes(7);
    return [CODE, ...Array.from({ length: 40 }, () => newReceipt(bytes))];
  })();

  test(`every single-symbol substitution of ${SAMPLE.length} codes is refused (12 positions × 30 other symbols each)`, () => {
    const accepted: string[] = [];
    let tried = 0;
    for (const code of SAMPLE)
      for (let i = 0; i < code.length; i++)
        for (const c of RECEIPT_ALPHABET) {
          if (c === code[i]) continue;
          const wrong = code.slice(0, i) + c + code.slice(i + 1);
          tried++;
          if (normaliseReceipt(wrong) !== null) accepted.push(`${code} → ${wrong}`);
        }
    assert.deepEqual(accepted, []);
    assert.equal(tried, SAMPLE.length * 12 * 30);
  });

  test('every swap of two different neighbouring symbols is refused, the check symbol included', () => {
    const accepted: string[] = [];
    let tried = 0;
    for (const code of SAMPLE)
      for (let i = 0; i + 1 < code.length; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        tried++;
        if (normaliseReceipt(swapped) !== null) accepted.push(`${code} → ${swapped}`);
      }
    assert.deepEqual(accepted, []);
    assert.ok(tried > SAMPLE.length * 9, `${tried} swaps tried`);
  });
});

describe('formatReceipt', () => {
  test('groups of four joined by hyphens, none at the end', () => {
    assert.equal(formatReceipt('0123456789A6'), '0123-4567-89A6');
    assert.equal(formatReceipt('K7QM3XA29HTC'), 'K7QM-3XA2-9HTC');
    assert.equal(formatReceipt('ABCDE'), 'ABCD-E');
    assert.equal(formatReceipt('ABCD'), 'ABCD');
    assert.equal(formatReceipt(''), '');
  });

  test('what is shown reads back as the code', () => {
    const code = newReceipt(seededBytes(3));
    assert.equal(normaliseReceipt(formatReceipt(code)), code);
    assert.equal(normaliseReceipt(formatReceipt(code).toLowerCase()), code);
  });
});
