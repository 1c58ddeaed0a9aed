import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { conflictOnUnique } from '../../db/errors.ts';
import type { CalendarYear } from './calendar.rules.ts';

type Q = Kysely<Database>;

/** One year's official notice and its days, as shipped in data/cn-holidays-*.json (the rules' own type). */
export type { CalendarYear };

/** A stored notice: which region and year it covers, where it came from, and how many days it names. */
export interface CalendarNotice {
  region: string;
  year: number;
  notice: string;
  published: string | null;
  source: string;
  loadedAt: string;
  holidays: number;
  workdays: number;
}

const ADJUSTED_WORKDAY_NAME = '调休上班';
/** A day's year is the first four characters of its date (the same SQL on both engines). */
const YEAR_OF_DATE = sql<string>`substr(date, 1, 4)`;

export class CalendarRepository {
  async listNoticeYears(q: Q, regionCode: string): Promise<number[]> {
    const rows = await q.selectFrom('calendar_notice').select('year').where('region_code', '=', regionCode).execute();
    return rows.map((r) => Number(r.year));
  }

  /** Every stored year of the given regions with its days, by region (regions without a year are left out). */
  async listByRegions(q: Q, regionCodes: string[]): Promise<{ region: string; years: CalendarYear[] }[]> {
    if (regionCodes.length === 0) return [];
    const notices = await q.selectFrom('calendar_notice').selectAll().where('region_code', 'in', regionCodes).orderBy('region_code').orderBy('year').execute();
    const days = await q.selectFrom('calendar_day').selectAll().where('region_code', 'in', regionCodes).orderBy('date').execute();
    const years = new Map<string, CalendarYear>();
    for (const n of notices) {
      years.set(`${n.region_code}:${Number(n.year)}`, { year: Number(n.year), notice: n.notice, published: n.published, holidays: [], workdays: [] });
    }
    for (const d of days) {
      // A day belongs to its notice's year; its date says which.
      const y = years.get(`${d.region_code}:${Number(d.date.slice(0, 4))}`);
      if (!y) continue;
      if (d.kind === 'workday') y.workdays.push(d.date);
      else y.holidays.push({ date: d.date, name: d.name });
    }
    const byRegion = new Map<string, CalendarYear[]>();
    for (const n of notices) {
      const list = byRegion.get(n.region_code) ?? [];
      list.push(years.get(`${n.region_code}:${Number(n.year)}`)!);
      byRegion.set(n.region_code, list);
    }
    return [...byRegion].map(([region, list]) => ({ region, years: list }));
  }

  /** Notices with how many holidays and adjusted working days each names; of one region, or of all. */
  async listNotices(q: Q, regionCode?: string): Promise<CalendarNotice[]> {
    let notices = q.selectFrom('calendar_notice').selectAll();
    let counts = q
      .selectFrom('calendar_day')
      .select(['region_code', 'kind', YEAR_OF_DATE.as('year'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['region_code', 'kind', YEAR_OF_DATE]);
    if (regionCode !== undefined) {
      notices = notices.where('region_code', '=', regionCode);
      counts = counts.where('region_code', '=', regionCode);
    }
    const countOf = new Map((await counts.execute()).map((c) => [`${c.region_code}:${Number(c.year)}:${c.kind}`, Number(c.n)]));
    const rows = await notices.orderBy('region_code').orderBy('year').execute();
    return rows.map((r) => ({
      region: r.region_code,
      year: Number(r.year),
      notice: r.notice,
      published: r.published,
      source: r.source,
      loadedAt: r.loaded_at,
      holidays: countOf.get(`${r.region_code}:${Number(r.year)}:holiday`) ?? 0,
      workdays: countOf.get(`${r.region_code}:${Number(r.year)}:workday`) ?? 0,
    }));
  }

  async findNotice(q: Q, regionCode: string, year: number): Promise<CalendarNotice | undefined> {
    return (await this.listNotices(q, regionCode)).find((n) => n.year === year);
  }

  /** Stores a year's notice and days; a year stored meanwhile (a concurrent request) is a `conflict`. */
  async insertYear(q: Q, regionCode: string, y: CalendarYear, source: string, loadedAt: string): Promise<void> {
    await q
      .insertInto('calendar_notice')
      .values({ region_code: regionCode, year: y.year, notice: y.notice, published: y.published, source, loaded_at: loadedAt })
      .execute()
      .catch(
        conflictOnUnique(
          { zh: `${regionCode} 的 ${y.year} 年放假安排已经存在`, en: `${regionCode} already has a notice for ${y.year}` },
          { region: regionCode, year: y.year },
        ),
      );
    const days = [
      ...y.holidays.map((h) => ({ region_code: regionCode, date: h.date, kind: 'holiday', name: h.name })),
      ...y.workdays.map((d) => ({ region_code: regionCode, date: d, kind: 'workday', name: ADJUSTED_WORKDAY_NAME })),
    ];
    if (days.length > 0) await q.insertInto('calendar_day').values(days).execute();
  }

  /** Removes a region's notice for a year and its days, so that a corrected notice can take its place. */
  async deleteYear(q: Q, regionCode: string, year: number): Promise<void> {
    await q.deleteFrom('calendar_notice').where('region_code', '=', regionCode).where('year', '=', year).execute();
    await q
      .deleteFrom('calendar_day')
      .where('region_code', '=', regionCode)
      .where('date', '>=', `${year}-01-01`)
      .where('date', '<=', `${year}-12-31`)
      .execute();
  }
}
