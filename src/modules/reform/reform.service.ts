import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { actorLabel, BUSINESS_ROLES, type Actor } from '../../shared/actor.ts';
import { civilDateShanghai, type Clock } from '../../shared/clock.ts';
import { DomainError, forbidden, notFound } from '../../shared/errors.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { holdsRole, holdsRoleOn } from '../accounts/access.rules.ts';
import { canEditPowers, canReadPowers } from '../catalogue/catalogue-access.rules.ts';
import { toCsv, toXlsx } from '../catalogue/sheet.writer.ts';
import type { UnitRepository } from '../org/unit.repository.ts';
import { demoReformBaselines } from './demo-reform.data.ts';
import type { Baseline, ReformItem, ReformRepository } from './reform.repository.ts';
import {
  APPROVAL_CATEGORIES,
  approvalFigures,
  baselineProblems,
  compare,
  countComparisons,
  isApprovalCategory,
  NOT_COMPARED,
  type ApprovalFigures,
  type Comparison,
  type ReformCounts,
} from './reform.rules.ts';

export interface ReformDeps {
  db: Kysely<Database>;
  reform: ReformRepository;
  units: UnitRepository;
  audit: AuditLog;
  clock: Clock;
}

/** One line of the ledger: an item, its baseline, its published figures and how they compare. */
export interface LedgerEntry {
  item: ReformItem;
  baseline: Baseline;
  /** The published revision's figures, or null while the item has none published (it then counts nowhere). */
  current: (ApprovalFigures & { revision: number }) | null;
  comparison: Comparison;
}

export interface Ledger {
  startedOn: string | null;
  totals: ReformCounts;
  units: { unitCode: string; unitName: string; counts: ReformCounts }[];
  entries: LedgerEntry[];
}

export interface ReformStarted {
  startedOn: string;
  /** Baselines taken now: from the published revision, or from the latest one of items never published. */
  fromPublished: number;
  fromLatest: number;
  /** Items that already had a baseline entered by hand, kept as it was. */
  kept: number;
}

/** Who starts the reform: the legal review group or a leader. */
const STARTERS = ['legal_reviewer', 'leader'] as const;
const CIVIL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 审批制度改革台账: each approval item's figures when the reform started (its baseline) against its published revision
 * now, counted as the county reports them: items with fewer steps, fewer materials, a shorter time limit.
 */
export class ReformService {
  constructor(private readonly deps: ReformDeps) {}

  /**
   * Starts the reform: a baseline for every active approval item from its published revision (the latest one for
   * items never published, counted apart in the answer and the audit event). Baselines already entered by hand are
   * kept. Refused when the reform has started.
   */
  async start(actor: Actor, input: { startedOn?: string } = {}): Promise<ReformStarted> {
    if (!holdsRole(actor, STARTERS)) throw forbidden();
    const startedOn = this.startDate(input.startedOn);
    return this.deps.db.transaction().execute(async (trx) => {
      await this.assertNotStarted(trx, actor.countyCode);
      const items = await this.deps.reform.listActiveItemsByCategory(trx, actor.countyCode, APPROVAL_CATEGORIES);
      const existing = new Set((await this.deps.reform.listBaselines(trx, actor.countyCode)).map((b) => b.itemId));
      const taken = items.filter((i) => !existing.has(i.id));
      const fromLatest = taken.filter((i) => i.published === null);
      await this.deps.reform.insert(trx, { countyCode: actor.countyCode, startedOn, startedBy: actorLabel(actor) });
      await this.deps.reform.insertBaselinesIfMissing(
        trx,
        taken.map((i) => this.snapshot(actor, i, approvalFigures(i.published ?? i.latest))),
      );
      const result = { startedOn, fromPublished: taken.length - fromLatest.length, fromLatest: fromLatest.length, kept: items.length - taken.length };
      await this.deps.audit.append(trx, actor, {
        action: 'reform.start',
        entity: `reform:${actor.countyCode}`,
        county: actor.countyCode,
        payload: { v: 1, ...result, unpublished: fromLatest.map((i) => i.code) },
      });
      return result;
    });
  }

  /**
   * Records an item's baseline by hand (figures from the paper records before Sunlit, or a correction): editors of
   * the item's unit or the legal reviewer. Any approval item may get one, also before the reform starts (the start
   * then keeps it) or after (an item added since).
   */
  async recordBaseline(actor: Actor, itemId: string, figures: ApprovalFigures): Promise<LedgerEntry> {
    const problems = baselineProblems(figures);
    if (Object.keys(problems).length > 0) {
      throw new DomainError('validation', { zh: '基准数据有误，请检查标出的字段', en: 'Some baseline figures are not valid' }, { fields: problems });
    }
    return this.deps.db.transaction().execute(async (trx) => {
      const item = await this.deps.reform.findItemById(trx, actor.countyCode, itemId);
      if (!item) throw notFound('该职权事项', 'Power item');
      // Before the reform starts a unit may enter its paper figures; once started, the baseline is what the unit is
      // measured against, so only the legal reviewer corrects it.
      const started = await this.deps.reform.find(trx, actor.countyCode);
      const mayRecord = holdsRoleOn(actor, ['legal_reviewer'], item.unitPath) || (!started && canEditPowers(actor, item.unitPath));
      if (!mayRecord) throw forbidden();
      if (!isApprovalCategory(item.category)) {
        throw new DomainError(
          'validation',
          { zh: '只有行政许可等审批事项才记录改革基准', en: 'Only approval items have a reform baseline' },
          { fields: { itemId: 'not_approval' } },
        );
      }
      if (item.status !== 'active') {
        throw new DomainError('conflict', { zh: '该事项已取消、下放或划转', en: 'The item has ended' });
      }
      const before = await this.deps.reform.findBaseline(trx, item.id);
      const baseline: Baseline = {
        itemId: item.id,
        countyCode: actor.countyCode,
        steps: figures.steps,
        materials: figures.materials,
        timeLimit: figures.timeLimit,
        source: 'manual',
        recordedAt: this.deps.clock.now().toISOString(),
        recordedBy: actorLabel(actor),
      };
      await this.deps.reform.upsertBaseline(trx, baseline);
      await this.deps.audit.append(trx, actor, {
        action: 'reform.baseline',
        entity: `power_item:${item.id}`,
        county: actor.countyCode,
        payload: {
          v: 1,
          code: item.code,
          steps: figures.steps,
          materials: figures.materials,
          timeLimit: figures.timeLimit,
          before: before ? { steps: before.steps, materials: before.materials, timeLimit: before.timeLimit, source: before.source } : null,
        },
      });
      return entryOf(item, baseline);
    });
  }

  /**
   * The ledger of the county, or of one unit's subtree: every active item with a baseline, its published figures,
   * and the counts in total and per unit. Aggregate figures about public lists: every business role reads them.
   */
  async ledger(actor: Actor, filter: { unitCode?: string } = {}): Promise<Ledger> {
    if (!holdsRole(actor, BUSINESS_ROLES)) throw forbidden();
    const { db, reform, units } = this.deps;
    let unitPath: string | undefined;
    if (filter.unitCode) {
      const unit = await units.findByCode(db, actor.countyCode, filter.unitCode);
      if (!unit) throw notFound(`单位 ${filter.unitCode}`, `Unit ${filter.unitCode}`);
      unitPath = unit.path;
    }
    const [started, rows] = await Promise.all([reform.find(db, actor.countyCode), reform.listBaselinesWithItems(db, actor.countyCode, unitPath)]);
    // A published item is public; one never published is still a unit's draft, shown only to those who read its list.
    const entries = rows.filter((r) => r.item.publishedRevision !== null || canReadPowers(actor, r.item.unitPath)).map((r) => entryOf(r.item, r.baseline));
    const byUnit = new Map<string, { unitCode: string; unitName: string; comparisons: Comparison[] }>();
    for (const e of entries) {
      const u = byUnit.get(e.item.unitCode) ?? { unitCode: e.item.unitCode, unitName: e.item.unitName, comparisons: [] };
      u.comparisons.push(e.comparison);
      byUnit.set(e.item.unitCode, u);
    }
    return {
      startedOn: started?.startedOn ?? null,
      totals: countComparisons(entries.map((e) => e.comparison)),
      units: [...byUnit.values()].map((u) => ({ unitCode: u.unitCode, unitName: u.unitName, counts: countComparisons(u.comparisons) })),
      entries,
    };
  }

  /** The ledger's table as a file (xlsx or UTF-8 CSV), Chinese headers, one row per item. */
  async exportLedger(actor: Actor, filter: { unitCode?: string }, format: 'xlsx' | 'csv'): Promise<{ body: Buffer; contentType: string; extension: string }> {
    const rows = ledgerRows((await this.ledger(actor, filter)).entries);
    if (format === 'csv') return { body: Buffer.from(toCsv(rows), 'utf8'), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
    return {
      body: await toXlsx(rows, '审批制度改革台账'),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    };
  }

  /**
   * The demo county's reform (`demo-reform.data.ts`): started on `startedOn` with baselines that make the ledger show
   * the county report's figures against the items' current ones. `present` when the reform had already started.
   */
  async loadDemo(actor: Actor, startedOn: string): Promise<'loaded' | 'present'> {
    if (!holdsRole(actor, STARTERS)) throw forbidden();
    const date = this.startDate(startedOn);
    return this.deps.db.transaction().execute(async (trx) => {
      if (await this.deps.reform.find(trx, actor.countyCode)) return 'present';
      const items = await this.deps.reform.listActiveItemsByCategory(trx, actor.countyCode, APPROVAL_CATEGORIES);
      const byCode = new Map(items.map((i) => [i.code, i]));
      const baselines = demoReformBaselines(items.map((i) => ({ code: i.code, current: approvalFigures(i.published ?? i.latest) })));
      await this.deps.reform.insert(trx, { countyCode: actor.countyCode, startedOn: date, startedBy: actorLabel(actor) });
      await this.deps.reform.insertBaselinesIfMissing(
        trx,
        baselines.map((b) => this.snapshot(actor, byCode.get(b.code)!, b.baseline)),
      );
      await this.deps.audit.append(trx, actor, {
        action: 'reform.start',
        entity: `reform:${actor.countyCode}`,
        county: actor.countyCode,
        payload: { v: 1, startedOn: date, demo: true, items: baselines.length },
      });
      return 'loaded';
    });
  }

  private snapshot(actor: Actor, item: ReformItem, figures: ApprovalFigures): Baseline {
    return {
      itemId: item.id,
      countyCode: actor.countyCode,
      ...figures,
      source: 'snapshot',
      recordedAt: this.deps.clock.now().toISOString(),
      recordedBy: actorLabel(actor),
    };
  }

  private startDate(given: string | undefined): string {
    if (given === undefined) return civilDateShanghai(this.deps.clock.now());
    const d = new Date(`${given}T00:00:00Z`);
    if (!CIVIL_DATE.test(given) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== given) {
      throw new DomainError('validation', { zh: '日期格式应为 YYYY-MM-DD', en: 'Dates are written YYYY-MM-DD' }, { fields: { startedOn: 'invalid' } });
    }
    return given;
  }

  private async assertNotStarted(trx: Kysely<Database>, countyCode: string): Promise<void> {
    const started = await this.deps.reform.find(trx, countyCode);
    if (started) {
      throw new DomainError(
        'conflict',
        { zh: `审批制度改革已于 ${started.startedOn} 开始`, en: `The approval reform started on ${started.startedOn}` },
        { startedOn: started.startedOn },
      );
    }
  }
}

function entryOf(item: ReformItem, baseline: Baseline): LedgerEntry {
  const current = item.published && item.publishedRevision !== null ? { ...approvalFigures(item.published), revision: item.publishedRevision } : null;
  return { item, baseline, current, comparison: current ? compare(baseline, current) : NOT_COMPARED };
}

/** Column headers of the exported ledger. */
export const LEDGER_HEADER = [
  '单位',
  '事项编码',
  '事项名称',
  '原环节',
  '现环节',
  '原材料',
  '现材料',
  '原时限',
  '现时限',
  '精减环节',
  '减少材料',
  '缩短时限',
] as const;

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
const yes = (b: boolean) => (b ? '是' : '');

/** The ledger as rows of cell texts, header first; an unknown figure is an empty cell. */
export function ledgerRows(entries: readonly LedgerEntry[]): string[][] {
  return [
    [...LEDGER_HEADER],
    ...entries.map((e) => [
      e.item.unitName,
      e.item.code,
      e.item.name,
      cell(e.baseline.steps),
      cell(e.current?.steps),
      cell(e.baseline.materials),
      cell(e.current?.materials),
      cell(e.baseline.timeLimit),
      cell(e.current?.timeLimit),
      yes(e.comparison.fewerSteps),
      yes(e.comparison.fewerMaterials),
      yes(e.comparison.shorterLimit),
    ]),
  ];
}
