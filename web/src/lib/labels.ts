// Labels for codes the web app offers in pickers. The server's own labels (reference data a province may
// change) win whenever an answer has carried one; the dictionary covers codes no answer has shown yet.
import type { Grant, Label, RoleCode, Unit, UnitType } from './api-types';
import { pickLabel, translate, type Lang } from './i18n';

/** Roles in the order the grant picker offers them: business roles, then the three administrators. */
export const ROLE_ORDER: readonly RoleCode[] = [
  'clerk',
  'section_chief',
  'leader',
  'head',
  'legal_reviewer',
  'inspector',
  'village_cadre',
  'sysadmin',
  'secadmin',
  'auditor',
];

/** The three administrator roles (三员), which are each held alone. */
export const ADMIN_ROLES: readonly RoleCode[] = ['sysadmin', 'secadmin', 'auditor'];

export function roleLabels(grants: readonly Grant[]): Map<string, Label> {
  return new Map(grants.map((g) => [g.role, g.roleLabel]));
}

export function roleName(role: RoleCode, lang: Lang, known: Map<string, Label>): string {
  const label = known.get(role);
  return label ? pickLabel(label, lang) : translate(lang, `role.${role}`);
}

export function unitTypeName(type: UnitType, lang: Lang, units: readonly Unit[]): string {
  const seen = units.find((u) => u.type === type);
  return seen ? pickLabel(seen.typeLabel, lang) : translate(lang, `unitType.${type}`);
}

/** How a unit is named in pickers: names repeat across departments (行政审批股), codes do not. */
export const unitOptionLabel = (u: Pick<Unit, 'name' | 'code'>): string => `${u.name} · ${u.code}`;
