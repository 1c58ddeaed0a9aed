import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { BUSINESS_ROLES, type Actor } from '../../shared/actor.ts';
import { civilDateShanghai, type Clock } from '../../shared/clock.ts';
import { DomainError, forbidden, notFound } from '../../shared/errors.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { canReadOrg, holdsRole, holdsRoleOn } from '../accounts/access.rules.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { assertValidPlacement, canMergeInto, childPath, type Unit, type UnitType } from './unit.rules.ts';
import type { UnitRepository } from './unit.repository.ts';

export interface OrgDeps {
  db: Kysely<Database>;
  units: UnitRepository;
  audit: AuditLog;
  clock: Clock;
}

const unitNotFound = () => notFound('该单位', 'Unit');
const alreadyEnded = () => new DomainError('conflict', { zh: '该单位已撤销或合并', en: 'The unit is already ended' });

/** Organisation: the county's unit tree. Units are never deleted, only abolished or merged with date and reason. */
export class OrgService {
  constructor(private readonly deps: OrgDeps) {}

  /** Creates the installation's county and its root unit once; later calls change nothing. */
  async ensureCounty(actor: Actor, code: string, name: string): Promise<{ created: boolean; root: Unit }> {
    return this.createCounty(actor, code, name).catch(async (e: unknown) => {
      // Another process starting at the same moment created it: use theirs.
      const root = e instanceof DomainError && e.code === 'conflict' ? await this.deps.units.findRoot(this.deps.db, code) : undefined;
      if (!root) throw e;
      return { created: false, root };
    });
  }

  private async createCounty(actor: Actor, code: string, name: string): Promise<{ created: boolean; root: Unit }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const existing = await this.deps.units.findRoot(trx, code);
      if (existing) return { created: false, root: existing };
      const now = this.deps.clock.now();
      await this.deps.units.insertCounty(trx, code, name, now.toISOString());
      const id = uuidv7(now.getTime());
      const root: Unit = {
        id,
        countyCode: code,
        code,
        name,
        type: 'county',
        parentId: null,
        path: childPath(null, id),
        status: 'active',
        effectiveFrom: civilDateShanghai(now),
        effectiveTo: null,
        statusReason: null,
        mergedIntoId: null,
      };
      await this.deps.units.insert(trx, root, now.toISOString());
      await this.deps.audit.append(trx, actor, { action: 'county.create', entity: `unit:${id}`, county: code, payload: { name } });
      return { created: true, root };
    });
  }

  /** Adds a unit under `parentCode`, or under the county when no parent is named. */
  async addUnit(actor: Actor, input: { code: string; name: string; type: UnitType; parentCode?: string }): Promise<Unit> {
    return this.deps.db.transaction().execute(async (trx) => {
      const county = actor.countyCode;
      const parent = input.parentCode ? await this.deps.units.findByCode(trx, county, input.parentCode) : await this.deps.units.findRoot(trx, county);
      if (!parent) {
        throw new DomainError(
          'validation',
          { zh: `上级单位 ${input.parentCode ?? county} 不存在`, en: `Parent unit ${input.parentCode ?? county} does not exist` },
          {
            fields: { parentCode: 'not_found' },
          },
        );
      }
      if (!holdsRoleOn(actor, ['sysadmin'], parent.path)) throw forbidden();
      assertValidPlacement(input.type, parent);
      if (await this.deps.units.findByCode(trx, county, input.code)) {
        throw new DomainError('conflict', { zh: `单位编码 ${input.code} 已被使用`, en: `Unit code ${input.code} is already in use` }, { code: input.code });
      }
      const now = this.deps.clock.now();
      const id = uuidv7(now.getTime());
      const unit: Unit = {
        id,
        countyCode: county,
        code: input.code,
        name: input.name,
        type: input.type,
        parentId: parent.id,
        path: childPath(parent, id),
        status: 'active',
        effectiveFrom: civilDateShanghai(now),
        effectiveTo: null,
        statusReason: null,
        mergedIntoId: null,
      };
      await this.deps.units.insert(trx, unit, now.toISOString());
      await this.deps.audit.append(trx, actor, {
        action: 'unit.create',
        entity: `unit:${id}`,
        county,
        payload: { code: unit.code, name: unit.name, type: unit.type, parent: parent.code },
      });
      return unit;
    });
  }

  /** Abolishes a unit (撤销) or merges it into another (合并); it stays readable with its date and reason. */
  async endUnit(actor: Actor, input: { unitId: string; reason: string; mergeIntoId?: string }): Promise<Unit> {
    return this.deps.db.transaction().execute(async (trx) => {
      const unit = await this.deps.units.findById(trx, actor.countyCode, input.unitId);
      if (!unit || !canReadOrg(actor, unit.path)) throw unitNotFound();
      if (!holdsRoleOn(actor, ['sysadmin'], unit.path)) throw forbidden();
      if (unit.type === 'county') throw new DomainError('conflict', { zh: '不能撤销县（区）本级', en: 'The county unit cannot be ended' });
      if (unit.status !== 'active') throw alreadyEnded();
      if ((await this.deps.units.countActiveChildren(trx, unit.id)) > 0) {
        throw new DomainError('conflict', { zh: '请先处理其下属单位', en: 'End or move its child units first' });
      }
      let target: Unit | undefined;
      if (input.mergeIntoId) {
        target = await this.deps.units.findById(trx, actor.countyCode, input.mergeIntoId);
        // A target outside the administrator's units gets the same answer as none: its existence does not leak.
        if (!target || !holdsRoleOn(actor, ['sysadmin'], target.path) || !canMergeInto(unit, target)) {
          throw new DomainError(
            'validation',
            { zh: '合并目标须为您管理范围内同类型的有效单位', en: 'Merge into an active unit of the same type that you manage' },
            { fields: { mergeIntoId: 'invalid' } },
          );
        }
      }
      const today = civilDateShanghai(this.deps.clock.now());
      const status = target ? 'merged' : 'abolished';
      if (!(await this.deps.units.endActive(trx, unit.id, { status, effectiveTo: today, reason: input.reason, mergedIntoId: target?.id ?? null }))) {
        throw alreadyEnded();
      }
      await this.deps.audit.append(trx, actor, {
        action: target ? 'unit.merge' : 'unit.abolish',
        entity: `unit:${unit.id}`,
        county: unit.countyCode,
        payload: { code: unit.code, reason: input.reason, effectiveTo: today, mergedInto: target?.code ?? null },
      });
      return { ...unit, status, effectiveTo: today, statusReason: input.reason, mergedIntoId: target?.id ?? null };
    });
  }

  /** The units the actor may see. */
  async listUnits(actor: Actor): Promise<Unit[]> {
    // The auditor reads the audit log only (三员分立).
    if (!holdsRole(actor, [...BUSINESS_ROLES, 'sysadmin', 'secadmin'])) throw forbidden();
    const all = await this.deps.units.list(this.deps.db, actor.countyCode);
    return all.filter((u) => canReadOrg(actor, u.path));
  }

  /** One unit; 404 when outside the actor's view, so that even its existence does not leak. */
  async getUnit(actor: Actor, id: string): Promise<Unit> {
    const unit = await this.deps.units.findById(this.deps.db, actor.countyCode, id);
    if (!unit || !canReadOrg(actor, unit.path)) throw unitNotFound();
    return unit;
  }

  findUnitByCode(countyCode: string, code: string): Promise<Unit | undefined> {
    return this.deps.units.findByCode(this.deps.db, countyCode, code);
  }

  /** What the public portal shows about the county: no login, nothing personal. */
  async publicSummary(
    countyCode: string,
  ): Promise<{ county: { code: string; name: string }; units: { departments: number; townships: number; villages: number } }> {
    const county = await this.deps.units.findCounty(this.deps.db, countyCode);
    if (!county) throw notFound('该县（区）', 'County');
    const counts = await this.deps.units.countByType(this.deps.db, countyCode);
    return { county, units: { departments: counts.department ?? 0, townships: counts.township ?? 0, villages: counts.village ?? 0 } };
  }
}
