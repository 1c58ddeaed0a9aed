import SqliteDatabase from 'better-sqlite3';
import { sql, type CompiledQuery, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Engine } from '../../db/kysely.ts';
import type { PowerContent } from '../catalogue/power-item.rules.ts';
import { isShort, type QueryWord, type SynonymEntry } from './search.rules.ts';

type Q = Kysely<Database>;

/** One line of the public list. */
export interface PublicItem {
  id: string;
  code: string;
  name: string;
  category: string;
  unitCode: string;
  unitName: string;
  statutoryLimit: number | null;
  promisedLimit: number | null;
  revision: number;
  publishedAt: string;
}

/** A published item with the whole content of its published revision. */
export interface PublishedItem {
  id: string;
  code: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  revision: number;
  publishedAt: string;
  content: PowerContent;
}

/** What the index keeps of one published item (its grams are kept apart, see `insertGrams`). */
export interface IndexEntry {
  itemId: string;
  code: string;
  unitId: string;
  category: string;
  name: string;
  statutoryLimit: number | null;
  promisedLimit: number | null;
  revision: number;
  publishedAt: string;
  searchName: string;
  searchText: string;
}

/** An index row as stored, enough to take it out again. */
export interface StoredEntry {
  doc: number;
  searchText: string;
}

export interface SearchFilter {
  countyCode: string;
  /** ANDed; empty lists everything. */
  words: QueryWord[];
  /** Only items of these units (a unit and its subtree, see `unitSubtree`). */
  unitIds?: string[];
  category?: string;
}

// Grams travel as one JSON (SQLite) or two array (PostgreSQL) parameters; entries as ordinary rows (SQLite allows
// 32,766 bound values per statement).
const GRAMS_PER_STATEMENT = 20_000;
const ENTRY_ROWS_PER_INSERT = 200;
/** Above every character an item code may contain: `code_key >= X and code_key < X + CODE_END` is the prefix X. */
const CODE_END = '\u{10FFFF}';

const COLUMNS = sql`p.item_id, p.code, p.name, p.category, p.statutory_limit, p.promised_limit, p.revision, p.published_at, p.unit_id`;

const likeContaining = (s: string) => `%${s.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

/**
 * The portal's reads on SQLite, through a read-only connection of their own (as audit verification does): WAL lets
 * them run while a write transaction holds the main connection (a long publication would otherwise stall every
 * visitor), and each statement is prepared once and kept. Reads inside a transaction never come here.
 */
class SqliteReader {
  private conn: SqliteDatabase.Database | null = null;
  private readonly statements = new Map<string, SqliteDatabase.Statement>();

  constructor(private readonly file: string) {}

  all<R>(query: CompiledQuery<R>): R[] {
    if (!this.conn) {
      this.conn = new SqliteDatabase(this.file, { readonly: true, fileMustExist: true });
      this.conn.pragma('busy_timeout = 10000');
    }
    let statement = this.statements.get(query.sql);
    if (!statement) {
      // A query's text depends only on its shape (the number of words, alternatives, filters): few of them.
      if (this.statements.size >= 500) this.statements.clear();
      statement = this.conn.prepare(query.sql);
      this.statements.set(query.sql, statement);
    }
    return statement.all(...query.parameters) as R[];
  }

  close(): void {
    this.statements.clear();
    this.conn?.close();
    this.conn = null;
  }
}

/**
 * The public list's tables: `public_power` (one row per published active item), its gram rows and, on SQLite,
 * its FTS5 table (kept by triggers); the county's synonyms. Published content itself is read from the catalogue's
 * tables, the single source of truth.
 */
export class PublicListRepository {
  private readonly reader: SqliteReader | null;

  /** `sqliteFile`: the SQLite database file, for the portal's own read connection (none for `:memory:`). */
  constructor(
    private readonly engine: Engine,
    sqliteFile?: string,
  ) {
    this.reader = engine === 'sqlite' && sqliteFile ? new SqliteReader(sqliteFile) : null;
  }

  /** Closes the portal's read connection (SQLite). */
  close(): void {
    this.reader?.close();
  }

  /** Runs a read: outside a transaction on SQLite through the portal's own connection, else through `q`. */
  private async read<R>(q: Q, query: CompiledQuery<R>): Promise<R[]> {
    if (this.reader && !q.isTransaction) return this.reader.all(query);
    return (await q.executeQuery(query)).rows;
  }

  /**
   * One page of the items matching every word, name matches first, then by code, with the number of all matches;
   * without words, the list in code order.
   */
  async search(q: Q, f: SearchFilter, page: { offset: number; limit: number }): Promise<{ items: PublicItem[]; total: number }> {
    if (f.unitIds?.length === 0) return { items: [], total: 0 };
    const conditions: RawBuilder<unknown>[] = [sql`p.county_code = ${f.countyCode}`, sql`p.hidden = 0`];
    if (f.category !== undefined) conditions.push(sql`p.category = ${f.category}`);
    return f.words.length === 0 ? this.browse(q, f, conditions, page) : this.match(q, f, conditions, page);
  }

  /** The list in code order: the page read in index order and the count from an index alone. */
  private async browse(q: Q, f: SearchFilter, conditions: RawBuilder<unknown>[], page: { offset: number; limit: number }) {
    let from = sql`public_power p`;
    if (f.unitIds) {
      // The chosen units drive (each an index range), rather than the whole list in code order.
      from = sql`(select column1 as id from (values ${sql.join(f.unitIds.map((id) => sql`(${id})`))}) v) chosen cross join public_power p`;
      conditions = [sql`p.unit_id = chosen.id`, ...conditions];
    }
    const where = sql.join(conditions, sql` and `);
    const pageQuery = sql<PageRow>`select page.item_id, page.code, page.name, page.category, page.statutory_limit, page.promised_limit,
        page.revision, page.published_at, u.code as unit_code, u.name as unit_name
      from (select ${COLUMNS} from ${from} where ${where} order by p.code limit ${page.limit} offset ${page.offset}) page
      cross join unit u where u.id = page.unit_id
      order by page.code`;
    const countQuery = sql<{ n: number }>`select count(*) as n from ${from} where ${where}`;
    const [rows, count] = await Promise.all([this.read(q, pageQuery.compile(q)), this.read(q, countQuery.compile(q))]);
    return { items: rows.map(toPublicItem), total: Number(count[0]?.n ?? 0) };
  }

  /**
   * Each word is a set of documents (its short alternatives from the gram index, its long ones from the trigram
   * index, its code prefix from the code index). The sets are intersected first and drive the lookup of rows, so a
   * query costs what it matches, not the size of the list; the matches (document, rank and code only) are collected
   * once, then counted and the page taken from them, in one statement. Only the page's rows are read whole.
   */
  private async match(q: Q, f: SearchFilter, conditions: RawBuilder<unknown>[], page: { offset: number; limit: number }) {
    const matched = sql.join(
      f.words.map((w, i) => sql`select doc from (${this.wordDocs(f.countyCode, w)}) ${sql.raw(`w${i}`)}`),
      sql` intersect `,
    );
    let from: RawBuilder<unknown>;
    if (this.engine === 'sqlite') {
      // CROSS JOIN: SQLite keeps the matched documents as the outer loop, so the rows read are the ones wanted.
      from = sql`(${matched}) m cross join public_power p`;
      conditions = [sql`p.doc = m.doc`, ...conditions];
    } else {
      // As an array, looked up by key: joined, PostgreSQL would often rather hash-join the county's whole list (its
      // default costs take every random read to be from disk), three times slower here.
      from = sql`public_power p`;
      conditions = [sql`p.doc = any(array(${matched}))`, ...conditions];
    }
    // The units as a list of values: a subquery here leads PostgreSQL to repeat the whole match once per unit.
    if (f.unitIds) conditions = [...conditions, sql`p.unit_id in (${sql.join(f.unitIds)})`];
    const where = sql.join(conditions, sql` and `);
    const rank = sql`case when ${sql.join(f.words.map(nameMatch), sql` and `)} then 0 else 1 end`;
    const pageQuery = sql<PageRow & { total: number }>`with hits as materialized (
        select p.doc, ${rank} as match_rank, p.code from ${from} where ${where}
      )
      select (select count(*) from hits) as total, pp.item_id, pp.code, pp.name, pp.category, pp.statutory_limit,
        pp.promised_limit, pp.revision, pp.published_at, u.code as unit_code, u.name as unit_name
      from (select doc, match_rank, code from hits order by match_rank, code limit ${page.limit} offset ${page.offset}) page
      cross join public_power pp cross join unit u
      where pp.doc = page.doc and u.id = pp.unit_id
      order by page.match_rank, page.code`;
    const rows = await this.read(q, pageQuery.compile(q));
    if (rows.length > 0 || page.offset === 0) return { items: rows.map(toPublicItem), total: Number(rows[0]?.total ?? 0) };
    // A page past the end (a link to a page that no longer exists) counts on its own.
    const count = await this.read(q, sql<{ n: number }>`select count(*) as n from ${from} where ${where}`.compile(q));
    return { items: [], total: Number(count[0]?.n ?? 0) };
  }

  /** Ids of a unit (by code) and of every unit under it; empty for an unknown code. */
  async unitSubtree(q: Q, countyCode: string, unitCode: string): Promise<string[]> {
    const query = q
      .selectFrom('unit as u')
      .innerJoin('unit as top', (j) => j.on('top.county_code', '=', countyCode).on('top.code', '=', unitCode))
      .select('u.id')
      .where('u.county_code', '=', countyCode)
      .where('u.path', 'like', sql<string>`top.path || '%'`);
    return (await this.read(q, query.compile())).map((r) => r.id);
  }

  /** The documents one word matches: any of its alternatives in name or basis, or its code prefix. */
  private wordDocs(countyCode: string, w: QueryWord): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [];
    const short = w.alternatives.filter(isShort);
    const long = w.alternatives.filter((a) => !isShort(a));
    if (short.length > 0) parts.push(sql`select doc from public_power_gram where county_code = ${countyCode} and gram in (${sql.join(short)})`);
    if (long.length > 0) {
      if (this.engine === 'sqlite') {
        // Trigram FTS5: a quoted phrase is a substring match; alternatives contain no quotes (punctuation is gone).
        const match = long.map((a) => `"${a.replace(/"/g, '""')}"`).join(' OR ');
        parts.push(sql`select rowid as doc from public_power_fts where public_power_fts match ${match}`);
      } else {
        // Through a function that plans the trigram index in (see the migration); the outer query has the county.
        parts.push(sql`select doc from public_power_trgm_docs(${long.map(likeContaining)}::text[]) t(doc)`);
      }
    }
    if (w.code) {
      parts.push(sql`select doc from public_power where county_code = ${countyCode} and code_key >= ${w.code} and code_key < ${w.code + CODE_END}`);
    }
    return sql.join(parts, sql` union `);
  }

  /** The published revision of an active item, by code; undefined when there is none. */
  async findPublishedByCode(q: Q, countyCode: string, code: string): Promise<PublishedItem | undefined> {
    const [r] = await this.read(q, this.published(q, countyCode).where('i.code', '=', code).compile());
    return r && toPublished(r);
  }

  /** Published revisions of those of these items that are active and published (the index hook's reading). */
  async listPublishedByIds(q: Q, countyCode: string, itemIds: string[]): Promise<PublishedItem[]> {
    if (itemIds.length === 0) return [];
    return (await this.published(q, countyCode).where('i.id', 'in', itemIds).execute()).map(toPublished);
  }

  /** Ids of the county's active published items after `afterId`, in id order (for a full re-index). */
  async listPublishedIds(q: Q, countyCode: string, afterId: string, limit: number): Promise<string[]> {
    const rows = await q
      .selectFrom('power_item')
      .select('id')
      .where('county_code', '=', countyCode)
      .where('status', '=', 'active')
      .where('published_revision', 'is not', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  private published(q: Q, countyCode: string) {
    return q
      .selectFrom('power_item as i')
      .innerJoin('power_item_revision as r', (j) => j.onRef('r.item_id', '=', 'i.id').onRef('r.revision', '=', 'i.published_revision'))
      .innerJoin('unit as u', 'u.id', 'i.unit_id')
      .select(['i.id', 'i.code', 'i.unit_id', 'i.published_revision', 'i.published_at', 'r.content', 'u.code as unit_code', 'u.name as unit_name'])
      .where('i.county_code', '=', countyCode)
      .where('i.status', '=', 'active')
      .where('i.published_revision', 'is not', null);
  }

  /** The index rows of these items as stored: what is needed to take them out again. */
  async findEntries(q: Q, countyCode: string, itemIds: string[]): Promise<StoredEntry[]> {
    if (itemIds.length === 0) return [];
    const rows = await q
      .selectFrom('public_power')
      .select(['doc', 'search_text'])
      .where('county_code', '=', countyCode)
      .where('item_id', 'in', itemIds)
      .execute();
    return rows.map((r) => ({ doc: Number(r.doc), searchText: r.search_text }));
  }

  /** Index rows a trigger hid (their item left the published list without the hook): to be taken out. */
  async findHidden(q: Q, countyCode: string): Promise<StoredEntry[]> {
    const rows = await q.selectFrom('public_power').select(['doc', 'search_text']).where('county_code', '=', countyCode).where('hidden', '=', 1).execute();
    return rows.map((r) => ({ doc: Number(r.doc), searchText: r.search_text }));
  }

  /** Takes documents out of the index, each with its grams (recomputed by the caller from its stored text). */
  async deleteEntries(q: Q, countyCode: string, entries: (StoredEntry & { grams: Iterable<string> })[]): Promise<void> {
    const pairs = entries.flatMap((e) => [...e.grams].map((g): [string, number] => [g, e.doc]));
    for (let k = 0; k < pairs.length; k += GRAMS_PER_STATEMENT) {
      const chunk = pairs.slice(k, k + GRAMS_PER_STATEMENT);
      // By primary key, gram by gram: there is no index by document (see the migration).
      await (
        this.engine === 'sqlite'
          ? sql`delete from public_power_gram where county_code = ${countyCode}
            and (gram, doc) in (select value ->> 0, value ->> 1 from json_each(${JSON.stringify(chunk)}))`
          : sql`delete from public_power_gram where county_code = ${countyCode}
            and (gram, doc) in (select * from unnest(${chunk.map((c) => c[0])}::text[], ${chunk.map((c) => c[1])}::int[]))`
      ).execute(q);
    }
    const docs = entries.map((e) => e.doc);
    // On SQLite a trigger takes each row out of FTS5 too.
    for (let k = 0; k < docs.length; k += 500) {
      await q
        .deleteFrom('public_power')
        .where('doc', 'in', docs.slice(k, k + 500))
        .execute();
    }
  }

  /**
   * After a rebuild, outside any transaction (PostgreSQL; SQLite's plans are fixed by the queries): the planner's
   * statistics, and a vacuum, so that the visibility map lets counts and gram lookups read the indexes alone.
   */
  async analyze(q: Q): Promise<void> {
    if (this.engine === 'postgres') await sql`vacuum (analyze) public_power, public_power_gram`.execute(q);
  }

  /** Empties a county's index (before rebuilding it). */
  async deleteCounty(q: Q, countyCode: string): Promise<void> {
    await q.deleteFrom('public_power_gram').where('county_code', '=', countyCode).execute();
    await q.deleteFrom('public_power').where('county_code', '=', countyCode).execute();
  }

  /** Adds documents (rows of the public list) to the index; returns each item's document number. */
  async insertDocuments(q: Q, countyCode: string, entries: IndexEntry[]): Promise<Map<string, number>> {
    const docOf = new Map<string, number>();
    for (let k = 0; k < entries.length; k += ENTRY_ROWS_PER_INSERT) {
      const docs = await q
        .insertInto('public_power')
        .values(
          entries.slice(k, k + ENTRY_ROWS_PER_INSERT).map((e) => ({
            item_id: e.itemId,
            county_code: countyCode,
            code: e.code,
            code_key: e.code.toUpperCase(),
            unit_id: e.unitId,
            category: e.category,
            name: e.name,
            statutory_limit: e.statutoryLimit,
            promised_limit: e.promisedLimit,
            revision: e.revision,
            published_at: e.publishedAt,
            search_name: e.searchName,
            search_text: e.searchText,
          })),
        )
        .returning(['doc', 'item_id'])
        .execute();
      for (const d of docs) docOf.set(d.item_id, Number(d.doc));
    }
    return docOf;
  }

  /**
   * Adds gram rows: for each gram, the documents containing it. Written in key order (grams sorted, documents
   * ascending): that is several times faster than document by document, which scatters rows over the whole key.
   */
  async insertGrams(q: Q, countyCode: string, docsByGram: Map<string, number[]>): Promise<void> {
    let chunk: [string, number][] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      await (
        this.engine === 'sqlite'
          ? sql`insert into public_power_gram (county_code, gram, doc)
            select ${countyCode}, value ->> 0, value ->> 1 from json_each(${JSON.stringify(chunk)})`
          : sql`insert into public_power_gram (county_code, gram, doc)
            select ${countyCode}, g, d from unnest(${chunk.map((c) => c[0])}::text[], ${chunk.map((c) => c[1])}::int[]) as t(g, d)`
      ).execute(q);
      chunk = [];
    };
    for (const gram of [...docsByGram.keys()].sort()) {
      for (const doc of docsByGram.get(gram)!.sort((a, b) => a - b)) {
        chunk.push([gram, doc]);
        if (chunk.length >= GRAMS_PER_STATEMENT) await flush();
      }
    }
    await flush();
  }

  /**
   * How far the index is from the published list: published active items missing (or at another revision) plus
   * shown index rows whose item is no longer published as indexed. 0 when in step (hidden rows are not counted:
   * they are shown nowhere, and the hook takes them out).
   */
  async countOutOfStep(q: Q, countyCode: string): Promise<number> {
    const missing = await q
      .selectFrom('power_item as i')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('i.county_code', '=', countyCode)
      .where('i.status', '=', 'active')
      .where('i.published_revision', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('public_power as p')
              .select('p.doc')
              .whereRef('p.item_id', '=', 'i.id')
              .whereRef('p.revision', '=', 'i.published_revision')
              .where('p.hidden', '=', 0),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    const stale = await q
      .selectFrom('public_power as p')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('p.county_code', '=', countyCode)
      .where('p.hidden', '=', 0)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('power_item as i')
              .select('i.id')
              .whereRef('i.id', '=', 'p.item_id')
              .where('i.status', '=', 'active')
              .whereRef('i.published_revision', '=', 'p.revision'),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    return Number(missing.n) + Number(stale.n);
  }

  /** Published items per unit (the unit itself, not its subtree). */
  async countByUnit(q: Q, countyCode: string): Promise<Map<string, number>> {
    const query = q
      .selectFrom('public_power')
      .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('county_code', '=', countyCode)
      .where('hidden', '=', 0)
      .groupBy('unit_id');
    const rows = await this.read(q, query.compile());
    return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
  }

  async countByCategory(q: Q, countyCode: string): Promise<Map<string, number>> {
    const query = q
      .selectFrom('public_power')
      .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
      .where('county_code', '=', countyCode)
      .where('hidden', '=', 0)
      .groupBy('category');
    const rows = await this.read(q, query.compile());
    return new Map(rows.map((r) => [r.category, Number(r.n)]));
  }

  async listSynonyms(q: Q, countyCode: string): Promise<SynonymEntry[]> {
    const rows = await q.selectFrom('search_synonym').select(['term', 'expansion', 'note']).where('county_code', '=', countyCode).orderBy('sort').execute();
    const byTerm = new Map<string, SynonymEntry>();
    for (const r of rows) {
      const entry = byTerm.get(r.term) ?? { term: r.term, expansions: [], note: r.note };
      entry.expansions.push(r.expansion);
      byTerm.set(r.term, entry);
    }
    return [...byTerm.values()];
  }

  /** When and by whom the county's list was last set; undefined while it never was (not even seeded). */
  async findSynonymList(q: Q, countyCode: string): Promise<{ updatedAt: string; updatedBy: string } | undefined> {
    const r = await q.selectFrom('search_synonym_list').select(['updated_at', 'updated_by']).where('county_code', '=', countyCode).executeTakeFirst();
    return r && { updatedAt: r.updated_at, updatedBy: r.updated_by };
  }

  /** Replaces the county's whole list. */
  async replaceSynonyms(q: Q, countyCode: string, entries: SynonymEntry[], at: string, by: string): Promise<void> {
    await q.deleteFrom('search_synonym').where('county_code', '=', countyCode).execute();
    const rows = entries.flatMap((s) => s.expansions.map((expansion) => ({ county_code: countyCode, term: s.term, expansion, note: s.note })));
    for (let k = 0; k < rows.length; k += 500) {
      await q
        .insertInto('search_synonym')
        .values(rows.slice(k, k + 500).map((r, i) => ({ ...r, sort: k + i })))
        .execute();
    }
    const list = { updated_at: at, updated_by: by };
    const updated = await q.updateTable('search_synonym_list').set(list).where('county_code', '=', countyCode).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await q
        .insertInto('search_synonym_list')
        .values({ county_code: countyCode, ...list })
        .execute();
    }
  }
}

/** A word matches in the name (ranks first) when an alternative is in the normalised name or its code prefix is the code's. */
function nameMatch(w: QueryWord): RawBuilder<unknown> {
  const parts = w.alternatives.map((a) => sql`p.search_name like ${likeContaining(a)} escape '\\'`);
  if (w.code) parts.push(sql`(p.code_key >= ${w.code} and p.code_key < ${w.code + CODE_END})`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

interface PageRow {
  item_id: string;
  code: string;
  name: string;
  category: string;
  statutory_limit: number | null;
  promised_limit: number | null;
  revision: number;
  published_at: string;
  unit_code: string;
  unit_name: string;
}

const toPublicItem = (r: PageRow): PublicItem => ({
  id: r.item_id,
  code: r.code,
  name: r.name,
  category: r.category,
  unitCode: r.unit_code,
  unitName: r.unit_name,
  statutoryLimit: r.statutory_limit === null ? null : Number(r.statutory_limit),
  promisedLimit: r.promised_limit === null ? null : Number(r.promised_limit),
  revision: Number(r.revision),
  publishedAt: r.published_at,
});

const toPublished = (r: {
  id: string;
  code: string;
  unit_id: string;
  published_revision: number | null;
  published_at: string | null;
  content: string;
  unit_code: string;
  unit_name: string;
}): PublishedItem => ({
  id: r.id,
  code: r.code,
  unitId: r.unit_id,
  unitCode: r.unit_code,
  unitName: r.unit_name,
  revision: Number(r.published_revision),
  publishedAt: r.published_at ?? '',
  content: JSON.parse(r.content) as PowerContent,
});
