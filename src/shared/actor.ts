/** Roles Sunlit knows; labels live in the code_label reference data. */
export const BUSINESS_ROLES = ['clerk', 'section_chief', 'leader', 'head', 'legal_reviewer', 'inspector', 'village_cadre'] as const;
/** 三员: system administrator, security administrator, security auditor. */
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const;
export const ROLES = [...BUSINESS_ROLES, ...ADMIN_ROLES] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/** A grant as the access rules see it: a role on a unit, covering the unit's subtree (its materialised path). */
export interface ActorGrant {
  id: string;
  role: Role;
  unitId: string;
  unitPath: string;
}

/** Who is acting: a signed-in account, the CLI (trusted operator on the machine), or an anonymous citizen. */
export type Actor =
  | { kind: 'user'; accountId: string; login: string; countyCode: string; grants: ActorGrant[] }
  | { kind: 'cli'; osUser: string; countyCode: string }
  | { kind: 'anonymous'; ip: string; countyCode: string };

/** The audit log's actor string. */
export function actorLabel(a: Actor): string {
  switch (a.kind) {
    case 'user':
      return `user:${a.login}`;
    case 'cli':
      return `cli:${a.osUser}`;
    case 'anonymous':
      return 'anonymous';
  }
}
