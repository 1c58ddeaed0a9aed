import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { actorLabel, type Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, forbidden, notFound } from '../../shared/errors.ts';
import { holdsRoleOn } from '../accounts/access.rules.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { createHash } from 'node:crypto';
import { canEditPowers, canReadPowers } from '../catalogue/catalogue-access.rules.ts';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import { assertRevisable, sameContent, type PowerContent } from '../catalogue/power-item.rules.ts';
import { toCsv, toXlsx } from '../catalogue/sheet.writer.ts';
import type { Unit } from '../org/unit.rules.ts';
import type { UnitRepository } from '../org/unit.repository.ts';
import type { PublicListService } from '../portal/public-list.service.ts';
import type { ReferenceService } from '../reference/reference.service.ts';
import { exportBpmn } from './bpmn/bpmn-export.ts';
import { importBpmn } from './bpmn/bpmn-import.ts';
import type { BpmnReport } from './bpmn/bpmn-report.ts';
import { drawProcess, renderPng, UndrawableProcess } from './drawing/drawing.ts';
import type { PortalSettingRepository, PortalSettings } from './portal-setting.repository.ts';
import { PROCESS_TEMPLATES } from './process-templates.data.ts';
import {
  CLOCK_STOP_REASONS,
  CLOCK_STOP_SOURCE,
  DUTY_LABELS,
  PERFORMER_ROLES,
  RISK_CATEGORIES,
  RISK_GRADE_LABELS,
  RISK_GRADES,
  STEP_DUTIES,
  type PerformerRole,
  type RiskGrade,
} from './process-vocabulary.data.ts';
import { longestTimedPath, stepsOf, validateProcess, type ProcessDefinition, type ProcessProblem, type StepNode, type TimedPath } from './process.rules.ts';

export interface ProcessDeps {
  db: Kysely<Database>;
  catalogue: CatalogueService;
  publicList: PublicListService;
  units: UnitRepository;
  settings: PortalSettingRepository;
  reference: ReferenceService;
  audit: AuditLog;
  clock: Clock;
}

export type DrawingFormat = 'svg' | 'png';

export interface FileDownload {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** One row of the risk register (廉政风险点台账): a risk point with its item and step. */
export interface RiskRow {
  itemId: string;
  itemCode: string;
  itemName: string;
  unit: { code: string; name: string };
  revision: number;
  published: boolean;
  stepId: string;
  stepName: string;
  duty: string;
  description: string;
  grade: RiskGrade;
  category: string;
  measures: string;
  post: string | null;
}

export interface RiskFilter {
  unitCode?: string;
  grade?: RiskGrade;
  category?: string;
  q?: string;
}

/** What a BPMN import did: the report, the process it made, and the draft revision saved (null for a check only). */
export interface BpmnImportResult {
  report: BpmnReport;
  process: ProcessDefinition;
  revision: number | null;
  /** False when the process is the item's latest already (no revision is made, or would be on a dry run). */
  changed: boolean;
}

/** Published revisions never change, so their drawings are kept; a few hundred cover a county's busy items. */
const PUBLIC_DRAWINGS_KEPT = 300;

/** 两图: checking and drawing item processes, the risk register, and what the portal shows of them. */
export class ProcessService {
  private readonly publicDrawings = new Map<string, Buffer>();

  constructor(private readonly deps: ProcessDeps) {}

  /** What the editor offers: duties, roles, grades, categories, clock-stop reasons and templates, with labels. */
  async vocabulary() {
    const labels = await this.deps.reference.getLabels();
    return {
      duties: STEP_DUTIES.map((code) => ({ code, zh: DUTY_LABELS[code].zh, en: DUTY_LABELS[code].en, alsoCalled: DUTY_LABELS[code].alsoCalled })),
      roles: PERFORMER_ROLES.map((code) => ({ code, ...labels.get('role', code) })),
      riskGrades: RISK_GRADES.map((code) => ({ code, ...RISK_GRADE_LABELS[code] })),
      riskCategories: RISK_CATEGORIES.map((c) => ({ code: c.code, ...labels.get('risk_category', c.code) })),
      clockStopReasons: [...CLOCK_STOP_REASONS],
      clockStopSource: CLOCK_STOP_SOURCE,
      templates: PROCESS_TEMPLATES.map((t) => ({ ...t })),
    };
  }

  /** The editor's live check: problems, the longest path on the clock, and the drawing as it stands. */
  async check(
    actor: Actor,
    input: {
      process: ProcessDefinition;
      statutoryLimit: number | null;
      promisedLimit: number | null;
      name: string;
      basis: string[];
      supervisionPhone: string | null;
      unitCode: string;
      risk: boolean;
    },
  ): Promise<{ problems: ProcessProblem[]; longest: TimedPath | null; svg: string | null }> {
    const units = await this.deps.units.list(this.deps.db, actor.countyCode);
    const unit = units.find((u) => u.code === input.unitCode);
    if (!unit || !canReadPowers(actor, unit.path)) {
      throw new DomainError('validation', { zh: '没有这个单位', en: 'No such unit' }, { fields: { unitCode: 'unknown' } });
    }
    const problems = validateProcess(input.process, input, this.unitExists(units));
    const longest = problems.some((p) => p.severity === 'error') ? null : longestTimedPath(input.process);
    try {
      return { problems, longest, svg: await this.svgOf(units, unit, input, input.risk) };
    } catch (e) {
      if (!(e instanceof UndrawableProcess)) throw e;
      const why = { zh: '流程过于复杂，无法绘图，请简化流程（减少回路和连线）', en: 'The process is too tangled to draw: simplify it (fewer loops and flows)' };
      return { problems: [...problems, { code: 'process.undrawable', severity: 'error' as const, nodeId: null, message: why }], longest, svg: null };
    }
  }

  /** An item's drawing for staff who read its list: the latest revision unless `revision` names another. */
  async drawItem(actor: Actor, itemId: string, options: { revision?: number; risk: boolean; format: DrawingFormat }): Promise<FileDownload> {
    const { item, content, revision } = await this.revisionOf(actor, itemId, options.revision);
    const units = await this.deps.units.list(this.deps.db, actor.countyCode);
    return this.draw(units, item.unitCode, item.code, revision, content, options);
  }

  /** An item's process as BPMN 2.0 (the latest revision, draft or not, unless `revision` names another). */
  async exportBpmn(actor: Actor, itemId: string, options: { revision?: number }): Promise<FileDownload> {
    const { item, content, revision } = await this.revisionOf(actor, itemId, options.revision);
    const process = drawnProcess(content);
    const units = await this.deps.units.list(this.deps.db, actor.countyCode);
    const { performerLabel } = await this.labellers(
      units,
      units.find((u) => u.code === item.unitCode)!,
    );
    const xml = await laidOut(exportBpmn({ itemCode: item.code, itemName: content.name, process, performerLabel }), {
      zh: '该流程过于复杂，无法排版导出',
      en: 'The process is too tangled to lay out for export',
    });
    return { body: Buffer.from(xml, 'utf8'), contentType: 'application/xml; charset=utf-8', fileName: `${item.code}-r${revision}.bpmn` };
  }

  /**
   * Makes a draft revision of the item's process from a BPMN file (with `dryRun`, only reports what it would make).
   * A file with structural faults is refused (`bpmn.refused`, the report in its details); everything else is imported
   * and the report lists what was left out or changed. `basedOn` guards against overwriting someone's newer edit.
   */
  async importBpmn(actor: Actor, itemId: string, file: Buffer, options: { processId?: string; basedOn?: number; dryRun?: boolean }): Promise<BpmnImportResult> {
    const item = await this.deps.catalogue.getItem(actor, itemId);
    if (!canEditPowers(actor, item.unitPath)) throw forbidden();
    // Checked before the file too, so a dry run already says the upload would be refused.
    const basedOn = options.basedOn ?? item.latestRevision;
    assertRevisable(item, basedOn);
    const units = await this.deps.units.list(this.deps.db, actor.countyCode);
    const roleNamed = await this.roleNamer();
    const result = importBpmn(file, { processId: options.processId, limits: item.latest.content, roleNamed, unitExists: this.unitExists(units) });
    if (!result.ok) {
      const first = result.report.entries.find((e) => e.kind === 'refused');
      throw new DomainError(
        'bpmn.refused',
        { zh: `BPMN 文件未导入：${first?.message.zh ?? ''}`, en: `The BPMN file was not imported: ${first?.message.en ?? ''}` },
        { report: result.report },
      );
    }
    const content = { ...item.latest.content, process: result.process };
    if (options.dryRun) return { report: result.report, process: result.process, revision: null, changed: !sameContent(item.latest.content, content) };
    const counts = (kind: string) => result.report.entries.filter((e) => e.kind === kind).length;
    const saved = await this.deps.catalogue.reviseItem(
      actor,
      { itemId, basedOn, content },
      {
        source: 'bpmn',
        audit: {
          bpmn: {
            sha256: createHash('sha256').update(file).digest('hex'),
            bytes: file.length,
            process: result.report.process?.id ?? null,
            unsupported: counts('unsupported'),
            adapted: counts('adapted'),
            warnings: counts('warning'),
          },
        },
      },
    );
    return { report: result.report, process: result.process, revision: saved.latestRevision, changed: saved.latestRevision !== item.latestRevision };
  }

  /** The published revision's drawing for the portal; the risk map only where the county publishes risk maps. */
  async drawPublished(countyCode: string, code: string, options: { risk: boolean; format: DrawingFormat }): Promise<FileDownload> {
    if (options.risk && !(await this.settings(countyCode)).publishRiskMaps) throw notFound('公开的廉政风险防控图', 'Published risk map');
    const item = await this.deps.publicList.getByCode(countyCode, code);
    const key = `${countyCode}/${item.id}/${item.revision}/${options.risk}/${options.format}`;
    const kept = this.publicDrawings.get(key);
    if (kept) {
      // Least recently used goes first: a hit moves to the end.
      this.publicDrawings.delete(key);
      this.publicDrawings.set(key, kept);
      return { body: kept, ...fileOf(item.code, item.revision, options) };
    }
    const units = await this.deps.units.list(this.deps.db, countyCode);
    const drawn = await this.draw(units, item.unitCode, item.code, item.revision, item.content, options);
    if (this.publicDrawings.size >= PUBLIC_DRAWINGS_KEPT) this.publicDrawings.delete(this.publicDrawings.keys().next().value!);
    this.publicDrawings.set(key, drawn.body);
    return drawn;
  }

  /**
   * 廉政风险点台账: every risk point of the latest revision of each active item the actor reads, filtered; the counts
   * by grade leave the grade filter out (they are what the grade filter chooses from). Sorted by grade (一级 first),
   * then item code, then step order.
   */
  async riskRegister(
    actor: Actor,
    filter: RiskFilter,
    page?: { offset: number; limit: number },
  ): Promise<{ total: number; byGrade: Record<RiskGrade, number>; items: RiskRow[] }> {
    const items = await this.deps.catalogue.exportItems(actor, { unitCode: filter.unitCode });
    const q = filter.q?.trim().toLowerCase();
    const rows: RiskRow[] = [];
    for (const item of items) {
      if (item.status !== 'active' || !item.latest.content.process) continue;
      for (const step of stepsOf(item.latest.content.process)) {
        for (const r of step.risks) {
          rows.push({
            itemId: item.id,
            itemCode: item.code,
            itemName: item.latest.content.name,
            unit: { code: item.unitCode, name: item.unitName },
            revision: item.latestRevision,
            published: item.publishedRevision === item.latestRevision,
            stepId: step.id,
            stepName: step.name,
            duty: step.duty ?? '',
            ...r,
          });
        }
      }
    }
    const matching = rows.filter(
      (r) =>
        (!filter.category || r.category === filter.category) &&
        (!q || [r.itemCode, r.itemName, r.stepName, r.description, r.measures, r.post ?? ''].some((t) => t.toLowerCase().includes(q))),
    );
    const byGrade: Record<RiskGrade, number> = { 1: 0, 2: 0, 3: 0 };
    for (const r of matching) byGrade[r.grade] += 1;
    const chosen = matching.filter((r) => !filter.grade || r.grade === filter.grade).sort((a, b) => a.grade - b.grade || a.itemCode.localeCompare(b.itemCode));
    return { total: chosen.length, byGrade, items: page ? chosen.slice(page.offset, page.offset + page.limit) : chosen };
  }

  /** The register as a sheet, in the filter's order. */
  async exportRiskRegister(actor: Actor, filter: RiskFilter, format: 'xlsx' | 'csv'): Promise<FileDownload> {
    const { items } = await this.riskRegister(actor, filter);
    const labels = await this.deps.reference.getLabels();
    const rows = [
      ['单位', '事项编码', '事项名称', '环节', '职责', '风险等级', '风险类别', '风险点描述', '防控措施', '责任岗位', '版本', '状态'],
      ...items.map((r) => [
        r.unit.name,
        r.itemCode,
        r.itemName,
        r.stepName,
        DUTY_LABELS[r.duty as keyof typeof DUTY_LABELS]?.zh ?? r.duty,
        `${RISK_GRADE_LABELS[r.grade].zh} ${RISK_GRADE_LABELS[r.grade].stars}`,
        labels.get('risk_category', r.category).zh,
        r.description,
        r.measures,
        r.post ?? '',
        String(r.revision),
        r.published ? '已公布' : '未公布',
      ]),
    ];
    const name = `risk-register${filter.unitCode ? `-${filter.unitCode}` : ''}`;
    if (format === 'csv') {
      // Free text that a spreadsheet would take for a formula (=HYPERLINK(…)) is kept as text.
      const inert = rows.map((r) => r.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
      return { body: Buffer.from(toCsv(inert), 'utf8'), contentType: 'text/csv; charset=utf-8', fileName: `${name}.csv` };
    }
    return {
      body: await toXlsx(rows, '廉政风险点'),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `${name}.xlsx`,
    };
  }

  async settings(countyCode: string): Promise<PortalSettings> {
    return this.deps.settings.find(this.deps.db, countyCode);
  }

  /**
   * Publishing the risk maps is a county-wide decision: made by a head or leader over the whole county, or by the
   * county's discipline inspection (纪委监委), which leads integrity-risk prevention (廉政风险防控).
   */
  async saveSettings(actor: Actor, settings: PortalSettings): Promise<PortalSettings> {
    return this.deps.db.transaction().execute(async (trx) => {
      const county = await this.deps.units.findRoot(trx, actor.countyCode);
      if (!county || !holdsRoleOn(actor, ['head', 'leader', 'inspector'], county.path)) throw forbidden();
      const before = await this.deps.settings.find(trx, actor.countyCode);
      await this.deps.settings.save(trx, actor.countyCode, settings, this.deps.clock.now().toISOString(), actorLabel(actor));
      await this.deps.audit.append(trx, actor, {
        action: 'portal.settings',
        entity: `county:${actor.countyCode}`,
        county: actor.countyCode,
        payload: { before, after: settings },
      });
      this.publicDrawings.clear();
      return settings;
    });
  }

  private async draw(
    units: Unit[],
    unitCode: string,
    itemCode: string,
    revision: number,
    content: PowerContent,
    options: { risk: boolean; format: DrawingFormat },
  ): Promise<FileDownload> {
    const process = drawnProcess(content);
    const svg = await laidOut(
      this.svgOf(
        units,
        units.find((u) => u.code === unitCode)!,
        { ...content, process },
        options.risk,
      ),
      {
        zh: '该流程过于复杂，无法绘图',
        en: 'The process is too tangled to draw',
      },
    );
    const body = options.format === 'png' ? renderPng(svg) : Buffer.from(svg, 'utf8');
    return { body, ...fileOf(itemCode, revision, options) };
  }

  /** The drawing of a process with the item fields its frame shows; performers and risk categories named in Chinese. */
  private async svgOf(
    units: Unit[],
    unit: Unit,
    item: Pick<PowerContent, 'name' | 'basis' | 'supervisionPhone' | 'statutoryLimit' | 'promisedLimit'> & { process: ProcessDefinition },
    risk: boolean,
  ): Promise<string> {
    // 实施单位 is the legal body: a section (股室) is named with its department, 示范县经济和信息化局 酒类管理股.
    const parent = unit.type === 'section' ? units.find((u) => u.id === unit.parentId) : undefined;
    const input = {
      title: item.name,
      unitName: parent ? `${parent.name} ${unit.name}` : unit.name,
      basis: item.basis,
      supervisionPhone: item.supervisionPhone,
      statutoryLimit: item.statutoryLimit,
      promisedLimit: item.promisedLimit,
      process: item.process,
      ...(await this.labellers(units, unit)),
    };
    return drawProcess(input, { risk });
  }

  /** How drawings name performers (单位 + 角色) and risk categories, in Chinese. */
  private async labellers(units: Unit[], own: Unit) {
    const labels = await this.deps.reference.getLabels();
    const byCode = new Map(units.map((u) => [u.code, u]));
    const parent = units.find((u) => u.id === own.parentId);
    const performerLabel = (s: StepNode) => {
      const p = s.performer;
      const unit =
        p.unit === 'own'
          ? own.name
          : p.unit === 'parent'
            ? (parent?.name ?? '上级单位')
            : p.unitCode
              ? (byCode.get(p.unitCode)?.name ?? p.unitCode)
              : '（未定单位）';
      return `${unit} ${p.role ? labels.get('role', p.role).zh : '（未定角色）'}`;
    };
    return { performerLabel, riskCategoryLabel: (code: string) => labels.get('risk_category', code).zh };
  }

  /** An item's latest revision, or the one `revision` names. */
  private async revisionOf(actor: Actor, itemId: string, wanted?: number) {
    const item = await this.deps.catalogue.getItem(actor, itemId);
    if (wanted === undefined || wanted === item.latestRevision) return { item, content: item.latest.content, revision: item.latestRevision };
    const found = (await this.deps.catalogue.listRevisions(actor, itemId)).find((r) => r.revision === wanted);
    if (!found) throw notFound(`第 ${wanted} 版`, `Revision ${wanted}`);
    return { item, content: found.content, revision: found.revision };
  }

  /** The Sunlit role a BPMN lane or performer names: its code, or its label in either language (case aside). */
  private async roleNamer(): Promise<(name: string) => PerformerRole | null> {
    const labels = await this.deps.reference.getLabels();
    const byName = new Map<string, PerformerRole>();
    for (const code of PERFORMER_ROLES) {
      const l = labels.get('role', code);
      for (const n of [code, l.zh, l.en]) byName.set(n.trim().toLowerCase(), code);
    }
    return (name) => byName.get(name.trim().toLowerCase()) ?? null;
  }

  private unitExists(units: Unit[]) {
    const active = new Set(units.filter((u) => u.status === 'active').map((u) => u.code));
    return (code: string) => active.has(code);
  }
}

/** The revision's process, or not found: an item may be listed before anyone draws its process. */
function drawnProcess(content: PowerContent): ProcessDefinition {
  if (!content.process) throw notFound('该事项的运行流程（尚未绘制）', 'The process of this item (none drawn yet)');
  return content.process;
}

/** What needs the process laid out; a process ELK cannot lay out in time is refused as `process.invalid`. */
async function laidOut<T>(work: Promise<T>, refusal: { zh: string; en: string }): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (!(e instanceof UndrawableProcess)) throw e;
    throw new DomainError('process.invalid', refusal, { problems: [] });
  }
}

function fileOf(code: string, revision: number, options: { risk: boolean; format: DrawingFormat }) {
  const kind = options.risk ? 'risk-map' : 'flowchart';
  return {
    contentType: options.format === 'png' ? 'image/png' : 'image/svg+xml; charset=utf-8',
    fileName: `${code}-r${revision}-${kind}.${options.format}`,
  };
}
