import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import pg from 'pg';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Database } from './database.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  /** The SQLite file, for the few reads that open their own read-only connection (audit verification). */
  sqliteFile?: string;
  close(): Promise<void>;
}

// int8 (seq, counts) as numbers: every value we keep is far below 2^53. DATE as the plain YYYY-MM-DD text, never a
// JavaScript Date shifted by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/**
 * SQLite write transactions start with BEGIN IMMEDIATE: the write lock is taken up front, so two processes (the
 * server and a CLI command) wait for each other through busy_timeout instead of failing on a lock upgrade.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

type SqliteDialectConfig = ConstructorParameters<typeof SqliteDialect>[0];

class ImmediateSqliteDialect extends SqliteDialect {
  private readonly driverConfig: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.driverConfig = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.driverConfig);
  }
}

/** Prepared statements kept per SQL text; beyond this many distinct texts the cache starts again. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query anew; preparing is a good part of a short query's cost on SQLite. The same SQL text
 * reuses its prepared statement (nothing here streams, so no statement is ever busy when it is run again).
 */
function withStatementCache(database: SqliteDatabase.Database): SqliteDialectConfig['database'] {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        statement = database.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  } as SqliteDialectConfig['database'];
}

export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const database = new SqliteDatabase(file);
  // WAL with synchronous=FULL: a commit is on disk before it is acknowledged, so it survives a power cut.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 10000');
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }) });
  return { kysely, engine: 'sqlite', ...(file === ':memory:' ? {} : { sqliteFile: file }), close: () => kysely.destroy() };
}

/**
 * Statements on the tables every step of a case writes (cases, their tasks, the audit chain) are few and regular:
 * they are prepared once per connection (named), so the server does not plan them again on every completion.
 * Everything else — lists with IN (…) of varying length, the portal's search with its steered plans, bulk inserts —
 * is planned for its parameters as before.
 */
const PREPARED_TABLES = /"(case_file|case_task|audit_event|audit_chain_head)"/;
const preparable = (text: string): boolean => text.length < 4000 && PREPARED_TABLES.test(text) && !/ in \(/i.test(text);

function prepareHotStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const named = (text: string, values: unknown[]) => query({ name: `sunlit_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text, values });
  (client as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (text: unknown, values?: unknown, ...rest: unknown[]) =>
    typeof text === 'string' && Array.isArray(values) && rest.length === 0 && preparable(text) ? named(text, values) : query(text, values, ...rest);
}

export function openPostgres(url: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('connect', prepareHotStatements);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, engine: 'postgres', close: () => kysely.destroy() };
}

export function openDb(url: string): Db {
  return /^postgres(ql)?:\/\//.test(url) ? openPostgres(url) : openSqlite(url);
}
