import type { Kysely } from 'kysely';
import type { Database, UnitTable } from '../../db/database.ts';
import { conflictOnUnique, updatedOne } from '../../db/errors.ts';
import type { Unit, UnitStatus, UnitType } from './unit.rules.ts';

type Q = Kysely<Database>;

const toUnit = (r: UnitTable): Unit => ({
  id: r.id,
  countyCode: r.county_code,
  code: r.code,
  name: r.name,
  type: r.type as UnitType,
  parentId: r.parent_id,
  path: r.path,
  status: r.status as UnitStatus,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  statusReason: r.status_reason,
  mergedIntoId: r.merged_into_id,
});

export class UnitRepository {
  async findById(q: Q, countyCode: string, id: string): Promise<Unit | undefined> {
    const r = await q.selectFrom('unit').selectAll().where('county_code', '=', countyCode).where('id', '=', id).executeTakeFirst();
    return r && toUnit(r);
  }

  async findByCode(q: Q, countyCode: string, code: string): Promise<Unit | undefined> {
    const r = await q.selectFrom('unit').selectAll().where('county_code', '=', countyCode).where('code', '=', code).executeTakeFirst();
    return r && toUnit(r);
  }

  async findRoot(q: Q, countyCode: string): Promise<Unit | undefined> {
    const r = await q.selectFrom('unit').selectAll().where('county_code', '=', countyCode).where('parent_id', 'is', null).executeTakeFirst();
    return r && toUnit(r);
  }

  /** Units of the county, optionally only those under one of `pathPrefixes`, in tree order. */
  async list(q: Q, countyCode: string, pathPrefixes?: string[]): Promise<Unit[]> {
    let query = q.selectFrom('unit').selectAll().where('county_code', '=', countyCode);
    if (pathPrefixes) {
      if (pathPrefixes.length === 0) return [];
      query = query.where((eb) => eb.or(pathPrefixes.map((p) => eb('path', 'like', `${p}%`))));
    }
    return (await query.orderBy('path').execute()).map(toUnit);
  }

  async countByType(q: Q, countyCode: string): Promise<Record<string, number>> {
    const rows = await q
      .selectFrom('unit')
      .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('county_code', '=', countyCode)
      .where('status', '=', 'active')
      .groupBy('type')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
  }

  /** Inserts a unit; a code taken meanwhile (a concurrent request) is a `conflict`, as the service's own check says. */
  async insert(q: Q, u: Unit, createdAt: string): Promise<void> {
    await q
      .insertInto('unit')
      .values({
        id: u.id,
        county_code: u.countyCode,
        code: u.code,
        name: u.name,
        type: u.type,
        parent_id: u.parentId,
        path: u.path,
        status: u.status,
        effective_from: u.effectiveFrom,
        effective_to: u.effectiveTo,
        status_reason: u.statusReason,
        merged_into_id: u.mergedIntoId,
        created_at: createdAt,
      })
      .execute()
      .catch(conflictOnUnique({ zh: `单位编码 ${u.code} 已被使用`, en: `Unit code ${u.code} is already in use` }, { code: u.code }));
  }

  /** Ends an active unit; false when it was ended meanwhile. */
  async endActive(q: Q, id: string, s: { status: UnitStatus; effectiveTo: string; reason: string; mergedIntoId: string | null }): Promise<boolean> {
    const r = await q
      .updateTable('unit')
      .set({ status: s.status, effective_to: s.effectiveTo, status_reason: s.reason, merged_into_id: s.mergedIntoId })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return updatedOne(r);
  }

  async countActiveChildren(q: Q, id: string): Promise<number> {
    const r = await q
      .selectFrom('unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insertCounty(q: Q, code: string, name: string, createdAt: string): Promise<void> {
    await q
      .insertInto('county')
      .values({ code, name, created_at: createdAt })
      .execute()
      .catch(conflictOnUnique({ zh: `县（区）${code} 已存在`, en: `County ${code} already exists` }, { code }));
  }

  async findCounty(q: Q, code: string): Promise<{ code: string; name: string } | undefined> {
    return q.selectFrom('county').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
  }
}
