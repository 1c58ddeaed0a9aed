// Shapes of the /api/v1 answers the web app reads. They mirror the server contract;
// when the server's contract changes, change it here in one place.

/** An enumeration label the server sends in both UI languages. */
export interface Label {
  zh: string;
  en: string;
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface County {
  code: string;
  name: string;
}

export type RoleCode = 'clerk' | 'section_chief' | 'leader' | 'head' | 'legal_reviewer' | 'inspector' | 'village_cadre' | 'sysadmin' | 'secadmin' | 'auditor';

export interface Grant {
  id: string;
  // Kept as string: the server may add roles before the web app learns them.
  role: RoleCode | (string & {});
  roleLabel: Label;
  unit: UnitRef;
}

export interface Me {
  account: { id: string; login: string; name: string; county: County };
  grants: Grant[];
  csrfToken: string;
}

export interface PublicHome {
  county: County;
  units: { departments: number; townships: number; villages: number };
}

export type UnitStatus = 'active' | 'abolished' | 'merged';

export interface Unit {
  id: string;
  code: string;
  name: string;
  type: string;
  typeLabel: Label;
  parentId: string | null;
  status: UnitStatus;
}

export interface Account {
  id: string;
  login: string;
  name: string;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  unit: UnitRef | null;
  grants: Grant[];
}

export type Severity = 'high' | 'medium' | 'low';
export type AlertStatusFilter = 'open' | 'closed';

export interface AlertItem {
  id: string;
  kind: string;
  kindLabel: Label;
  severity: Severity;
  severityLabel: Label;
  subject: string;
  unit: UnitRef | null;
  openedAt: string;
  closedAt: string | null;
  outcome: string | null;
}

export interface AuditEvent {
  seq: number;
  time: string;
  actor: string;
  action: string;
  entity: string;
  payload: Record<string, unknown>;
  alg: string;
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  items: AuditEvent[];
  head: { seq: number; hash: string };
}

export type AuditVerifyResult =
  { ok: true; count: number; headSeq: number; headHash: string } | { ok: false; count: number; firstBadSeq: number; reason: string };

export interface ListOf<T> {
  items: T[];
}
