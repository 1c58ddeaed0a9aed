import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { offsetClock, systemClock, type Clock } from './shared/clock.ts';

/**
 * Configuration is read from the environment once, checked, and frozen. Every variable is documented in README.md.
 */
export interface Config {
  /** A file path (SQLite) or a postgres:// URL. */
  databaseUrl: string;
  port: number;
  host: string;
  /** The installation's county (行政区划代码 and name), created by `sunlit migrate`. */
  countyCode: string;
  countyName: string;
  /** Hash for the audit chain, fixed when the database is created. */
  auditHashAlg: 'sm3' | 'sha256';
  /** 32-byte key for personal-data fields. */
  dataKey: Buffer;
  /** Extra origins accepted for login and anonymous writes besides the server's own. */
  allowedOrigins: string[];
  loginRateLimitPerMinute: number;
  /** Behind a reverse proxy: take the client address and protocol from X-Forwarded-* (rate limits, Secure cookies). */
  trustProxy: boolean;
  clock: Clock;
  /** scrypt cost (log2 N) for new password hashes; tests lower it, production keeps the default. */
  scryptLogN?: number;
  /** Serve the built web app from this folder when it exists. */
  webDist: string;
  /**
   * Folder for application materials (uploaded files, content-addressed by SHA-256), from SUNLIT_BLOB_DIR; by default
   * `blobs` beside the SQLite file, so the files travel with the database, or `data/blobs` with PostgreSQL.
   */
  blobDir: string;
  /** Share of a case's time limit used when it turns yellow (黄牌), from SUNLIT_CASE_YELLOW_RATIO; 0.8 by default. */
  caseYellowRatio: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

function ratioVar(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n >= 1) throw new ConfigError(`${name} must be a number between 0 and 1 (exclusive), got "${raw}"`);
  return n;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * The key comes from SUNLIT_DATA_KEY (64 hex chars) or from a key file that is created on first use, so that
 * `npm start` needs no hand step; production installations set the variable from their secret store.
 */
function loadDataKey(env: Env, databaseUrl: string): Buffer {
  const hex = env.SUNLIT_DATA_KEY;
  if (hex) {
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new ConfigError('SUNLIT_DATA_KEY must be 64 hexadecimal characters');
    return Buffer.from(hex, 'hex');
  }
  // Beside a SQLite file the key travels with the data; for PostgreSQL a key made up in whatever folder a command
  // happens to run in would silently split the data between two keys, so the key must be named.
  if (isPostgresUrl(databaseUrl) && !env.SUNLIT_DATA_KEY_FILE) {
    throw new ConfigError('With PostgreSQL set SUNLIT_DATA_KEY (64 hex characters) or SUNLIT_DATA_KEY_FILE');
  }
  const file = resolve(env.SUNLIT_DATA_KEY_FILE ?? `${databaseUrl}.key`);
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new ConfigError(`${file} does not hold a 64-hex-character key`);
    return Buffer.from(text, 'hex');
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = crypto.getRandomValues(new Uint8Array(32));
  writeFileSync(file, Buffer.from(key).toString('hex') + '\n', { mode: 0o600 });
  return Buffer.from(key);
}

/** Beside a SQLite file (data/sunlit.db → data/blobs); PostgreSQL and an in-memory database have no folder to join. */
function defaultBlobDir(databaseUrl: string): string {
  if (isPostgresUrl(databaseUrl) || databaseUrl === ':memory:') return resolve('data/blobs');
  return resolve(dirname(resolve(databaseUrl)), 'blobs');
}

function loadClock(env: Env): Clock {
  const frozen = env.SUNLIT_CLOCK === 'frozen';
  if (env.SUNLIT_CLOCK && !frozen) throw new ConfigError('SUNLIT_CLOCK can only be "frozen"');
  if (!env.SUNLIT_NOW) return frozen ? offsetClock(new Date(), true) : systemClock;
  if (!/(Z|[+-]\d\d:\d\d)$/.test(env.SUNLIT_NOW) || Number.isNaN(Date.parse(env.SUNLIT_NOW))) {
    throw new ConfigError('SUNLIT_NOW must be an ISO instant with an offset, e.g. 2026-01-05T09:00:00+08:00');
  }
  return offsetClock(new Date(env.SUNLIT_NOW), frozen);
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Readonly<Config> {
  const databaseUrl = overrides.databaseUrl ?? env.SUNLIT_DATABASE_URL ?? 'data/sunlit.db';
  const alg = env.SUNLIT_AUDIT_HASH ?? 'sm3';
  if (alg !== 'sm3' && alg !== 'sha256') throw new ConfigError('SUNLIT_AUDIT_HASH must be sm3 or sha256');
  const countyCode = env.SUNLIT_COUNTY_CODE ?? '990101';
  if (!/^\d{6}$/.test(countyCode)) throw new ConfigError('SUNLIT_COUNTY_CODE must be a 6-digit 行政区划代码');
  const config: Config = {
    databaseUrl,
    port: intVar(env, 'SUNLIT_PORT', 3000, 0),
    host: env.SUNLIT_HOST ?? 'localhost',
    countyCode,
    countyName: env.SUNLIT_COUNTY_NAME ?? '示范县',
    auditHashAlg: alg,
    dataKey: overrides.dataKey ?? loadDataKey(env, databaseUrl),
    allowedOrigins: (env.SUNLIT_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    loginRateLimitPerMinute: intVar(env, 'SUNLIT_LOGIN_RATE_LIMIT', 30, 20),
    trustProxy: env.SUNLIT_TRUST_PROXY === '1' || env.SUNLIT_TRUST_PROXY === 'true',
    clock: loadClock(env),
    scryptLogN: env.SUNLIT_SCRYPT_LOG_N ? intVar(env, 'SUNLIT_SCRYPT_LOG_N', 15, 10) : undefined,
    webDist: resolve(env.SUNLIT_WEB_DIST ?? 'web/dist'),
    blobDir: env.SUNLIT_BLOB_DIR ? resolve(env.SUNLIT_BLOB_DIR) : defaultBlobDir(databaseUrl),
    caseYellowRatio: ratioVar(env, 'SUNLIT_CASE_YELLOW_RATIO', 0.8),
    ...overrides,
  };
  return Object.freeze(config);
}
