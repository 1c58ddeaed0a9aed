import type { Actor } from '../../shared/actor.ts';
import { DomainError } from '../../shared/errors.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { CatalogueService, ImportRow } from '../catalogue/catalogue.service.ts';
import type { OrgService } from '../org/org.service.ts';
import { DEMO_POWERS } from './demo-powers.data.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS } from './demo.data.ts';

/** Loads 示范县 through the ordinary services, so every demo record is audited like any other. */
export class DemoService {
  constructor(private readonly deps: { org: OrgService; accounts: AccountsService; catalogue: CatalogueService }) {}

  /**
   * `loaded` when the demo was (completed and) loaded now, `present` when it was all there. Each unit and account is
   * its own audited change, and each unit's power list one audited import, so a first start interrupted half-way is
   * completed by the next one: whatever is missing is added, and nothing is added twice. With `powers: false` only
   * the units and accounts are loaded (tests that compile a power list of their own start from an empty one).
   */
  async load(actor: Actor, options: { powers?: boolean } = {}): Promise<'loaded' | 'present'> {
    const haveUnits = new Set((await this.deps.org.listUnits(actor)).map((u) => u.code));
    const haveLogins = new Set((await this.deps.accounts.listAccounts(actor)).map((a) => a.login));
    const demoStarted = haveUnits.has(DEMO_UNITS[0]!.code);
    if (!demoStarted && haveUnits.size > 1) {
      throw new DomainError('conflict', {
        zh: '数据库中已有单位数据，示范县只能装入空数据库',
        en: 'The database already holds units: the demo county loads only into an empty database',
      });
    }
    const haveCodes = options.powers === false ? null : await this.itemCodes(actor);
    const missingUnits = DEMO_UNITS.filter((u) => !haveUnits.has(u.code));
    const missingAccounts = DEMO_ACCOUNTS.filter((a) => !haveLogins.has(a.login));
    const missingPowers = haveCodes ? DEMO_POWERS.filter((p) => !haveCodes.has(p.code)) : [];
    if (missingUnits.length === 0 && missingAccounts.length === 0 && missingPowers.length === 0) return 'present';
    const county = actor.countyCode;
    for (const u of missingUnits)
      await this.deps.org.addUnit(actor, { code: u.code, name: u.name, type: u.type, ...(u.parent ? { parentCode: u.parent } : {}) });
    for (const a of missingAccounts) {
      const grants = a.grants.map((g) => ({ role: g.role, unitCode: g.unit ?? county }));
      await this.deps.accounts.createAccount(actor, { name: a.name, login: a.login, password: DEMO_PASSWORD, unitCode: a.unit ?? county }, grants);
    }
    const byUnit = new Map<string, ImportRow[]>();
    for (const p of missingPowers) {
      const rows = byUnit.get(p.unit) ?? [];
      rows.push({ row: rows.length + 1, code: p.code, unitText: null, content: p.content });
      byUnit.set(p.unit, rows);
    }
    for (const [unitCode, rows] of byUnit) await this.deps.catalogue.importItems(actor, unitCode, rows, []);
    return 'loaded';
  }

  /** Codes of every power item in the county, whatever its state. */
  private async itemCodes(actor: Actor): Promise<Set<string>> {
    const codes = new Set<string>();
    const limit = 10000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.deps.catalogue.listItems(actor, {}, { offset, limit });
      for (const i of page.items) codes.add(i.code);
      if (page.items.length < limit || offset + limit >= page.total) return codes;
    }
  }
}
