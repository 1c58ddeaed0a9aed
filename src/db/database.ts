import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Conventions, the same on both engines:
 * - ids are UUIDv7 text; every business row carries `county_code` (行政区划代码);
 * - instants are UTC ISO-8601 text with milliseconds (`2026-01-05T01:00:00.000Z`), civil dates `YYYY-MM-DD`;
 * - enumerations are codes whose zh/en labels live in `code_label`;
 * - booleans are 0/1 integers; JSON is text;
 * - nothing is deleted: rows carry a status with its date and reason.
 */

export interface CountyTable {
  code: string;
  name: string;
  created_at: string;
}

export interface CodeLabelTable {
  kind: string;
  code: string;
  zh: string;
  en: string;
  sort: number;
}

export interface UnitTable {
  id: string;
  county_code: string;
  code: string;
  name: string;
  type: string;
  parent_id: string | null;
  /** Materialised path of ancestor ids, `/<root>/…/<self>/`, so a grant's subtree is one prefix match. */
  path: string;
  status: string;
  effective_from: string;
  effective_to: string | null;
  status_reason: string | null;
  merged_into_id: string | null;
  created_at: string;
}

export interface PersonTable {
  id: string;
  county_code: string;
  name: string;
  unit_id: string | null;
  id_number_enc: string | null;
  phone_enc: string | null;
  created_at: string;
}

export interface AccountTable {
  id: string;
  county_code: string;
  person_id: string;
  login: string;
  password_hash: string;
  status: string;
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string;
  last_login_at: string | null;
  status_changed_at: string | null;
  status_reason: string | null;
  created_at: string;
}

export interface RoleGrantTable {
  id: string;
  county_code: string;
  account_id: string;
  role: string;
  unit_id: string;
  granted_at: string;
  granted_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface AuthSessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  account_id: string;
  county_code: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
  ip: string | null;
}

export interface AuditEventTable {
  seq: number;
  county_code: string | null;
  time: string;
  actor: string;
  action: string;
  entity: string;
  /** The payload exactly as hashed (RFC 8785 canonical JSON). */
  payload: string;
  alg: string;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
  alg: string;
}

export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  time: string;
  /** Filled when checkpoints are signed and published (a later issue). */
  signature: string | null;
  signed_by: string | null;
  published_at: string | null;
}

export interface AlertTable {
  id: string;
  county_code: string;
  kind: string;
  severity: string;
  subject: string;
  subject_ref: string | null;
  unit_id: string | null;
  details: string;
  opened_at: string;
  closed_at: string | null;
  closed_by: string | null;
  outcome: string | null;
}

export interface CalendarNoticeTable {
  region_code: string;
  year: number;
  notice: string;
  published: string | null;
  source: string;
  loaded_at: string;
}

export interface CalendarDayTable {
  region_code: string;
  date: string;
  kind: string;
  name: string;
}

export interface SecurityPolicyTable {
  county_code: string;
  min_password_length: number;
  min_password_classes: number;
  lockout_threshold: number;
  lockout_minutes: number;
  idle_minutes: number;
  updated_at: string;
  updated_by: string;
}

export interface PowerItemTable {
  id: string;
  county_code: string;
  code: string;
  unit_id: string;
  status: string;
  status_date: string | null;
  status_reason: string | null;
  status_to: string | null;
  latest_revision: number;
  created_at: string;
  /** The revision the portal shows; null until first published. */
  published_revision: number | null;
  published_at: string | null;
}

export interface PowerItemRevisionTable {
  id: string;
  item_id: string;
  county_code: string;
  revision: number;
  /** Review state (draft … published, issue 4); the content itself never changes. */
  state: string;
  name: string;
  category: string;
  /** The whole PowerContent as JSON. */
  content: string;
  created_at: string;
  created_by: string;
  source: string;
}

export interface Database {
  county: CountyTable;
  code_label: CodeLabelTable;
  unit: UnitTable;
  person: PersonTable;
  account: AccountTable;
  role_grant: RoleGrantTable;
  auth_session: AuthSessionTable;
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
  audit_checkpoint: AuditCheckpointTable;
  alert: AlertTable;
  calendar_notice: CalendarNoticeTable;
  calendar_day: CalendarDayTable;
  security_policy: SecurityPolicyTable;
  power_item: PowerItemTable;
  power_item_revision: PowerItemRevisionTable;
  review_batch: ReviewBatchTable;
  review_batch_item: ReviewBatchItemTable;
  review_finding: ReviewFindingTable;
  rectification: RectificationTable;
  review_transition: ReviewTransitionTable;
  reform_baseline: ReformBaselineTable;
  reform: ReformTable;
  public_power: PublicPowerTable;
  public_power_gram: PublicPowerGramTable;
  public_power_fts: PublicPowerFtsTable;
  search_synonym: SearchSynonymTable;
  search_synonym_list: SearchSynonymListTable;
  portal_setting: PortalSettingTable;
  tracked_deadline: TrackedDeadlineTable;
  case_file: CaseFileTable;
  case_task: CaseTaskTable;
  case_upload: CaseUploadTable;
}

export interface TrackedDeadlineTable {
  id: string;
  county_code: string;
  subject: string;
  title: string;
  owner: string;
  region: string | null;
  start_at: string;
  days: number;
  suspensions: string;
  extensions: string;
  due_at: string;
  due_date: string;
  provisional: number;
  open: number;
  moved_from: string | null;
  moved_at: string | null;
  updated_at: string;
}

export interface PortalSettingTable {
  county_code: string;
  publish_risk_maps: number;
  updated_at: string;
  updated_by: string;
}

export interface ReviewBatchTable {
  id: string;
  county_code: string;
  unit_id: string;
  title: string;
  state: string;
  round: number;
  returns: number;
  created_at: string;
  created_by: string;
  submitted_by: string | null;
  reviewer: string | null;
  updated_at: string;
}

export interface ReviewBatchItemTable {
  batch_id: string;
  item_id: string;
  revision: number;
  open_item_id: string | null;
  added_at: string;
}

export interface ReviewFindingTable {
  id: string;
  batch_id: string;
  item_id: string;
  revision: number;
  round: number;
  aspect: string;
  verdict: string;
  problem: string | null;
  comment: string | null;
  reviewer: string;
  recorded_at: string;
}

export interface RectificationTable {
  id: string;
  county_code: string;
  batch_id: string;
  item_id: string | null;
  aspect: string | null;
  problem: string;
  comment: string;
  missing_item_name: string | null;
  raised_by: string;
  raised_round: number;
  raised_at: string;
  response: string | null;
  response_round: number | null;
  responded_by: string | null;
  resolved_item_id: string | null;
  state: string;
  accepted_round: number | null;
  accepted_by: string | null;
  accepted_at: string | null;
}

export interface ReviewTransitionTable {
  batch_id: string;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  round: number;
  actor: string;
  comment: string | null;
  at: string;
}

export interface ReformBaselineTable {
  item_id: string;
  county_code: string;
  steps: number;
  materials: number;
  time_limit: number | null;
  source: string;
  recorded_at: string;
  recorded_by: string;
}

export interface ReformTable {
  county_code: string;
  started_on: string;
  started_by: string;
}

/** One published, active power item as the portal lists and searches it (copied from its published revision). */
export interface PublicPowerTable {
  doc: Generated<number>;
  item_id: string;
  county_code: string;
  code: string;
  code_key: string;
  unit_id: string;
  category: string;
  name: string;
  statutory_limit: number | null;
  promised_limit: number | null;
  revision: number;
  published_at: string;
  /** Normalised name, and normalised name and basis (search.rules.ts). */
  search_name: string;
  search_text: string;
  /** 1 when the item left the published list without the index hook (a trigger's doing); shown nowhere. */
  hidden: Generated<number>;
}

/** Unigrams and bigrams of a public item's name and basis: the index of one- and two-character queries. */
export interface PublicPowerGramTable {
  county_code: string;
  gram: string;
  doc: number;
}

/** SQLite only: the FTS5 trigram index over public_power.search_text (rowid = doc). */
export interface PublicPowerFtsTable {
  rowid: number;
  search_text: string;
}

export interface SearchSynonymTable {
  county_code: string;
  term: string;
  expansion: string;
  note: string | null;
  sort: number;
}

export interface SearchSynonymListTable {
  county_code: string;
  updated_at: string;
  updated_by: string;
}

export interface CaseFileTable {
  id: string;
  county_code: string;
  item_id: string;
  item_code: string;
  item_name: string;
  category: string;
  revision: number;
  unit_id: string;
  receipt: string;
  channel: string;
  state: string;
  outcome: string | null;
  applicant: string;
  applicant_masked: string;
  summary: string | null;
  materials: string;
  arrived_at: string;
  acceptance_due_at: string;
  accepted_at: string | null;
  deemed_accepted: number;
  correction_asked: number;
  run_state: string;
  suspensions: string;
  extensions: string;
  region: string | null;
  due_at: string | null;
  due_date: string | null;
  yellow_at: string | null;
  red_at: string | null;
  statutory_due_at: string | null;
  provisional: number;
  limit_days: number | null;
  limit_kind: string | null;
  closed_at: string | null;
  workdays_taken: number | null;
  passed_statutory: number;
  created_by: string;
  version: number;
}

export interface CaseTaskTable {
  id: string;
  case_id: string;
  county_code: string;
  step_id: string;
  step_name: string;
  duty: string;
  unit_id: string;
  role: string | null;
  clock_stop: string | null;
  state: string;
  created_at: string;
  due_at: string | null;
  claimed_by: string | null;
  claimed_at: string | null;
  completed_by: string | null;
  completed_at: string | null;
  outcome: string | null;
  comment: string | null;
  notice: string | null;
  attachments: string;
}

export interface CaseUploadTable {
  id: string;
  county_code: string;
  case_id: string | null;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: string;
}
