import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { actorLabel, type Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, forbidden, notFound } from '../../shared/errors.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { holdsRoleOn } from '../accounts/access.rules.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import { validateProcess, type ProcessProblem } from '../process/process.rules.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { canEditPowers, canReadPowers, readablePaths } from '../catalogue/catalogue-access.rules.ts';
import type { PowerItemRepository } from '../catalogue/power-item.repository.ts';
import type { UnitRepository } from '../org/unit.repository.ts';
import type {
  Batch,
  BatchItem,
  EntryState,
  LedgerEntry,
  Ownership,
  Rectification,
  ReviewRepository,
  StoredFinding,
  TransitionRecord,
} from './review.repository.ts';
import {
  ASPECTS,
  COMPOSABLE_STATES,
  entriesToRaise,
  findingProblem,
  itemCleared,
  nextState,
  passRefusal,
  PROBLEM_LABELS,
  resubmitRefusal,
  returnNeedsAlert,
  REVIEW_ACTIONS,
  TRANSITIONS,
  type Aspect,
  type BatchState,
  type Problem,
  type Refusal,
  type ReviewAction,
  type ReviewParty,
  type Verdict,
} from './review.rules.ts';

/** Called inside the publishing transaction with the items just published (the public list re-indexes them). */
export type OnPublished = (trx: Kysely<Database>, countyCode: string, itemIds: string[]) => Promise<void>;

export interface ReviewDeps {
  db: Kysely<Database>;
  reviews: ReviewRepository;
  items: PowerItemRepository;
  units: UnitRepository;
  audit: AuditLog;
  alerts: AlertService;
  clock: Clock;
  onPublished: OnPublished;
}

/** What a person can do with a batch now, besides moving it on: compose it, record findings, answer findings. */
export type BatchWork = ReviewAction | 'compose' | 'record_findings' | 'respond';

export interface BatchItemView extends BatchItem {
  /** This round's finding per aspect (null where none is recorded yet). */
  findings: Record<Aspect, StoredFinding | null>;
  cleared: boolean;
  openEntries: number;
}

export interface BatchView {
  batch: Batch;
  items: BatchItemView[];
  findings: StoredFinding[];
  rectifications: Rectification[];
  transitions: TransitionRecord[];
  allowed: BatchWork[];
}

const batchNotFound = () => notFound('该审查批次', 'Review batch');
const refused = (r: Refusal, details: Record<string, unknown> = {}) => new DomainError('conflict', r, details);

/**
 * "三上三下" legal review: a unit's batch of draft revisions goes to the legal group, comes back with findings, is
 * fixed and resubmitted, passes, is evaluated by a county leader and published. Every step is one transaction with
 * its audit event and a line in the batch's timeline.
 */
export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  async listBatches(actor: Actor, filter: { unitCode?: string; state?: BatchState }): Promise<Batch[]> {
    let unitPaths = readablePaths(actor);
    if (filter.unitCode) {
      const unit = await this.deps.units.findByCode(this.deps.db, actor.countyCode, filter.unitCode);
      if (!unit || !canReadPowers(actor, unit.path)) return [];
      unitPaths = [unit.path];
    }
    return this.deps.reviews.listBatches(this.deps.db, { countyCode: actor.countyCode, unitPaths, state: filter.state });
  }

  async getBatch(actor: Actor, batchId: string): Promise<BatchView> {
    return this.view(this.deps.db, actor, await this.readableBatch(this.deps.db, actor, batchId));
  }

  /** The unit's clerk starts a batch with some of its items (each must have a revision not yet published). */
  async createBatch(actor: Actor, input: { unitCode: string; title: string; itemCodes: string[] }): Promise<BatchView> {
    return this.deps.db.transaction().execute(async (trx) => {
      const unit = await this.deps.units.findByCode(trx, actor.countyCode, input.unitCode);
      if (!unit || unit.status !== 'active') {
        throw new DomainError('validation', { zh: '单位不存在或已撤销', en: 'The unit does not exist or has ended' }, { fields: { unitCode: 'not_found' } });
      }
      if (!canEditPowers(actor, unit.path)) throw forbidden();
      const now = this.deps.clock.now().toISOString();
      const batch = {
        id: uuidv7(Date.parse(now)),
        countyCode: actor.countyCode,
        unitId: unit.id,
        title: input.title.trim(),
        state: 'draft' as const,
        round: 0,
        returns: 0,
        createdAt: now,
        createdBy: actorLabel(actor),
        submittedBy: null,
        reviewer: null,
        updatedAt: now,
      };
      await this.deps.reviews.insertBatch(trx, batch);
      const stored = (await this.deps.reviews.findBatch(trx, actor.countyCode, batch.id))!;
      const added = await this.putItems(trx, actor, stored, input.itemCodes);
      await this.record(trx, actor, stored, { action: 'create', fromState: null, toState: 'draft', comment: null }, { title: batch.title, items: added });
      return this.view(trx, actor, stored);
    });
  }

  /** Adds items while the unit holds the batch (compiling it, or adding an omitted item before resubmitting). */
  async addItems(actor: Actor, batchId: string, itemCodes: string[]): Promise<BatchView> {
    return this.deps.db.transaction().execute(async (trx) => {
      const batch = await this.composableBatch(trx, actor, batchId);
      const added = await this.putItems(trx, actor, batch, itemCodes);
      await this.deps.audit.append(trx, actor, {
        action: 'review.add_items',
        entity: `review_batch:${batch.id}`,
        county: actor.countyCode,
        payload: { items: added },
      });
      return this.view(trx, actor, batch);
    });
  }

  /**
   * Takes an item out of a batch the unit holds: while compiling it, or when it came back (e.g. an item abolished
   * meanwhile) — then the item's open rectification entries are withdrawn with it, and say so in the ledger.
   */
  async removeItem(actor: Actor, batchId: string, itemId: string): Promise<BatchView> {
    return this.deps.db.transaction().execute(async (trx) => {
      const batch = await this.composableBatch(trx, actor, batchId);
      const item = (await this.deps.reviews.batchItems(trx, batch.id)).find((i) => i.itemId === itemId);
      if (!item || !(await this.deps.reviews.removeItem(trx, batch.id, itemId))) throw notFound('批次中的该事项', 'Item in the batch');
      const withdrawn = await this.deps.reviews.withdrawEntries(trx, batch.id, itemId);
      if (item.revisionState === 'in_review') await this.deps.items.setRevisionState(trx, itemId, item.revision, 'returned');
      await this.deps.audit.append(trx, actor, {
        action: 'review.remove_item',
        entity: `review_batch:${batch.id}`,
        county: actor.countyCode,
        payload: { item: item.code, withdrawnEntries: withdrawn },
      });
      return this.view(trx, actor, batch);
    });
  }

  /** Moves a batch along its state machine: see `TRANSITIONS` for who may do what, and docs/review.md. */
  async transition(actor: Actor, batchId: string, action: ReviewAction, comment?: string | null): Promise<BatchView> {
    return this.deps.db.transaction().execute(async (trx) => {
      const batch = await this.readableBatch(trx, actor, batchId, true);
      const to = nextState(batch.state, action);
      if (typeof to !== 'string') throw refused(to, { state: batch.state, action });
      if (!this.acts(actor, TRANSITIONS[action].by, batch)) throw forbidden();
      const items = await this.deps.reviews.batchItems(trx, batch.id);
      const now = this.deps.clock.now().toISOString();
      const me = actorLabel(actor);
      const note = comment?.trim() || null;
      const patch: Parameters<ReviewRepository['updateBatch']>[3] = { state: to, updatedAt: now };
      const payload: Record<string, unknown> = {};

      switch (action) {
        case 'submit':
        case 'resubmit': {
          if (items.length === 0) throw refused({ zh: '批次中还没有事项', en: 'The batch holds no items yet' });
          if (action === 'resubmit') {
            const entries = await this.deps.reviews.rectifications(trx, batch.id);
            const why = resubmitRefusal(batch.round, entries, new Set(items.map((i) => i.itemId)));
            if (why) throw refused(why);
          }
          await this.assertProcessesComplete(trx, actor, items);
          payload.revisions = await this.bringUpToDate(trx, batch, items);
          patch.round = batch.round + 1;
          patch.submittedBy = me;
          break;
        }
        case 'take':
          await this.assertNotOwnWork(trx, me, batch);
          patch.reviewer = me;
          break;
        case 'return': {
          await this.assertNotOwnWork(trx, me, batch);
          const raised = await this.raiseEntries(trx, actor, batch);
          const open = (await this.deps.reviews.rectifications(trx, batch.id)).filter((e) => e.state === 'open').length;
          if (open === 0) throw refused({ zh: '没有需要整改的问题，不能退回；如已全部通过请点「初审通过」', en: 'Nothing to rectify: pass the batch instead' });
          patch.returns = batch.returns + 1;
          payload.raised = raised;
          break;
        }
        case 'pass': {
          await this.assertNotOwnWork(trx, me, batch);
          const [findings, entries] = await Promise.all([this.deps.reviews.findings(trx, batch.id), this.deps.reviews.rectifications(trx, batch.id)]);
          const open = entries.filter((e) => e.state === 'open');
          const why = passRefusal(
            items.map((i) => ({
              code: i.code,
              passed: itemCleared(
                i.revision,
                findings.filter((f) => f.itemId === i.itemId),
                0,
              ),
            })),
            open.length,
          );
          if (why) throw refused(why);
          break;
        }
        case 'send_back': {
          if (!note) {
            throw new DomainError('validation', { zh: '评审退回须写明理由', en: 'Say why the batch is sent back' }, { fields: { comment: 'required' } });
          }
          await this.deps.reviews.insertRectification(trx, this.newEntry(actor, batch, { itemId: null, aspect: null, problem: 'other', comment: note }));
          patch.returns = batch.returns + 1;
          break;
        }
        case 'publish': {
          const published = items.filter((i) => i.status === 'active');
          for (const i of published) await this.deps.items.publish(trx, i.itemId, i.revision, now);
          await this.deps.reviews.releaseItems(trx, batch.id);
          await this.deps.onPublished(
            trx,
            actor.countyCode,
            published.map((i) => i.itemId),
          );
          payload.published = published.map((i) => ({ code: i.code, revision: i.revision }));
          break;
        }
        case 'evaluate':
          break;
      }

      if (!(await this.deps.reviews.updateBatch(trx, batch.id, batch.state, patch))) {
        throw refused({ zh: '该批次刚被他人处理，请刷新后重试', en: 'Someone else just moved this batch on; reload and try again' });
      }
      const moved = (await this.deps.reviews.findBatch(trx, actor.countyCode, batch.id))!;
      await this.record(trx, actor, moved, { action, fromState: batch.state, toState: to, comment: note }, payload);
      if ((action === 'return' || action === 'send_back') && returnNeedsAlert(moved.returns)) {
        await this.deps.alerts.open(trx, actor, actor.countyCode, {
          kind: 'review.extra_return',
          severity: 'medium',
          subject: `${moved.unitName}「${moved.title}」第 ${moved.returns} 次退回，超过“三上三下”`,
          subjectRef: `review_batch:${moved.id}`,
          unitId: moved.unitId,
          details: { returns: moved.returns, round: moved.round },
        });
      }
      return this.view(trx, actor, moved);
    });
  }

  /** The reviewer's finding on one aspect of one item in the current round. */
  async recordFinding(
    actor: Actor,
    batchId: string,
    itemId: string,
    aspect: Aspect,
    input: { verdict: Verdict; problem: Problem | null; comment: string | null },
  ): Promise<StoredFinding> {
    const why = findingProblem(input);
    if (why) throw new DomainError('validation', why, { fields: { problem: 'invalid' } });
    return this.deps.db.transaction().execute(async (trx) => {
      const batch = await this.reviewingBatch(trx, actor, batchId);
      const item = (await this.deps.reviews.batchItems(trx, batch.id)).find((i) => i.itemId === itemId);
      if (!item) throw notFound('批次中的该事项', 'Item in the batch');
      await this.assertNotOwnWork(trx, actorLabel(actor), batch, [itemId]);
      const now = this.deps.clock.now();
      const finding: StoredFinding = {
        id: uuidv7(now.getTime()),
        batchId: batch.id,
        itemId,
        revision: item.revision,
        round: batch.round,
        aspect,
        verdict: input.verdict,
        problem: input.verdict === 'problem' ? input.problem : null,
        comment: input.comment?.trim() || null,
        reviewer: actorLabel(actor),
        recordedAt: now.toISOString(),
      };
      await this.deps.reviews.putFinding(trx, finding);
      await this.deps.audit.append(trx, actor, {
        action: 'review.finding',
        entity: `review_batch:${batch.id}`,
        county: actor.countyCode,
        payload: {
          item: item.code,
          revision: item.revision,
          round: batch.round,
          aspect,
          verdict: finding.verdict,
          problem: finding.problem,
          comment: finding.comment,
        },
      });
      return (await this.deps.reviews.findings(trx, batch.id)).find((f) => f.itemId === itemId && f.round === batch.round && f.aspect === aspect)!;
    });
  }

  /**
   * Passes the listed items on all three aspects at once (the reviewer's "三项全部通过" for items with nothing to
   * say); one transaction, one audit event naming every item.
   */
  async passItems(actor: Actor, batchId: string, itemIds: string[]): Promise<BatchView> {
    return this.deps.db.transaction().execute(async (trx) => {
      const batch = await this.reviewingBatch(trx, actor, batchId);
      const all = await this.deps.reviews.batchItems(trx, batch.id);
      const wanted = new Set(itemIds);
      const items = all.filter((i) => wanted.has(i.itemId));
      if (items.length !== wanted.size) throw notFound('批次中的该事项', 'Item in the batch');
      await this.assertNotOwnWork(trx, actorLabel(actor), batch, [...wanted]);
      const now = this.deps.clock.now();
      for (const item of items) {
        for (const aspect of ASPECTS) {
          await this.deps.reviews.putFinding(trx, {
            id: uuidv7(now.getTime()),
            batchId: batch.id,
            itemId: item.itemId,
            revision: item.revision,
            round: batch.round,
            aspect,
            verdict: 'pass',
            problem: null,
            comment: null,
            reviewer: actorLabel(actor),
            recordedAt: now.toISOString(),
          });
        }
      }
      await this.deps.audit.append(trx, actor, {
        action: 'review.pass_items',
        entity: `review_batch:${batch.id}`,
        county: actor.countyCode,
        payload: { round: batch.round, items: items.map((i) => ({ code: i.code, revision: i.revision })) },
      });
      return this.view(trx, actor, batch);
    });
  }

  /** 漏报: the reviewer names an item the unit left out; the unit must add it to the batch before resubmitting. */
  async raiseOmission(actor: Actor, batchId: string, input: { name: string; comment: string }): Promise<Rectification> {
    return this.deps.db.transaction().execute(async (trx) => {
      const batch = await this.reviewingBatch(trx, actor, batchId);
      await this.assertNotOwnWork(trx, actorLabel(actor), batch);
      const entry = { ...this.newEntry(actor, batch, { itemId: null, aspect: null, problem: 'omission', comment: input.comment.trim() }) };
      entry.missingItemName = input.name.trim();
      await this.deps.reviews.insertRectification(trx, entry);
      await this.deps.audit.append(trx, actor, {
        action: 'review.omission',
        entity: `rectification:${entry.id}`,
        county: actor.countyCode,
        payload: { batch: batch.id, name: entry.missingItemName, comment: entry.comment, round: batch.round },
      });
      return entry;
    });
  }

  /**
   * The unit says how it fixed an entry (整改情况) while the batch is back with it; for an omission it names the item
   * it added, which joins the batch.
   */
  async respond(actor: Actor, entryId: string, input: { response: string; itemCode?: string | null }): Promise<Rectification> {
    return this.deps.db.transaction().execute(async (trx) => {
      const { entry, batch } = await this.entryOf(trx, actor, entryId);
      if (!canEditPowers(actor, batch.unitPath)) throw forbidden();
      if (batch.state !== 'returned') throw refused({ zh: '批次退回后才能填写整改情况', en: 'Respond once the batch has been returned to the unit' });
      let resolvedItemId: string | undefined;
      if (entry.problem === 'omission' && entry.itemId === null) {
        const code = input.itemCode?.trim();
        if (!code) {
          throw new DomainError('validation', { zh: '请填写补报事项的编码', en: 'Give the code of the item you added' }, { fields: { itemCode: 'required' } });
        }
        const item = await this.deps.items.findByCode(trx, actor.countyCode, code);
        if (!item || !item.unitPath.startsWith(batch.unitPath)) {
          throw new DomainError(
            'validation',
            { zh: `本单位没有编码为 ${code} 的事项`, en: `The unit has no item ${code}` },
            { fields: { itemCode: 'not_found' } },
          );
        }
        const inBatch = (await this.deps.reviews.batchItems(trx, batch.id)).some((i) => i.itemId === item.id);
        if (!inBatch) await this.putItems(trx, actor, batch, [code]);
        resolvedItemId = item.id;
      }
      const ok = await this.deps.reviews.updateOpenRectification(trx, entry.id, {
        response: input.response.trim(),
        responseRound: batch.round,
        respondedBy: actorLabel(actor),
        ...(resolvedItemId ? { resolvedItemId } : {}),
      });
      if (!ok) throw refused({ zh: '该整改已验收', en: 'This rectification has already been accepted' });
      await this.deps.audit.append(trx, actor, {
        action: 'rectification.respond',
        entity: `rectification:${entry.id}`,
        county: actor.countyCode,
        payload: { batch: batch.id, round: batch.round, response: input.response.trim(), item: input.itemCode ?? null },
      });
      return (await this.deps.reviews.findRectification(trx, actor.countyCode, entry.id))!;
    });
  }

  /** The reviewer accepts a fix (验收) in a round after the one that raised it. */
  async accept(actor: Actor, entryId: string): Promise<Rectification> {
    return this.deps.db.transaction().execute(async (trx) => {
      const { entry, batch } = await this.entryOf(trx, actor, entryId);
      if (!this.acts(actor, 'legal_reviewer', batch)) throw forbidden();
      if (batch.state !== 'in_review') throw refused({ zh: '只能在审查中验收整改', en: 'Fixes are accepted while the batch is in review' });
      if (batch.round <= entry.raisedRound) {
        throw refused({ zh: '整改须在下一轮报送后验收', en: 'A fix is accepted in a later round than the one that raised it' });
      }
      if (entry.respondedBy === actorLabel(actor)) {
        throw new DomainError('review.own_work', { zh: '不能验收本人填写的整改', en: 'You cannot accept a fix you reported yourself' });
      }
      await this.assertNotOwnWork(trx, actorLabel(actor), batch);
      const now = this.deps.clock.now().toISOString();
      const ok = await this.deps.reviews.updateOpenRectification(trx, entry.id, {
        state: 'accepted',
        acceptedRound: batch.round,
        acceptedBy: actorLabel(actor),
        acceptedAt: now,
      });
      if (!ok) throw refused({ zh: '该整改已验收', en: 'This rectification has already been accepted' });
      await this.deps.audit.append(trx, actor, {
        action: 'rectification.accept',
        entity: `rectification:${entry.id}`,
        county: actor.countyCode,
        payload: { batch: batch.id, round: batch.round },
      });
      return (await this.deps.reviews.findRectification(trx, actor.countyCode, entry.id))!;
    });
  }

  /** The rectification ledger (整改台账) of the units the actor reads. */
  async ledger(
    actor: Actor,
    filter: { unitCode?: string; state?: EntryState },
    page: { offset: number; limit: number },
  ): Promise<{ items: LedgerEntry[]; total: number }> {
    let unitPaths = readablePaths(actor);
    if (filter.unitCode) {
      const unit = await this.deps.units.findByCode(this.deps.db, actor.countyCode, filter.unitCode);
      if (!unit || !canReadPowers(actor, unit.path)) return { items: [], total: 0 };
      unitPaths = [unit.path];
    }
    return this.deps.reviews.ledger(this.deps.db, { countyCode: actor.countyCode, unitPaths, state: filter.state }, page);
  }

  // ——— inside a transaction ———

  private async view(q: Kysely<Database>, actor: Actor, batch: Batch): Promise<BatchView> {
    const [items, findings, rectifications, transitions, ownership] = await Promise.all([
      this.deps.reviews.batchItems(q, batch.id),
      this.deps.reviews.findings(q, batch.id),
      this.deps.reviews.rectifications(q, batch.id),
      this.deps.reviews.transitions(q, batch.id),
      this.deps.reviews.ownership(q, batch.id),
    ]);
    const open = rectifications.filter((e) => e.state === 'open');
    const views = items.map((i): BatchItemView => {
      const own = findings.filter((f) => f.itemId === i.itemId);
      const entries = open.filter((e) => e.itemId === i.itemId).length;
      return {
        ...i,
        findings: Object.fromEntries(ASPECTS.map((a) => [a, own.find((f) => f.aspect === a && f.round === batch.round) ?? null])) as Record<
          Aspect,
          StoredFinding | null
        >,
        cleared: itemCleared(i.revision, own, entries),
        openEntries: entries,
      };
    });
    return { batch, items: views, findings, rectifications, transitions, allowed: this.allowedWork(actor, batch, ownership) };
  }

  /** What the actor may do with the batch now (the UI shows these buttons; the server checks each again). */
  private allowedWork(actor: Actor, batch: Batch, ownership: Ownership): BatchWork[] {
    const own = ownWorkRefusal(actorLabel(actor), ownership) !== null;
    const work: BatchWork[] = REVIEW_ACTIONS.filter((a) => {
      const t = TRANSITIONS[a];
      if (!t.from.includes(batch.state) || !this.acts(actor, t.by, batch)) return false;
      return t.by !== 'legal_reviewer' || !own;
    });
    if (COMPOSABLE_STATES.includes(batch.state) && this.acts(actor, 'unit_clerk', batch)) work.push('compose');
    if (batch.state === 'returned' && this.acts(actor, 'unit_clerk', batch)) work.push('respond');
    if (batch.state === 'in_review' && this.acts(actor, 'legal_reviewer', batch) && !own) work.push('record_findings');
    return work;
  }

  private acts(actor: Actor, party: ReviewParty, batch: Batch): boolean {
    switch (party) {
      case 'unit_clerk':
        return canEditPowers(actor, batch.unitPath);
      case 'unit_head':
        return holdsRoleOn(actor, ['head'], batch.unitPath);
      case 'legal_reviewer':
        return holdsRoleOn(actor, ['legal_reviewer'], batch.unitPath);
      case 'county_leader':
        return holdsRoleOn(actor, ['leader'], batch.unitPath);
    }
  }

  /**
   * A reviewer never reviews what it drafted or submitted (审查与编制相分离): not a batch it ever submitted or
   * resubmitted, nor an item with a revision of its own since the item was last published. `itemIds` narrows the
   * check to the items acted on.
   */
  private async assertNotOwnWork(trx: Kysely<Database>, me: string, batch: Batch, itemIds?: string[]): Promise<void> {
    const refusal = ownWorkRefusal(me, await this.deps.reviews.ownership(trx, batch.id), itemIds);
    if (refusal) throw refusal;
  }

  /** The batch if the actor may read it; with `lock`, writes to it wait for each other (see ReviewRepository.lock). */
  private async readableBatch(q: Kysely<Database>, actor: Actor, batchId: string, lock = false): Promise<Batch> {
    if (lock) await this.deps.reviews.lock(q, batchId);
    const batch = await this.deps.reviews.findBatch(q, actor.countyCode, batchId);
    if (!batch || !canReadPowers(actor, batch.unitPath)) throw batchNotFound();
    return batch;
  }

  private async composableBatch(q: Kysely<Database>, actor: Actor, batchId: string): Promise<Batch> {
    const batch = await this.readableBatch(q, actor, batchId, true);
    if (!canEditPowers(actor, batch.unitPath)) throw forbidden();
    if (!COMPOSABLE_STATES.includes(batch.state)) {
      throw refused({ zh: '批次已报送，单位不能再调整事项', en: 'The batch has been submitted: its items cannot change now' });
    }
    return batch;
  }

  private async reviewingBatch(q: Kysely<Database>, actor: Actor, batchId: string): Promise<Batch> {
    const batch = await this.readableBatch(q, actor, batchId, true);
    if (!this.acts(actor, 'legal_reviewer', batch)) throw forbidden();
    if (batch.state !== 'in_review') throw refused({ zh: '批次不在审查中', en: 'The batch is not in review' });
    return batch;
  }

  private async entryOf(q: Kysely<Database>, actor: Actor, entryId: string): Promise<{ entry: Rectification; batch: Batch }> {
    const found = await this.deps.reviews.findRectification(q, actor.countyCode, entryId);
    if (!found) throw notFound('该整改事项', 'Rectification');
    await this.deps.reviews.lock(q, found.batchId);
    // Read again under the lock: the entry may have moved on meanwhile.
    const entry = (await this.deps.reviews.findRectification(q, actor.countyCode, entryId))!;
    const batch = await this.deps.reviews.findBatch(q, actor.countyCode, entry.batchId);
    if (!batch || !canReadPowers(actor, batch.unitPath)) throw notFound('该整改事项', 'Rectification');
    return { entry, batch };
  }

  /** Adds items by code: each of the batch's unit (or below), active, with a revision not yet published. */
  private async putItems(trx: Kysely<Database>, actor: Actor, batch: Batch, codes: string[]): Promise<string[]> {
    const unique = [...new Set(codes.map((c) => c.trim()).filter(Boolean))];
    const found = await this.deps.items.findByCodes(trx, actor.countyCode, unique);
    const problems: Record<string, string> = {};
    for (const code of unique) {
      const item = found.get(code);
      if (!item || !item.unitPath.startsWith(batch.unitPath)) problems[code] = '本单位没有该事项';
      else if (item.status !== 'active') problems[code] = '该事项已取消、下放或划转';
      else if (item.publishedRevision === item.latestRevision) problems[code] = '该事项自公布后没有修改，无需审查';
    }
    const open = await this.deps.reviews.openBatchesOf(
      trx,
      [...found.values()].map((i) => i.id),
    );
    for (const [code, item] of found) if (open.has(item.id) && !problems[code]) problems[code] = '该事项已在另一个审查批次中';
    if (Object.keys(problems).length > 0) {
      throw new DomainError(
        'validation',
        { zh: '有事项不能加入批次，见各编码的原因', en: 'Some items cannot join the batch; see each code' },
        { items: problems },
      );
    }
    const now = this.deps.clock.now().toISOString();
    for (const code of unique) {
      const item = found.get(code)!;
      await this.deps.reviews.addItem(trx, batch.id, item.id, code, item.latestRevision, now);
    }
    return unique;
  }

  /** On (re)submission the batch carries each item's latest revision: the unit's fixes are what is reviewed next. */
  private async bringUpToDate(trx: Kysely<Database>, batch: Batch, items: BatchItem[]): Promise<{ code: string; revision: number }[]> {
    const ended = items.filter((i) => i.status !== 'active').map((i) => i.code);
    if (ended.length > 0) {
      throw refused({
        zh: `批次中有已取消、下放或划转的事项：${ended.join('、')}，请先将其移出批次`,
        en: `The batch holds items that have ended: ${ended.join(', ')}; take them out of the batch first`,
      });
    }
    for (const i of items) {
      if (i.latestRevision !== i.revision) {
        await this.deps.items.setRevisionState(trx, i.itemId, i.revision, 'returned');
        await this.deps.reviews.setItemRevision(trx, batch.id, i.itemId, i.latestRevision);
      }
      await this.deps.items.setRevisionState(trx, i.itemId, i.latestRevision, 'in_review');
    }
    return items.map((i) => ({ code: i.code, revision: i.latestRevision }));
  }

  /**
   * 两单两图 go to review together: a revision whose process still has problems — errors, or the warnings saving
   * allowed (a step without a role or limit, a risk point without measures) — cannot be submitted, so it can never
   * be published. An item without a process yet may be reviewed on its lists alone.
   */
  private async assertProcessesComplete(trx: Kysely<Database>, actor: Actor, items: BatchItem[]): Promise<void> {
    const unitCodes = new Set((await this.deps.units.list(trx, actor.countyCode)).filter((u) => u.status === 'active').map((u) => u.code));
    const incomplete: { code: string; problems: ProcessProblem[] }[] = [];
    for (const item of items) {
      // Exactly the revision the submission pins (bringUpToDate moves the batch to it), read in this transaction.
      const c = (await this.deps.items.listRevisions(trx, item.itemId)).find((r) => r.revision === item.latestRevision)!.content;
      if (!c.process) continue;
      const problems = validateProcess(c.process, c, (code) => unitCodes.has(code));
      if (problems.length > 0) incomplete.push({ code: item.code, problems });
    }
    if (incomplete.length === 0) return;
    const first = incomplete[0]!;
    throw new DomainError(
      'process.incomplete',
      {
        zh: `${incomplete.length} 个事项的流程尚未完成，不能报送：${first.code} ${first.problems[0]!.message.zh}`,
        en: `The process of ${incomplete.length} item(s) is not complete, so the batch cannot be submitted: ${first.code} ${first.problems[0]!.message.en}`,
      },
      { items: incomplete },
    );
  }

  /** The round's problems become rectification entries (one per problem not already open). */
  private async raiseEntries(trx: Kysely<Database>, actor: Actor, batch: Batch): Promise<number> {
    const [findings, entries] = await Promise.all([this.deps.reviews.findings(trx, batch.id), this.deps.reviews.rectifications(trx, batch.id)]);
    const toRaise = entriesToRaise(
      findings.filter((f) => f.round === batch.round),
      entries.filter((e) => e.state === 'open'),
    );
    for (const f of toRaise) {
      await this.deps.reviews.insertRectification(
        trx,
        this.newEntry(actor, batch, { itemId: f.itemId, aspect: f.aspect, problem: f.problem!, comment: f.comment ?? PROBLEM_LABELS[f.problem!].zh }),
      );
    }
    return toRaise.length;
  }

  private newEntry(actor: Actor, batch: Batch, e: { itemId: string | null; aspect: Aspect | null; problem: Problem; comment: string }): Rectification {
    const now = this.deps.clock.now();
    return {
      id: uuidv7(now.getTime()),
      countyCode: batch.countyCode,
      batchId: batch.id,
      ...e,
      missingItemName: null,
      raisedBy: actorLabel(actor),
      raisedRound: batch.round,
      raisedAt: now.toISOString(),
      response: null,
      responseRound: null,
      respondedBy: null,
      resolvedItemId: null,
      state: 'open',
      acceptedRound: null,
      acceptedBy: null,
      acceptedAt: null,
    };
  }

  private async record(
    trx: Kysely<Database>,
    actor: Actor,
    batch: Batch,
    t: { action: string; fromState: BatchState | null; toState: BatchState; comment: string | null },
    payload: Record<string, unknown>,
  ): Promise<void> {
    await this.deps.reviews.appendTransition(trx, batch.id, { ...t, round: batch.round, actor: actorLabel(actor), at: batch.updatedAt });
    await this.deps.audit.append(trx, actor, {
      action: `review.${t.action}`,
      entity: `review_batch:${batch.id}`,
      county: actor.countyCode,
      payload: { unit: batch.unitCode, from: t.fromState, to: t.toState, round: batch.round, returns: batch.returns, comment: t.comment, ...payload },
    });
  }
}

/** The refusal when `me` submitted the batch or drafted one of the (given) items' revisions under review, else null. */
function ownWorkRefusal(me: string, own: Ownership, itemIds?: string[]): DomainError | null {
  const drafted = [...new Set(own.drafters.filter((d) => d.createdBy === me && (!itemIds || itemIds.includes(d.itemId))).map((d) => d.code))];
  if (drafted.length > 0) {
    return new DomainError(
      'review.own_work',
      { zh: `不能审查本人起草的事项：${drafted.join('、')}`, en: `You cannot review revisions you drafted: ${drafted.join(', ')}` },
      { items: drafted },
    );
  }
  if (own.submitters.has(me)) {
    return new DomainError('review.own_work', { zh: '不能审查本人报送的批次', en: 'You cannot review a batch you submitted' }, { items: [] });
  }
  return null;
}
