import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { actorLabel, type Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, forbidden } from '../../shared/errors.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { UnitRepository } from '../org/unit.repository.ts';
import { holdsRoleOn } from './access.rules.ts';
import type { SecurityPolicyRepository } from './security-policy.repository.ts';
import { BASELINE_POLICY, policyProblems, type SecurityPolicy } from './security-policy.rules.ts';

/** How long a process trusts the policy it read: another process's change takes effect within this. */
const CACHE_MS = 30_000;

export interface PolicyView extends SecurityPolicy {
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The county's security policy: read by login, sessions and password checks; set by the security administrator. */
export class SecurityPolicyService {
  private readonly cache = new Map<string, { policy: SecurityPolicy; readAt: number }>();

  constructor(private readonly deps: { db: Kysely<Database>; policies: SecurityPolicyRepository; units: UnitRepository; audit: AuditLog; clock: Clock }) {}

  /** The policy in force (the baseline until the county sets its own). */
  async get(countyCode: string): Promise<SecurityPolicy> {
    const hit = this.cache.get(countyCode);
    if (hit && Date.now() - hit.readAt < CACHE_MS) return hit.policy;
    const stored = await this.deps.policies.find(this.deps.db, countyCode);
    const policy: SecurityPolicy = stored ? pick(stored) : { ...BASELINE_POLICY };
    this.cache.set(countyCode, { policy, readAt: Date.now() });
    return policy;
  }

  async view(countyCode: string): Promise<PolicyView> {
    const stored = await this.deps.policies.find(this.deps.db, countyCode);
    return stored ?? { ...BASELINE_POLICY, updatedAt: null, updatedBy: null };
  }

  /** Sets the county's policy: the security administrator of the whole county only; never looser than the baseline. */
  async set(actor: Actor, policy: SecurityPolicy): Promise<PolicyView> {
    const problems = policyProblems(policy);
    if (Object.keys(problems).length > 0) {
      throw new DomainError(
        'validation',
        { zh: '安全策略只能比基线更严格，且须在允许范围内', en: 'The policy can only be stricter than the baseline, within the allowed ranges' },
        { fields: problems },
      );
    }
    const result = await this.deps.db.transaction().execute(async (trx) => {
      const county = await this.deps.units.findRoot(trx, actor.countyCode);
      if (!county || !holdsRoleOn(actor, ['secadmin'], county.path)) throw forbidden();
      const before = (await this.deps.policies.find(trx, actor.countyCode)) ?? BASELINE_POLICY;
      const at = this.deps.clock.now().toISOString();
      await this.deps.policies.save(trx, actor.countyCode, pick(policy), at, actorLabel(actor));
      await this.deps.audit.append(trx, actor, {
        action: 'security.policy_set',
        entity: `security_policy:${actor.countyCode}`,
        county: actor.countyCode,
        payload: { before: pick(before), after: pick(policy) },
      });
      return { ...pick(policy), updatedAt: at, updatedBy: actorLabel(actor) };
    });
    this.cache.delete(actor.countyCode);
    return result;
  }
}

const pick = (p: SecurityPolicy): SecurityPolicy => ({
  minPasswordLength: p.minPasswordLength,
  minPasswordClasses: p.minPasswordClasses,
  lockoutThreshold: p.lockoutThreshold,
  lockoutMinutes: p.lockoutMinutes,
  idleMinutes: p.idleMinutes,
});
