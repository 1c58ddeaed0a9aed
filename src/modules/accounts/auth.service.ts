import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError } from '../../shared/errors.ts';
import { randomToken } from '../../shared/ids.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { SecurityPolicy } from './security-policy.rules.ts';
import type { UnitRepository } from '../org/unit.repository.ts';
import type { AccountRepository, Grant, SessionRepository } from './account.repository.ts';
import { afterFailedLogin, assertPasswordPolicy, hashPassword, isLocked, sessionExpired, verifyPassword } from './password.rules.ts';

export interface AuthDeps {
  db: Kysely<Database>;
  accounts: AccountRepository;
  sessions: SessionRepository;
  units: UnitRepository;
  audit: AuditLog;
  clock: Clock;
  scryptLogN: number;
  policies: { get(countyCode: string): Promise<SecurityPolicy> };
}

/** Who is signed in, as the workbench needs it. */
export interface Me {
  account: { id: string; login: string; name: string; county: { code: string; name: string } };
  grants: Grant[];
  csrfToken: string;
}

export interface SignedIn {
  actor: Extract<Actor, { kind: 'user' }>;
  sessionId: string;
  csrfToken: string;
}

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

const invalidCredentials = () => new DomainError('auth.invalid_credentials', { zh: '登录名或密码错误', en: 'Wrong login or password' });

/** A session is touched at most once a minute: enough for a 30-minute idle timeout, light on writes. */
const TOUCH_EVERY_MS = 60_000;

export class AuthService {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: AuthDeps) {}

  /**
   * Checks the password and opens a session. Five failures in a row lock the account for 15 minutes; while locked,
   * even the right password is refused with the time the lock ends.
   */
  async login(input: { login: string; password: string; ip: string | null }): Promise<{ token: string; me: Me }> {
    const now = this.deps.clock.now();
    const account = await this.deps.accounts.findByLogin(this.deps.db, input.login);
    if (!account) {
      // Spend the same time as a real check, so response time does not tell which logins exist.
      this.dummyHash ??= hashPassword('not-a-password-Aa1!', this.deps.scryptLogN);
      await verifyPassword(input.password, await this.dummyHash);
      throw invalidCredentials();
    }
    if (isLocked(account, now)) throw lockedError(account.lockedUntil!);
    const passwordOk = await verifyPassword(input.password, account.passwordHash);
    if (!passwordOk) {
      await this.recordFailure(account.login, account.countyCode, input.ip, 'anonymous');
      throw invalidCredentials();
    }

    const outcome = await this.deps.db.transaction().execute(async (trx) => {
      const current = (await this.deps.accounts.findByLogin(trx, input.login, true))!;
      const at = this.deps.clock.now();
      if (isLocked(current, at)) return { kind: 'locked' as const, until: current.lockedUntil! };
      if (current.status !== 'active') return { kind: 'disabled' as const };
      const token = randomToken();
      const sessionId = sessionIdOf(token);
      const csrfToken = randomToken();
      await this.deps.accounts.updateLoginState(trx, current.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: at.toISOString() });
      await this.deps.sessions.insert(trx, {
        id: sessionId,
        accountId: current.id,
        countyCode: current.countyCode,
        csrfToken,
        createdAt: at.toISOString(),
        ip: input.ip,
      });
      await this.deps.audit.append(trx, `user:${current.login}`, {
        action: 'auth.login',
        entity: `account:${current.id}`,
        county: current.countyCode,
        payload: { session: sessionId.slice(0, 16), ip: input.ip },
      });
      return { kind: 'ok' as const, token, accountId: current.id, csrfToken };
    });

    switch (outcome.kind) {
      case 'locked':
        throw lockedError(outcome.until);
      case 'disabled':
        throw new DomainError('auth.disabled', { zh: '该账号已停用，请联系系统管理员', en: 'This account is disabled; contact the system administrator' });
      case 'ok':
        return { token: outcome.token, me: await this.me(outcome.accountId, outcome.csrfToken) };
    }
  }

  /**
   * Counts a wrong password (at login, or when changing one's password) towards the lockout. The account is re-read
   * under the lock so that parallel attempts each count; reaching the limit locks it and ends its sessions.
   * Throws `auth.locked` when this failure locked the account.
   */
  private async recordFailure(login: string, countyCode: string, ip: string | null, actor: string): Promise<void> {
    // Read before the transaction: on SQLite a query outside `trx` while it is open would wait for ever.
    const policy = await this.deps.policies.get(countyCode);
    const lockedUntil = await this.deps.db.transaction().execute(async (trx) => {
      const current = (await this.deps.accounts.findByLogin(trx, login, true))!;
      const at = this.deps.clock.now();
      if (isLocked(current, at)) return current.lockedUntil;
      const next = afterFailedLogin(current, at, policy);
      await this.deps.accounts.updateLoginState(trx, current.id, next);
      if (next.justLocked) await this.deps.sessions.endAllOf(trx, current.id, at.toISOString());
      await this.deps.audit.append(trx, actor, {
        action: next.justLocked ? 'auth.locked' : 'auth.login_failed',
        entity: `account:${current.id}`,
        county: current.countyCode,
        payload: { login: current.login, failedLogins: next.failedLogins, lockedUntil: next.lockedUntil, ip },
      });
      return next.lockedUntil;
    });
    if (lockedUntil) throw lockedError(lockedUntil);
  }

  /** The signed-in actor for a session cookie, or null when there is none or it has ended or idled out. */
  async authenticate(token: string | undefined): Promise<SignedIn | null> {
    if (!token) return null;
    const session = await this.deps.sessions.findById(this.deps.db, sessionIdOf(token));
    if (!session || session.endedAt) return null;
    const now = this.deps.clock.now();
    if (sessionExpired(session.lastSeenAt, now, await this.deps.policies.get(session.countyCode))) {
      await this.deps.sessions.end(this.deps.db, session.id, now.toISOString());
      return null;
    }
    const account = await this.deps.accounts.findById(this.deps.db, session.accountId);
    if (!account || account.status !== 'active') return null;
    if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
      await this.deps.sessions.touch(this.deps.db, session.id, now.toISOString());
    }
    return {
      actor: await this.userActor(account),
      sessionId: session.id,
      csrfToken: session.csrfToken,
    };
  }

  async logout(signedIn: SignedIn): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.sessions.end(trx, signedIn.sessionId, this.deps.clock.now().toISOString());
      await this.deps.audit.append(trx, signedIn.actor, {
        action: 'auth.logout',
        entity: `account:${signedIn.actor.accountId}`,
        county: signedIn.actor.countyCode,
        payload: { session: signedIn.sessionId.slice(0, 16) },
      });
    });
  }

  /** Changes one's own password; the current one must be given. Other sessions of the account end. */
  async changePassword(signedIn: SignedIn, input: { currentPassword: string; newPassword: string }, ip: string | null = null): Promise<void> {
    const account = await this.deps.accounts.findById(this.deps.db, signedIn.actor.accountId);
    if (!account) throw invalidCredentials();
    // A stolen session must not become a way to guess the password: wrong guesses count towards the lockout.
    if (!(await verifyPassword(input.currentPassword, account.passwordHash))) {
      await this.recordFailure(account.login, account.countyCode, ip, `user:${account.login}`);
      throw invalidCredentials();
    }
    assertPasswordPolicy(input.newPassword, await this.deps.policies.get(account.countyCode));
    const hash = await hashPassword(input.newPassword, this.deps.scryptLogN);
    await this.deps.db.transaction().execute(async (trx) => {
      const at = this.deps.clock.now().toISOString();
      await this.deps.accounts.updatePassword(trx, account.id, hash, at);
      await this.deps.sessions.endAllOf(trx, account.id, at);
      await this.deps.audit.append(trx, signedIn.actor, {
        action: 'account.password_change',
        entity: `account:${account.id}`,
        county: account.countyCode,
        payload: {},
      });
    });
  }

  /**
   * The actor of an active account, without a session: for trusted code on the machine that acts as a named person
   * (the demo loader, so that each demo record carries the name of the person whose step it is).
   */
  async actorForLogin(login: string): Promise<Actor> {
    const account = await this.deps.accounts.findByLogin(this.deps.db, login);
    if (!account || account.status !== 'active') throw new DomainError('not_found', { zh: `未找到账号 ${login}`, en: `No account ${login}` });
    return this.userActor(account);
  }

  private async userActor(account: { id: string; login: string; countyCode: string }): Promise<Extract<Actor, { kind: 'user' }>> {
    const grants = await this.deps.accounts.listGrants(this.deps.db, [account.id]);
    return {
      kind: 'user',
      accountId: account.id,
      login: account.login,
      countyCode: account.countyCode,
      grants: grants.map((g) => ({ id: g.id, role: g.role, unitId: g.unitId, unitPath: g.unitPath })),
    };
  }

  async me(accountId: string, csrfToken: string): Promise<Me> {
    const summary = await this.deps.accounts.findSummary(this.deps.db, accountId);
    if (!summary) throw new DomainError('auth.required', { zh: '请先登录', en: 'Please sign in' });
    const account = (await this.deps.accounts.findById(this.deps.db, accountId))!;
    const county = (await this.deps.units.findCounty(this.deps.db, account.countyCode)) ?? { code: account.countyCode, name: account.countyCode };
    return {
      account: { id: summary.id, login: summary.login, name: summary.name, county },
      grants: await this.deps.accounts.listGrants(this.deps.db, [accountId]),
      csrfToken,
    };
  }
}

function lockedError(until: string): DomainError {
  const local = new Date(Date.parse(until) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  return new DomainError(
    'auth.locked',
    { zh: `登录失败次数过多，账号已锁定至 ${local}（北京时间）`, en: `Too many failed logins: the account is locked until ${local} (Beijing time)` },
    { lockedUntil: until },
  );
}
