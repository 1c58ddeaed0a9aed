import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { actorLabel, type Actor } from '../../shared/actor.ts';
import { civilDateShanghai, type Clock } from '../../shared/clock.ts';
import { DomainError, forbidden, notFound } from '../../shared/errors.ts';
import { uuidv7 } from '../../shared/ids.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { Unit } from '../org/unit.rules.ts';
import type { UnitRepository } from '../org/unit.repository.ts';
import { Value } from 'typebox/value';
import { ProcessSchema } from '../process/process.contract.ts';
import { blocksSaving, processInvalid, validateProcess, type ProcessDefinition } from '../process/process.rules.ts';
import { canEditPowers, canReadPowers, readablePaths } from './catalogue-access.rules.ts';
import type { ItemFilter, ItemWithLatest, PowerItemRepository, Revision } from './power-item.repository.ts';
import { readSheetBuffer } from './sheet.reader.ts';
import { exportRows, toCsv, toJson, toXlsx } from './sheet.writer.ts';
import { parsePowerRows } from './sheet.rules.ts';
import {
  accountabilityFromText,
  contentProblems,
  diffContents,
  materialFromText,
  sameContent,
  assertRevisable,
  type FieldChange,
  type ItemEnding,
  type ItemStatus,
  type PowerContent,
} from './power-item.rules.ts';

export interface Category {
  code: string;
  zh: string;
  en: string;
}

export interface CatalogueDeps {
  db: Kysely<Database>;
  items: PowerItemRepository;
  units: UnitRepository;
  audit: AuditLog;
  clock: Clock;
  categories: readonly Category[];
}

/** One row of an import as the catalogue takes it: the sheet's row number, the code, the content. */
export interface ImportRow {
  row: number;
  code: string;
  /** The unit the sheet names for the item (by code or name), or null for the importing unit itself. */
  unitText: string | null;
  content: PowerContent;
}

export type ImportFormat = 'xlsx' | 'csv' | 'json';

/** A problem of an import, located as the spreadsheet shows it. */
export interface ImportProblem {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface ImportResult {
  created: number;
  revised: number;
  unchanged: number;
}

const itemNotFound = () => notFound('该职权事项', 'Power item');

/**
 * The power list (两单): items and their immutable revisions. Editing makes a new draft revision; items are never
 * deleted, only abolished, devolved or transferred.
 */
export class CatalogueService {
  constructor(private readonly deps: CatalogueDeps) {}

  get categories(): readonly Category[] {
    return this.deps.categories;
  }

  /** Adds an item to a unit's list with its first (draft) revision. */
  async createItem(actor: Actor, input: { unitCode: string; code: string; content: PowerContent }): Promise<ItemWithLatest> {
    this.assertValid(input.content);
    return this.deps.db.transaction().execute(async (trx) => {
      const unit = await this.editableUnit(trx, actor, input.unitCode);
      const itemId = await this.insertNew(trx, actor, unit, input.code, input.content, 'editor');
      return (await this.deps.items.findById(trx, actor.countyCode, itemId))!;
    });
  }

  /**
   * Saves an edit as a new draft revision. `basedOn` is the revision the editor started from: if someone saved
   * another meanwhile, the edit is refused rather than silently overwriting theirs. An unchanged content makes none.
   */
  async reviseItem(
    actor: Actor,
    input: { itemId: string; basedOn: number; content: PowerContent },
    origin: RevisionOrigin = { source: 'editor' },
  ): Promise<ItemWithLatest> {
    this.assertValid(input.content);
    return this.deps.db.transaction().execute(async (trx) => {
      const item = await this.deps.items.findById(trx, actor.countyCode, input.itemId);
      if (!item || !canReadPowers(actor, item.unitPath)) throw itemNotFound();
      if (!canEditPowers(actor, item.unitPath)) throw forbidden();
      assertRevisable(item, input.basedOn);
      if (sameContent(item.latest.content, input.content)) return item;
      await this.addRevision(trx, actor, item, input.content, origin.source, origin.audit);
      return (await this.deps.items.findById(trx, actor.countyCode, item.id))!;
    });
  }

  /** An item by its code (the CLI names items so). */
  async getItemByCode(actor: Actor, code: string): Promise<ItemWithLatest> {
    const item = await this.deps.items.findByCode(this.deps.db, actor.countyCode, code);
    if (!item || !canReadPowers(actor, item.unitPath)) throw itemNotFound();
    return item;
  }

  async getItem(actor: Actor, itemId: string): Promise<ItemWithLatest> {
    const item = await this.deps.items.findById(this.deps.db, actor.countyCode, itemId);
    if (!item || !canReadPowers(actor, item.unitPath)) throw itemNotFound();
    return item;
  }

  /** Items the actor may read, filtered; `unitCode` narrows to a unit and its subtree. */
  async listItems(
    actor: Actor,
    filter: { unitCode?: string; category?: string; status?: ItemStatus; q?: string },
    page: { offset: number; limit: number },
  ): Promise<{ items: ItemWithLatest[]; total: number }> {
    const f = await this.filterFor(actor, filter);
    const [items, total] = await Promise.all([this.deps.items.list(this.deps.db, f, page), this.deps.items.count(this.deps.db, f)]);
    return { items, total };
  }

  async listRevisions(actor: Actor, itemId: string): Promise<Revision[]> {
    const item = await this.getItem(actor, itemId);
    return this.deps.items.listRevisions(this.deps.db, item.id);
  }

  /** Field-by-field changes between two revisions of an item. */
  async diff(actor: Actor, itemId: string, from: number, to: number): Promise<FieldChange[]> {
    const revisions = await this.listRevisions(actor, itemId);
    const a = revisions.find((r) => r.revision === from);
    const b = revisions.find((r) => r.revision === to);
    if (!a || !b) throw notFound('该版本', 'Revision');
    return diffContents(a.content, b.content);
  }

  /** Ends an item: 取消 abolished, 下放 devolved (to whom, as text) or transferred to another unit; it stays readable. */
  async endItem(actor: Actor, input: { itemId: string; ending: ItemEnding; reason: string; date?: string; to?: string }): Promise<ItemWithLatest> {
    return this.deps.db.transaction().execute(async (trx) => {
      const item = await this.deps.items.findById(trx, actor.countyCode, input.itemId);
      if (!item || !canReadPowers(actor, item.unitPath)) throw itemNotFound();
      if (!canEditPowers(actor, item.unitPath)) throw forbidden();
      let to: string | null = input.to?.trim() || null;
      if (input.ending !== 'abolished' && !to) {
        throw new DomainError(
          'validation',
          { zh: '下放或划转须写明去向', en: 'Say where the item is devolved or transferred to' },
          { fields: { to: 'required' } },
        );
      }
      if (input.ending === 'transferred') {
        const target = await this.deps.units.findByCode(trx, actor.countyCode, to!);
        if (!target || target.status !== 'active' || target.id === item.unitId) {
          throw new DomainError(
            'validation',
            { zh: '划转须指向另一个有效单位的编码', en: 'Transfer to the code of another active unit' },
            { fields: { to: 'invalid' } },
          );
        }
        to = target.code;
      }
      const date = input.date ?? civilDateShanghai(this.deps.clock.now());
      if (!(await this.deps.items.end(trx, item.id, { status: input.ending, date, reason: input.reason, to }))) {
        throw new DomainError('conflict', { zh: '该事项已取消、下放或划转', en: 'The item has already ended' });
      }
      await this.deps.audit.append(trx, actor, {
        action: `power.${input.ending === 'abolished' ? 'abolish' : input.ending === 'devolved' ? 'devolve' : 'transfer'}`,
        entity: `power_item:${item.id}`,
        county: actor.countyCode,
        payload: { code: item.code, date, reason: input.reason, to },
      });
      return (await this.deps.items.findById(trx, actor.countyCode, item.id))!;
    });
  }

  /**
   * Imports a unit's list all or nothing: any problem (found by the sheet reader or here) rejects the whole file
   * with every bad row, and nothing is written. An existing code gets a new draft revision when anything differs.
   */
  async importItems(actor: Actor, unitCode: string, rows: ImportRow[], sheetProblems: ImportProblem[]): Promise<ImportResult> {
    const problems = [...sheetProblems];
    // The sheet reader checks what it reads; rows it found sound still pass the catalogue's own rules.
    const reported = new Set(sheetProblems.map((p) => p.row));
    for (const r of rows.filter((x) => !reported.has(x.row))) {
      for (const [field, reason] of Object.entries(contentProblems(r.content, this.deps.categories))) {
        problems.push({ row: r.row, column: field, value: String(r.content[field as keyof PowerContent] ?? ''), reason });
      }
      const process = r.content.process;
      if (process && !Value.Check(ProcessSchema, process)) problems.push({ row: r.row, column: 'process', value: '', reason: '流程不符合格式（节点、连线）' });
    }
    if (problems.length > 0) throw rejected(problems);
    return this.deps.db.transaction().execute(async (trx) => {
      const unit = await this.editableUnit(trx, actor, unitCode);
      const unitOf = await this.unitsNamedIn(trx, actor.countyCode, unit, rows, problems);
      const existing = await this.deps.items.findByCodes(
        trx,
        actor.countyCode,
        rows.map((r) => r.code),
      );
      // A sheet has no process column: a row revising an item keeps the process drawn for it (and is checked with it,
      // since a lower limit may no longer fit it).
      const effective = rows.map((row) => {
        const kept = existing.get(row.code)?.latest.content.process;
        return row.content.process === undefined && kept ? { ...row, content: { ...row.content, process: kept } } : row;
      });
      for (const r of effective) {
        const item = existing.get(r.code);
        if (item && item.unitId !== unitOf(r).id) {
          problems.push({ row: r.row, column: '编码', value: r.code, reason: `编码已被 ${item.unitName} 的事项使用` });
        } else if (item && item.status !== 'active') {
          problems.push({ row: r.row, column: '编码', value: r.code, reason: '该事项已取消、下放或划转' });
        }
        for (const x of r.content.process ? validateProcess(r.content.process, r.content).filter((x) => x.severity === 'error') : []) {
          problems.push({ row: r.row, column: 'process', value: x.nodeId ?? '', reason: x.message.zh });
        }
      }
      if (problems.length > 0) throw rejected(problems);
      const result: ImportResult = { created: 0, revised: 0, unchanged: 0 };
      for (const r of effective) {
        const item = existing.get(r.code);
        if (!item) {
          await this.insertNew(trx, actor, unitOf(r), r.code, r.content, 'import');
          result.created += 1;
        } else if (sameContent(item.latest.content, r.content)) {
          result.unchanged += 1;
        } else {
          await this.addRevision(trx, actor, item, r.content, 'import');
          result.revised += 1;
        }
      }
      await this.deps.audit.append(trx, actor, {
        action: 'power.import',
        entity: `unit:${unit.id}`,
        county: actor.countyCode,
        payload: { unit: unit.code, ...result },
      });
      return result;
    });
  }

  /**
   * Reads a sheet (or a JSON export) and imports it: see `importItems`. Reading problems and rule problems come back
   * together in one `import.rejected` report.
   */
  async importFile(actor: Actor, unitCode: string, file: Buffer, format: ImportFormat): Promise<ImportResult> {
    const { rows, problems } = format === 'json' ? fromJsonExport(file, this.deps.categories) : await fromSheet(file, format, this.deps.categories);
    return this.importItems(actor, unitCode, rows, problems);
  }

  /**
   * Where each imported item belongs: a unit the sheet names (by code or name) must be the importing unit or below
   * it; text naming no unit is kept as the item's implementing body, and the item belongs to the importing unit.
   */
  private async unitsNamedIn(trx: Kysely<Database>, countyCode: string, importing: Unit, rows: ImportRow[], problems: ImportProblem[]) {
    const units = await this.deps.units.list(trx, countyCode);
    const byText = new Map<string, Unit>();
    for (const u of units) {
      byText.set(u.code, u);
      byText.set(u.name, u);
    }
    const placed = new Map<ImportRow, Unit>();
    for (const r of rows) {
      const named = r.unitText ? byText.get(r.unitText.trim()) : undefined;
      if (named && !named.path.startsWith(importing.path)) {
        problems.push({ row: r.row, column: '承办机构', value: r.unitText ?? '', reason: `实施主体不在导入单位（${importing.name}）之下` });
      }
      placed.set(r, named && named.path.startsWith(importing.path) ? named : importing);
      if (!named && r.unitText?.trim() && r.content.implementingBody === null) r.content = { ...r.content, implementingBody: r.unitText.trim() };
    }
    return (r: ImportRow): Unit => placed.get(r) ?? importing;
  }

  /** The filtered list as a file in the layout the importer reads (xlsx, csv) or as portable JSON. */
  async exportFile(
    actor: Actor,
    filter: { unitCode?: string; category?: string },
    format: ImportFormat,
  ): Promise<{ body: Buffer; contentType: string; extension: string }> {
    const exported = (await this.exportItems(actor, filter)).map((i) => ({ code: i.code, unitCode: i.unitCode, content: i.latest.content }));
    const categoryName = (code: string) => this.deps.categories.find((c) => c.code === code)?.zh ?? code;
    if (format === 'json')
      return { body: Buffer.from(JSON.stringify(toJson(exported, categoryName), null, 2)), contentType: 'application/json; charset=utf-8', extension: 'json' };
    const rows = exportRows(exported, categoryName);
    if (format === 'csv') return { body: Buffer.from(toCsv(rows), 'utf8'), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
    return { body: await toXlsx(rows), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
  }

  /** Latest revision of every item matching the filter, whatever its state (for export). */
  async exportItems(actor: Actor, filter: { unitCode?: string; category?: string }): Promise<ItemWithLatest[]> {
    const f = await this.filterFor(actor, filter);
    const all: ItemWithLatest[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await this.deps.items.list(this.deps.db, f, { offset, limit: 1000 });
      all.push(...page);
      if (page.length < 1000) return all;
    }
  }

  private assertValid(content: PowerContent): void {
    const problems = contentProblems(content, this.deps.categories);
    if (Object.keys(problems).length > 0) {
      throw new DomainError('validation', { zh: '职权事项内容有误，请检查标出的字段', en: 'Some fields of the item are not valid' }, { fields: problems });
    }
    if (content.process) {
      // Only shape and clock errors refuse saving; missing roles and limits (warnings) are caught at publication.
      const found = validateProcess(content.process, content);
      if (blocksSaving(found)) throw processInvalid(found);
    }
  }

  private async filterFor(actor: Actor, filter: { unitCode?: string; category?: string; status?: ItemStatus; q?: string }): Promise<ItemFilter> {
    const scope = readablePaths(actor);
    let unitPaths = scope;
    if (filter.unitCode) {
      const unit = await this.deps.units.findByCode(this.deps.db, actor.countyCode, filter.unitCode);
      // The chosen unit's subtree, intersected with the caller's scope; an unknown unit lists nothing.
      unitPaths = !unit ? [] : scope === undefined || scope.some((p) => unit.path.startsWith(p)) ? [unit.path] : scope.filter((p) => p.startsWith(unit.path));
    }
    return { countyCode: actor.countyCode, unitPaths, category: filter.category, status: filter.status, q: filter.q?.trim() || undefined };
  }

  private async editableUnit(trx: Kysely<Database>, actor: Actor, unitCode: string): Promise<Unit> {
    const unit = await this.deps.units.findByCode(trx, actor.countyCode, unitCode);
    if (!unit || unit.status !== 'active') {
      throw new DomainError(
        'validation',
        { zh: `单位 ${unitCode} 不存在或已撤销`, en: `Unit ${unitCode} does not exist or has ended` },
        { fields: { unitCode: 'not_found' } },
      );
    }
    if (!canEditPowers(actor, unit.path)) throw forbidden();
    return unit;
  }

  private async insertNew(trx: Kysely<Database>, actor: Actor, unit: Unit, code: string, content: PowerContent, source: Revision['source']): Promise<string> {
    const now = this.deps.clock.now();
    const id = uuidv7(now.getTime());
    await this.deps.items.insertItem(
      trx,
      {
        id,
        countyCode: actor.countyCode,
        code,
        unitId: unit.id,
        status: 'active',
        statusDate: null,
        statusReason: null,
        statusTo: null,
        latestRevision: 1,
        publishedRevision: null,
        publishedAt: null,
      },
      now.toISOString(),
    );
    await this.deps.items.insertRevision(trx, actor.countyCode, draftRevision(actor, id, 1, content, source, now));
    await this.deps.audit.append(trx, actor, {
      action: 'power.create',
      entity: `power_item:${id}`,
      county: actor.countyCode,
      payload: { code, unit: unit.code, revision: 1, source, name: content.name },
    });
    return id;
  }

  private async addRevision(
    trx: Kysely<Database>,
    actor: Actor,
    item: ItemWithLatest,
    content: PowerContent,
    source: Revision['source'],
    audit: Record<string, unknown> = {},
  ): Promise<void> {
    const revision = draftRevision(actor, item.id, item.latestRevision + 1, content, source, this.deps.clock.now());
    await this.deps.items.insertRevision(trx, actor.countyCode, revision);
    await this.deps.audit.append(trx, actor, {
      action: 'power.revise',
      entity: `power_item:${item.id}`,
      county: actor.countyCode,
      payload: { code: item.code, revision: revision.revision, source, changed: diffContents(item.latest.content, content).map((c) => c.field), ...audit },
    });
  }
}

/** Where an edit came from, and what its audit event records besides the change (a BPMN file's hash and report). */
export interface RevisionOrigin {
  source: Revision['source'];
  audit?: Record<string, unknown>;
}

/** A new draft revision of an item: every edit and every changed import row is one. */
function draftRevision(actor: Actor, itemId: string, revision: number, content: PowerContent, source: Revision['source'], now: Date): Revision {
  return { id: uuidv7(now.getTime()), itemId, revision, state: 'draft', content, createdAt: now.toISOString(), createdBy: actorLabel(actor), source };
}

function rejected(problems: ImportProblem[]): DomainError {
  const rows = [...problems].sort((a, b) => a.row - b.row);
  return new DomainError(
    'import.rejected',
    { zh: `导入被拒绝：${rows.length} 处问题，未写入任何数据`, en: `Import rejected: ${rows.length} problem(s); nothing was written` },
    { rows },
  );
}

/** Sheet rows → import rows: the reader's own problems travel with them. */
async function fromSheet(file: Buffer, kind: 'xlsx' | 'csv', categories: readonly Category[]): Promise<{ rows: ImportRow[]; problems: ImportProblem[] }> {
  let cells: string[][];
  try {
    cells = await readSheetBuffer(file, kind);
  } catch (e) {
    return { rows: [], problems: [{ row: 0, column: '', value: '', reason: `无法读取文件：${(e as Error).message}` }] };
  }
  const parsed = parsePowerRows(cells, { categories });
  const rows = parsed.items.map((p): ImportRow => ({
    row: p.row,
    code: p.code,
    unitText: p.unitText,
    content: {
      name: p.name,
      category: p.category,
      implementingBody: null,
      basis: p.basis,
      conditions: p.conditions,
      materials: (p.materials ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map(materialFromText),
      statutoryLimit: p.statutoryLimit,
      promisedLimit: p.promisedLimit,
      fees: p.fees,
      serviceObject: p.serviceObject,
      supervisionPhone: p.supervisionPhone,
      responsibilities: p.responsibilities,
      accountability: p.accountability.map(accountabilityFromText),
    },
  }));
  return { rows, problems: parsed.problems };
}

/** A JSON export (`{"items":[…]}`) → import rows; categories by Chinese name or code. */
function fromJsonExport(file: Buffer, categories: readonly Category[]): { rows: ImportRow[]; problems: ImportProblem[] } {
  let doc: { items?: unknown };
  try {
    doc = JSON.parse(file.toString('utf8').replace(/^\uFEFF/, '')) as { items?: unknown };
  } catch (e) {
    return { rows: [], problems: [{ row: 0, column: '', value: '', reason: `不是有效的 JSON：${(e as Error).message}` }] };
  }
  if (!Array.isArray(doc.items)) return { rows: [], problems: [{ row: 0, column: 'items', value: '', reason: '缺少 items 数组' }] };
  const problems: ImportProblem[] = [];
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const list = <T>(v: unknown) => (Array.isArray(v) ? (v as T[]) : []);
  const rows = (doc.items as Record<string, unknown>[]).map((x, i): ImportRow => {
    const category = categories.find((c) => c.zh === x.category || c.code === x.category);
    if (!category)
      problems.push({ row: i + 1, column: 'category', value: String(x.category), reason: `未知类别，允许：${categories.map((c) => c.zh).join('、')}` });
    return {
      row: i + 1,
      code: String(x.code ?? ''),
      unitText: str(x.unit),
      content: {
        name: String(x.name ?? ''),
        category: category?.code ?? String(x.category),
        implementingBody: str(x.implementingBody),
        basis: list<string>(x.basis),
        conditions: str(x.conditions),
        materials: list(x.materials),
        statutoryLimit: num(x.statutoryLimit),
        promisedLimit: num(x.promisedLimit),
        fees: str(x.fees),
        serviceObject: str(x.serviceObject),
        supervisionPhone: str(x.supervisionPhone),
        responsibilities: list(x.responsibilities),
        accountability: list(x.accountability),
        // A present `process` (null included) is the row's own; an absent one keeps the item's.
        ...('process' in x ? { process: (x.process ?? null) as ProcessDefinition | null } : {}),
      },
    };
  });
  return { rows, problems };
}
