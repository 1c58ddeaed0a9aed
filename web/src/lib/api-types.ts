// Shapes of the /api/v1 answers the web app reads. They mirror the server contract;
// when the server's contract changes, change it here in one place.
import type { ProcessDefinition } from '../features/process/api';

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

/** Unit types; the county unit itself comes from configuration and cannot be added by hand. */
export type UnitType = 'county' | 'department' | 'section' | 'township' | 'village';

export interface Unit {
  id: string;
  code: string;
  name: string;
  type: UnitType | (string & {});
  typeLabel: Label;
  parentId: string | null;
  status: UnitStatus;
  /** Civil dates (YYYY-MM-DD, Beijing): when the unit came into being and, once abolished or merged, when it ended. */
  effectiveFrom: string;
  effectiveTo: string | null;
  /** Why it was abolished or merged. */
  statusReason: string | null;
  mergedIntoId: string | null;
}

export interface NewUnitInput {
  code: string;
  name: string;
  type: Exclude<UnitType, 'county'>;
  /** Omitted: directly under the county. */
  parentCode?: string;
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

export interface NewAccountInput {
  name: string;
  login: string;
  password: string;
  unitCode: string;
  phone?: string;
  idNumber?: string;
}

export interface GrantInput {
  login: string;
  role: RoleCode;
  unitCode: string;
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

/** The chain head recorded at a moment; kept outside the system it proves nothing was cut off the end. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  time: string;
  signature: string | null;
}

export type AuditVerifyResult =
  { ok: true; count: number; headSeq: number; headHash: string } | { ok: false; count: number; firstBadSeq: number; reason: string };

/** The county's security policy; readable by everyone signed in, so password forms can state its rules. */
export interface SecurityPolicy {
  minPasswordLength: number;
  minPasswordClasses: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleMinutes: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ListOf<T> {
  items: T[];
}

/** A power category (职权类别) from reference data. */
export interface PowerCategory {
  code: string;
  label: Label;
}

export type PowerStatus = 'active' | 'abolished' | 'devolved' | 'transferred';
export type PowerEnding = Exclude<PowerStatus, 'active'>;
export type MaterialForm = 'original' | 'copy' | 'either';

export interface PowerMaterial {
  name: string;
  form: MaterialForm | null;
  copies: number | null;
  required: boolean;
}

/** What a power item says (权力清单 and 责任清单 in one): every revision carries all of it. */
export interface PowerContent {
  name: string;
  /** Category code, e.g. `licensing`. */
  category: string;
  implementingBody: string | null;
  /** One legal citation each. */
  basis: string[];
  conditions: string | null;
  materials: PowerMaterial[];
  /** Working days; null when the law sets none. */
  statutoryLimit: number | null;
  promisedLimit: number | null;
  fees: string | null;
  serviceObject: string | null;
  supervisionPhone: string | null;
  responsibilities: { stage: string; text: string }[];
  accountability: { situation: string; basis: string | null }[];
  /** 权力运行流程 with its 廉政风险点; absent on revisions saved before processes existed, and until one is drawn. */
  process?: ProcessDefinition | null;
}

export interface PowerRevision {
  revision: number;
  state: string;
  source: string;
  createdAt: string;
  createdBy: string;
  content: PowerContent;
}

export interface PowerItem {
  id: string;
  code: string;
  unit: { code: string; name: string };
  status: PowerStatus | (string & {});
  /** Civil date (YYYY-MM-DD) the item ended. */
  statusDate: string | null;
  statusReason: string | null;
  /** Where it went: free text when devolved, a unit code when transferred. */
  statusTo: string | null;
  latestRevision: number;
  /** The revision the public portal shows; null until the item passes review and is published. */
  publishedRevision: number | null;
  publishedAt: string | null;
  latest: PowerRevision;
}

export interface PowerFilter {
  unit?: string;
  category?: string;
  status?: PowerStatus;
  q?: string;
  page: number;
  pageSize: number;
}

export interface PowerChange {
  field: string;
  label: Label;
  before: string[];
  after: string[];
  removed: string[];
  added: string[];
}

export type PowerFileFormat = 'xlsx' | 'csv' | 'json';

export interface PowerImportResult {
  created: number;
  revised: number;
  unchanged: number;
}

/** One bad cell of a rejected import (422 `import.rejected`, `details.rows`). */
export interface PowerImportProblem {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface PowerEndInput {
  ending: PowerEnding;
  reason: string;
  date?: string;
  to?: string;
}
