import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../db/kysely.ts';
import type { CaseFileTable, CaseTaskTable, Database } from '../../db/database.ts';
import { conflictOnUnique } from '../../db/errors.ts';
import { QueryShapes } from '../../db/query-shapes.ts';
import { underUnitPaths } from '../../db/unit-scope.ts';
import { DomainError } from '../../shared/errors.ts';
import type { AuditRepository, ChainHead } from '../audit/audit.repository.ts';
import type { StoredAuditEvent } from '../audit/audit.rules.ts';
import type { StepDuty } from '../process/process-vocabulary.data.ts';
import type { RunState } from './case-engine.rules.ts';
import type { CaseState, TaskState, Warning } from './case.contract.ts';

type Q = Kysely<Database>;

export interface StoredSuspension {
  from: string;
  to: string | null;
  reason: string;
  notice: string | null;
  taskId: string;
}
export interface StoredExtension {
  days: number;
  approvedBy: string;
  reason: string;
  toldApplicant: string;
  at: string;
}

/** A case (办件) as the service works with it; the applicant stays encrypted until a permitted view decrypts it. */
export interface CaseRecord {
  id: string;
  countyCode: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  category: string;
  revision: number;
  unitId: string;
  receipt: string;
  channel: 'counter' | 'online';
  state: CaseState;
  outcome: string | null;
  applicantSealed: string;
  applicantMasked: string;
  summary: string | null;
  materials: { name: string; fileIds: string[] }[];
  arrivedAt: string;
  /** The end of the five working days to answer (第三十二条). */
  acceptanceDueAt: string;
  acceptedAt: string | null;
  deemedAccepted: boolean;
  correctionAsked: boolean;
  run: RunState;
  suspensions: StoredSuspension[];
  extensions: StoredExtension[];
  region: string | null;
  dueAt: string | null;
  dueDate: string | null;
  yellowAt: string | null;
  redAt: string | null;
  statutoryDueAt: string | null;
  provisional: boolean;
  limitDays: number | null;
  limitKind: 'promised' | 'statutory' | null;
  closedAt: string | null;
  workdaysTaken: number | null;
  passedStatutory: boolean;
  createdBy: string;
  version: number;
}

/** What a new case is given; everything else starts empty (pending, no deadlines yet, nothing run). */
export type NewCase = Pick<
  CaseRecord,
  | 'id'
  | 'countyCode'
  | 'itemId'
  | 'itemCode'
  | 'itemName'
  | 'category'
  | 'revision'
  | 'unitId'
  | 'receipt'
  | 'channel'
  | 'applicantSealed'
  | 'applicantMasked'
  | 'summary'
  | 'materials'
  | 'arrivedAt'
  | 'acceptanceDueAt'
  | 'createdBy'
>;

/** A case as it is registered, before its first step opens. */
export function newCaseRecord(given: NewCase): CaseRecord {
  return {
    ...given,
    state: 'pending',
    outcome: null,
    acceptedAt: null,
    deemedAccepted: false,
    correctionAsked: false,
    run: { active: [], waiting: {} },
    suspensions: [],
    extensions: [],
    // The county's own calendar (its root unit, coded as the county): the national notices and its own holidays.
    region: given.countyCode,
    dueAt: null,
    dueDate: null,
    yellowAt: null,
    redAt: null,
    statutoryDueAt: null,
    provisional: false,
    limitDays: null,
    limitKind: null,
    closedAt: null,
    workdaysTaken: null,
    passedStatutory: false,
    version: 1,
  };
}

export interface TaskRecord {
  id: string;
  caseId: string;
  countyCode: string;
  stepId: string;
  stepName: string;
  duty: StepDuty;
  unitId: string;
  role: string | null;
  clockStop: string | null;
  state: TaskState;
  createdAt: string;
  dueAt: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  completedBy: string | null;
  completedAt: string | null;
  outcome: string | null;
  comment: string | null;
  notice: string | null;
  attachments: string[];
}

export interface UploadRecord {
  id: string;
  countyCode: string;
  caseId: string | null;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface CaseFilter {
  countyCode: string;
  /** Only cases of units under these paths; undefined for the whole county. */
  unitPaths?: string[];
  state?: CaseState;
  itemCode?: string;
  warning?: Warning;
  now: string;
}

/** A finished case's figures for the efficiency comparison. */
export interface ClosedCaseFigure {
  itemCode: string;
  itemName: string;
  unitId: string;
  acceptedAt: string;
  workdaysTaken: number;
}

/** The columns of a task, for building it as JSON inside a query (SQLite has no row-to-JSON). */
const TASK_COLUMNS: readonly (keyof CaseTaskTable)[] = [
  'id',
  'case_id',
  'county_code',
  'step_id',
  'step_name',
  'duty',
  'unit_id',
  'role',
  'clock_stop',
  'state',
  'created_at',
  'due_at',
  'claimed_by',
  'claimed_at',
  'completed_by',
  'completed_at',
  'outcome',
  'comment',
  'notice',
  'attachments',
];

export class CaseRepository {
  constructor(
    private readonly engine: Engine,
    /** A change to a case writes its audit event in the same statements (the chain's head is read with the case). */
    private readonly audit: AuditRepository,
  ) {}

  /** A completion's queries, compiled once per shape. */
  private readonly shapes = new QueryShapes();

  /**
   * For a change to a task: the case it belongs to with every task of the case (the separation check needs who did
   * what), and the audit chain's head, locked for the event the change will append — one query.
   */
  async findForChange(q: Q, countyCode: string, taskId: string): Promise<{ c: CaseRecord; tasks: TaskRecord[]; head: ChainHead } | undefined> {
    const { rows } = await this.shapes.run(q, 'case.findForChange', { countyCode, taskId }, (v) =>
      q
        .with('audit_head', (db) => this.audit.lockedHead(db))
        .selectFrom(['case_file as c', 'audit_head as h'])
        .selectAll('c')
        .select([this.tasksAsJson().as('tasks'), 'h.seq as head_seq', 'h.hash as head_hash', 'h.alg as head_alg'])
        .where('c.county_code', '=', v.countyCode)
        .where('c.id', '=', (sub) => sub.selectFrom('case_task').select('case_id').where('id', '=', v.taskId).where('county_code', '=', v.countyCode)),
    );
    const row = rows[0];
    if (!row) return undefined;
    const { tasks: list, head_seq, head_hash, head_alg, ...caseRow } = row;
    const taskRows = (typeof list === 'string' ? JSON.parse(list) : list) as CaseTaskTable[];
    return { c: this.loaded(caseRow), tasks: taskRows.map(toTask), head: { seq: Number(head_seq), hash: head_hash, alg: head_alg } };
  }

  /** Every task of case `c`, oldest first, as one JSON array (built only when the query's shape is compiled). */
  private tasksAsJson() {
    return this.engine === 'postgres'
      ? sql`(select coalesce(json_agg(t order by t.created_at, t.id), '[]'::json) from case_task t where t.case_id = c.id)`
      : sql`(select json_group_array(json_object(${sql.raw(TASK_COLUMNS.map((k) => `'${k}', t.${k}`).join(', '))}))
             from (select * from case_task where case_id = c.id order by created_at, id) t)`;
  }

  /**
   * Saves a step's work: the task as it now is (if still in the state it was read in), the case (if nobody changed
   * it meanwhile) and the tasks it opened. On PostgreSQL one statement (one round trip); false when the task lost a race.
   */
  async saveStep(q: Q, step: { before: TaskRecord; after: TaskRecord; c: CaseRecord; opened: TaskRecord[]; event: StoredAuditEvent }): Promise<boolean> {
    if (this.engine !== 'postgres') {
      if (!(await this.updateTask(q, step.before, step.after))) return false;
      await this.updateCase(q, step.c);
      await this.insertTasks(q, step.opened);
      await this.audit.insert(q, step.event);
      return true;
    }
    const { c } = step;
    const row = toCaseRow(c);
    const read = this.readCases.get(c);
    const values = {
      task: { set: changedColumns(toTaskRow(step.before), toTaskRow(step.after)), id: step.before.id, state: step.before.state },
      c: { set: { ...(read ? changedColumns(read, row) : row), version: c.version + 1 }, id: c.id, version: c.version },
      opened: step.opened.map(toTaskRow),
      event: this.audit.eventValues(step.event),
    };
    // If the task or the case lost a race the transaction is rolled back, the event with it.
    const { rows } = await this.shapes.run(q, 'case.saveStep', values, (v) =>
      this.audit
        .eventWrites(q, v.event)
        .with('task_saved', (db) => db.updateTable('case_task').set(v.task.set).where('id', '=', v.task.id).where('state', '=', v.task.state).returning('id'))
        .with('case_saved', (db) => db.updateTable('case_file').set(v.c.set).where('id', '=', v.c.id).where('version', '=', v.c.version).returning('id'))
        // With nothing to open the insert is of no rows (an insert needs values): a select of none stands in.
        .with('opened', (db) =>
          v.opened.length > 0
            ? db.insertInto('case_task').values(v.opened).returning('id')
            : db
                .selectFrom('case_task')
                .select('id')
                .where(sql<boolean>`false`),
        )
        .selectNoFrom((eb) => [
          eb.selectFrom('task_saved').select(eb.fn.countAll().as('n')).as('tasks'),
          eb.selectFrom('case_saved').select(eb.fn.countAll().as('n')).as('cases'),
          eb.selectFrom('opened').select(eb.fn.countAll().as('n')).as('opened'),
        ]),
    );
    const counts = rows[0]!;
    if (Number(counts.tasks) !== 1) return false;
    if (Number(counts.cases) !== 1) throw caseChanged();
    c.version += 1;
    this.readCases.set(c, { ...row, version: c.version });
    return true;
  }
  async insertCase(q: Q, c: CaseRecord): Promise<void> {
    await q
      .insertInto('case_file')
      .values(toCaseRow(c))
      .execute()
      .catch(conflictOnUnique({ zh: '受理编号重复，请重试', en: 'The receipt code is taken; try again' }));
  }

  /** Inserts many cases at once (the demo's history), in chunks the engines accept. */
  async insertCases(q: Q, cases: CaseRecord[]): Promise<void> {
    for (let k = 0; k < cases.length; k += 200)
      await q
        .insertInto('case_file')
        .values(cases.slice(k, k + 200).map(toCaseRow))
        .execute();
  }

  /**
   * Saves a changed case if nobody changed it meanwhile (its version), and bumps the version: two people completing
   * parallel steps of one case at the same moment cannot both move its run state from the same start. Only the
   * columns that changed since the case was read are written, so indexes on the others are left alone.
   */
  async updateCase(q: Q, c: CaseRecord): Promise<void> {
    const row = toCaseRow(c);
    const read = this.readCases.get(c);
    const values = { set: { ...(read ? changedColumns(read, row) : row), version: c.version + 1 }, id: c.id, version: c.version };
    const result = await this.shapes.run(q, 'case.update', values, (v) =>
      q.updateTable('case_file').set(v.set).where('id', '=', v.id).where('version', '=', v.version),
    );
    if (Number(result.numAffectedRows) !== 1) throw caseChanged();
    c.version += 1;
    this.readCases.set(c, { ...row, version: c.version });
  }

  /** The rows cases were read from, to write back only what changed. */
  private readonly readCases = new WeakMap<CaseRecord, CaseFileTable>();

  private loaded(row: CaseFileTable): CaseRecord {
    const c = toCase(row);
    this.readCases.set(c, row);
    return c;
  }

  async findById(q: Q, countyCode: string, id: string): Promise<CaseRecord | undefined> {
    const row = await q.selectFrom('case_file').selectAll().where('id', '=', id).where('county_code', '=', countyCode).executeTakeFirst();
    return row && this.loaded(row);
  }

  async findByReceipt(q: Q, countyCode: string, receipt: string): Promise<CaseRecord | undefined> {
    const row = await q.selectFrom('case_file').selectAll().where('receipt', '=', receipt).where('county_code', '=', countyCode).executeTakeFirst();
    return row && toCase(row);
  }

  private filtered(q: Q, f: CaseFilter) {
    let query = q.selectFrom('case_file as c').innerJoin('unit as u', 'u.id', 'c.unit_id').where('c.county_code', '=', f.countyCode);
    if (f.unitPaths) query = query.where(underUnitPaths(f.unitPaths));
    if (f.state) query = query.where('c.state', '=', f.state);
    else if (f.warning) query = query.where('c.state', '!=', 'done');
    if (f.itemCode) query = query.where('c.item_code', '=', f.itemCode);
    // Warnings of open cases are comparisons against the stored instants (indexed), never a recomputation.
    if (f.warning === 'none') query = query.where('c.red_at', 'is', null);
    if (f.warning === 'red') query = query.where('c.red_at', '<=', f.now);
    if (f.warning === 'yellow') query = query.where('c.yellow_at', '<=', f.now).where('c.red_at', '>', f.now);
    if (f.warning === 'green') query = query.where('c.yellow_at', '>', f.now);
    return query;
  }

  async count(q: Q, f: CaseFilter): Promise<number> {
    const row = await this.filtered(q, f)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async list(q: Q, f: CaseFilter, page: { offset: number; limit: number }): Promise<CaseRecord[]> {
    const rows = await this.filtered(q, f)
      .selectAll('c')
      .orderBy('c.arrived_at', 'desc')
      .orderBy('c.id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    return rows.map(toCase);
  }

  /** Inserts tasks, in chunks the engines accept (a completion's next steps, or the demo's history). */
  async insertTasks(q: Q, tasks: TaskRecord[]): Promise<void> {
    for (let k = 0; k < tasks.length; k += 200)
      await this.shapes.run(q, 'case.insertTasks', tasks.slice(k, k + 200).map(toTaskRow), (rows) => q.insertInto('case_task').values(rows));
  }

  /** Saves a task if it is still in the state it was read in (`before`): a claim or completion that lost a race is refused. */
  async updateTask(q: Q, before: TaskRecord, after: TaskRecord): Promise<boolean> {
    const values = { set: changedColumns(toTaskRow(before), toTaskRow(after)), id: before.id, state: before.state };
    const result = await this.shapes.run(q, 'case.updateTask', values, (v) =>
      q.updateTable('case_task').set(v.set).where('id', '=', v.id).where('state', '=', v.state),
    );
    return Number(result.numAffectedRows) === 1;
  }

  async cancelTasks(q: Q, caseId: string, stepIds: string[]): Promise<void> {
    if (stepIds.length === 0) return;
    await q
      .updateTable('case_task')
      .set({ state: 'cancelled' })
      .where('case_id', '=', caseId)
      .where('step_id', 'in', stepIds)
      .where('state', 'in', ['open', 'claimed'])
      .execute();
  }

  async findTask(q: Q, countyCode: string, id: string): Promise<TaskRecord | undefined> {
    const row = await q.selectFrom('case_task').selectAll().where('id', '=', id).where('county_code', '=', countyCode).executeTakeFirst();
    return row && toTask(row);
  }

  /** Every task of the case that holds task `taskId` (one round trip for a claim or completion and its separation check). */
  async listByCaseOfTask(q: Q, countyCode: string, taskId: string): Promise<TaskRecord[]> {
    const rows = await q
      .selectFrom('case_task')
      .selectAll()
      .where('case_id', '=', (sub) => sub.selectFrom('case_task').select('case_id').where('id', '=', taskId).where('county_code', '=', countyCode))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toTask);
  }

  async tasksOfCase(q: Q, caseId: string): Promise<TaskRecord[]> {
    const rows = await q.selectFrom('case_task').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toTask);
  }

  /** Open tasks in these units for these roles (or for any role), oldest first; the caller checks the unit of each role. */
  async listOpenByUnits(q: Q, countyCode: string, unitIds: string[], roles: string[], limit: number): Promise<TaskRecord[]> {
    if (unitIds.length === 0) return [];
    const rows = await q
      .selectFrom('case_task')
      .selectAll()
      .where('county_code', '=', countyCode)
      .where('state', '=', sql.lit('open')) // a constant, so the partial index of open tasks applies
      .where('unit_id', 'in', unitIds)
      .where((eb) => eb.or([eb('role', 'is', null), ...(roles.length > 0 ? [eb('role', 'in', roles)] : [])]))
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map(toTask);
  }

  /** The open and claimed tasks of these cases. */
  async listOpenByCases(q: Q, caseIds: string[]): Promise<TaskRecord[]> {
    const found: TaskRecord[] = [];
    for (let k = 0; k < caseIds.length; k += 500) {
      const rows = await q
        .selectFrom('case_task')
        .selectAll()
        .where('case_id', 'in', caseIds.slice(k, k + 500))
        .where('state', 'in', ['open', 'claimed'])
        .orderBy('created_at')
        .execute();
      found.push(...rows.map(toTask));
    }
    return found;
  }

  async listClaimedBy(q: Q, accountId: string): Promise<TaskRecord[]> {
    const rows = await q
      .selectFrom('case_task')
      .selectAll()
      .where('claimed_by', '=', accountId)
      .where('state', '=', sql.lit('claimed')) // a constant, so the partial index of claimed tasks applies
      .orderBy('claimed_at')
      .execute();
    return rows.map(toTask);
  }

  async findCasesByIds(q: Q, ids: string[]): Promise<Map<string, CaseRecord>> {
    const found = new Map<string, CaseRecord>();
    for (let k = 0; k < ids.length; k += 500) {
      const rows = await q
        .selectFrom('case_file')
        .selectAll()
        .where('id', 'in', ids.slice(k, k + 500))
        .execute();
      for (const r of rows) found.set(r.id, toCase(r));
    }
    return found;
  }

  /** Closed cases of units under `unitPaths` that ended in one of `outcomes`, for the efficiency comparison. */
  async listClosedFigures(q: Q, countyCode: string, unitPaths: string[] | undefined): Promise<ClosedCaseFigure[]> {
    let query = q
      .selectFrom('case_file as c')
      .innerJoin('unit as u', 'u.id', 'c.unit_id')
      .select(['c.item_code', 'c.item_name', 'c.unit_id', 'c.accepted_at', 'c.workdays_taken'])
      .where('c.county_code', '=', countyCode)
      .where('c.state', '=', 'done')
      .where('c.workdays_taken', 'is not', null)
      .where('c.accepted_at', 'is not', null);
    if (unitPaths) query = query.where(underUnitPaths(unitPaths));
    const rows = await query.execute();
    return rows.map((r) => ({
      itemCode: r.item_code,
      itemName: r.item_name,
      unitId: r.unit_id,
      acceptedAt: r.accepted_at!,
      workdaysTaken: Number(r.workdays_taken),
    }));
  }

  /** Open cases whose deadlines count on a year without a notice yet (暂定). */
  async listOpenProvisional(q: Q, countyCode: string): Promise<CaseRecord[]> {
    const rows = await q
      .selectFrom('case_file')
      .selectAll()
      .where('county_code', '=', countyCode)
      .where('state', '!=', 'done')
      .where('provisional', '=', 1)
      .execute();
    return rows.map((r) => this.loaded(r));
  }

  async insertUpload(q: Q, u: UploadRecord): Promise<void> {
    await q
      .insertInto('case_upload')
      .values({
        id: u.id,
        county_code: u.countyCode,
        case_id: u.caseId,
        name: u.name,
        media_type: u.mediaType,
        size: u.size,
        sha256: u.sha256,
        storage_key: u.storageKey,
        uploaded_by: u.uploadedBy,
        uploaded_at: u.uploadedAt,
      })
      .execute();
  }

  async findUploads(q: Q, countyCode: string, ids: string[]): Promise<UploadRecord[]> {
    if (ids.length === 0) return [];
    const rows = await q.selectFrom('case_upload').selectAll().where('county_code', '=', countyCode).where('id', 'in', ids).execute();
    return rows.map((r) => ({
      id: r.id,
      countyCode: r.county_code,
      caseId: r.case_id,
      name: r.name,
      mediaType: r.media_type,
      size: Number(r.size),
      sha256: r.sha256,
      storageKey: r.storage_key,
      uploadedBy: r.uploaded_by,
      uploadedAt: r.uploaded_at,
    }));
  }

  /** Ties waiting uploads to a case; an upload already part of a case stays where it is. */
  async attachUploads(q: Q, caseId: string, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await q.updateTable('case_upload').set({ case_id: caseId }).where('id', 'in', ids).where('case_id', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}

const caseChanged = () =>
  new DomainError('conflict', { zh: '该办件刚被他人更新，请刷新后重试', en: 'The case was just changed by someone else; reload and try again' });

/** The columns of `after` that differ from `before`. */
function changedColumns<T extends object>(before: T, after: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) if (after[key] !== before[key]) changed[key] = after[key];
  return changed;
}

const bool = (v: number | bigint | boolean) => Number(v) === 1 || v === true;

function toCaseRow(c: CaseRecord): CaseFileTable {
  return {
    id: c.id,
    county_code: c.countyCode,
    item_id: c.itemId,
    item_code: c.itemCode,
    item_name: c.itemName,
    category: c.category,
    revision: c.revision,
    unit_id: c.unitId,
    receipt: c.receipt,
    channel: c.channel,
    state: c.state,
    outcome: c.outcome,
    applicant: c.applicantSealed,
    applicant_masked: c.applicantMasked,
    summary: c.summary,
    materials: JSON.stringify(c.materials),
    arrived_at: c.arrivedAt,
    acceptance_due_at: c.acceptanceDueAt,
    accepted_at: c.acceptedAt,
    deemed_accepted: c.deemedAccepted ? 1 : 0,
    correction_asked: c.correctionAsked ? 1 : 0,
    run_state: JSON.stringify(c.run),
    suspensions: JSON.stringify(c.suspensions),
    extensions: JSON.stringify(c.extensions),
    region: c.region,
    due_at: c.dueAt,
    due_date: c.dueDate,
    yellow_at: c.yellowAt,
    red_at: c.redAt,
    statutory_due_at: c.statutoryDueAt,
    provisional: c.provisional ? 1 : 0,
    limit_days: c.limitDays,
    limit_kind: c.limitKind,
    closed_at: c.closedAt,
    workdays_taken: c.workdaysTaken,
    passed_statutory: c.passedStatutory ? 1 : 0,
    created_by: c.createdBy,
    version: c.version,
  };
}

function toCase(r: CaseFileTable): CaseRecord {
  return {
    id: r.id,
    countyCode: r.county_code,
    itemId: r.item_id,
    itemCode: r.item_code,
    itemName: r.item_name,
    category: r.category,
    revision: Number(r.revision),
    unitId: r.unit_id,
    receipt: r.receipt,
    channel: r.channel as CaseRecord['channel'],
    state: r.state as CaseState,
    outcome: r.outcome,
    applicantSealed: r.applicant,
    applicantMasked: r.applicant_masked,
    summary: r.summary,
    materials: JSON.parse(r.materials),
    arrivedAt: r.arrived_at,
    acceptanceDueAt: r.acceptance_due_at,
    acceptedAt: r.accepted_at,
    deemedAccepted: bool(r.deemed_accepted),
    correctionAsked: bool(r.correction_asked),
    run: JSON.parse(r.run_state),
    suspensions: JSON.parse(r.suspensions),
    extensions: JSON.parse(r.extensions),
    region: r.region,
    dueAt: r.due_at,
    dueDate: r.due_date,
    yellowAt: r.yellow_at,
    redAt: r.red_at,
    statutoryDueAt: r.statutory_due_at,
    provisional: bool(r.provisional),
    limitDays: r.limit_days === null ? null : Number(r.limit_days),
    limitKind: r.limit_kind as CaseRecord['limitKind'],
    closedAt: r.closed_at,
    workdaysTaken: r.workdays_taken === null ? null : Number(r.workdays_taken),
    passedStatutory: bool(r.passed_statutory),
    createdBy: r.created_by,
    version: Number(r.version),
  };
}

function toTaskRow(t: TaskRecord): CaseTaskTable {
  return {
    id: t.id,
    case_id: t.caseId,
    county_code: t.countyCode,
    step_id: t.stepId,
    step_name: t.stepName,
    duty: t.duty,
    unit_id: t.unitId,
    role: t.role,
    clock_stop: t.clockStop,
    state: t.state,
    created_at: t.createdAt,
    due_at: t.dueAt,
    claimed_by: t.claimedBy,
    claimed_at: t.claimedAt,
    completed_by: t.completedBy,
    completed_at: t.completedAt,
    outcome: t.outcome,
    comment: t.comment,
    notice: t.notice,
    attachments: JSON.stringify(t.attachments),
  };
}

function toTask(r: CaseTaskTable): TaskRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    countyCode: r.county_code,
    stepId: r.step_id,
    stepName: r.step_name,
    duty: r.duty as StepDuty,
    unitId: r.unit_id,
    role: r.role,
    clockStop: r.clock_stop,
    state: r.state as TaskState,
    createdAt: r.created_at,
    dueAt: r.due_at,
    claimedBy: r.claimed_by,
    claimedAt: r.claimed_at,
    completedBy: r.completed_by,
    completedAt: r.completed_at,
    outcome: r.outcome,
    comment: r.comment,
    notice: r.notice,
    attachments: JSON.parse(r.attachments),
  };
}
