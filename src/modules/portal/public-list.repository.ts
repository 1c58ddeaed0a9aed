import { sql, type Kysely, type RawBuilder } from 'kysely';
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

/** What the index keeps of one published item. */
export interface IndexEntry {
  itemId: string;
  countyCode: string;
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
  grams: Map<string, boolean>;
}

export interface SearchFilter {
  countyCode: string;
  /** ANDed; empty lists everything. */
  words: QueryWord[];
  /** Only items of units under this path (a unit and its subtree). */
  unitPath?: string;
  category?: string;
}

// SQLite allows 32,766 bound values per statement; PostgreSQL 65,535.
const GRAM_ROWS_PER_INSERT = 2000;
const ENTRY_ROWS_PER_INSERT = 200;
/** Above every character an item code may contain: `code_key >= X and code_key < X + CODE_END` is the prefix X. */
const CODE_END = '\u{10FFFF}';

const likeContaining = (s: string) => `%${s.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

/**
 * The public list's tables: `public_power` (one row per published active item), its gram rows and, on SQLite,
 * its FTS5 table (kept by triggers); the county's synonyms. Published content itself is read from the catalogue's
 * tables, the single source of truth.
 */
export class PublicListRepository {
  constructor(private readonly engine: Engine) {}

  /**
   * One page of the items matching every word, name matches first, then by code, with the number of all matches.
   * Each word is a set of documents (its short alternatives from the gram index, its long ones from the trigram
   * index, its code prefix from the code index); the sets are intersected first and drive the lookup of rows, so a
   * query costs what it matches, not the size of the list. The page joins units for its own rows only.
   */
  async search(q: Q, f: SearchFilter, page: { offset: number; limit: number }): Promise<{ items: PublicItem[]; total: number }> {
    const conditions: RawBuilder<unknown>[] = [sql`p.county_code = ${f.countyCode}`];
    if (f.category !== undefined) conditions.push(sql`p.category = ${f.category}`);
    if (f.unitPath !== undefined) {
      conditions.push(sql`p.unit_id in (select id from unit where county_code = ${f.countyCode} and path like ${`${f.unitPath}%`})`);
    }
    const columns = sql`p.item_id, p.code, p.name, p.category, p.statutory_limit, p.promised_limit, p.revision, p.published_at, p.unit_id`;
    let from = sql`public_power p`;
    let rank = sql`0`;
    if (f.words.length > 0) {
      // CROSS JOIN: SQLite keeps the matched set as the outer loop (PostgreSQL plans it freely).
      const matched = sql.join(
        f.words.map((w, i) => sql`select doc from (${this.wordDocs(f.countyCode, w)}) ${sql.raw(`w${i}`)}`),
        sql` intersect `,
      );
      from = sql`(${matched}) m cross join public_power p`;
      conditions.unshift(sql`p.doc = m.doc`);
      rank = sql`case when ${sql.join(f.words.map(nameMatch), sql` and `)} then 0 else 1 end`;
    }
    const where = sql.join(conditions, sql` and `);
    // Counting apart from the page lets the page keep only its top rows while sorting (a window count would
    // carry every match through the sort).
    const [rows, count] = await Promise.all([
      sql<PageRow>`select page.item_id, page.code, page.name, page.category, page.statutory_limit, page.promised_limit, page.revision,
          page.published_at, u.code as unit_code, u.name as unit_name
        from (select ${columns}, ${rank} as match_rank from ${from} where ${where}
          order by match_rank, p.code limit ${page.limit} offset ${page.offset}) page
        join unit u on u.id = page.unit_id
        order by page.match_rank, page.code`.execute(q),
      sql<{ n: number }>`select count(*) as n from ${from} where ${where}`.execute(q),
    ]);
    return { items: rows.rows.map(toPublicItem), total: Number(count.rows[0]?.n ?? 0) };
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
        const likes = sql.join(
          long.map((a) => sql`search_text like ${likeContaining(a)}`),
          sql` or `,
        );
        parts.push(sql`select doc from public_power where county_code = ${countyCode} and (${likes})`);
      }
    }
    if (w.code) {
      parts.push(sql`select doc from public_power where county_code = ${countyCode} and code_key >= ${w.code} and code_key < ${w.code + CODE_END}`);
    }
    return sql.join(parts, sql` union `);
  }

  /** The published revision of an active item, by code; undefined when there is none. */
  async findPublishedByCode(q: Q, countyCode: string, code: string): Promise<PublishedItem | undefined> {
    const r = await this.published(q, countyCode).where('i.code', '=', code).executeTakeFirst();
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

  /** Replaces the index rows of these items by `entries` (items without an entry leave the index). */
  async replaceEntries(q: Q, itemIds: string[], entries: IndexEntry[]): Promise<void> {
    // Gram rows go with their document (foreign key on delete cascade); on SQLite a trigger updates FTS5.
    if (itemIds.length > 0) await q.deleteFrom('public_power').where('item_id', 'in', itemIds).execute();
    await this.insertEntries(q, entries);
  }

  /** Empties a county's index (before rebuilding it). */
  async deleteCounty(q: Q, countyCode: string): Promise<void> {
    await q.deleteFrom('public_power_gram').where('county_code', '=', countyCode).execute();
    await q.deleteFrom('public_power').where('county_code', '=', countyCode).execute();
  }

  private async insertEntries(q: Q, entries: IndexEntry[]): Promise<void> {
    for (let k = 0; k < entries.length; k += ENTRY_ROWS_PER_INSERT) {
      const chunk = entries.slice(k, k + ENTRY_ROWS_PER_INSERT);
      const docs = await q
        .insertInto('public_power')
        .values(
          chunk.map((e) => ({
            item_id: e.itemId,
            county_code: e.countyCode,
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
      const docOf = new Map(docs.map((d) => [d.item_id, Number(d.doc)]));
      const grams = chunk.flatMap((e) =>
        [...e.grams].map(([gram, inName]) => ({ county_code: e.countyCode, gram, doc: docOf.get(e.itemId)!, in_name: inName ? 1 : 0 })),
      );
      for (let g = 0; g < grams.length; g += GRAM_ROWS_PER_INSERT) {
        await q
          .insertInto('public_power_gram')
          .values(grams.slice(g, g + GRAM_ROWS_PER_INSERT))
          .execute();
      }
    }
  }

  /**
   * How far the index is from the published list: published active items missing (or at another revision) plus
   * index rows whose item is no longer published as indexed. 0 when in step.
   */
  async countOutOfStep(q: Q, countyCode: string): Promise<number> {
    const missing = await q
      .selectFrom('power_item as i')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('i.county_code', '=', countyCode)
      .where('i.status', '=', 'active')
      .where('i.published_revision', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('public_power as p').select('p.doc').whereRef('p.item_id', '=', 'i.id').whereRef('p.revision', '=', 'i.published_revision'))),
      )
      .executeTakeFirstOrThrow();
    const stale = await q
      .selectFrom('public_power as p')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('p.county_code', '=', countyCode)
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
    const rows = await q
      .selectFrom('public_power')
      .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('county_code', '=', countyCode)
      .groupBy('unit_id')
      .execute();
    return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
  }

  async countByCategory(q: Q, countyCode: string): Promise<Map<string, number>> {
    const rows = await q
      .selectFrom('public_power')
      .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
      .where('county_code', '=', countyCode)
      .groupBy('category')
      .execute();
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
