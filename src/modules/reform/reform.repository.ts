import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { conflictOnUnique } from '../../db/errors.ts';
import type { PowerContent } from '../catalogue/power-item.rules.ts';
import type { ApprovalFigures } from './reform.rules.ts';

type Q = Kysely<Database>;

/** The county's reform: when it started and who started it. */
export interface Reform {
  countyCode: string;
  startedOn: string;
  startedBy: string;
}

/** An item's figures when the reform started: taken from its revision (`snapshot`) or entered by hand (`manual`). */
export interface Baseline extends ApprovalFigures {
  itemId: string;
  countyCode: string;
  source: 'snapshot' | 'manual';
  recordedAt: string;
  recordedBy: string;
}

/** A power item as the reform sees it: its published revision (if any) and its latest one. */
export interface ReformItem {
  id: string;
  code: string;
  status: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
  /** Name and category of the published revision, or of the latest while nothing is published. */
  name: string;
  category: string;
  publishedRevision: number | null;
  published: PowerContent | null;
  latestRevision: number;
  latest: PowerContent;
}

export class ReformRepository {
  async find(q: Q, countyCode: string): Promise<Reform | undefined> {
    const r = await q.selectFrom('reform').selectAll().where('county_code', '=', countyCode).executeTakeFirst();
    return r && { countyCode: r.county_code, startedOn: r.started_on, startedBy: r.started_by };
  }

  /** Records the start; a start recorded meanwhile is a conflict. */
  async insert(q: Q, r: Reform): Promise<void> {
    await q
      .insertInto('reform')
      .values({ county_code: r.countyCode, started_on: r.startedOn, started_by: r.startedBy })
      .execute()
      .catch(conflictOnUnique({ zh: '审批制度改革已经开始', en: 'The approval reform has already started' }));
  }

  /** Adds baselines for items that have none; an existing one (a figure entered by hand) is kept. */
  async insertBaselinesIfMissing(q: Q, baselines: readonly Baseline[]): Promise<void> {
    for (let k = 0; k < baselines.length; k += 200) {
      await q
        .insertInto('reform_baseline')
        .values(baselines.slice(k, k + 200).map(toRow))
        .onConflict((oc) => oc.column('item_id').doNothing())
        .execute();
    }
  }

  /** Records an item's baseline, replacing the one it had. */
  async upsertBaseline(q: Q, b: Baseline): Promise<void> {
    const row = toRow(b);
    await q
      .insertInto('reform_baseline')
      .values(row)
      .onConflict((oc) =>
        oc.column('item_id').doUpdateSet({
          steps: row.steps,
          materials: row.materials,
          time_limit: row.time_limit,
          source: row.source,
          recorded_at: row.recorded_at,
          recorded_by: row.recorded_by,
        }),
      )
      .execute();
  }

  async listBaselines(q: Q, countyCode: string): Promise<Baseline[]> {
    const rows = await q.selectFrom('reform_baseline').selectAll().where('county_code', '=', countyCode).execute();
    return rows.map(toBaseline);
  }

  async findBaseline(q: Q, itemId: string): Promise<Baseline | undefined> {
    const r = await q.selectFrom('reform_baseline').selectAll().where('item_id', '=', itemId).executeTakeFirst();
    return r && toBaseline(r);
  }

  /** Active items whose published revision (or latest, while unpublished) is in one of `categories`. */
  async listActiveItemsByCategory(q: Q, countyCode: string, categories: readonly string[]): Promise<ReformItem[]> {
    if (categories.length === 0) return [];
    const rows = await this.items(q, countyCode)
      .where('i.status', '=', 'active')
      .where((eb) => eb(eb.fn.coalesce('p.category', 'l.category'), 'in', [...categories]))
      .orderBy('i.code')
      .execute();
    return rows.map(toReformItem);
  }

  async findItemById(q: Q, countyCode: string, itemId: string): Promise<ReformItem | undefined> {
    const r = await this.items(q, countyCode).where('i.id', '=', itemId).executeTakeFirst();
    return r && toReformItem(r);
  }

  /** Active items that have a baseline, with it, in unit then code order; `unitPath` narrows to a subtree. */
  async listBaselinesWithItems(q: Q, countyCode: string, unitPath?: string): Promise<{ baseline: Baseline; item: ReformItem }[]> {
    let query = this.items(q, countyCode)
      .innerJoin('reform_baseline as b', 'b.item_id', 'i.id')
      .select([
        'b.county_code as b_county_code',
        'b.steps as b_steps',
        'b.materials as b_materials',
        'b.time_limit as b_time_limit',
        'b.source as b_source',
        'b.recorded_at as b_recorded_at',
        'b.recorded_by as b_recorded_by',
      ])
      .where('i.status', '=', 'active');
    if (unitPath !== undefined) query = query.where('u.path', 'like', `${unitPath}%`);
    const rows = await query.orderBy('u.path').orderBy('i.code').execute();
    return rows.map((r) => ({
      item: toReformItem(r),
      baseline: toBaseline({
        item_id: r.id,
        county_code: r.b_county_code,
        steps: r.b_steps,
        materials: r.b_materials,
        time_limit: r.b_time_limit,
        source: r.b_source,
        recorded_at: r.b_recorded_at,
        recorded_by: r.b_recorded_by,
      }),
    }));
  }

  /** Items with their unit, published revision (left join: there may be none) and latest revision. */
  private items(q: Q, countyCode: string) {
    return q
      .selectFrom('power_item as i')
      .innerJoin('unit as u', 'u.id', 'i.unit_id')
      .innerJoin('power_item_revision as l', (j) => j.onRef('l.item_id', '=', 'i.id').onRef('l.revision', '=', 'i.latest_revision'))
      .leftJoin('power_item_revision as p', (j) => j.onRef('p.item_id', '=', 'i.id').onRef('p.revision', '=', 'i.published_revision'))
      .where('i.county_code', '=', countyCode)
      .select([
        'i.id',
        'i.code',
        'i.status',
        'i.published_revision',
        'i.latest_revision',
        'u.code as unit_code',
        'u.name as unit_name',
        'u.path as unit_path',
        'l.name as l_name',
        'l.category as l_category',
        'l.content as l_content',
        'p.name as p_name',
        'p.category as p_category',
        'p.content as p_content',
      ]);
  }
}

interface ItemRow {
  id: string;
  code: string;
  status: string;
  published_revision: number | null;
  latest_revision: number;
  unit_code: string;
  unit_name: string;
  unit_path: string;
  l_name: string;
  l_category: string;
  l_content: string;
  p_name: string | null;
  p_category: string | null;
  p_content: string | null;
}

function toReformItem(r: ItemRow): ReformItem {
  return {
    id: r.id,
    code: r.code,
    status: r.status,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    unitPath: r.unit_path,
    name: r.p_name ?? r.l_name,
    category: r.p_category ?? r.l_category,
    publishedRevision: r.published_revision === null ? null : Number(r.published_revision),
    published: r.p_content === null ? null : (JSON.parse(r.p_content) as PowerContent),
    latestRevision: Number(r.latest_revision),
    latest: JSON.parse(r.l_content) as PowerContent,
  };
}

function toRow(b: Baseline): Database['reform_baseline'] {
  return {
    item_id: b.itemId,
    county_code: b.countyCode,
    steps: b.steps,
    materials: b.materials,
    time_limit: b.timeLimit,
    source: b.source,
    recorded_at: b.recordedAt,
    recorded_by: b.recordedBy,
  };
}

function toBaseline(r: Database['reform_baseline']): Baseline {
  return {
    itemId: r.item_id,
    countyCode: r.county_code,
    steps: Number(r.steps),
    materials: Number(r.materials),
    timeLimit: r.time_limit === null ? null : Number(r.time_limit),
    source: r.source as Baseline['source'],
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  };
}
