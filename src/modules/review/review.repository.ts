import type { Kysely } from 'kysely';
import type { Engine } from '../../db/kysely.ts';
import type { Database, RectificationTable, ReviewBatchTable } from '../../db/database.ts';
import { conflictOnUnique, updatedOne } from '../../db/errors.ts';
import { underUnitPaths } from '../../db/unit-scope.ts';
import type { Aspect, BatchState, Finding, Problem, Verdict } from './review.rules.ts';

type Q = Kysely<Database>;

/** A unit's batch of draft revisions going through review. */
export interface Batch {
  id: string;
  countyCode: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
  title: string;
  state: BatchState;
  round: number;
  returns: number;
  createdAt: string;
  createdBy: string;
  submittedBy: string | null;
  reviewer: string | null;
  updatedAt: string;
}

/** An item in a batch: the revision under review, and the item's latest (a fix made since). */
export interface BatchItem {
  itemId: string;
  code: string;
  name: string;
  status: string;
  revision: number;
  revisionState: string;
  revisionCreatedBy: string;
  latestRevision: number;
  publishedRevision: number | null;
}

export interface StoredFinding extends Finding {
  id: string;
  batchId: string;
  reviewer: string;
  recordedAt: string;
}

export interface Rectification {
  id: string;
  countyCode: string;
  batchId: string;
  itemId: string | null;
  aspect: Aspect | null;
  problem: Problem;
  comment: string;
  missingItemName: string | null;
  raisedBy: string;
  raisedRound: number;
  raisedAt: string;
  response: string | null;
  responseRound: number | null;
  respondedBy: string | null;
  resolvedItemId: string | null;
  state: EntryState;
  acceptedRound: number | null;
  acceptedBy: string | null;
  acceptedAt: string | null;
}

/** Open until the reviewer accepts the fix; withdrawn when the unit takes its item out of the batch. */
export type EntryState = 'open' | 'accepted' | 'withdrawn';

/** Who may not review a batch: everyone who submitted it, and the authors of each item's revisions under review. */
export interface Ownership {
  submitters: Set<string>;
  drafters: { itemId: string; code: string; createdBy: string }[];
}

/** A rectification with what the ledger shows beside it. */
export interface LedgerEntry extends Rectification {
  unitCode: string;
  unitName: string;
  batchTitle: string;
  itemCode: string | null;
  itemName: string | null;
}

export interface TransitionRecord {
  seq: number;
  action: string;
  fromState: string | null;
  toState: string;
  round: number;
  actor: string;
  comment: string | null;
  at: string;
}

export interface BatchFilter {
  countyCode: string;
  /** Only batches of units under these paths; undefined for the whole county. */
  unitPaths?: string[];
  state?: BatchState;
}

export class ReviewRepository {
  constructor(private readonly engine: Engine) {}

  /**
   * Serialises every write to one batch: PostgreSQL takes the batch's row lock (the state read after it is current);
   * SQLite needs nothing, its write transactions (BEGIN IMMEDIATE) already run one at a time.
   */
  async lock(q: Q, batchId: string): Promise<void> {
    if (this.engine === 'postgres') await q.selectFrom('review_batch').select('id').where('id', '=', batchId).forUpdate().execute();
  }

  async ownership(q: Q, batchId: string): Promise<Ownership> {
    const [submitters, drafters] = await Promise.all([
      q.selectFrom('review_transition').select('actor').distinct().where('batch_id', '=', batchId).where('action', 'in', ['submit', 'resubmit']).execute(),
      // Every revision since the item was last published, up to the one under review: the text being reviewed.
      q
        .selectFrom('review_batch_item as bi')
        .innerJoin('power_item as i', 'i.id', 'bi.item_id')
        .innerJoin('power_item_revision as r', 'r.item_id', 'bi.item_id')
        .select(['bi.item_id', 'i.code', 'r.created_by'])
        .distinct()
        .where('bi.batch_id', '=', batchId)
        .whereRef('r.revision', '<=', 'bi.revision')
        .where((eb) => eb('r.revision', '>', eb.fn.coalesce('i.published_revision', eb.lit(0))))
        .execute(),
    ]);
    return {
      submitters: new Set(submitters.map((r) => r.actor)),
      drafters: drafters.map((r) => ({ itemId: r.item_id, code: r.code, createdBy: r.created_by })),
    };
  }

  /** The unit took an item out of its returned batch: the item's open entries are withdrawn with it. */
  async withdrawEntries(q: Q, batchId: string, itemId: string): Promise<number> {
    const r = await q
      .updateTable('rectification')
      .set({ state: 'withdrawn' })
      .where('batch_id', '=', batchId)
      .where('item_id', '=', itemId)
      .where('state', '=', 'open')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  private batches(q: Q) {
    return q
      .selectFrom('review_batch as b')
      .innerJoin('unit as u', 'u.id', 'b.unit_id')
      .selectAll('b')
      .select(['u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path']);
  }

  async insertBatch(q: Q, b: Omit<Batch, 'unitCode' | 'unitName' | 'unitPath'>): Promise<void> {
    await q
      .insertInto('review_batch')
      .values({
        id: b.id,
        county_code: b.countyCode,
        unit_id: b.unitId,
        title: b.title,
        state: b.state,
        round: b.round,
        returns: b.returns,
        created_at: b.createdAt,
        created_by: b.createdBy,
        submitted_by: b.submittedBy,
        reviewer: b.reviewer,
        updated_at: b.updatedAt,
      })
      .execute();
  }

  async findBatch(q: Q, countyCode: string, id: string): Promise<Batch | undefined> {
    const r = await this.batches(q).where('b.county_code', '=', countyCode).where('b.id', '=', id).executeTakeFirst();
    return r && toBatch(r);
  }

  async listBatches(q: Q, f: BatchFilter): Promise<Batch[]> {
    let query = this.batches(q).where('b.county_code', '=', f.countyCode);
    if (f.unitPaths) {
      const paths = f.unitPaths;
      query = query.where(underUnitPaths(paths));
    }
    if (f.state) query = query.where('b.state', '=', f.state);
    const rows = await query.orderBy('b.updated_at', 'desc').limit(500).execute();
    return rows.map(toBatch);
  }

  /** Moves a batch on from the state it was read in; false when someone moved it meanwhile. */
  async updateBatch(
    q: Q,
    id: string,
    from: BatchState,
    patch: Partial<Pick<Batch, 'state' | 'round' | 'returns' | 'submittedBy' | 'reviewer' | 'updatedAt'>>,
  ): Promise<boolean> {
    const set: Partial<ReviewBatchTable> = {};
    if (patch.state !== undefined) set.state = patch.state;
    if (patch.round !== undefined) set.round = patch.round;
    if (patch.returns !== undefined) set.returns = patch.returns;
    if (patch.submittedBy !== undefined) set.submitted_by = patch.submittedBy;
    if (patch.reviewer !== undefined) set.reviewer = patch.reviewer;
    if (patch.updatedAt !== undefined) set.updated_at = patch.updatedAt;
    const r = await q.updateTable('review_batch').set(set).where('id', '=', id).where('state', '=', from).executeTakeFirst();
    return updatedOne(r);
  }

  async batchItems(q: Q, batchId: string): Promise<BatchItem[]> {
    const rows = await q
      .selectFrom('review_batch_item as bi')
      .innerJoin('power_item as i', 'i.id', 'bi.item_id')
      .innerJoin('power_item_revision as r', (j) => j.onRef('r.item_id', '=', 'bi.item_id').onRef('r.revision', '=', 'bi.revision'))
      .select([
        'bi.item_id',
        'bi.revision',
        'i.code',
        'i.status',
        'i.latest_revision',
        'i.published_revision',
        'r.name',
        'r.state as revision_state',
        'r.created_by',
      ])
      .where('bi.batch_id', '=', batchId)
      .orderBy('i.code')
      .execute();
    return rows.map((r) => ({
      itemId: r.item_id,
      code: r.code,
      name: r.name,
      status: r.status,
      revision: Number(r.revision),
      revisionState: r.revision_state,
      revisionCreatedBy: r.created_by,
      latestRevision: Number(r.latest_revision),
      publishedRevision: r.published_revision === null ? null : Number(r.published_revision),
    }));
  }

  /** Puts an item in a batch; an item already in another open batch is a conflict (one open batch per item). */
  async addItem(q: Q, batchId: string, itemId: string, code: string, revision: number, at: string): Promise<void> {
    await q
      .insertInto('review_batch_item')
      .values({ batch_id: batchId, item_id: itemId, revision, open_item_id: itemId, added_at: at })
      .execute()
      .catch(conflictOnUnique({ zh: `事项 ${code} 已在另一个审查批次中`, en: `Item ${code} is already in another review batch` }, { code }));
  }

  async removeItem(q: Q, batchId: string, itemId: string): Promise<boolean> {
    const r = await q.deleteFrom('review_batch_item').where('batch_id', '=', batchId).where('item_id', '=', itemId).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async setItemRevision(q: Q, batchId: string, itemId: string, revision: number): Promise<void> {
    await q.updateTable('review_batch_item').set({ revision }).where('batch_id', '=', batchId).where('item_id', '=', itemId).execute();
  }

  /** A published batch lets go of its items: they may join the next batch. */
  async releaseItems(q: Q, batchId: string): Promise<void> {
    await q.updateTable('review_batch_item').set({ open_item_id: null }).where('batch_id', '=', batchId).execute();
  }

  /** The open batch (if any) holding each of these items. */
  async openBatchesOf(q: Q, itemIds: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (itemIds.length === 0) return found;
    const rows = await q.selectFrom('review_batch_item').select(['open_item_id', 'batch_id']).where('open_item_id', 'in', itemIds).execute();
    for (const r of rows) found.set(r.open_item_id!, r.batch_id);
    return found;
  }

  async findings(q: Q, batchId: string): Promise<StoredFinding[]> {
    const rows = await q.selectFrom('review_finding').selectAll().where('batch_id', '=', batchId).orderBy('round').execute();
    return rows.map((r) => ({
      id: r.id,
      batchId: r.batch_id,
      itemId: r.item_id,
      revision: Number(r.revision),
      round: Number(r.round),
      aspect: r.aspect as Aspect,
      verdict: r.verdict as Verdict,
      problem: r.problem as Problem | null,
      comment: r.comment,
      reviewer: r.reviewer,
      recordedAt: r.recorded_at,
    }));
  }

  /** Records the round's finding on one aspect of one item; recording again within the round replaces it. */
  async putFinding(q: Q, f: StoredFinding): Promise<void> {
    const changed = await q
      .updateTable('review_finding')
      .set({ revision: f.revision, verdict: f.verdict, problem: f.problem, comment: f.comment, reviewer: f.reviewer, recorded_at: f.recordedAt })
      .where('batch_id', '=', f.batchId)
      .where('item_id', '=', f.itemId)
      .where('round', '=', f.round)
      .where('aspect', '=', f.aspect)
      .executeTakeFirst();
    if (updatedOne(changed)) return;
    await q
      .insertInto('review_finding')
      .values({
        id: f.id,
        batch_id: f.batchId,
        item_id: f.itemId,
        revision: f.revision,
        round: f.round,
        aspect: f.aspect,
        verdict: f.verdict,
        problem: f.problem,
        comment: f.comment,
        reviewer: f.reviewer,
        recorded_at: f.recordedAt,
      })
      .execute()
      .catch(conflictOnUnique({ zh: '该意见刚被他人记录，请刷新后重试', en: 'Someone just recorded this finding; reload and try again' }));
  }

  async insertRectification(q: Q, r: Rectification): Promise<void> {
    await q.insertInto('rectification').values(fromRectification(r)).execute();
  }

  async rectifications(q: Q, batchId: string): Promise<Rectification[]> {
    const rows = await q.selectFrom('rectification').selectAll().where('batch_id', '=', batchId).orderBy('raised_at').orderBy('id').execute();
    return rows.map(toRectification);
  }

  async findRectification(q: Q, countyCode: string, id: string): Promise<Rectification | undefined> {
    const r = await q.selectFrom('rectification').selectAll().where('county_code', '=', countyCode).where('id', '=', id).executeTakeFirst();
    return r && toRectification(r);
  }

  /** Updates an entry that is still open; false when it was accepted meanwhile. */
  async updateOpenRectification(
    q: Q,
    id: string,
    patch: Partial<
      Pick<Rectification, 'response' | 'responseRound' | 'respondedBy' | 'resolvedItemId' | 'state' | 'acceptedRound' | 'acceptedBy' | 'acceptedAt'>
    >,
  ): Promise<boolean> {
    const set: Partial<RectificationTable> = {};
    if (patch.response !== undefined) set.response = patch.response;
    if (patch.responseRound !== undefined) set.response_round = patch.responseRound;
    if (patch.respondedBy !== undefined) set.responded_by = patch.respondedBy;
    if (patch.resolvedItemId !== undefined) set.resolved_item_id = patch.resolvedItemId;
    if (patch.state !== undefined) set.state = patch.state;
    if (patch.acceptedRound !== undefined) set.accepted_round = patch.acceptedRound;
    if (patch.acceptedBy !== undefined) set.accepted_by = patch.acceptedBy;
    if (patch.acceptedAt !== undefined) set.accepted_at = patch.acceptedAt;
    const r = await q.updateTable('rectification').set(set).where('id', '=', id).where('state', '=', 'open').executeTakeFirst();
    return updatedOne(r);
  }

  /** The rectification ledger (整改台账) across batches, newest first. */
  async ledger(q: Q, f: { countyCode: string; unitPaths?: string[]; state?: EntryState }, page: { offset: number; limit: number }) {
    let query = q
      .selectFrom('rectification as x')
      .innerJoin('review_batch as b', 'b.id', 'x.batch_id')
      .innerJoin('unit as u', 'u.id', 'b.unit_id')
      .leftJoin('power_item as i', 'i.id', 'x.item_id')
      .where('x.county_code', '=', f.countyCode);
    if (f.unitPaths) {
      const paths = f.unitPaths;
      query = query.where(underUnitPaths(paths));
    }
    if (f.state) query = query.where('x.state', '=', f.state);
    const [rows, total] = await Promise.all([
      query
        .selectAll('x')
        .select(['u.code as unit_code', 'u.name as unit_name', 'b.title as batch_title', 'i.code as item_code'])
        .orderBy('x.raised_at', 'desc')
        .orderBy('x.id')
        .offset(page.offset)
        .limit(page.limit)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const names = await latestNames(
      q,
      rows.map((r) => r.item_id).filter((x): x is string => x !== null),
    );
    const items: LedgerEntry[] = rows.map((r) => ({
      ...toRectification(r),
      unitCode: r.unit_code,
      unitName: r.unit_name,
      batchTitle: r.batch_title,
      itemCode: r.item_code,
      itemName: r.item_id ? (names.get(r.item_id) ?? null) : null,
    }));
    return { items, total: Number(total.n) };
  }

  async appendTransition(q: Q, batchId: string, t: Omit<TransitionRecord, 'seq'>): Promise<void> {
    const last = await q
      .selectFrom('review_transition')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('batch_id', '=', batchId)
      .executeTakeFirst();
    await q
      .insertInto('review_transition')
      .values({
        batch_id: batchId,
        seq: Number(last?.seq ?? 0) + 1,
        action: t.action,
        from_state: t.fromState,
        to_state: t.toState,
        round: t.round,
        actor: t.actor,
        comment: t.comment,
        at: t.at,
      })
      .execute();
  }

  async transitions(q: Q, batchId: string): Promise<TransitionRecord[]> {
    const rows = await q.selectFrom('review_transition').selectAll().where('batch_id', '=', batchId).orderBy('seq').execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      action: r.action,
      fromState: r.from_state,
      toState: r.to_state,
      round: Number(r.round),
      actor: r.actor,
      comment: r.comment,
      at: r.at,
    }));
  }
}

async function latestNames(q: Q, itemIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (itemIds.length === 0) return names;
  const rows = await q
    .selectFrom('power_item as i')
    .innerJoin('power_item_revision as r', (j) => j.onRef('r.item_id', '=', 'i.id').onRef('r.revision', '=', 'i.latest_revision'))
    .select(['i.id', 'r.name'])
    .where('i.id', 'in', [...new Set(itemIds)])
    .execute();
  for (const r of rows) names.set(r.id, r.name);
  return names;
}

type BatchRow = ReviewBatchTable & { unit_code: string; unit_name: string; unit_path: string };

function toBatch(r: BatchRow): Batch {
  return {
    id: r.id,
    countyCode: r.county_code,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    unitPath: r.unit_path,
    title: r.title,
    state: r.state as BatchState,
    round: Number(r.round),
    returns: Number(r.returns),
    createdAt: r.created_at,
    createdBy: r.created_by,
    submittedBy: r.submitted_by,
    reviewer: r.reviewer,
    updatedAt: r.updated_at,
  };
}

function toRectification(r: RectificationTable): Rectification {
  return {
    id: r.id,
    countyCode: r.county_code,
    batchId: r.batch_id,
    itemId: r.item_id,
    aspect: r.aspect as Aspect | null,
    problem: r.problem as Problem,
    comment: r.comment,
    missingItemName: r.missing_item_name,
    raisedBy: r.raised_by,
    raisedRound: Number(r.raised_round),
    raisedAt: r.raised_at,
    response: r.response,
    responseRound: r.response_round === null ? null : Number(r.response_round),
    respondedBy: r.responded_by,
    resolvedItemId: r.resolved_item_id,
    state: r.state as EntryState,
    acceptedRound: r.accepted_round === null ? null : Number(r.accepted_round),
    acceptedBy: r.accepted_by,
    acceptedAt: r.accepted_at,
  };
}

function fromRectification(r: Rectification): RectificationTable {
  return {
    id: r.id,
    county_code: r.countyCode,
    batch_id: r.batchId,
    item_id: r.itemId,
    aspect: r.aspect,
    problem: r.problem,
    comment: r.comment,
    missing_item_name: r.missingItemName,
    raised_by: r.raisedBy,
    raised_round: r.raisedRound,
    raised_at: r.raisedAt,
    response: r.response,
    response_round: r.responseRound,
    responded_by: r.respondedBy,
    resolved_item_id: r.resolvedItemId,
    state: r.state,
    accepted_round: r.acceptedRound,
    accepted_by: r.acceptedBy,
    accepted_at: r.acceptedAt,
  };
}
