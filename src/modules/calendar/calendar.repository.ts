import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

type Q = Kysely<Database>;

/** One year's official notice and its days, as shipped in data/cn-holidays-*.json. */
export interface CalendarYear {
  year: number;
  notice: string;
  published: string | null;
  holidays: { date: string; name: string }[];
  workdays: string[];
}

export class CalendarRepository {
  async listNoticeYears(q: Q, regionCode: string): Promise<number[]> {
    const rows = await q.selectFrom('calendar_notice').select('year').where('region_code', '=', regionCode).execute();
    return rows.map((r) => Number(r.year));
  }

  /** Stores a year's notice and days; the caller has checked the year is not there yet. */
  async insertYear(q: Q, regionCode: string, y: CalendarYear, source: string, loadedAt: string): Promise<void> {
    await q
      .insertInto('calendar_notice')
      .values({ region_code: regionCode, year: y.year, notice: y.notice, published: y.published, source, loaded_at: loadedAt })
      .execute();
    const days = [
      ...y.holidays.map((h) => ({ region_code: regionCode, date: h.date, kind: 'holiday', name: h.name })),
      ...y.workdays.map((d) => ({ region_code: regionCode, date: d, kind: 'workday', name: '调休上班' })),
    ];
    if (days.length > 0) await q.insertInto('calendar_day').values(days).execute();
  }
}
