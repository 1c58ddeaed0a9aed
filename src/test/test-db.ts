import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe } from 'node:test';
import pg from 'pg';
import { openPostgres, openSqlite, type Db, type Engine } from '../db/kysely.ts';

/** The PostgreSQL server tests use; every test database is created fresh and dropped afterwards. */
export const PG_ADMIN_URL = process.env.SUNLIT_TEST_PG_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

let pgReachable: Promise<string | null> | null = null;

/** null when the test PostgreSQL server answers within 3 s, else why not (asked once per process). */
export function postgresProblem(): Promise<string | null> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (e) {
      return `PostgreSQL not reachable at ${PG_ADMIN_URL.replace(/:[^:@/]+@/, ':***@')} (set SUNLIT_TEST_PG_URL): ${(e as Error).message}`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgReachable;
}

/** A fresh, empty database on the given engine; `drop()` removes it. */
export interface TestDatabase {
  url: string;
  open(): Db;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sunlit-test-'));
    const url = join(dir, 'sunlit.db');
    return { url, open: () => openSqlite(url), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `sunlit_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    open: () => openPostgres(url),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      // A closed pool's connections may still be saying goodbye (pg's pool.end() resolves before its sockets close):
      // forcing the drop then would kill them mid-way, and the error surfaces in whatever test runs next. Wait for them.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Runs a suite once per engine. Without PostgreSQL the PostgreSQL run is reported as skipped with the reason, except
 * under CI=true, where an unreachable server fails the run.
 */
export function forEachEngine(title: string, suite: (engine: Engine) => void): void {
  describe(`${title} [sqlite]`, () => suite('sqlite'));
  describe(`${title} [postgres]`, async () => {
    const problem = await postgresProblem();
    if (problem && process.env.CI === 'true') throw new Error(`${problem} (CI=true requires PostgreSQL)`);
    if (problem) {
      describe(`skipped: ${problem}`, { skip: problem }, () => {});
      return;
    }
    suite('postgres');
  });
}

/** Drops every database a test file made, once it is done. */
export function dropAfter(dbs: TestDatabase[]): void {
  after(async () => {
    await Promise.all(dbs.map((d) => d.drop()));
  });
}
