import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { uuidv7 } from '../../shared/ids.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { computeDeadline, type Extension, type Suspension, type WorkCalendar } from './calendar.rules.ts';
import type { TrackedDeadlineRepository, TrackedDeadlineRow } from './tracked-deadline.repository.ts';

export interface DeadlineRegisterDeps {
  db: Kysely<Database>;
  deadlines: TrackedDeadlineRepository;
  /**
   * The working calendar of a county's region (null: the national one). With `fresh`, as it stands in `q` (the
   * caller's transaction, which may have just stored a notice); otherwise the current one, cached or read through `q`.
   */
  calendarFor(q: Kysely<Database>, countyCode: string, region: string | null, fresh: boolean): Promise<WorkCalendar>;
  audit: AuditLog;
  clock: Clock;
}

/** What a module puts on the clock. */
export interface TrackInput {
  /** What runs on the clock, unique in the county: `case:<id>`, `rectification:<id>` … */
  subject: string;
  title: string;
  /** The account answering for it: their list shows its deadline and whether it moved. */
  owner: string;
  region: string | null;
  start: Date;
  days: number;
  suspensions?: Suspension[];
  extensions?: Extension[];
}

export interface TrackedDeadline {
  subject: string;
  title: string;
  owner: string;
  region: string | null;
  start: string;
  days: number;
  due: string;
  dueDate: string;
  provisional: boolean;
  open: boolean;
  /** The due date before a new notice moved it, and when. */
  movedFrom: string | null;
  movedAt: string | null;
  suspensions: Suspension[];
  extensions: Extension[];
}

interface StoredSuspension {
  from: string;
  to: string | null;
  reason: string;
}

/**
 * The register of deadlines of open work. Modules record each deadline with what it was computed from; a new
 * State Council notice (or a county's own holiday) recomputes the provisional ones, and each that moves keeps where
 * it was, is audited, and shows as moved in its owner's list.
 */
export class DeadlineRegister {
  constructor(private readonly deps: DeadlineRegisterDeps) {}

  /** Records (or recomputes) the deadline of `subject`, inside the caller's transaction. */
  async track(trx: Kysely<Database>, countyCode: string, input: TrackInput): Promise<TrackedDeadline> {
    const calendar = await this.deps.calendarFor(trx, countyCode, input.region, false);
    const d = computeDeadline(calendar, input, this.deps.clock.now());
    const now = this.deps.clock.now().toISOString();
    const fields = {
      title: input.title,
      owner: input.owner,
      region: input.region,
      start_at: input.start.toISOString(),
      days: input.days,
      suspensions: JSON.stringify((input.suspensions ?? []).map((s) => ({ from: s.from.toISOString(), to: s.to?.toISOString() ?? null, reason: s.reason }))),
      extensions: JSON.stringify(input.extensions ?? []),
      due_at: d.due.toISOString(),
      due_date: d.dueDate,
      provisional: d.provisional ? 1 : 0,
      open: 1,
      updated_at: now,
    };
    const existing = await this.deps.deadlines.findBySubject(trx, countyCode, input.subject);
    if (existing) await this.deps.deadlines.update(trx, existing.id, fields);
    else
      await this.deps.deadlines.insert(trx, {
        id: uuidv7(this.deps.clock.now().getTime()),
        county_code: countyCode,
        subject: input.subject,
        moved_from: null,
        moved_at: null,
        ...fields,
      });
    return toTracked((await this.deps.deadlines.findBySubject(trx, countyCode, input.subject))!);
  }

  /** The work is done: its deadline leaves the open register (and is no longer recomputed). */
  async close(trx: Kysely<Database>, countyCode: string, subject: string): Promise<void> {
    const existing = await this.deps.deadlines.findBySubject(trx, countyCode, subject);
    if (existing) await this.deps.deadlines.update(trx, existing.id, { open: 0, updated_at: this.deps.clock.now().toISOString() });
  }

  /**
   * Recomputes every open provisional deadline of the county after a calendar change, inside the caller's
   * transaction; each that moves is audited (`deadline.moved`). Returns those that moved.
   */
  async recomputeProvisional(trx: Kysely<Database>, actor: Actor, countyCode: string): Promise<TrackedDeadline[]> {
    const moved: TrackedDeadline[] = [];
    const now = this.deps.clock.now();
    // One calendar per region for the whole recomputation (building one reads the notices and fills a century).
    const calendars = new Map<string | null, Promise<WorkCalendar>>();
    for (const row of await this.deps.deadlines.openProvisional(trx, countyCode)) {
      if (!calendars.has(row.region)) calendars.set(row.region, this.deps.calendarFor(trx, countyCode, row.region, true));
      const calendar = await calendars.get(row.region)!;
      const d = computeDeadline(
        calendar,
        {
          start: new Date(row.start_at),
          days: row.days,
          suspensions: storedSuspensions(row.suspensions),
          extensions: JSON.parse(row.extensions) as Extension[],
        },
        now,
      );
      const changed = d.dueDate !== row.due_date;
      await this.deps.deadlines.update(trx, row.id, {
        due_at: d.due.toISOString(),
        due_date: d.dueDate,
        provisional: d.provisional ? 1 : 0,
        updated_at: now.toISOString(),
        ...(changed ? { moved_from: row.due_date, moved_at: now.toISOString() } : {}),
      });
      if (!changed) continue;
      await this.deps.audit.append(trx, actor, {
        action: 'deadline.moved',
        entity: `deadline:${row.subject}`,
        county: countyCode,
        payload: { subject: row.subject, owner: row.owner, from: row.due_date, to: d.dueDate, provisional: d.provisional },
      });
      moved.push(toTracked((await this.deps.deadlines.findBySubject(trx, countyCode, row.subject))!));
    }
    return moved;
  }

  /** The open deadlines an account answers for, soonest first, with what moved. */
  async mine(countyCode: string, owner: string): Promise<TrackedDeadline[]> {
    return (await this.deps.deadlines.openForOwner(this.deps.db, countyCode, owner)).map(toTracked);
  }
}

const storedSuspensions = (json: string): Suspension[] =>
  (JSON.parse(json) as StoredSuspension[]).map((s) => ({ from: new Date(s.from), to: s.to === null ? null : new Date(s.to), reason: s.reason }));

function toTracked(r: TrackedDeadlineRow): TrackedDeadline {
  return {
    suspensions: storedSuspensions(r.suspensions),
    extensions: JSON.parse(r.extensions) as Extension[],
    subject: r.subject,
    title: r.title,
    owner: r.owner,
    region: r.region,
    start: r.start_at,
    days: Number(r.days),
    due: r.due_at,
    dueDate: r.due_date,
    provisional: Number(r.provisional) === 1,
    open: Number(r.open) === 1,
    movedFrom: r.moved_from,
    movedAt: r.moved_at,
  };
}
