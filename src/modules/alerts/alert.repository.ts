import type { Kysely } from 'kysely';
import { updatedOne } from '../../db/errors.ts';
import type { AlertTable, Database } from '../../db/database.ts';

type Q = Kysely<Database>;

export type AlertSeverity = 'high' | 'medium' | 'low';

/** A supervision alert (监督预警): something an inspector should look at, from any module. */
export interface Alert {
  id: string;
  countyCode: string;
  kind: string;
  severity: AlertSeverity;
  subject: string;
  subjectRef: string | null;
  unitId: string | null;
  details: Record<string, unknown>;
  openedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  outcome: string | null;
}

const toAlert = (r: AlertTable): Alert => ({
  id: r.id,
  countyCode: r.county_code,
  kind: r.kind,
  severity: r.severity as AlertSeverity,
  subject: r.subject,
  subjectRef: r.subject_ref,
  unitId: r.unit_id,
  details: JSON.parse(r.details) as Record<string, unknown>,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
  outcome: r.outcome,
});

export class AlertRepository {
  async insert(q: Q, a: Alert): Promise<void> {
    await q
      .insertInto('alert')
      .values({
        id: a.id,
        county_code: a.countyCode,
        kind: a.kind,
        severity: a.severity,
        subject: a.subject,
        subject_ref: a.subjectRef,
        unit_id: a.unitId,
        details: JSON.stringify(a.details),
        opened_at: a.openedAt,
        closed_at: null,
        closed_by: null,
        outcome: null,
      })
      .execute();
  }

  async findById(q: Q, countyCode: string, id: string): Promise<Alert | undefined> {
    const r = await q.selectFrom('alert').selectAll().where('county_code', '=', countyCode).where('id', '=', id).executeTakeFirst();
    return r && toAlert(r);
  }

  async list(q: Q, countyCode: string, status: 'open' | 'closed' | 'all'): Promise<Alert[]> {
    let query = q.selectFrom('alert').selectAll().where('county_code', '=', countyCode);
    if (status === 'open') query = query.where('closed_at', 'is', null);
    if (status === 'closed') query = query.where('closed_at', 'is not', null);
    return (await query.orderBy('opened_at', 'desc').execute()).map(toAlert);
  }

  /** Closes an open alert; false when it was closed meanwhile. */
  async close(q: Q, id: string, s: { closedAt: string; closedBy: string; outcome: string }): Promise<boolean> {
    const r = await q
      .updateTable('alert')
      .set({ closed_at: s.closedAt, closed_by: s.closedBy, outcome: s.outcome })
      .where('id', '=', id)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return updatedOne(r);
  }
}
