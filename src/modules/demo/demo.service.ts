import type { Actor } from '../../shared/actor.ts';
import { DomainError } from '../../shared/errors.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { OrgService } from '../org/org.service.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS } from './demo.data.ts';

/** Loads 示范县 through the ordinary services, so every demo record is audited like any other. */
export class DemoService {
  constructor(private readonly deps: { org: OrgService; accounts: AccountsService }) {}

  /** `loaded` when the demo was loaded now, `present` when it was already there. */
  async load(actor: Actor): Promise<'loaded' | 'present'> {
    const units = await this.deps.org.listUnits(actor);
    if (units.some((u) => u.code === DEMO_UNITS[0]!.code)) return 'present';
    if (units.length > 1) {
      throw new DomainError('conflict', {
        zh: '数据库中已有单位数据，示范县只能装入空数据库',
        en: 'The database already holds units: the demo county loads only into an empty database',
      });
    }
    const county = actor.countyCode;
    for (const u of DEMO_UNITS) await this.deps.org.addUnit(actor, { code: u.code, name: u.name, type: u.type, ...(u.parent ? { parentCode: u.parent } : {}) });
    for (const a of DEMO_ACCOUNTS) {
      const [first, ...rest] = a.grants.map((g) => ({ role: g.role, unitCode: g.unit ?? county }));
      await this.deps.accounts.createAccount(actor, { name: a.name, login: a.login, password: DEMO_PASSWORD, unitCode: a.unit ?? county }, first);
      for (const g of rest) await this.deps.accounts.grantRole(actor, { login: a.login, ...g });
    }
    return 'loaded';
  }
}
