import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { conflictOnUnique, updatedOne } from '../../db/errors.ts';
import { underUnitPaths } from '../../db/unit-scope.ts';
import type { ItemStatus, PowerContent } from './power-item.rules.ts';

type Q = Kysely<Database>;

/** A power item's identity and lifecycle; its words are in its revisions. */
export interface PowerItem {
  id: string;
  countyCode: string;
  code: string;
  unitId: string;
  status: ItemStatus;
  statusDate: string | null;
  statusReason: string | null;
  /** Where a devolved or transferred item went (a unit code, or text). */
  statusTo: string | null;
  latestRevision: number;
  /** The revision the portal shows, or null while the item has never been published. */
  publishedRevision: number | null;
  publishedAt: string | null;
}

export interface Revision {
  id: string;
  itemId: string;
  revision: number;
  state: string;
  content: PowerContent;
  createdAt: string;
  createdBy: string;
  /** How the revision was made: the editor, a sheet or JSON import, or a BPMN file's process. */
  source: 'editor' | 'import' | 'bpmn';
}

/** An item with its latest revision, as lists show it. */
export interface ItemWithLatest extends PowerItem {
  unitCode: string;
  unitName: string;
  unitPath: string;
  latest: Revision;
}

export interface ItemFilter {
  countyCode: string;
  /** Only items of units under one of these paths (the caller's scope, or a chosen unit). */
  unitPaths?: string[];
  category?: string;
  status?: ItemStatus;
  /** Matches code or name. */
  q?: string;
}

export class PowerItemRepository {
  private base(q: Q, f: ItemFilter) {
    let query = q
      .selectFrom('power_item as i')
      .innerJoin('power_item_revision as r', (j) => j.onRef('r.item_id', '=', 'i.id').onRef('r.revision', '=', 'i.latest_revision'))
      .innerJoin('unit as u', 'u.id', 'i.unit_id')
      .where('i.county_code', '=', f.countyCode);
    if (f.unitPaths) {
      const paths = f.unitPaths;
      // No readable unit: a condition no row meets (ids are never null).
      query = query.where(underUnitPaths(paths));
    }
    if (f.category) query = query.where('r.category', '=', f.category);
    if (f.status) query = query.where('i.status', '=', f.status);
    if (f.q) {
      const like = `%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
      query = query.where((eb) => eb.or([eb('i.code', 'like', like), eb('r.name', 'like', like)]));
    }
    return query;
  }

  private withLatest(q: Q, f: ItemFilter) {
    return this.base(q, f)
      .selectAll('i')
      .select([
        'u.code as unit_code',
        'u.name as unit_name',
        'u.path as unit_path',
        'r.id as r_id',
        'r.state',
        'r.content',
        'r.created_at as r_created_at',
        'r.created_by',
        'r.source',
      ]);
  }

  async count(q: Q, f: ItemFilter): Promise<number> {
    const r = await this.base(q, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async list(q: Q, f: ItemFilter, page: { offset: number; limit: number }): Promise<ItemWithLatest[]> {
    const rows = await this.withLatest(q, f).orderBy('i.code').offset(page.offset).limit(page.limit).execute();
    return rows.map(toItemWithLatest);
  }

  async findById(q: Q, countyCode: string, id: string): Promise<ItemWithLatest | undefined> {
    const r = await this.withLatest(q, { countyCode }).where('i.id', '=', id).executeTakeFirst();
    return r && toItemWithLatest(r);
  }

  async findByCode(q: Q, countyCode: string, code: string): Promise<ItemWithLatest | undefined> {
    const r = await this.withLatest(q, { countyCode }).where('i.code', '=', code).executeTakeFirst();
    return r && toItemWithLatest(r);
  }

  /** Every item of the county with the given codes (an import's look-up in one query). */
  async findByCodes(q: Q, countyCode: string, codes: string[]): Promise<Map<string, ItemWithLatest>> {
    const found = new Map<string, ItemWithLatest>();
    for (let k = 0; k < codes.length; k += 500) {
      const rows = await this.withLatest(q, { countyCode })
        .where('i.code', 'in', codes.slice(k, k + 500))
        .execute();
      for (const r of rows) found.set(r.code, toItemWithLatest(r));
    }
    return found;
  }

  async findRevision(q: Q, itemId: string, revision: number): Promise<Revision | undefined> {
    const row = await q.selectFrom('power_item_revision').selectAll().where('item_id', '=', itemId).where('revision', '=', revision).executeTakeFirst();
    return row ? toRevision(row) : undefined;
  }

  async listRevisions(q: Q, itemId: string): Promise<Revision[]> {
    const rows = await q.selectFrom('power_item_revision').selectAll().where('item_id', '=', itemId).orderBy('revision').execute();
    return rows.map(toRevision);
  }

  async insertItem(q: Q, item: PowerItem, createdAt: string): Promise<void> {
    await q
      .insertInto('power_item')
      .values({
        id: item.id,
        county_code: item.countyCode,
        code: item.code,
        unit_id: item.unitId,
        status: item.status,
        status_date: null,
        status_reason: null,
        status_to: null,
        latest_revision: item.latestRevision,
        created_at: createdAt,
      })
      .execute()
      .catch(conflictOnUnique({ zh: `职权编码 ${item.code} 已存在`, en: `Power code ${item.code} already exists` }, { code: item.code }));
  }

  /** Adds a revision and makes it the item's latest; a revision number taken meanwhile is a conflict. */
  async insertRevision(q: Q, countyCode: string, r: Revision): Promise<void> {
    await q
      .insertInto('power_item_revision')
      .values({
        id: r.id,
        item_id: r.itemId,
        county_code: countyCode,
        revision: r.revision,
        state: r.state,
        name: r.content.name,
        category: r.content.category,
        content: JSON.stringify(r.content),
        created_at: r.createdAt,
        created_by: r.createdBy,
        source: r.source,
      })
      .execute()
      .catch(conflictOnUnique({ zh: '该事项刚被他人修改，请刷新后重试', en: 'Someone else just changed this item; reload and try again' }));
    await q.updateTable('power_item').set({ latest_revision: r.revision }).where('id', '=', r.itemId).execute();
  }

  /** Ends an active item; false when it was ended meanwhile. */
  async end(q: Q, id: string, s: { status: ItemStatus; date: string; reason: string; to: string | null }): Promise<boolean> {
    const r = await q
      .updateTable('power_item')
      .set({ status: s.status, status_date: s.date, status_reason: s.reason, status_to: s.to })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return updatedOne(r);
  }

  /**
   * Makes `revision` the item's published one: it becomes `published`, the one it replaces `superseded` (still
   * readable in the history), and revisions between them that never passed review stay as they are.
   */
  async publish(q: Q, itemId: string, revision: number, at: string): Promise<void> {
    await q.updateTable('power_item_revision').set({ state: 'superseded' }).where('item_id', '=', itemId).where('state', '=', 'published').execute();
    await q.updateTable('power_item_revision').set({ state: 'published' }).where('item_id', '=', itemId).where('revision', '=', revision).execute();
    await q.updateTable('power_item').set({ published_revision: revision, published_at: at }).where('id', '=', itemId).execute();
  }

  /** Sets the review state of one revision (draft → in_review …); its content never changes. */
  async setRevisionState(q: Q, itemId: string, revision: number, state: string): Promise<void> {
    await q.updateTable('power_item_revision').set({ state }).where('item_id', '=', itemId).where('revision', '=', revision).execute();
  }

  async moveToUnit(q: Q, id: string, unitId: string): Promise<void> {
    await q.updateTable('power_item').set({ unit_id: unitId }).where('id', '=', id).execute();
  }
}

type WithLatestRow = Database['power_item'] & {
  unit_code: string;
  unit_name: string;
  unit_path: string;
  r_id: string;
  state: string;
  content: string;
  r_created_at: string;
  created_by: string;
  source: string;
};

function toItemWithLatest(r: WithLatestRow): ItemWithLatest {
  return {
    ...toItem(r),
    unitCode: r.unit_code,
    unitName: r.unit_name,
    unitPath: r.unit_path,
    latest: toRevision({
      id: r.r_id,
      item_id: r.id,
      revision: r.latest_revision,
      state: r.state,
      content: r.content,
      created_at: r.r_created_at,
      created_by: r.created_by,
      source: r.source,
    }),
  };
}

function toRevision(r: Omit<Database['power_item_revision'], 'county_code' | 'name' | 'category'>): Revision {
  return {
    id: r.id,
    itemId: r.item_id,
    revision: Number(r.revision),
    state: r.state,
    content: JSON.parse(r.content) as PowerContent,
    createdAt: r.created_at,
    createdBy: r.created_by,
    source: r.source as Revision['source'],
  };
}

function toItem(r: Database['power_item']): PowerItem {
  return {
    id: r.id,
    countyCode: r.county_code,
    code: r.code,
    unitId: r.unit_id,
    status: r.status as ItemStatus,
    statusDate: r.status_date,
    statusReason: r.status_reason,
    statusTo: r.status_to,
    latestRevision: Number(r.latest_revision),
    publishedRevision: r.published_revision === null ? null : Number(r.published_revision),
    publishedAt: r.published_at,
  };
}
