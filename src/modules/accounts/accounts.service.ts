import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { actorLabel, type Actor, type Role } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, forbidden, notFound } from '../../shared/errors.ts';
import type { FieldCipher } from '../../shared/field-crypto.ts';
import { uuidv7 } from '../../shared/ids.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { SecurityPolicy } from './security-policy.rules.ts';
import type { UnitRepository } from '../org/unit.repository.ts';
import { assertGrantKeepsSeparation, grantsWithRole, holdsRole, holdsRoleOn, isAdminRole } from './access.rules.ts';
import type { AccountRepository, AccountSummary, Grant, SessionRepository } from './account.repository.ts';
import { assertPasswordPolicy, hashPassword } from './password.rules.ts';

export interface AccountsDeps {
  db: Kysely<Database>;
  accounts: AccountRepository;
  sessions: SessionRepository;
  units: UnitRepository;
  audit: AuditLog;
  clock: Clock;
  cipher: FieldCipher;
  scryptLogN: number;
  policies: { get(countyCode: string): Promise<SecurityPolicy> };
}

export interface NewAccount {
  name: string;
  login: string;
  password: string;
  unitCode: string;
  phone?: string;
  idNumber?: string;
}

export type AccountWithGrants = AccountSummary & { grants: Grant[] };

const accountNotFound = () => notFound('该账号', 'Account');

/**
 * Accounts and grants, under 三员分立: the system administrator creates, disables and unlocks accounts; the security
 * administrator grants and revokes roles; the CLI operator on the server machine may do both.
 */
export class AccountsService {
  constructor(private readonly deps: AccountsDeps) {}

  /** Creates a person and an account, and grants it `grants` in the same transaction (CLI `user add`, the demo). */
  async createAccount(actor: Actor, input: NewAccount, grants: { role: Role; unitCode: string }[] = []): Promise<AccountWithGrants> {
    assertPasswordPolicy(input.password, await this.deps.policies.get(actor.countyCode));
    const passwordHash = await hashPassword(input.password, this.deps.scryptLogN);
    return this.deps.db.transaction().execute(async (trx) => {
      const unit = await this.unitByCode(trx, actor.countyCode, input.unitCode);
      if (!holdsRoleOn(actor, ['sysadmin'], unit.path)) throw forbidden();
      if (await this.deps.accounts.findByLogin(trx, input.login)) {
        throw new DomainError('conflict', { zh: `登录名 ${input.login} 已被使用`, en: `Login ${input.login} is already taken` }, { login: input.login });
      }
      const now = this.deps.clock.now();
      const at = now.toISOString();
      const personId = uuidv7(now.getTime());
      const accountId = uuidv7(now.getTime());
      await this.deps.accounts.insertPerson(trx, {
        id: personId,
        countyCode: actor.countyCode,
        name: input.name,
        unitId: unit.id,
        idNumberEnc: input.idNumber ? this.deps.cipher.encrypt(input.idNumber) : null,
        phoneEnc: input.phone ? this.deps.cipher.encrypt(input.phone) : null,
        createdAt: at,
      });
      await this.deps.accounts.insert(trx, { id: accountId, countyCode: actor.countyCode, personId, login: input.login, passwordHash, createdAt: at });
      // Personal data stays out of the log: only whether it was given.
      await this.deps.audit.append(trx, actor, {
        action: 'account.create',
        entity: `account:${accountId}`,
        county: actor.countyCode,
        payload: {
          login: input.login,
          name: input.name,
          unit: unit.code,
          phoneGiven: !!input.phone,
          idNumberGiven: !!input.idNumber,
        },
      });
      for (const grant of grants) await this.grantInTrx(trx, actor, { accountId, ...grant });
      return this.loadWithGrants(trx, accountId);
    });
  }

  /**
   * Grants `role` on a unit (and so its subtree) to an account. A grant refused for 三员分立 is itself recorded: the
   * change rolls back, but the attempt stays in the audit log.
   */
  async grantRole(actor: Actor, input: { login: string; role: Role; unitCode: string }): Promise<AccountWithGrants> {
    try {
      return await this.deps.db.transaction().execute(async (trx) => {
        const account = await this.deps.accounts.findByLogin(trx, input.login, true);
        const summary = account && (await this.deps.accounts.findSummary(trx, account.id));
        // An account outside the security administrator's units is as good as absent: no grant, no data back.
        if (!account || !summary || account.countyCode !== actor.countyCode || !this.canSeeAccount(actor, summary)) throw accountNotFound();
        await this.grantInTrx(trx, actor, { accountId: account.id, role: input.role, unitCode: input.unitCode });
        return this.loadWithGrants(trx, account.id);
      });
    } catch (e) {
      if (e instanceof DomainError && e.code === 'grant.separation_of_duties') {
        await this.deps.db.transaction().execute((trx) =>
          this.deps.audit.append(trx, actor, {
            action: 'grant.refused',
            entity: `login:${input.login}`,
            county: actor.countyCode,
            payload: { login: input.login, role: input.role, unit: input.unitCode, reason: e.code },
          }),
        );
      }
      throw e;
    }
  }

  /** The unit a request names by code; an unknown code is the request's fault (`details.fields.unitCode`). */
  private async unitByCode(trx: Kysely<Database>, countyCode: string, code: string) {
    const unit = await this.deps.units.findByCode(trx, countyCode, code);
    if (!unit) {
      throw new DomainError('validation', { zh: `单位 ${code} 不存在`, en: `Unit ${code} does not exist` }, { fields: { unitCode: 'not_found' } });
    }
    return unit;
  }

  private async grantInTrx(trx: Kysely<Database>, actor: Actor, input: { accountId: string; role: Role; unitCode: string }): Promise<void> {
    const unit = await this.unitByCode(trx, actor.countyCode, input.unitCode);
    if (unit.status !== 'active') throw new DomainError('conflict', { zh: '该单位已撤销或合并', en: 'The unit is no longer active' });
    if (!holdsRoleOn(actor, ['secadmin'], unit.path)) throw forbidden();
    if (actor.kind === 'user' && actor.accountId === input.accountId) {
      throw new DomainError('grant.separation_of_duties', { zh: '不能给自己授权', en: 'You cannot grant roles to yourself' });
    }
    const held = await this.deps.accounts.listGrants(trx, [input.accountId]);
    if (held.some((g) => g.role === input.role && g.unitId === unit.id)) {
      throw new DomainError('conflict', { zh: '该账号已在此单位持有该角色', en: 'The account already holds this role on this unit' });
    }
    assertGrantKeepsSeparation(
      held.map((g) => g.role),
      input.role,
    );
    const now = this.deps.clock.now();
    const id = uuidv7(now.getTime());
    await this.deps.accounts.insertGrant(trx, {
      id,
      countyCode: actor.countyCode,
      accountId: input.accountId,
      role: input.role,
      unitId: unit.id,
      grantedAt: now.toISOString(),
      grantedBy: actorLabel(actor),
    });
    await this.deps.audit.append(trx, actor, {
      action: 'grant.create',
      entity: `grant:${id}`,
      county: actor.countyCode,
      payload: { account: input.accountId, role: input.role, unit: unit.code },
    });
  }

  async revokeGrant(actor: Actor, grantId: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const grant = await this.deps.accounts.findGrant(trx, grantId);
      if (!grant || grant.countyCode !== actor.countyCode) throw notFound('该授权', 'Grant');
      if (!holdsRoleOn(actor, ['secadmin'], grant.unitPath)) throw forbidden();
      const now = this.deps.clock.now().toISOString();
      // Two revocations racing: only the first changes the row; the second finds nothing left to revoke.
      if (!(await this.deps.accounts.revokeGrant(trx, grantId, now, actorLabel(actor)))) throw notFound('该授权', 'Grant');
      await this.deps.audit.append(trx, actor, {
        action: 'grant.revoke',
        entity: `grant:${grantId}`,
        county: actor.countyCode,
        payload: { account: grant.accountId, role: grant.role, unit: grant.unitCode },
      });
    });
  }

  /** Disables an account (never deleted) and ends its sessions. */
  async disableAccount(actor: Actor, accountId: string, reason: string): Promise<AccountWithGrants> {
    return this.changeAccount(actor, accountId, 'account.disable', { reason, takesOver: true }, async (trx, at) => {
      await this.deps.accounts.updateStatus(trx, accountId, 'disabled', at, reason);
      await this.deps.sessions.endAllOf(trx, accountId, at);
    });
  }

  async enableAccount(actor: Actor, accountId: string, reason: string): Promise<AccountWithGrants> {
    return this.changeAccount(actor, accountId, 'account.enable', { reason, takesOver: true }, async (trx, at) => {
      await this.deps.accounts.updateStatus(trx, accountId, 'active', at, reason);
    });
  }

  /** Lifts a lockout before its 15 minutes are up. */
  async unlockAccount(actor: Actor, accountId: string): Promise<AccountWithGrants> {
    return this.changeAccount(actor, accountId, 'account.unlock', {}, async (trx) => {
      await this.deps.accounts.updateLoginState(trx, accountId, { failedLogins: 0, lockedUntil: null });
    });
  }

  /** Sets a new password for another account (the holder should change it at next login). */
  async resetPassword(actor: Actor, accountId: string, password: string): Promise<AccountWithGrants> {
    assertPasswordPolicy(password, await this.deps.policies.get(actor.countyCode));
    const hash = await hashPassword(password, this.deps.scryptLogN);
    return this.changeAccount(actor, accountId, 'account.password_reset', { takesOver: true }, async (trx, at) => {
      await this.deps.accounts.updatePassword(trx, accountId, hash, at);
      await this.deps.sessions.endAllOf(trx, accountId, at);
    });
  }

  private async changeAccount(
    actor: Actor,
    accountId: string,
    action: string,
    { takesOver, ...payload }: Record<string, unknown> & { takesOver?: boolean },
    change: (trx: Kysely<Database>, at: string) => Promise<void>,
  ): Promise<AccountWithGrants> {
    return this.deps.db.transaction().execute(async (trx) => {
      const summary = await this.deps.accounts.findSummary(trx, accountId);
      if (!summary || !this.canSeeAccount(actor, summary)) throw accountNotFound();
      if (!summary.unit || !holdsRoleOn(actor, ['sysadmin'], summary.unit.path)) throw forbidden();
      if (actor.kind === 'user' && actor.accountId === accountId) throw forbidden();
      // 三员分立: a system administrator who could reset or switch off the security administrator's or the
      // auditor's account could take over or silence them. Those accounts are kept by their holders and the CLI.
      if (takesOver && actor.kind === 'user') {
        const roles = (await this.deps.accounts.listGrants(trx, [accountId])).map((g) => g.role);
        if (roles.some(isAdminRole)) {
          throw new DomainError('forbidden', {
            zh: '三员账号的密码和启停只能由本人或服务器命令行（sunlit）维护',
            en: 'The password and status of an administrator account are kept by its holder or the server CLI only',
          });
        }
      }
      const at = this.deps.clock.now().toISOString();
      await change(trx, at);
      await this.deps.audit.append(trx, actor, {
        action,
        entity: `account:${accountId}`,
        county: actor.countyCode,
        payload: { login: summary.login, ...payload },
      });
      return this.loadWithGrants(trx, accountId);
    });
  }

  /** Accounts the system or security administrator may manage: those whose unit lies under one of its grants. */
  async listAccounts(actor: Actor): Promise<AccountWithGrants[]> {
    if (!holdsRole(actor, ['sysadmin', 'secadmin'])) throw forbidden();
    const visible = (await this.deps.accounts.listSummaries(this.deps.db, actor.countyCode)).filter((a) => this.canSeeAccount(actor, a));
    const grants = await this.deps.accounts.listGrants(
      this.deps.db,
      visible.map((a) => a.id),
    );
    return visible.map((a) => ({ ...a, grants: grants.filter((g) => g.accountId === a.id) }));
  }

  async getAccount(actor: Actor, accountId: string): Promise<AccountWithGrants> {
    const summary = await this.deps.accounts.findSummary(this.deps.db, accountId);
    if (!summary || summary.unit === null || !this.canSeeAccount(actor, summary)) throw accountNotFound();
    return this.loadWithGrants(this.deps.db, accountId);
  }

  private canSeeAccount(actor: Actor, a: AccountSummary): boolean {
    if (actor.kind === 'cli') return true;
    if (actor.kind !== 'user' || a.unit === null) return false;
    const unitPath = a.unit.path;
    return grantsWithRole(actor, ['sysadmin', 'secadmin']).some((g) => unitPath.startsWith(g.unitPath));
  }

  private async loadWithGrants(q: Kysely<Database>, accountId: string): Promise<AccountWithGrants> {
    const summary = await this.deps.accounts.findSummary(q, accountId);
    if (!summary) throw accountNotFound();
    return { ...summary, grants: await this.deps.accounts.listGrants(q, [accountId]) };
  }
}
