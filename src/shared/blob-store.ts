import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Where application materials live. Content-addressed: a blob's key is the SHA-256 of its bytes (lower-case hex), so
 * the same file sent twice is stored once and the key itself proves what the audit event recorded. Blobs are never
 * served from a public path; a route that hands one out checks the case first and reads it through `get`.
 */
export interface BlobStore {
  /** Stores the bytes (once per content) and tells their key, SHA-256 and size. */
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** The bytes under a key, or null when none are stored; a string that is not a blob key is refused (throws). */
  get(key: string): Promise<Buffer | null>;
}

export interface StoredBlob {
  key: string;
  sha256: string;
  size: number;
}

const KEY = /^[0-9a-f]{64}$/;

/** True for a well-formed blob key (64 lower-case hex digits), the only strings that may reach the file system. */
export function isBlobKey(key: string): boolean {
  return KEY.test(key);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function checkKey(key: string): void {
  // The key becomes part of a path: anything but 64 hex digits (`../x`, an absolute path, a NUL) stops here.
  if (typeof key !== 'string' || !KEY.test(key)) throw new Error(`Not a blob key: ${JSON.stringify(String(key).slice(0, 80))}`);
}

/**
 * Blobs as files under `dir`, sharded by the first two hex digits (`dir/ab/ab12…`) so no folder grows past a few
 * thousand entries. A write goes to a temporary file in the same folder, is flushed to disk and renamed into place,
 * so a reader never sees half a file and a crash leaves at most a stray `.tmp-` file; the folder is flushed too, so
 * that a blob whose row has been committed is still there after a power cut. Files are readable by the owner only:
 * they hold scanned identity cards and licences.
 */
export class FileBlobStore implements BlobStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  private pathOf(key: string): { shard: string; file: string } {
    const shard = join(this.dir, key.slice(0, 2));
    return { shard, file: join(shard, key) };
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const sha256 = sha256Hex(bytes);
    const stored = { key: sha256, sha256, size: bytes.length };
    const { shard, file } = this.pathOf(sha256);
    const existing = await stat(file).catch(() => null);
    if (existing?.isFile() && existing.size === bytes.length) return stored;
    await mkdir(shard, { recursive: true, mode: 0o700 });
    const temp = join(shard, `.tmp-${sha256.slice(0, 16)}-${randomBytes(8).toString('hex')}`);
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Two puts of the same bytes may race here; both files hold the same content, so whichever lands last is right.
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      // Windows refuses to rename over a file another put has just placed; that file is this content, so all is well.
      const placed = await stat(file).catch(() => null);
      if (placed?.isFile() && placed.size === bytes.length) return stored;
      throw error;
    }
    await syncDir(shard);
    return stored;
  }

  async get(key: string): Promise<Buffer | null> {
    checkKey(key);
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(key).file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    // Cheap next to the read, and a damaged disk then fails loudly instead of handing out other bytes under the hash.
    if (sha256Hex(bytes) !== key) throw new Error(`Blob ${key} is damaged: its content no longer matches its hash`);
    return bytes;
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or flush a folder; the rename is still atomic there.
  }
}

/** Blobs in memory, for tests; same contract as the file store. */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const sha256 = sha256Hex(bytes);
    if (!this.blobs.has(sha256)) this.blobs.set(sha256, Buffer.from(bytes));
    return { key: sha256, sha256, size: bytes.length };
  }

  async get(key: string): Promise<Buffer | null> {
    checkKey(key);
    const bytes = this.blobs.get(key);
    return bytes ? Buffer.from(bytes) : null;
  }

  /** How many distinct blobs are held (tests check deduplication with it). */
  get size(): number {
    return this.blobs.size;
  }
}
