import type { ComponentType } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FieldTimeOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FolderOpenOutlined,
  FundOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  TagsOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { Grant, RoleCode } from '../lib/api-types';
import type { MessageKey } from '../lib/i18n';

export type NavKey =
  | 'overview'
  | 'tasks'
  | 'cases'
  | 'org'
  | 'powers'
  | 'risks'
  | 'review'
  | 'rectifications'
  | 'reform'
  | 'synonyms'
  | 'calendar'
  | 'deadlines'
  | 'accounts'
  | 'alerts'
  | 'audit';

export interface NavEntry {
  key: NavKey;
  path: string;
  label: MessageKey;
  icon: ComponentType;
  /** Roles that may open the module; `null` means every logged-in user. */
  roles: readonly RoleCode[] | null;
}

/** The roles that do the county's business (everyone but the three administrators). */
const BUSINESS_ROLES: readonly RoleCode[] = ['clerk', 'section_chief', 'leader', 'head', 'legal_reviewer', 'inspector', 'village_cadre'];

// The menu is a convenience; the server still checks every request against the same roles.
export const NAV: readonly NavEntry[] = [
  { key: 'overview', path: '/workbench', label: 'nav.overview', icon: DashboardOutlined, roles: null },
  // Cases run through the business roles: each claims and completes the steps of their roles and units.
  { key: 'tasks', path: '/workbench/tasks', label: 'nav.tasks', icon: CheckSquareOutlined, roles: BUSINESS_ROLES },
  { key: 'cases', path: '/workbench/cases', label: 'nav.cases', icon: FolderOpenOutlined, roles: BUSINESS_ROLES },
  { key: 'org', path: '/workbench/org', label: 'nav.org', icon: ApartmentOutlined, roles: null },
  {
    key: 'powers',
    path: '/workbench/powers',
    label: 'nav.powers',
    icon: ProfileOutlined,
    roles: ['clerk', 'section_chief', 'leader', 'head', 'legal_reviewer', 'inspector', 'village_cadre'],
  },
  // Each reads the risk points of the items they read (a village cadre: the village's own micro-powers).
  { key: 'risks', path: '/workbench/risks', label: 'nav.risks', icon: WarningOutlined, roles: BUSINESS_ROLES },
  { key: 'review', path: '/workbench/review', label: 'nav.review', icon: SafetyCertificateOutlined, roles: BUSINESS_ROLES },
  { key: 'rectifications', path: '/workbench/review/rectifications', label: 'nav.rectifications', icon: FileDoneOutlined, roles: BUSINESS_ROLES },
  { key: 'reform', path: '/workbench/reform', label: 'nav.reform', icon: FundOutlined, roles: BUSINESS_ROLES },
  { key: 'synonyms', path: '/workbench/search-synonyms', label: 'nav.searchSynonyms', icon: TagsOutlined, roles: ['legal_reviewer'] },
  // Every signed-in user reads the legal calendar; only county heads and leaders and the system administrator change it.
  { key: 'calendar', path: '/workbench/calendar', label: 'nav.calendar', icon: CalendarOutlined, roles: null },
  // Staff who run work on the clock see its deadlines (and what a new holiday notice moved).
  { key: 'deadlines', path: '/workbench/deadlines', label: 'nav.deadlines', icon: FieldTimeOutlined, roles: BUSINESS_ROLES },
  { key: 'accounts', path: '/workbench/accounts', label: 'nav.accounts', icon: TeamOutlined, roles: ['sysadmin', 'secadmin'] },
  { key: 'alerts', path: '/workbench/alerts', label: 'nav.alerts', icon: AlertOutlined, roles: ['inspector', 'leader', 'head'] },
  { key: 'audit', path: '/workbench/audit', label: 'nav.audit', icon: AuditOutlined, roles: ['auditor'] },
];

/** A user sees a module if any one of their grants carries one of its roles. */
export function canSee(entry: NavEntry, grants: readonly Grant[]): boolean {
  return entry.roles === null || grants.some((g) => (entry.roles as readonly string[]).includes(g.role));
}

/** Does any of the grants carry one of these roles? Used to show actions only to those who may use them. */
export function hasRole(grants: readonly Grant[], ...roles: readonly RoleCode[]): boolean {
  return grants.some((g) => (roles as readonly string[]).includes(g.role));
}

export function navEntry(key: NavKey): NavEntry {
  const entry = NAV.find((e) => e.key === key);
  if (!entry) throw new Error(`unknown nav key ${key}`);
  return entry;
}

/** The menu entry a path belongs to: the longest matching prefix, so /workbench/org/x → org. */
export function activeNavKey(pathname: string): NavKey | undefined {
  const matches = NAV.filter((e) => pathname === e.path || pathname.startsWith(e.path + '/'));
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.key;
}
