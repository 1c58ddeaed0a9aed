import type { Kysely, Selectable } from 'kysely';
import type { Database, TrackedDeadlineTable } from '../../db/database.ts';

type Q = Kysely<Database>;
export type TrackedDeadlineRow = Selectable<TrackedDeadlineTable>;

/** The register of deadlines of open work (table tracked_deadline). */
export class TrackedDeadlineRepository {
  async findBySubject(q: Q, countyCode: string, subject: string): Promise<TrackedDeadlineRow | undefined> {
    return q.selectFrom('tracked_deadline').selectAll().where('county_code', '=', countyCode).where('subject', '=', subject).executeTakeFirst();
  }

  async insert(q: Q, row: TrackedDeadlineRow): Promise<void> {
    await q.insertInto('tracked_deadline').values(row).execute();
  }

  async update(q: Q, id: string, changes: Partial<Omit<TrackedDeadlineRow, 'id' | 'county_code' | 'subject'>>): Promise<void> {
    await q.updateTable('tracked_deadline').set(changes).where('id', '=', id).execute();
  }

  /** Open deadlines that depend on a year without a notice, for recomputation when one is added. */
  async openProvisional(q: Q, countyCode: string): Promise<TrackedDeadlineRow[]> {
    return q
      .selectFrom('tracked_deadline')
      .selectAll()
      .where('county_code', '=', countyCode)
      .where('open', '=', 1)
      .where('provisional', '=', 1)
      .orderBy('due_at')
      .execute();
  }

  async openForOwner(q: Q, countyCode: string, owner: string): Promise<TrackedDeadlineRow[]> {
    return q
      .selectFrom('tracked_deadline')
      .selectAll()
      .where('county_code', '=', countyCode)
      .where('owner', '=', owner)
      .where('open', '=', 1)
      .orderBy('due_at')
      .execute();
  }
}
