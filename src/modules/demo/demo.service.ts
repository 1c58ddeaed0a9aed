import type { Actor } from '../../shared/actor.ts';
import { DomainError } from '../../shared/errors.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { OrgService } from '../org/org.service.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS } from './demo.data.ts';

/** Loads 示范县 through the ordinary services, so every demo record is audited like any other. */
export class DemoService {
  constructor(private readonly deps: { org: OrgService; accounts: AccountsService }) {}

  /**
   * `loaded` when the demo was (completed and) loaded now, `present` when it was all there. Each unit and account is
   * its own audited change, so a first start interrupted half-way is completed by the next one: whatever is missing
   * is added, and nothing is added twice.
   */
  async load(actor: Actor): Promise<'loaded' | 'present'> {
    const haveUnits = new Set((await this.deps.org.listUnits(actor)).map((u) => u.code));
    const haveLogins = new Set((await this.deps.accounts.listAccounts(actor)).map((a) => a.login));
    const demoStarted = haveUnits.has(DEMO_UNITS[0]!.code);
    if (!demoStarted && haveUnits.size > 1) {
      throw new DomainError('conflict', {
        zh: '数据库中已有单位数据，示范县只能装入空数据库',
        en: 'The database already holds units: the demo county loads only into an empty database',
      });
    }
    const missingUnits = DEMO_UNITS.filter((u) => !haveUnits.has(u.code));
    const missingAccounts = DEMO_ACCOUNTS.filter((a) => !haveLogins.has(a.login));
    if (missingUnits.length === 0 && missingAccounts.length === 0) return 'present';
    const county = actor.countyCode;
    for (const u of missingUnits)
      await this.deps.org.addUnit(actor, { code: u.code, name: u.name, type: u.type, ...(u.parent ? { parentCode: u.parent } : {}) });
    for (const a of missingAccounts) {
      const grants = a.grants.map((g) => ({ role: g.role, unitCode: g.unit ?? county }));
      await this.deps.accounts.createAccount(actor, { name: a.name, login: a.login, password: DEMO_PASSWORD, unitCode: a.unit ?? county }, grants);
    }
    return 'loaded';
  }
}
