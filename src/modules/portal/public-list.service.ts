import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { actorLabel, type Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, forbidden, notFound } from '../../shared/errors.ts';
import { holdsRoleOn } from '../accounts/access.rules.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { Category } from '../catalogue/catalogue.service.ts';
import type { UnitRepository } from '../org/unit.repository.ts';
import type { IndexEntry, PublicItem, PublicListRepository, PublishedItem, StoredEntry } from './public-list.repository.ts';
import {
  cleanSynonyms,
  gramsOf,
  parseQuery,
  searchDocument,
  searchSynonyms,
  synonymChanges,
  synonymListProblems,
  type SearchSynonym,
  type SynonymEntry,
} from './search.rules.ts';
import { DEFAULT_SYNONYMS } from './synonyms.data.ts';

export interface PublicListDeps {
  db: Kysely<Database>;
  repo: PublicListRepository;
  units: UnitRepository;
  audit: AuditLog;
  clock: Clock;
  categories: readonly Category[];
}

/** A unit of the "by unit" page: the published items of the unit and its subtree. */
export interface UnitCount {
  code: string;
  name: string;
  type: string;
  parentCode: string | null;
  count: number;
}

export interface SynonymList {
  items: SynonymEntry[];
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Other server processes see a county's synonym edits within this time; this process at once. */
const SYNONYM_CACHE_MS = 10_000;
/** Items re-read and re-indexed per round of the index hook. */
const INDEX_BATCH = 1000;

/**
 * The public power list (portal, no login): the published revision of every active item, searchable in Chinese by
 * any part of name or legal basis, by abbreviation through the county's synonyms, and by code. The index is derived
 * data, rewritten by `indexPublished` inside the transaction that publishes.
 */
export class PublicListService {
  private readonly synonymCache = new Map<string, { at: number; entries: SearchSynonym[] }>();

  constructor(private readonly deps: PublicListDeps) {}

  /** Releases the portal's own read connection (SQLite). */
  close(): void {
    this.deps.repo.close();
  }

  /** A page of the county's public list; `q` is matched word by word (AND), each word with its synonyms (OR). */
  async search(
    countyCode: string,
    query: { q?: string; unit?: string; category?: string },
    page: { offset: number; limit: number },
  ): Promise<{ items: PublicItem[]; total: number }> {
    const q = query.q?.trim() ?? '';
    const words = q ? parseQuery(q, await this.synonyms(countyCode)) : [];
    // A query of nothing but punctuation finds nothing rather than everything.
    if (q && words.length === 0) return { items: [], total: 0 };
    const unitIds = query.unit ? await this.deps.repo.unitSubtree(this.deps.db, countyCode, query.unit) : undefined;
    if (unitIds?.length === 0) return { items: [], total: 0 };
    return this.deps.repo.search(this.deps.db, { countyCode, words, unitIds, category: query.category }, page);
  }

  /** Every public field of an item's published revision; not_found when the item is unknown, unpublished or ended. */
  async getByCode(countyCode: string, code: string): Promise<PublishedItem> {
    const item = await this.deps.repo.findPublishedByCode(this.deps.db, countyCode, code);
    if (!item) throw notFound('该公开职权事项', 'Published power item');
    return item;
  }

  /** Units with published items, in tree order, each counting its subtree (what `?unit=` lists). */
  async unitCounts(countyCode: string): Promise<UnitCount[]> {
    const [units, own] = await Promise.all([this.deps.units.list(this.deps.db, countyCode), this.deps.repo.countByUnit(this.deps.db, countyCode)]);
    const codeOf = new Map(units.map((u) => [u.id, u.code]));
    return units
      .filter((u) => u.type !== 'county' || (own.get(u.id) ?? 0) > 0) // the county itself only for items of its own
      .map((u) => ({
        code: u.code,
        name: u.name,
        type: u.type,
        parentCode: (u.parentId && codeOf.get(u.parentId)) ?? null,
        count: units.filter((x) => x.path.startsWith(u.path)).reduce((n, x) => n + (own.get(x.id) ?? 0), 0),
      }))
      .filter((u) => u.count > 0);
  }

  /** Every category with its number of published items (zero included: the categories are fixed). */
  async categoryCounts(countyCode: string): Promise<(Category & { count: number })[]> {
    const counts = await this.deps.repo.countByCategory(this.deps.db, countyCode);
    return this.deps.categories.map((c) => ({ ...c, count: counts.get(c.code) ?? 0 }));
  }

  categoryLabel(code: string): { zh: string; en: string } {
    const c = this.deps.categories.find((x) => x.code === code);
    return c ? { zh: c.zh, en: c.en } : { zh: code, en: code };
  }

  /**
   * The index hook: called by whoever publishes (or ends, or unpublishes) items, inside that transaction, with the
   * items concerned. Re-reads each item's published revision through `trx` and rewrites its index rows; items no
   * longer active and published leave the index. Uses only `trx`: on SQLite the base connection would wait forever.
   */
  async indexPublished(trx: Kysely<Database>, countyCode: string, itemIds: string[]): Promise<void> {
    const ids = [...new Set(itemIds)];
    // Rows the trigger hid since the last call (an item ended or published behind the hook's back) go too.
    await this.removeEntries(trx, countyCode, await this.deps.repo.findHidden(trx, countyCode));
    for (let k = 0; k < ids.length; k += INDEX_BATCH) {
      const chunk = ids.slice(k, k + INDEX_BATCH);
      await this.removeEntries(trx, countyCode, await this.deps.repo.findEntries(trx, countyCode, chunk));
      const docsByGram = new Map<string, number[]>();
      await this.addEntries(trx, countyCode, chunk, docsByGram);
      await this.deps.repo.insertGrams(trx, countyCode, docsByGram);
    }
  }

  /** Rebuilds the county's whole index in one transaction; returns the number of items indexed. */
  async reindexAll(countyCode: string): Promise<number> {
    const indexed = await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.repo.deleteCounty(trx, countyCode);
      // The grams of the whole list are written at the end, in one pass in key order (a few MB for 10,000 items).
      const docsByGram = new Map<string, number[]>();
      let indexed = 0;
      for (let after = ''; ;) {
        const ids = await this.deps.repo.listPublishedIds(trx, countyCode, after, INDEX_BATCH);
        if (ids.length === 0) break;
        indexed += await this.addEntries(trx, countyCode, ids, docsByGram);
        after = ids[ids.length - 1]!;
      }
      await this.deps.repo.insertGrams(trx, countyCode, docsByGram);
      return indexed;
    });
    await this.deps.repo.analyze(this.deps.db);
    return indexed;
  }

  private async removeEntries(trx: Kysely<Database>, countyCode: string, entries: StoredEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.deps.repo.deleteEntries(
      trx,
      countyCode,
      entries.map((e) => ({ ...e, grams: gramsOf(e.searchText) })),
    );
  }

  /**
   * Adds to the index those of these items that are active and published, as their published revision says; their
   * grams are collected in `docsByGram` for the caller to write. Returns how many were added.
   */
  private async addEntries(trx: Kysely<Database>, countyCode: string, itemIds: string[], docsByGram: Map<string, number[]>): Promise<number> {
    const entries = (await this.deps.repo.listPublishedByIds(trx, countyCode, itemIds)).map(indexEntry);
    const docOf = await this.deps.repo.insertDocuments(trx, countyCode, entries);
    for (const e of entries) {
      const doc = docOf.get(e.itemId)!;
      for (const g of gramsOf(e.searchText)) {
        const docs = docsByGram.get(g);
        if (docs) docs.push(doc);
        else docsByGram.set(g, [doc]);
      }
    }
    return entries.length;
  }

  /**
   * For `sunlit migrate`: seeds the shipped synonym list into a county that never had one (a county's own edits,
   * even an empty list, are left alone), and rebuilds the index when it is out of step with the published items.
   */
  async prepare(actor: Actor, countyCode: string): Promise<{ synonymsSeeded: number; reindexed: number | null }> {
    const synonymsSeeded = await this.deps.db.transaction().execute(async (trx) => {
      if (await this.deps.repo.findSynonymList(trx, countyCode)) return 0;
      await this.deps.repo.replaceSynonyms(trx, countyCode, DEFAULT_SYNONYMS, this.deps.clock.now().toISOString(), actorLabel(actor));
      await this.deps.audit.append(trx, actor, {
        action: 'search.synonyms.seed',
        entity: `search_synonyms:${countyCode}`,
        county: countyCode,
        payload: { terms: DEFAULT_SYNONYMS.length, source: 'synonyms.data.ts' },
      });
      return DEFAULT_SYNONYMS.length;
    });
    this.synonymCache.delete(countyCode);
    await this.deps.db.transaction().execute(async (trx) => this.removeEntries(trx, countyCode, await this.deps.repo.findHidden(trx, countyCode)));
    const outOfStep = await this.deps.repo.countOutOfStep(this.deps.db, countyCode);
    return { synonymsSeeded, reindexed: outOfStep > 0 ? await this.reindexAll(countyCode) : null };
  }

  /** The county's synonym list, for its legal reviewers. */
  async listSynonyms(actor: Actor): Promise<SynonymList> {
    await this.assertSynonymEditor(this.deps.db, actor);
    return this.synonymList(this.deps.db, actor.countyCode);
  }

  /** Replaces the county's whole synonym list (validated, audited with the terms added, removed and changed). */
  async replaceSynonyms(actor: Actor, entries: SynonymEntry[]): Promise<SynonymList> {
    const problems = synonymListProblems(entries);
    if (Object.keys(problems).length > 0) {
      throw new DomainError('validation', { zh: '同义词表有误，请检查标出的条目', en: 'Some synonym entries are not valid' }, { fields: problems });
    }
    const cleaned = cleanSynonyms(entries);
    const result = await this.deps.db.transaction().execute(async (trx) => {
      await this.assertSynonymEditor(trx, actor);
      const before = await this.deps.repo.listSynonyms(trx, actor.countyCode);
      await this.deps.repo.replaceSynonyms(trx, actor.countyCode, cleaned, this.deps.clock.now().toISOString(), actorLabel(actor));
      await this.deps.audit.append(trx, actor, {
        action: 'search.synonyms.replace',
        entity: `search_synonyms:${actor.countyCode}`,
        county: actor.countyCode,
        payload: { terms: cleaned.length, ...synonymChanges(before, cleaned) },
      });
      return this.synonymList(trx, actor.countyCode);
    });
    this.synonymCache.delete(actor.countyCode);
    return result;
  }

  private async synonymList(q: Kysely<Database>, countyCode: string): Promise<SynonymList> {
    const [items, list] = await Promise.all([this.deps.repo.listSynonyms(q, countyCode), this.deps.repo.findSynonymList(q, countyCode)]);
    return { items, updatedAt: list?.updatedAt ?? null, updatedBy: list?.updatedBy ?? null };
  }

  /** The list is the county's: a legal reviewer whose grant covers the whole county edits it. */
  private async assertSynonymEditor(q: Kysely<Database>, actor: Actor): Promise<void> {
    const root = await this.deps.units.findRoot(q, actor.countyCode);
    if (!root || !holdsRoleOn(actor, ['legal_reviewer'], root.path)) throw forbidden();
  }

  /** The county's synonyms, read at most every few seconds (every search expands its words with them). */
  private async synonyms(countyCode: string): Promise<SearchSynonym[]> {
    const now = performance.now();
    const cached = this.synonymCache.get(countyCode);
    if (cached && now - cached.at < SYNONYM_CACHE_MS) return cached.entries;
    const entries = searchSynonyms(await this.deps.repo.listSynonyms(this.deps.db, countyCode));
    this.synonymCache.set(countyCode, { at: now, entries });
    return entries;
  }
}

function indexEntry(p: PublishedItem): IndexEntry {
  const doc = searchDocument(p.content.name, p.content.basis);
  return {
    itemId: p.id,
    code: p.code,
    unitId: p.unitId,
    category: p.content.category,
    name: p.content.name,
    statutoryLimit: p.content.statutoryLimit,
    promisedLimit: p.content.promisedLimit,
    revision: p.revision,
    publishedAt: p.publishedAt,
    searchName: doc.searchName,
    searchText: doc.searchText,
  };
}
