import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { FileBlobStore, isBlobKey, MemoryBlobStore, type BlobStore } from './blob-store.ts';

const root = mkdtempSync(join(tmpdir(), 'sunlit-blobs-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `store-${++n}`, 'nested', 'blobs'); // not there yet: the store makes it

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const BAD_KEYS = [
  '',
  '..',
  '../../etc/passwd',
  '/etc/passwd',
  'ab/../../../etc/passwd',
  'A'.repeat(64), // upper case is not the canonical form
  'a'.repeat(63),
  'a'.repeat(65),
  'g'.repeat(64),
  'a'.repeat(62) + '/x',
  'a'.repeat(63) + '\0',
  ' ' + 'a'.repeat(63),
];

const stores: [string, () => BlobStore][] = [
  ['FileBlobStore', () => new FileBlobStore(freshDir())],
  ['MemoryBlobStore', () => new MemoryBlobStore()],
];

for (const [name, make] of stores) {
  describe(name, () => {
    test('put then get gives the same bytes back, keyed by their SHA-256', async () => {
      const store = make();
      const bytes = Buffer.from('%PDF-1.4 营业执照扫描件');
      const stored = await store.put(bytes);
      assert.equal(stored.sha256, sha(bytes));
      assert.equal(stored.key, stored.sha256);
      assert.equal(stored.size, bytes.length);
      assert.ok(isBlobKey(stored.key));
      assert.deepEqual(await store.get(stored.key), bytes);
    });

    test('the same bytes are stored once; different bytes get different keys', async () => {
      const store = make();
      const a = await store.put(Buffer.from('same'));
      const b = await store.put(new Uint8Array(Buffer.from('same')));
      const c = await store.put(Buffer.from('other'));
      assert.deepEqual(a, b);
      assert.notEqual(a.key, c.key);
      assert.equal((await store.get(c.key))?.toString(), 'other');
    });

    test('an empty file and a part of a larger buffer hash what they hold', async () => {
      const store = make();
      const empty = await store.put(Buffer.alloc(0));
      assert.equal(empty.sha256, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      assert.equal(empty.size, 0);
      assert.deepEqual(await store.get(empty.key), Buffer.alloc(0));
      const big = Buffer.from('xxxxPAYLOADyyyy');
      const part = big.subarray(4, 11);
      const stored = await store.put(part);
      assert.equal(stored.sha256, sha(Buffer.from('PAYLOAD')));
      assert.equal((await store.get(stored.key))?.toString(), 'PAYLOAD');
    });

    test('an unknown key answers null', async () => {
      assert.equal(await make().get('0'.repeat(64)), null);
    });

    test('a string that is not a blob key is refused before it touches storage', async () => {
      const store = make();
      for (const key of BAD_KEYS) await assert.rejects(store.get(key), /Not a blob key/, JSON.stringify(key));
      for (const key of BAD_KEYS) assert.equal(isBlobKey(key), false, JSON.stringify(key));
    });

    test('concurrent puts of the same bytes all succeed with one key, and the blob reads back whole', async () => {
      const store = make();
      const bytes = Buffer.alloc(256 * 1024, 7);
      const results = await Promise.all(Array.from({ length: 16 }, () => store.put(bytes)));
      assert.equal(new Set(results.map((r) => r.key)).size, 1);
      assert.deepEqual(await store.get(results[0]!.key), bytes);
    });

    test('a returned buffer is a copy: changing it changes nothing stored', async () => {
      const store = make();
      const input = Buffer.from('original');
      const { key } = await store.put(input);
      input.write('XXXXXXXX');
      const first = (await store.get(key))!;
      first.write('YYYYYYYY');
      assert.equal((await store.get(key))?.toString(), 'original');
    });
  });
}

describe('FileBlobStore on disk', () => {
  test('creates its folder on demand and shards by the first two hex digits', async () => {
    const dir = freshDir();
    const store = new FileBlobStore(dir);
    const { key } = await store.put(Buffer.from('sharded'));
    const file = join(dir, key.slice(0, 2), key);
    assert.ok(statSync(file).isFile());
    assert.deepEqual(readdirSync(dir), [key.slice(0, 2)]);
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600, 'readable by the owner only');
  });

  test('concurrent puts leave one file per content and no temporary files', async () => {
    const dir = freshDir();
    const store = new FileBlobStore(dir);
    const contents = ['a', 'b', 'c'].map((s) => Buffer.alloc(64 * 1024, s));
    const puts = contents.flatMap((c) => Array.from({ length: 8 }, () => store.put(c)));
    const results = await Promise.all(puts);
    const keys = new Set(results.map((r) => r.key));
    assert.equal(keys.size, 3);
    const files = readdirSync(dir).flatMap((shard) => readdirSync(join(dir, shard)));
    assert.deepEqual(files.sort(), [...keys].sort());
    for (const [i, c] of contents.entries()) assert.deepEqual(await store.get(sha(c)), c, `content ${i}`);
  });

  test('a second store over the same folder finds what the first stored (dedupe survives a restart)', async () => {
    const dir = freshDir();
    const { key } = await new FileBlobStore(dir).put(Buffer.from('persisted'));
    const again = new FileBlobStore(dir);
    assert.equal((await again.get(key))?.toString(), 'persisted');
    const before = statSync(join(dir, key.slice(0, 2), key)).mtimeMs;
    await again.put(Buffer.from('persisted'));
    assert.equal(statSync(join(dir, key.slice(0, 2), key)).mtimeMs, before, 'not written a second time');
  });

  test('a file whose content no longer matches its hash is reported, not handed out', async () => {
    const dir = freshDir();
    const store = new FileBlobStore(dir);
    const { key } = await store.put(Buffer.from('genuine'));
    writeFileSync(join(dir, key.slice(0, 2), key), 'forged!');
    await assert.rejects(store.get(key), /damaged/);
  });
});
