import type { Kysely } from 'kysely';
import type { AccountTable, Database } from '../../db/database.ts';
import { isRole, type ActorGrant, type Role } from '../../shared/actor.ts';
import type { Engine } from '../../db/kysely.ts';
import { conflictOnUnique, updatedOne } from '../../db/errors.ts';

type Q = Kysely<Database>;

export interface Account {
  id: string;
  countyCode: string;
  personId: string;
  login: string;
  passwordHash: string;
  status: 'active' | 'disabled';
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

export interface AccountSummary {
  id: string;
  login: string;
  name: string;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  unit: { id: string; code: string; name: string; path: string } | null;
}

export interface Grant extends ActorGrant {
  accountId: string;
  unitCode: string;
  unitName: string;
  grantedAt: string;
}

const toAccount = (r: AccountTable): Account => ({
  id: r.id,
  countyCode: r.county_code,
  personId: r.person_id,
  login: r.login,
  passwordHash: r.password_hash,
  status: r.status as Account['status'],
  failedLogins: Number(r.failed_logins),
  lockedUntil: r.locked_until,
  lastLoginAt: r.last_login_at,
});

export class AccountRepository {
  constructor(private readonly engine: Engine) {}

  async findByLogin(q: Q, login: string, forUpdate = false): Promise<Account | undefined> {
    let query = q.selectFrom('account').selectAll().where('login', '=', login);
    if (forUpdate && this.engine === 'postgres') query = query.forUpdate();
    const r = await query.executeTakeFirst();
    return r && toAccount(r);
  }

  /** Login names of accounts by id (who did a case's steps, in staff views). */
  async loginsOf(q: Q, accountIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(accountIds)];
    if (ids.length === 0) return new Map();
    const rows = await q.selectFrom('account').select(['id', 'login']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.login]));
  }
  async findById(q: Q, id: string): Promise<Account | undefined> {
    const r = await q.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toAccount(r);
  }

  async insertPerson(
    q: Q,
    p: { id: string; countyCode: string; name: string; unitId: string; idNumberEnc: string | null; phoneEnc: string | null; createdAt: string },
  ): Promise<void> {
    await q
      .insertInto('person')
      .values({
        id: p.id,
        county_code: p.countyCode,
        name: p.name,
        unit_id: p.unitId,
        id_number_enc: p.idNumberEnc,
        phone_enc: p.phoneEnc,
        created_at: p.createdAt,
      })
      .execute();
  }

  async insert(q: Q, a: { id: string; countyCode: string; personId: string; login: string; passwordHash: string; createdAt: string }): Promise<void> {
    await q
      .insertInto('account')
      .values({
        id: a.id,
        county_code: a.countyCode,
        person_id: a.personId,
        login: a.login,
        password_hash: a.passwordHash,
        status: 'active',
        failed_logins: 0,
        locked_until: null,
        password_changed_at: a.createdAt,
        last_login_at: null,
        status_changed_at: null,
        status_reason: null,
        created_at: a.createdAt,
      })
      .execute()
      .catch(conflictOnUnique({ zh: `登录名 ${a.login} 已被使用`, en: `Login ${a.login} is already taken` }, { login: a.login }));
  }

  async updateLoginState(q: Q, id: string, s: { failedLogins: number; lockedUntil: string | null; lastLoginAt?: string }): Promise<void> {
    await q
      .updateTable('account')
      .set({ failed_logins: s.failedLogins, locked_until: s.lockedUntil, ...(s.lastLoginAt ? { last_login_at: s.lastLoginAt } : {}) })
      .where('id', '=', id)
      .execute();
  }

  async updateStatus(q: Q, id: string, status: Account['status'], at: string, reason: string): Promise<void> {
    await q.updateTable('account').set({ status, status_changed_at: at, status_reason: reason }).where('id', '=', id).execute();
  }

  async updatePassword(q: Q, id: string, hash: string, at: string): Promise<void> {
    await q.updateTable('account').set({ password_hash: hash, password_changed_at: at }).where('id', '=', id).execute();
  }

  /** Accounts of the county with their person's name and unit. */
  async listSummaries(q: Q, countyCode: string): Promise<AccountSummary[]> {
    const rows = await q
      .selectFrom('account')
      .innerJoin('person', 'person.id', 'account.person_id')
      .leftJoin('unit', 'unit.id', 'person.unit_id')
      .select([
        'account.id',
        'account.login',
        'account.status',
        'account.locked_until',
        'person.name',
        'unit.id as unit_id',
        'unit.code as unit_code',
        'unit.name as unit_name',
        'unit.path as unit_path',
      ])
      .where('account.county_code', '=', countyCode)
      .orderBy('account.login')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      login: r.login,
      name: r.name,
      status: r.status as AccountSummary['status'],
      lockedUntil: r.locked_until,
      unit: r.unit_id ? { id: r.unit_id, code: r.unit_code!, name: r.unit_name!, path: r.unit_path! } : null,
    }));
  }

  async findSummary(q: Q, accountId: string): Promise<AccountSummary | undefined> {
    const a = await this.findById(q, accountId);
    if (!a) return undefined;
    return (await this.listSummaries(q, a.countyCode)).find((s) => s.id === accountId);
  }

  /** Live grants (not revoked, on units still active) of the given accounts. */
  async listGrants(q: Q, accountIds: string[]): Promise<Grant[]> {
    if (accountIds.length === 0) return [];
    const rows = await q
      .selectFrom('role_grant')
      .innerJoin('unit', 'unit.id', 'role_grant.unit_id')
      .select([
        'role_grant.id',
        'role_grant.account_id',
        'role_grant.role',
        'role_grant.granted_at',
        'unit.id as unit_id',
        'unit.path',
        'unit.code',
        'unit.name',
      ])
      .where('role_grant.account_id', 'in', accountIds)
      .where('role_grant.revoked_at', 'is', null)
      .where('unit.status', '=', 'active')
      .orderBy('role_grant.granted_at')
      .execute();
    return rows
      .filter((r) => isRole(r.role))
      .map((r) => ({
        id: r.id,
        accountId: r.account_id,
        role: r.role as Role,
        unitId: r.unit_id,
        unitPath: r.path,
        unitCode: r.code,
        unitName: r.name,
        grantedAt: r.granted_at,
      }));
  }

  async findGrant(q: Q, id: string): Promise<(Grant & { countyCode: string }) | undefined> {
    const row = await q.selectFrom('role_grant').select(['account_id', 'county_code']).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (!row) return undefined;
    const g = (await this.listGrants(q, [row.account_id])).find((x) => x.id === id);
    return g && { ...g, countyCode: row.county_code };
  }

  async insertGrant(
    q: Q,
    g: { id: string; countyCode: string; accountId: string; role: Role; unitId: string; grantedAt: string; grantedBy: string },
  ): Promise<void> {
    await q
      .insertInto('role_grant')
      .values({
        id: g.id,
        county_code: g.countyCode,
        account_id: g.accountId,
        role: g.role,
        unit_id: g.unitId,
        granted_at: g.grantedAt,
        granted_by: g.grantedBy,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
  }

  /** Revokes a live grant; false when it was already revoked (a concurrent revocation won). */
  async revokeGrant(q: Q, id: string, at: string, by: string): Promise<boolean> {
    const r = await q.updateTable('role_grant').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return updatedOne(r);
  }
}

export interface Session {
  id: string;
  accountId: string;
  countyCode: string;
  csrfToken: string;
  lastSeenAt: string;
  endedAt: string | null;
}

export class SessionRepository {
  async insert(q: Q, s: { id: string; accountId: string; countyCode: string; csrfToken: string; createdAt: string; ip: string | null }): Promise<void> {
    await q
      .insertInto('auth_session')
      .values({
        id: s.id,
        account_id: s.accountId,
        county_code: s.countyCode,
        csrf_token: s.csrfToken,
        created_at: s.createdAt,
        last_seen_at: s.createdAt,
        ended_at: null,
        ip: s.ip,
      })
      .execute();
  }

  async findById(q: Q, id: string): Promise<Session | undefined> {
    const r = await q.selectFrom('auth_session').selectAll().where('id', '=', id).executeTakeFirst();
    return r && { id: r.id, accountId: r.account_id, countyCode: r.county_code, csrfToken: r.csrf_token, lastSeenAt: r.last_seen_at, endedAt: r.ended_at };
  }

  async touch(q: Q, id: string, at: string): Promise<void> {
    await q.updateTable('auth_session').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async end(q: Q, id: string, at: string): Promise<void> {
    await q.updateTable('auth_session').set({ ended_at: at }).where('id', '=', id).where('ended_at', 'is', null).execute();
  }

  async endAllOf(q: Q, accountId: string, at: string): Promise<void> {
    await q.updateTable('auth_session').set({ ended_at: at }).where('account_id', '=', accountId).where('ended_at', 'is', null).execute();
  }
}
