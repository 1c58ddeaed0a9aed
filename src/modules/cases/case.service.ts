import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { BUSINESS_ROLES, actorLabel, type Actor, type Role } from '../../shared/actor.ts';
import type { BlobStore } from '../../shared/blob-store.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, forbidden, notFound } from '../../shared/errors.ts';
import type { FieldCipher } from '../../shared/field-crypto.ts';
import { uuidv7 } from '../../shared/ids.ts';
import type { AccountRepository } from '../accounts/account.repository.ts';
import { grantsWithRole, holdsRole, holdsRoleOn } from '../accounts/access.rules.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import type { AuditRepository, ChainHead } from '../audit/audit.repository.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { computeDeadline, explainDeadline, type Suspension, type WorkCalendar } from '../calendar/calendar.rules.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { PowerItemRepository } from '../catalogue/power-item.repository.ts';
import type { PowerContent } from '../catalogue/power-item.rules.ts';
import type { UnitRepository } from '../org/unit.repository.ts';
import type { Unit } from '../org/unit.rules.ts';
import type { ProcessDefinition, StepNode } from '../process/process.rules.ts';
import { acceptanceDue, acceptanceOnAnswer, CASE_LAW, isCorrection, caseDeadlines, mayExtend, workdaysTaken } from './case-clock.rules.ts';
import { chartOf, completeStep, startRun, type Advance, type Chart } from './case-engine.rules.ts';
import type { Application, CaseListFilter, CaseView, Completion, Efficiency, PublicCaseView, TaskView } from './case.contract.ts';
import { newCaseRecord, type CaseRecord, type CaseRepository, type StoredSuspension, type TaskRecord, type UploadRecord } from './case.repository.ts';
import { maskPersonName } from './applicant.rules.ts';
import { medianOf } from './efficiency.rules.ts';
import { formatReceipt, newReceipt, normaliseReceipt } from './receipt.rules.ts';
import { acceptanceShown, summaryOf, taskView, timelineOf } from './case-views.ts';
import { DEFAULT_SEPARATIONS, findViolation, itemSeparation, violationError, type SeparationRule } from './separation.rules.ts';
import { checkUpload, checkUploadCount, UPLOAD_LIMITS } from './upload.rules.ts';

export interface CaseDeps {
  db: Kysely<Database>;
  cases: CaseRepository;
  /** Login names of who did a step, for staff views. */
  accounts: Pick<AccountRepository, 'loginsOf'>;
  items: PowerItemRepository;
  units: UnitRepository;
  calendar: CalendarService;
  audit: AuditLog;
  auditEvents: AuditRepository;
  alerts: AlertService;
  blobs: BlobStore;
  cipher: FieldCipher;
  clock: Clock;
  /** Share of the limit used when a case turns yellow (CASE_LAW.yellowRatio unless configured). */
  yellowRatio?: number;
  random?: (n: number) => Uint8Array;
}

/** What a case runs under: the pinned revision's process, indexed for the engine, and its separation rules. */
interface Pinned {
  content: PowerContent;
  process: ProcessDefinition;
  chart: Chart;
  steps: Map<string, StepNode>;
  separations: SeparationRule[];
}

/** Roles that register applications at the counter (窗口受理). */
const COUNTER_ROLES: readonly Role[] = ['clerk', 'section_chief', 'head', 'leader'];
const STAFF_ROLES: readonly Role[] = BUSINESS_ROLES;

interface ApplicantDetails {
  name: string;
  idNumber: string | null;
  phone: string | null;
  organisation: string | null;
}

/**
 * Running the power (权力运行): applications become cases that move through the published process of the item
 * revision they pin, step by step on the legal clock, with duties separated per case and every action audited.
 */
export class CaseService {
  private readonly pinnedCache = new Map<string, Pinned>();
  private readonly yellowRatio: number;
  private readonly random: (n: number) => Uint8Array;

  constructor(private readonly deps: CaseDeps) {
    this.yellowRatio = deps.yellowRatio ?? CASE_LAW.yellowRatio;
    this.random = deps.random ?? ((n) => randomBytes(n));
  }

  // ── Applying ─────────────────────────────────────────────────────────────────────────

  /** A clerk registers an application at the counter (窗口受理登记). */
  async register(actor: Actor, input: Application): Promise<CaseView> {
    const calendar = await this.calendarOf(actor.countyCode);
    const id = await this.deps.db.transaction().execute(async (trx) => {
      const { item, unit } = await this.publishedItem(trx, actor.countyCode, input.itemCode);
      if (actor.kind === 'user' && !holdsRoleOn(actor, COUNTER_ROLES, unit.path)) throw forbidden();
      return (await this.open(trx, actor, 'counter', item, unit, input, calendar)).id;
    });
    return this.getCase(actor, id);
  }

  /** A citizen applies on the portal, without an account: the receipt code is how they follow the case. */
  async applyOnline(actor: Actor, input: Application): Promise<{ receipt: string; caseId: string; trackUrl: string }> {
    const calendar = await this.calendarOf(actor.countyCode);
    return this.deps.db.transaction().execute(async (trx) => {
      const { item, unit } = await this.publishedItem(trx, actor.countyCode, input.itemCode);
      const c = await this.open(trx, actor, 'online', item, unit, input, calendar);
      return { receipt: formatReceipt(c.receipt), caseId: c.id, trackUrl: `/track/${c.receipt}` };
    });
  }

  /** The form of an item's application: its materials and limits, from the published revision. */
  async applicationForm(countyCode: string, code: string) {
    const { item, unit } = await this.publishedItem(this.deps.db, countyCode, code);
    const pinned = await this.pinned(this.deps.db, item.id, item.publishedRevision!);
    return {
      itemCode: item.code,
      itemName: pinned.content.name,
      unitName: await this.publicUnitName(this.deps.db, unit),
      revision: item.publishedRevision!,
      materials: pinned.content.materials.map((m) => ({ name: m.name, required: m.required, form: m.form, copies: m.copies })),
      limits: { statutory: pinned.content.statutoryLimit, promised: pinned.content.promisedLimit },
      upload: { maxBytes: UPLOAD_LIMITS.maxFileBytes, maxFiles: UPLOAD_LIMITS.maxFilesPerApplication, types: Object.keys(UPLOAD_LIMITS.extensions) },
    };
  }

  /** Stores an uploaded file (checked for type and size) until an application or a step takes it; its hash is audited. */
  async upload(actor: Actor, file: { name: string; bytes: Buffer }) {
    const { mediaType } = checkUpload(file);
    const stored = await this.deps.blobs.put(file.bytes);
    const now = this.deps.clock.now();
    const upload: UploadRecord = {
      id: uuidv7(now.getTime()),
      countyCode: actor.countyCode,
      caseId: null,
      name: file.name,
      mediaType,
      size: stored.size,
      sha256: stored.sha256,
      storageKey: stored.key,
      uploadedBy: actorLabel(actor),
      uploadedAt: now.toISOString(),
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.cases.insertUpload(trx, upload);
      await this.deps.audit.append(trx, actor, {
        action: 'case.upload',
        entity: `upload:${upload.id}`,
        county: actor.countyCode,
        payload: { v: 1, sha256: upload.sha256, size: upload.size, mediaType },
      });
    });
    return { id: upload.id, name: upload.name, size: upload.size, mediaType, sha256: upload.sha256 };
  }

  private async publishedItem(q: Kysely<Database>, countyCode: string, code: string) {
    const item = await this.deps.items.findByCode(q, countyCode, code);
    if (!item || item.publishedRevision === null || item.status !== 'active') throw notFound('已公布的该事项', 'Published item');
    const unit = await this.deps.units.findById(q, countyCode, item.unitId);
    if (!unit) throw notFound('该事项的实施单位', 'Unit of the item');
    return { item, unit };
  }

  private async open(
    trx: Kysely<Database>,
    actor: Actor,
    channel: 'counter' | 'online',
    item: { id: string; code: string; publishedRevision: number | null },
    unit: Unit,
    input: Application,
    calendar: WorkCalendar,
  ): Promise<CaseRecord> {
    const revision = item.publishedRevision!;
    const pinned = await this.pinned(trx, item.id, revision);
    const materials = await this.checkMaterials(trx, actor, channel, pinned.content, input.materials ?? []);
    const now = this.deps.clock.now();
    const c = newCaseRecord({
      id: uuidv7(now.getTime()),
      countyCode: actor.countyCode,
      itemId: item.id,
      itemCode: item.code,
      itemName: pinned.content.name,
      category: pinned.content.category,
      revision,
      unitId: unit.id,
      receipt: newReceipt(this.random),
      channel,
      ...this.sealApplicant(input.applicant),
      summary: input.summary?.trim() || null,
      materials,
      arrivedAt: now.toISOString(),
      acceptanceDueAt: acceptanceDue(calendar, now).toISOString(),
      createdBy: actorLabel(actor),
    });
    const advance = startRun(pinned.chart);
    const tasks = await this.apply(trx, c, pinned, advance, calendar, now);
    await this.deps.cases.insertCase(trx, c);
    await this.deps.cases.insertTasks(trx, tasks);
    const fileIds = materials.flatMap((m) => m.fileIds);
    if ((await this.deps.cases.attachUploads(trx, c.id, fileIds)) !== fileIds.length)
      throw new DomainError('conflict', {
        zh: '有上传的文件已属于其他申请，请重新上传',
        en: 'An uploaded file already belongs to another application; upload it again',
      });
    const uploads = await this.deps.cases.findUploads(trx, c.countyCode, fileIds);
    await this.deps.audit.append(trx, actor, {
      action: 'case.register',
      entity: `case:${c.id}`,
      county: c.countyCode,
      payload: {
        v: 1,
        receipt: c.receipt,
        item: c.itemCode,
        revision,
        channel,
        files: uploads.map((u) => ({ sha256: u.sha256, size: u.size, mediaType: u.mediaType })),
      },
    });
    return c;
  }

  /** The applicant as a case keeps them: the details encrypted, and for lists the organisation or the masked name. */
  sealApplicant(given: Application['applicant']): Pick<CaseRecord, 'applicantSealed' | 'applicantMasked'> {
    const applicant: ApplicantDetails = {
      name: given.name.trim(),
      idNumber: given.idNumber ?? null,
      phone: given.phone ?? null,
      organisation: given.organisation?.trim() || null,
    };
    return {
      applicantSealed: this.deps.cipher.encrypt(JSON.stringify(applicant)),
      applicantMasked: applicant.organisation ?? maskPersonName(applicant.name),
    };
  }

  /**
   * Cases migrated from the county's former system (the demo's two years of history): finished cases and their tasks,
   * written in one transaction with one audit event that carries their number and a SHA-256 of the rows — they are
   * not replayed through the engine. Each case's deadlines, warning instants and figures are recomputed here with the
   * service's own clock rules, as its closing would have set them. Once per county: `present` when history was loaded
   * before (and `rows` is not called).
   */
  async loadHistory(actor: Actor, rows: () => Promise<{ cases: CaseRecord[]; tasks: TaskRecord[] }>): Promise<'loaded' | 'present'> {
    if (actor.kind !== 'cli') throw forbidden();
    const entity = `case-history:${actor.countyCode}`;
    if ((await this.deps.auditEvents.listByEntity(this.deps.db, entity)).length > 0) return 'present';
    const { cases, tasks } = await rows();
    const calendar = await this.calendarOf(actor.countyCode);
    const ids = new Set(cases.map((c) => c.id));
    const refused = cases.find((c) => c.countyCode !== actor.countyCode || c.state !== 'done' || c.closedAt === null);
    if (refused || tasks.some((t) => !ids.has(t.caseId) || t.countyCode !== actor.countyCode))
      throw new DomainError('validation', {
        zh: '历史办件须为本县已办结的办件，环节须属于其中的办件',
        en: 'Historical cases must be closed cases of this county, and their tasks must belong to them',
      });
    return this.deps.db.transaction().execute(async (trx) => {
      if ((await this.deps.auditEvents.listByEntity(trx, entity)).length > 0) return 'present';
      for (const c of cases) this.keepTime(c, (await this.pinned(trx, c.itemId, c.revision)).content, calendar, new Date(c.closedAt!));
      await this.deps.cases.insertCases(trx, cases);
      await this.deps.cases.insertTasks(trx, tasks);
      const hash = createHash('sha256');
      for (const row of [...cases, ...tasks]) hash.update(JSON.stringify(row)).update('\n');
      await this.deps.audit.append(trx, actor, {
        action: 'case.history_loaded',
        entity,
        county: actor.countyCode,
        payload: { v: 1, cases: cases.length, tasks: tasks.length, sha256: hash.digest('hex') },
      });
      return 'loaded';
    });
  }

  /** Materials named as the item lists them; uploads exist and wait for a case; online, every required one has a file. */
  private async checkMaterials(
    trx: Kysely<Database>,
    actor: Actor,
    channel: 'counter' | 'online',
    content: PowerContent,
    given: Application['materials'] & object,
  ) {
    const listed = new Set(content.materials.map((m) => m.name));
    const unknown = given.filter((m) => !listed.has(m.name)).map((m) => m.name);
    if (unknown.length > 0)
      throw new DomainError(
        'validation',
        { zh: `该事项的材料清单中没有：${unknown.join('、')}`, en: `Not on the item's list of materials: ${unknown.join(', ')}` },
        { fields: { materials: unknown.join(', ') } },
      );
    const fileIds = given.flatMap((m) => m.fileIds);
    checkUploadCount(fileIds.length);
    if (new Set(fileIds).size !== fileIds.length)
      throw new DomainError('validation', { zh: '同一文件不能重复提交', en: 'A file was given twice' }, { fields: { materials: 'duplicate' } });
    const uploads = await this.deps.cases.findUploads(trx, actor.countyCode, fileIds);
    if (uploads.length !== fileIds.length || uploads.some((u) => u.caseId !== null))
      throw new DomainError(
        'validation',
        { zh: '有文件未上传成功或已被使用，请重新上传', en: 'A file was not uploaded or is already used; upload it again' },
        { fields: { materials: 'files' } },
      );
    if (channel === 'online') {
      const missing = content.materials.filter((m) => m.required && !given.some((g) => g.name === m.name && g.fileIds.length > 0)).map((m) => m.name);
      if (missing.length > 0)
        throw new DomainError(
          'validation',
          { zh: `请上传必需的材料：${missing.join('、')}`, en: `Upload the required materials: ${missing.join(', ')}` },
          { fields: { materials: missing.join(', ') }, missing },
        );
    }
    return given.filter((m) => m.fileIds.length > 0 || channel === 'counter').map((m) => ({ name: m.name, fileIds: [...m.fileIds] }));
  }

  // ── Running ──────────────────────────────────────────────────────────────────────────

  /** Claims an open task: the step's role in the step's unit, and no duty the person may not combine with it. */
  async claim(actor: Actor, taskId: string, input: { notice?: string | null } = {}): Promise<{ taskId: string; caseId: string }> {
    const person = personOf(actor);
    const calendar = await this.calendarOf(actor.countyCode);
    const caseId = await this.guarded(actor, async (trx) => {
      const { task, tasks, c, head } = await this.taskWithCase(trx, actor, taskId);
      if (task.state === 'claimed') throw taken(task.claimedBy === person);
      if (task.state !== 'open') throw closedTask();
      await this.assertMayPerform(trx, actor, task);
      const pinned = await this.pinned(trx, c.itemId, c.revision);
      this.checkSeparation(pinned, c, tasks, task, person);
      const notice = input.notice?.trim() || null;
      if (task.clockStop && !notice)
        throw new DomainError(
          'validation',
          {
            zh: `“${task.stepName}”（${task.clockStop}）不计入办理期限，须书面告知申请人所需时间（行政许可法第四十五条）`,
            en: `“${task.stepName}” (${task.clockStop}) stops the clock: record the written notice to the applicant (art. 45)`,
          },
          { fields: { notice: 'required' } },
        );
      const now = this.deps.clock.now().toISOString();
      const claimed: TaskRecord = { ...task, state: 'claimed', claimedBy: person, claimedAt: now, notice: notice ?? task.notice };
      if (!(await this.deps.cases.updateTask(trx, task, claimed))) throw taken(false);
      // 第四十五条: the clock stops once the applicant is told in writing how long the work takes, not before.
      if (task.clockStop && notice) {
        c.suspensions.push({ from: now, to: null, reason: `${task.clockStop}（${CASE_LAW.clockStopSource}）`, notice, taskId: task.id });
        if (c.state === 'running') c.state = 'suspended';
        this.keepTime(c, pinned.content, calendar, new Date(now));
      }
      // Always saved (the version moves): two claims on one case cannot both pass the separation check unseen.
      await this.deps.cases.updateCase(trx, c);
      await this.deps.audit.appendAt(trx, head, actor, {
        action: 'case.claim',
        entity: `case:${c.id}`,
        county: c.countyCode,
        payload: { v: 1, task: task.id, step: task.stepId, duty: task.duty },
      });
      return task.caseId;
    });
    return { taskId, caseId };
  }

  /** One task as its lists show it (after a claim). */
  async getTask(actor: Actor, taskId: string): Promise<TaskView> {
    const task = await this.task(this.deps.db, actor, taskId);
    const c = (await this.deps.cases.findById(this.deps.db, actor.countyCode, task.caseId))!;
    if (!(await this.maySee(actor, c, [task]))) throw notFound('该待办', 'Task');
    return (await this.taskViews(actor, [task]))[0]!;
  }

  /**
   * Puts a claimed task back among the open ones: its claimer lets it go, or a section chief or head of the step's
   * unit takes it from someone who cannot do it (away, or bound by a separation rule). A clock stop already told to
   * the applicant keeps running.
   */
  async release(actor: Actor, taskId: string): Promise<{ taskId: string; caseId: string }> {
    const person = personOf(actor);
    const caseId = await this.deps.db.transaction().execute(async (trx) => {
      const { task, c, head } = await this.taskWithCase(trx, actor, taskId);
      if (task.state !== 'claimed') throw new DomainError('case.not_allowed', { zh: '该环节未被认领', en: 'The step is not claimed' });
      const path = await this.unitPath(trx, actor.countyCode, task.unitId);
      if (task.claimedBy !== person && (path === undefined || !holdsRoleOn(actor, ['section_chief', 'head'], path))) throw forbidden();
      if (!(await this.deps.cases.updateTask(trx, task, { ...task, state: 'open', claimedBy: null, claimedAt: null }))) throw closedTask();
      await this.deps.cases.updateCase(trx, c);
      await this.deps.audit.appendAt(trx, head, actor, {
        action: 'case.release',
        entity: `case:${c.id}`,
        county: c.countyCode,
        payload: { v: 1, task: task.id, step: task.stepId, byClaimer: task.claimedBy === person },
      });
      return c.id;
    });
    return { taskId, caseId };
  }

  /**
   * Completes a task with its outcome: the process moves on, the clock is kept, and the case may end. An open task is
   * claimed by its completer in the same transaction (one commit for a person working their queue); a task that
   * stops the clock must be claimed first, with the written notice to the applicant.
   */
  async complete(actor: Actor, taskId: string, input: Completion): Promise<StepDone> {
    const person = personOf(actor);
    const calendar = await this.calendarOf(actor.countyCode);
    return this.guarded(actor, async (trx) => {
      const { task, tasks: siblings, c, head } = await this.taskWithCase(trx, actor, taskId);
      if (task.state === 'open') await this.assertMayTakeOpen(trx, actor, task);
      else if (task.state !== 'claimed') throw closedTask();
      else if (task.claimedBy !== person) throw taken(false);
      const pinned = await this.pinned(trx, c.itemId, c.revision);
      this.checkSeparation(pinned, c, siblings, task, person);
      const outcome = input.outcome?.trim() || null;
      const nowDate = this.deps.clock.now();
      const now = nowDate.toISOString();
      const attachments = input.attachments ?? [];
      if (attachments.length > 0) {
        const found = await this.deps.cases.findUploads(trx, c.countyCode, attachments);
        if (
          found.length !== attachments.length ||
          found.some((u) => u.caseId !== null) ||
          (await this.deps.cases.attachUploads(trx, c.id, attachments)) !== attachments.length
        )
          throw new DomainError(
            'validation',
            { zh: '有附件未上传成功或已被使用', en: 'An attachment was not uploaded or is already used' },
            { fields: { attachments: 'files' } },
          );
      }
      const step = pinned.steps.get(task.stepId)!;
      const correction = step.duty === 'accept' && isCorrection(outcome);
      if (correction && !c.correctionAsked && nowDate >= acceptanceDue(calendar, new Date(c.arrivedAt)))
        throw new DomainError('case.not_allowed', {
          zh: '已超过五个工作日，依行政许可法第三十二条视为自收到申请材料之日起受理，不能再要求补正',
          en: 'Five working days have passed: the application counts as accepted on arrival (art. 32) and corrections can no longer be asked for',
        });
      if (correction && c.correctionAsked)
        throw new DomainError('case.not_allowed', {
          zh: '补正材料只能一次性告知（行政许可法第三十二条），本案已告知过；材料仍不齐全的，请作出不予受理决定',
          en: 'Missing materials are asked for once (art. 32) and this case already was; refuse acceptance if they are still incomplete',
        });
      const advance = completeStep(pinned.chart, c.run, task.stepId, outcome);
      // Acceptance (受理): within five working days of arrival it starts the clock on the day it is given, later it
      // counts from arrival (第三十二条); asking for corrections keeps the case pending.
      if (step.duty === 'accept' && c.state === 'pending' && !correction && !advance.end) {
        const accepted = acceptanceOnAnswer(calendar, new Date(c.arrivedAt), c.correctionAsked, nowDate);
        c.acceptedAt = accepted.acceptedAt.toISOString();
        c.deemedAccepted = accepted.deemed;
        c.state = 'running';
      }
      if (correction) c.correctionAsked = true;
      const finished = c.suspensions.find((s) => s.taskId === task.id && s.to === null);
      if (finished) finished.to = now;
      const tasks = await this.apply(trx, c, pinned, advance, calendar, nowDate);
      await this.deps.cases.cancelTasks(trx, c.id, advance.cancelled);
      const done: TaskRecord = {
        ...task,
        state: 'done',
        claimedBy: person,
        claimedAt: task.claimedAt ?? now,
        completedBy: person,
        completedAt: now,
        outcome,
        comment: input.comment?.trim() || null,
        attachments,
      };
      const event = this.deps.audit.follow(head, actor, {
        action: 'case.complete',
        entity: `case:${c.id}`,
        county: c.countyCode,
        payload: {
          v: 1,
          task: task.id,
          step: task.stepId,
          duty: task.duty,
          outcome,
          ...(task.state === 'open' ? { claimed: true } : {}),
          opened: tasks.map((t) => t.stepId),
          ...(advance.end ? { end: advance.end.name } : {}),
          ...(attachments.length > 0 ? { attachments } : {}),
        },
      });
      if (!(await this.deps.cases.saveStep(trx, { before: task, after: done, c, opened: tasks, event }))) throw closedTask();
      return { caseId: c.id, state: c.state, outcome: c.outcome, opened: tasks.map((t) => ({ taskId: t.id, stepId: t.stepId })) };
    });
  }

  /** 第四十二条: the unit head extends a 行政许可 case once by ten working days, and the reason is told to the applicant. */
  async extend(actor: Actor, caseId: string, input: { reason: string; toldApplicant: string }): Promise<CaseView> {
    const calendar = await this.calendarOf(actor.countyCode);
    await this.deps.db.transaction().execute(async (trx) => {
      // The chain first, as every change to a case takes it (see taskWithCase).
      const head = await this.deps.auditEvents.lockHead(trx);
      const c = await this.deps.cases.findById(trx, actor.countyCode, caseId);
      if (!c) throw notFound('该办件', 'Case');
      const unit = (await this.deps.units.findById(trx, c.countyCode, c.unitId))!;
      if (!holdsRoleOn(actor, ['head'], unit.path)) throw forbidden();
      const refusal = extensionRefusal(c, this.deps.clock.now());
      if (refusal) throw new DomainError('case.not_allowed', refusal);
      const now = this.deps.clock.now();
      c.extensions.push({
        days: CASE_LAW.extensionDays,
        approvedBy: actor.kind === 'user' ? actor.login : actorLabel(actor),
        reason: input.reason.trim(),
        toldApplicant: input.toldApplicant.trim(),
        at: now.toISOString(),
      });
      const pinned = await this.pinned(trx, c.itemId, c.revision);
      this.keepTime(c, pinned.content, calendar, now);
      await this.deps.cases.updateCase(trx, c);
      await this.deps.audit.appendAt(trx, head, actor, {
        action: 'case.extend',
        entity: `case:${c.id}`,
        county: c.countyCode,
        payload: { v: 1, days: CASE_LAW.extensionDays, due: c.dueDate, source: CASE_LAW.extensionSource },
      });
    });
    return this.getCase(actor, caseId);
  }

  /**
   * After a notice is stored (inside its transaction, with the calendar it makes): open cases counting on a year
   * without a notice get their deadlines and warning instants recomputed; each one that moved is audited.
   */
  async recomputeProvisional(trx: Kysely<Database>, actor: Actor, countyCode: string, calendar: WorkCalendar): Promise<void> {
    const now = this.deps.clock.now();
    for (const c of await this.deps.cases.listOpenProvisional(trx, countyCode)) {
      const before = c.dueDate;
      this.keepTime(c, (await this.pinned(trx, c.itemId, c.revision)).content, calendar, now);
      await this.deps.cases.updateCase(trx, c);
      if (c.dueDate !== before)
        await this.deps.audit.append(trx, actor, {
          action: 'case.deadline_moved',
          entity: `case:${c.id}`,
          county: countyCode,
          payload: { v: 1, from: before, to: c.dueDate, provisional: c.provisional },
        });
    }
  }

  /**
   * Applies an engine step to the case: opens the next tasks (with their step deadlines and clock stops), ends the
   * case at an end event, and recomputes its deadlines. Returns the new tasks to insert.
   */
  private async apply(trx: Kysely<Database>, c: CaseRecord, pinned: Pinned, advance: Advance, calendar: WorkCalendar, now: Date): Promise<TaskRecord[]> {
    c.run = advance.state;
    const iso = now.toISOString();
    const tasks: TaskRecord[] = [];
    for (const step of advance.opened) {
      tasks.push({
        id: uuidv7(now.getTime()),
        caseId: c.id,
        countyCode: c.countyCode,
        stepId: step.id,
        stepName: step.name,
        duty: step.duty ?? 'other',
        unitId: await this.performerUnit(trx, c, step),
        role: step.performer.role,
        clockStop: step.clockStop,
        state: 'open',
        createdAt: iso,
        dueAt: step.limitDays === null || step.clockStop ? null : computeDeadline(calendar, { start: now, days: step.limitDays }).due.toISOString(),
        claimedBy: null,
        claimedAt: null,
        completedBy: null,
        completedAt: null,
        outcome: null,
        comment: null,
        notice: null,
        attachments: [],
      });
    }
    if (advance.end) {
      c.state = 'done';
      c.outcome = advance.end.name;
      c.closedAt = iso;
      for (const s of c.suspensions) s.to ??= iso;
    } else if (c.state !== 'pending') {
      c.state = c.suspensions.some((s) => s.to === null) ? 'suspended' : 'running';
    }
    this.keepTime(c, pinned.content, calendar, now);
    return tasks;
  }

  /** Recomputes the stored deadlines and warning instants; a pending case counts from arrival (the law's worst case). */
  private keepTime(c: CaseRecord, content: PowerContent, calendar: WorkCalendar, now: Date): void {
    const start = new Date(c.acceptedAt ?? c.arrivedAt);
    const d = caseDeadlines(
      calendar,
      {
        acceptedAt: start,
        statutoryLimit: content.statutoryLimit,
        promisedLimit: content.promisedLimit,
        suspensions: suspensionsOf(c.suspensions),
        extensions: c.extensions,
        yellowRatio: this.yellowRatio,
      },
      now,
    );
    c.dueAt = d.due?.toISOString() ?? null;
    c.dueDate = d.dueDate;
    // While the clock is stopped (第四十五条) the deadline moves on every day: no warning instants until it runs again.
    // Nor while the applicant is correcting the materials (第三十二条: the time runs from the complete materials).
    const stopped = c.state === 'suspended' || (c.state === 'pending' && c.correctionAsked);
    c.yellowAt = stopped ? null : (d.yellowAt?.toISOString() ?? null);
    c.redAt = stopped ? null : (d.redAt?.toISOString() ?? null);
    c.statutoryDueAt = d.statutoryDue?.toISOString() ?? null;
    c.provisional = d.provisional;
    c.limitDays = d.limitDays;
    c.limitKind = d.limitKind;
    if (c.state === 'done') {
      c.passedStatutory = d.statutoryDue !== null && now > d.statutoryDue;
      c.workdaysTaken = c.acceptedAt ? workdaysTaken(calendar, new Date(c.acceptedAt), now, suspensionsOf(c.suspensions)) : null;
    }
  }

  private async performerUnit(trx: Kysely<Database>, c: CaseRecord, step: StepNode): Promise<string> {
    if (step.performer.unit === 'own') return c.unitId;
    if (step.performer.unit === 'parent') {
      const own = await this.deps.units.findById(trx, c.countyCode, c.unitId);
      return own?.parentId ?? c.unitId;
    }
    const named = step.performer.unitCode ? await this.deps.units.findByCode(trx, c.countyCode, step.performer.unitCode) : undefined;
    return named?.id ?? c.unitId;
  }

  /**
   * Refuses a step that would break a separation rule. The refusal is kept: it is audited and opens a supervision
   * alert in a transaction of its own (the work itself is rolled back).
   */
  private checkSeparation(pinned: Pinned, c: CaseRecord, tasks: TaskRecord[], task: TaskRecord, person: string): void {
    const others = tasks
      .filter((t) => t.id !== task.id && (t.state === 'done' || t.state === 'claimed') && (t.completedBy ?? t.claimedBy) !== null)
      .map((t) => ({ stepId: t.stepId, stepName: t.stepName, duty: t.duty, person: (t.completedBy ?? t.claimedBy)! }));
    const violation = findViolation(pinned.separations, others, person, task.duty);
    if (violation) throw new SeparationRefused(violationError(violation, task.stepName), c, task);
  }

  /** Runs `work` in a transaction; a duty-separation refusal is then recorded (audit + alert) and rethrown. */
  private async guarded<T>(actor: Actor, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      return await this.deps.db.transaction().execute(work);
    } catch (e) {
      if (!(e instanceof SeparationRefused)) throw e;
      const { c, task } = e;
      await this.deps.db.transaction().execute(async (trx) => {
        await this.deps.audit.append(trx, actor, {
          action: 'case.sod_refused',
          entity: `case:${c.id}`,
          county: c.countyCode,
          payload: { v: 1, task: task.id, step: task.stepId, duty: task.duty, rule: e.error.details.rule, earlierStep: e.error.details.earlierStep },
        });
        await this.deps.alerts.open(trx, actor, c.countyCode, {
          kind: 'sod.blocked',
          severity: 'high',
          subject: `${formatReceipt(c.receipt)} ${c.itemName}：${e.error.text.zh}`,
          subjectRef: `case:${c.id}`,
          unitId: c.unitId,
          details: { receipt: c.receipt, step: task.stepName, rule: e.error.details.rule, earlierStep: e.error.details.earlierStepName, by: actorLabel(actor) },
        });
      });
      throw e.error;
    }
  }

  /** The step's role in the step's unit. */
  private async assertMayPerform(trx: Kysely<Database>, actor: Actor, task: TaskRecord): Promise<void> {
    const path = await this.unitPath(trx, actor.countyCode, task.unitId);
    if (path === undefined || !mayPerform(actor, task.role, path)) throw forbidden();
  }

  /** Unit paths never change (units are ended, not moved), so each is read once. */
  private readonly unitPaths = new Map<string, string>();
  private async unitPath(q: Kysely<Database>, countyCode: string, unitId: string): Promise<string | undefined> {
    let path = this.unitPaths.get(unitId);
    if (path === undefined) {
      path = (await this.deps.units.findById(q, countyCode, unitId))?.path;
      if (path !== undefined) this.unitPaths.set(unitId, path);
    }
    return path;
  }

  /** Completing an open task takes it: the step's role, and no clock stop waiting for its notice. */
  private async assertMayTakeOpen(trx: Kysely<Database>, actor: Actor, task: TaskRecord): Promise<void> {
    await this.assertMayPerform(trx, actor, task);
    if (task.clockStop)
      throw new DomainError('case.not_allowed', {
        zh: `“${task.stepName}”不计入办理期限，请先认领并书面告知申请人所需时间（行政许可法第四十五条）`,
        en: `“${task.stepName}” stops the clock: claim it first, with the written notice to the applicant (art. 45)`,
      });
  }

  /**
   * The county's working calendar — the national notices and the county's own holidays (its root unit's region,
   * whose code is the county's) — read before a transaction opens (it is cached; on SQLite a read outside the
   * transaction would wait for it).
   */
  private calendarOf(countyCode: string): Promise<WorkCalendar> {
    return this.deps.calendar.workCalendar(countyCode, countyCode);
  }

  /**
   * A task and every task of its case (the separation check's record of who did what), with the audit chain's head
   * locked for the event the change appends: every change to a task takes the chain first, so two changes never
   * wait on each other's locks in opposite orders.
   */
  private async taskWithCase(
    q: Kysely<Database>,
    actor: Actor,
    taskId: string,
  ): Promise<{ task: TaskRecord; tasks: TaskRecord[]; c: CaseRecord; head: ChainHead }> {
    const found = await this.deps.cases.findForChange(q, actor.countyCode, taskId);
    const task = found?.tasks.find((t) => t.id === taskId);
    if (!found || !task) throw notFound('该待办', 'Task');
    return { task, ...found };
  }

  private async task(q: Kysely<Database>, actor: Actor, taskId: string): Promise<TaskRecord> {
    const task = await this.deps.cases.findTask(q, actor.countyCode, taskId);
    if (!task) throw notFound('该待办', 'Task');
    return task;
  }

  /** The pinned revision's process, parsed once: a published revision never changes. */
  private async pinned(q: Kysely<Database>, itemId: string, revision: number): Promise<Pinned> {
    const key = `${itemId}:${revision}`;
    const cached = this.pinnedCache.get(key);
    if (cached) return cached;
    const r = await this.deps.items.findRevision(q, itemId, revision);
    if (!r) throw notFound('该事项版本', 'Item revision');
    const process = r.content.process;
    if (!process || !process.nodes.some((n) => n.kind === 'step'))
      throw new DomainError('case.not_allowed', {
        zh: '该事项尚未公布办理流程，暂不能受理',
        en: 'The item has no published process yet; it cannot take applications',
      });
    const chart = chartOf(process);
    const pinned: Pinned = {
      content: r.content,
      process,
      chart,
      steps: new Map(process.nodes.flatMap((n) => (n.kind === 'step' ? [[n.id, n] as const] : []))),
      separations: [...DEFAULT_SEPARATIONS, ...(process.separations ?? []).map(itemSeparation)],
    };
    if (this.pinnedCache.size > 2000) this.pinnedCache.clear();
    this.pinnedCache.set(key, pinned);
    return pinned;
  }

  // ── Reading ──────────────────────────────────────────────────────────────────────────

  /** My tasks (claimed by me) or the open ones I may claim (my roles in my units). */
  async listTasks(actor: Actor, scope: 'mine' | 'claimable'): Promise<TaskView[]> {
    if (actor.kind !== 'user' || !holdsRole(actor, STAFF_ROLES)) throw forbidden();
    const q = this.deps.db;
    let tasks: TaskRecord[];
    if (scope === 'mine') tasks = await this.deps.cases.listClaimedBy(q, actor.accountId);
    else {
      const grants = grantsWithRole(actor, STAFF_ROLES);
      const units = await this.deps.units.list(q, actor.countyCode, [...new Set(grants.map((g) => g.unitPath))]);
      const paths = new Map(units.map((u) => [u.id, u.path]));
      const roles = [...new Set(grants.map((g) => g.role))];
      tasks = (await this.deps.cases.listOpenByUnits(q, actor.countyCode, [...paths.keys()], roles, 500)).filter((t) =>
        mayPerform(actor, t.role, paths.get(t.unitId)!),
      );
    }
    return this.taskViews(actor, tasks);
  }

  private async taskViews(actor: Actor, tasks: TaskRecord[]): Promise<TaskView[]> {
    const q = this.deps.db;
    const cases = await this.deps.cases.findCasesByIds(q, [...new Set(tasks.map((t) => t.caseId))]);
    const units = await this.unitLabels(actor.countyCode);
    const logins = await this.deps.accounts.loginsOf(
      q,
      tasks.flatMap((t) => [t.claimedBy, t.completedBy]).filter((x): x is string => x !== null),
    );
    const now = this.deps.clock.now();
    const views: TaskView[] = [];
    for (const t of tasks) {
      const c = cases.get(t.caseId)!;
      const pinned = await this.pinned(q, c.itemId, c.revision);
      views.push(taskView(t, c, pinned.chart, units, logins, now));
    }
    return views;
  }

  /** Cases of the caller's units (the whole county for an inspector), filtered and paged. */
  async listCases(actor: Actor, filter: CaseListFilter) {
    const scope = await this.scopeOf(actor, filter.unit);
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 20;
    const f = {
      countyCode: actor.countyCode,
      unitPaths: scope,
      state: filter.state,
      itemCode: filter.item,
      warning: filter.warning,
      now: this.deps.clock.now().toISOString(),
    };
    const [total, cases] = await Promise.all([
      this.deps.cases.count(this.deps.db, f),
      this.deps.cases.list(this.deps.db, f, { offset: (page - 1) * pageSize, limit: pageSize }),
    ]);
    const units = await this.unitLabels(actor.countyCode);
    const open = await this.openSteps(cases.map((c) => c.id));
    return { total, page, pageSize, cases: cases.map((c) => summaryOf(c, units, open.get(c.id) ?? [], this.deps.clock.now())) };
  }

  /** Unit paths the caller may list: all (undefined) for an inspector, else the units of their business grants. */
  private async scopeOf(actor: Actor, unitCode: string | undefined): Promise<string[] | undefined> {
    if (actor.kind === 'cli') return unitCode ? [(await this.unitByCode(actor.countyCode, unitCode)).path] : undefined;
    if (actor.kind !== 'user' || !holdsRole(actor, STAFF_ROLES)) throw forbidden();
    const everywhere = holdsRole(actor, ['inspector']);
    if (!unitCode) return everywhere ? undefined : grantsWithRole(actor, STAFF_ROLES).map((g) => g.unitPath);
    const unit = await this.unitByCode(actor.countyCode, unitCode);
    if (!everywhere && !holdsRoleOn(actor, STAFF_ROLES, unit.path)) throw forbidden();
    return [unit.path];
  }

  private async unitByCode(countyCode: string, code: string): Promise<Unit> {
    const unit = await this.deps.units.findByCode(this.deps.db, countyCode, code);
    if (!unit) throw notFound(`单位 ${code}`, `Unit ${code}`);
    return unit;
  }

  async getByReceipt(actor: Actor, typed: string): Promise<CaseView> {
    const receipt = normaliseReceipt(typed);
    const c = receipt ? await this.deps.cases.findByReceipt(this.deps.db, actor.countyCode, receipt) : undefined;
    if (!c) throw notFound('该受理编号的办件', 'Case with this receipt code');
    return this.getCase(actor, c.id);
  }

  /** The whole case for staff of its units (and the inspector, and whoever worked on it). */
  async getCase(actor: Actor, caseId: string): Promise<CaseView> {
    const q = this.deps.db;
    const c = await this.deps.cases.findById(q, actor.countyCode, caseId);
    if (!c) throw notFound('该办件', 'Case');
    const tasks = await this.deps.cases.tasksOfCase(q, c.id);
    const units = await this.unitLabels(actor.countyCode);
    if (!(await this.maySee(actor, c, tasks))) throw notFound('该办件', 'Case');
    const pinned = await this.pinned(q, c.itemId, c.revision);
    const logins = await this.deps.accounts.loginsOf(
      q,
      tasks.flatMap((t) => [t.claimedBy, t.completedBy]).filter((x): x is string => x !== null),
    );
    const now = this.deps.clock.now();
    const applicant = JSON.parse(this.deps.cipher.decrypt(c.applicantSealed)) as ApplicantDetails;
    const uploads = await this.deps.cases.findUploads(
      q,
      c.countyCode,
      c.materials.flatMap((m) => m.fileIds),
    );
    const calendar = await this.calendarOf(c.countyCode);
    const limit = c.limitDays;
    const explanation =
      limit === null
        ? null
        : {
            ...explainDeadline(
              calendar,
              { start: new Date(c.acceptedAt ?? c.arrivedAt), days: limit, suspensions: suspensionsOf(c.suspensions), extensions: c.extensions },
              c.closedAt ? new Date(c.closedAt) : now,
            ),
            region: c.countyCode,
            reason: null,
          };
    const unit = (await this.deps.units.findById(q, c.countyCode, c.unitId))!;
    const events = await this.deps.auditEvents.listByEntity(q, `case:${c.id}`);
    return {
      ...summaryOf(
        c,
        units,
        tasks.filter((t) => t.state === 'open' || t.state === 'claimed').map((t) => t.stepName),
        now,
      ),
      applicant,
      summary: c.summary,
      materials: c.materials.map((m) => ({
        name: m.name,
        files: m.fileIds.flatMap((id) => uploads.filter((u) => u.id === id).map((u) => ({ id: u.id, name: u.name, size: u.size, sha256: u.sha256 }))),
      })),
      tasks: tasks.map((t) => taskView(t, c, pinned.chart, units, logins, now)),
      timeline: timelineOf(c, tasks, logins),
      explanation: explanation ? { ...explanation, due: explanation.due.toISOString() } : null,
      extensions: c.extensions,
      suspensions: c.suspensions.map((s) => ({ from: s.from, to: s.to, reason: s.reason, notice: s.notice })),
      can: { extend: extensionRefusal(c, now) === null && holdsRoleOn(actor, ['head'], unit.path) },
      audit: events.map((e) => ({ seq: e.seq, at: e.time, actor: e.actor, action: e.action })),
    };
  }

  private async maySee(actor: Actor, c: CaseRecord, tasks: TaskRecord[]): Promise<boolean> {
    if (actor.kind === 'cli') return true;
    if (actor.kind !== 'user') return false;
    if (holdsRole(actor, ['inspector'])) return true;
    for (const unitId of new Set([c.unitId, ...tasks.map((t) => t.unitId)])) {
      const path = await this.unitPath(this.deps.db, c.countyCode, unitId);
      if (path !== undefined && holdsRoleOn(actor, STAFF_ROLES, path)) return true;
    }
    return tasks.some((t) => t.claimedBy === actor.accountId || t.completedBy === actor.accountId);
  }

  /** An uploaded material or attachment of a case, for staff who may see the case; never served publicly. */
  async file(actor: Actor, caseId: string, fileId: string): Promise<{ name: string; mediaType: string; bytes: Buffer }> {
    const c = await this.deps.cases.findById(this.deps.db, actor.countyCode, caseId);
    const tasks = c ? await this.deps.cases.tasksOfCase(this.deps.db, c.id) : [];
    if (!c || !(await this.maySee(actor, c, tasks))) throw notFound('该办件', 'Case');
    const [upload] = await this.deps.cases.findUploads(this.deps.db, c.countyCode, [fileId]);
    const bytes = upload && upload.caseId === c.id ? await this.deps.blobs.get(upload.storageKey) : null;
    if (!upload || !bytes) throw notFound('该文件', 'File');
    return { name: upload.name, mediaType: upload.mediaType, bytes };
  }

  /** What the applicant sees with the receipt code: steps and dates, notices to them, the outcome; no comments or staff. */
  async track(countyCode: string, typed: string): Promise<PublicCaseView> {
    const receipt = normaliseReceipt(typed);
    const c = receipt ? await this.deps.cases.findByReceipt(this.deps.db, countyCode, receipt) : undefined;
    if (!c) throw notFound('该受理编号，请核对后重试', 'Receipt code; check it and try again');
    const tasks = await this.deps.cases.tasksOfCase(this.deps.db, c.id);
    const unit = await this.deps.units.findById(this.deps.db, countyCode, c.unitId);
    const unitName = unit ? await this.publicUnitName(this.deps.db, unit) : '';
    const notices: PublicCaseView['notices'] = [
      ...tasks.filter((t) => isCorrection(t.outcome)).map((t) => ({ at: t.completedAt!, kind: 'correction', text: '请按一次性告知补正材料后重新提交' })),
      ...c.suspensions.filter((s) => s.notice).map((s) => ({ at: s.from, kind: 'clock_stop', text: s.notice! })),
      ...c.extensions.map((e) => ({ at: e.at, kind: 'extension', text: e.toldApplicant })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return {
      receipt: formatReceipt(c.receipt),
      itemName: c.itemName,
      unitName,
      state: c.state,
      outcome: c.outcome,
      applicantMasked: c.applicantMasked,
      arrivedAt: c.arrivedAt,
      ...acceptanceShown(c, this.deps.clock.now()),
      closedAt: c.closedAt,
      dueDate: c.dueDate,
      provisional: c.provisional,
      steps: tasks
        .filter((t) => t.state !== 'cancelled')
        .map((t) => ({ name: t.stepName, state: t.state === 'done' ? 'done' : 'open', startedAt: t.createdAt, finishedAt: t.completedAt, outcome: t.outcome })),
      notices,
    };
  }

  /**
   * Measured efficiency for the reform page: median working days from acceptance to completion per item and per
   * unit, for cases accepted before and on or after the reform date.
   */
  async efficiency(actor: Actor, input: { reformOn: string; unit?: string }): Promise<Efficiency> {
    if (actor.kind === 'user' && !holdsRole(actor, STAFF_ROLES)) throw forbidden();
    const unitPaths = input.unit ? [(await this.unitByCode(actor.countyCode, input.unit)).path] : undefined;
    const figures = await this.deps.cases.listClosedFigures(this.deps.db, actor.countyCode, unitPaths);
    const units = await this.unitLabels(actor.countyCode);
    const reformStart = `${input.reformOn}T00:00:00+08:00`;
    const cutoff = new Date(reformStart).toISOString();
    const side = (list: typeof figures) => {
      const days = list.map((f) => f.workdaysTaken);
      return { cases: days.length, medianDays: medianOf(days) };
    };
    const compare = (list: typeof figures) => {
      const before = side(list.filter((f) => f.acceptedAt < cutoff));
      const after = side(list.filter((f) => f.acceptedAt >= cutoff));
      const improvement = before.medianDays && after.medianDays !== null ? (before.medianDays - after.medianDays) / before.medianDays : null;
      return { before, after, improvement };
    };
    const group = <K extends string>(key: (f: (typeof figures)[number]) => K) => {
      const m = new Map<K, typeof figures>();
      for (const f of figures) m.set(key(f), [...(m.get(key(f)) ?? []), f]);
      return m;
    };
    const rows = [...group((f) => f.itemCode).values()]
      .map((list) => ({ itemCode: list[0]!.itemCode, itemName: list[0]!.itemName, unit: units.get(list[0]!.unitId)!, ...compare(list) }))
      .sort((a, b) => a.itemCode.localeCompare(b.itemCode));
    const byUnit = [...group((f) => f.unitId).entries()]
      .map(([unitId, list]) => ({ unit: units.get(unitId)!, ...compare(list) }))
      .sort((a, b) => a.unit.code.localeCompare(b.unit.code));
    return { reformOn: input.reformOn, rows, units: byUnit };
  }

  /** A section is named with its department (环保局 行政审批股): the section alone says little to a citizen. */
  private async publicUnitName(q: Kysely<Database>, unit: Unit): Promise<string> {
    if (unit.type !== 'section' || !unit.parentId) return unit.name;
    const parent = await this.deps.units.findById(q, unit.countyCode, unit.parentId);
    return parent ? `${parent.name} ${unit.name}` : unit.name;
  }

  private async unitLabels(countyCode: string): Promise<Map<string, { code: string; name: string }>> {
    const units = await this.deps.units.list(this.deps.db, countyCode);
    return new Map(units.map((u) => [u.id, { code: u.code, name: u.name }]));
  }

  private async openSteps(caseIds: string[]): Promise<Map<string, string[]>> {
    const m = new Map<string, string[]>();
    for (const t of await this.deps.cases.listOpenByCases(this.deps.db, caseIds)) m.set(t.caseId, [...(m.get(t.caseId) ?? []), t.stepName]);
    return m;
  }
}

/** What a completion did: the case's state now and the steps it opened. */
export interface StepDone {
  caseId: string;
  state: CaseRecord['state'];
  outcome: string | null;
  opened: { taskId: string; stepId: string }[];
}

/** A duty-separation refusal on its way out of the transaction, with what the alert needs. */
class SeparationRefused extends Error {
  constructor(
    readonly error: DomainError,
    readonly c: CaseRecord,
    readonly task: TaskRecord,
  ) {
    super(error.message);
  }
}

const personOf = (actor: Actor): string => {
  if (actor.kind !== 'user') throw forbidden();
  return actor.accountId;
};

/** The step's role on the step's unit; a step without a role takes any business role there. */
const mayPerform = (actor: Actor, role: string | null, unitPath: string): boolean => holdsRoleOn(actor, role ? [role as Role] : STAFF_ROLES, unitPath);

const taken = (byMe: boolean) =>
  byMe
    ? new DomainError('task.taken', { zh: '您已认领该环节', en: 'You have already claimed this step' })
    : new DomainError('task.taken', { zh: '该环节已由他人认领', en: 'Someone else has claimed this step' });
const closedTask = () => new DomainError('case.not_allowed', { zh: '该环节已办结或已取消', en: 'The step is already done or cancelled' });

function extensionRefusal(c: CaseRecord, now: Date): { zh: string; en: string } | null {
  if (c.state === 'done') return { zh: '办件已办结，不能延期', en: 'The case is closed' };
  if (c.state === 'pending') return { zh: '办件尚未受理，不能延期', en: 'The case is not accepted yet' };
  if (!mayExtend(c.category)) return { zh: '只有行政许可事项可依第四十二条延期', en: 'Only licensing cases may be extended under art. 42' };
  if (c.extensions.length > 0) return { zh: '本案已延期一次，不能再次延期', en: 'The case was already extended once' };
  if (c.statutoryDueAt !== null && now > new Date(c.statutoryDueAt))
    return { zh: '已超过法定办理期限，不能再延期', en: 'The statutory limit has already passed; it can no longer be extended' };
  if (c.limitDays === null) return { zh: '该事项没有办理时限', en: 'The item has no time limit' };
  return null;
}

const suspensionsOf = (list: StoredSuspension[]): Suspension[] =>
  list.map((s) => ({ from: new Date(s.from), to: s.to ? new Date(s.to) : null, reason: s.reason }));
