import { ADMIN_ROLES, BUSINESS_ROLES, type Actor, type ActorGrant, type Role } from '../../shared/actor.ts';
import { DomainError } from '../../shared/errors.ts';

/** A grant covers its unit and the unit's whole subtree. */
export const grantCovers = (g: ActorGrant, unitPath: string): boolean => unitPath.startsWith(g.unitPath);

export const isAdminRole = (r: Role): boolean => (ADMIN_ROLES as readonly string[]).includes(r);
export const isBusinessRole = (r: Role): boolean => (BUSINESS_ROLES as readonly string[]).includes(r);

/** Does the actor hold one of `roles` on a unit covering `unitPath`? The CLI operator acts with full authority. */
export function holdsRoleOn(actor: Actor, roles: readonly Role[], unitPath: string): boolean {
  if (actor.kind === 'cli') return true;
  if (actor.kind !== 'user') return false;
  return actor.grants.some((g) => roles.includes(g.role) && grantCovers(g, unitPath));
}

export function holdsRole(actor: Actor, roles: readonly Role[]): boolean {
  if (actor.kind === 'cli') return true;
  return actor.kind === 'user' && actor.grants.some((g) => roles.includes(g.role));
}

/** Grants of the actor with one of `roles` (their paths bound what the actor may see). */
export const grantsWithRole = (actor: Actor, roles: readonly Role[]): ActorGrant[] =>
  actor.kind === 'user' ? actor.grants.filter((g) => roles.includes(g.role)) : [];

/**
 * Who may read a unit's organisational record: whoever holds a business role over it, the inspector anywhere in
 * the county ("reads everything"), and the system and security administrators, who manage accounts and grants
 * across the organisation. The auditor reads the audit log only.
 */
export function canReadOrg(actor: Actor, unitPath: string): boolean {
  if (actor.kind === 'cli') return true;
  if (actor.kind !== 'user') return false;
  return actor.grants.some(
    (g) => g.role === 'inspector' || ((isBusinessRole(g.role) || g.role === 'sysadmin' || g.role === 'secadmin') && grantCovers(g, unitPath)),
  );
}

/**
 * 三员分立: the system administrator, security administrator and auditor each hold only their own role, and never a
 * business role. Given the roles an account already holds, may it receive `role`? Throws the refusal otherwise.
 */
export function assertGrantKeepsSeparation(heldRoles: readonly Role[], role: Role): void {
  const held = new Set(heldRoles);
  held.delete(role);
  if (held.size === 0) return;
  const heldAdmin = [...held].filter(isAdminRole);
  if (isAdminRole(role) || heldAdmin.length > 0) {
    throw new DomainError(
      'grant.separation_of_duties',
      {
        zh: `三员分立：该账号已持有 ${[...held].join('、')}，不能再授予 ${role}（系统管理员、安全管理员、安全审计员只能各自单独持有，且不得兼任业务角色）`,
        en: `Separation of the three administrators: the account already holds ${[...held].join(', ')} and cannot also be granted ${role} (sysadmin, secadmin and auditor are each held alone, never with a business role)`,
      },
      { heldRoles: [...held], role },
    );
  }
}
