import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { SecurityPolicy } from './security-policy.rules.ts';

type Q = Kysely<Database>;

export class SecurityPolicyRepository {
  async find(q: Q, countyCode: string): Promise<(SecurityPolicy & { updatedAt: string; updatedBy: string }) | undefined> {
    const r = await q.selectFrom('security_policy').selectAll().where('county_code', '=', countyCode).executeTakeFirst();
    return (
      r && {
        minPasswordLength: r.min_password_length,
        minPasswordClasses: r.min_password_classes,
        lockoutThreshold: r.lockout_threshold,
        lockoutMinutes: r.lockout_minutes,
        idleMinutes: r.idle_minutes,
        updatedAt: r.updated_at,
        updatedBy: r.updated_by,
      }
    );
  }

  async save(q: Q, countyCode: string, p: SecurityPolicy, at: string, by: string): Promise<void> {
    const row = {
      min_password_length: p.minPasswordLength,
      min_password_classes: p.minPasswordClasses,
      lockout_threshold: p.lockoutThreshold,
      lockout_minutes: p.lockoutMinutes,
      idle_minutes: p.idleMinutes,
      updated_at: at,
      updated_by: by,
    };
    await q
      .insertInto('security_policy')
      .values({ county_code: countyCode, ...row })
      .onConflict((oc) => oc.column('county_code').doUpdateSet(row))
      .execute();
  }
}
