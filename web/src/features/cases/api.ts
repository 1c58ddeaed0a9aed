// The cases API as staff use it (src/modules/cases/case.contract.ts): cases (办件), their tasks, counter
// registration with uploads, and the application form of a published item; one call per endpoint.
import { query, request } from '../../lib/api-client';
import type { Label } from '../../lib/api-types';
import type { Explanation } from '../calendar/api';

export const CASE_STATES = ['pending', 'running', 'suspended', 'done'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const WARNINGS = ['none', 'green', 'yellow', 'red'] as const;
export type Warning = (typeof WARNINGS)[number];
export type TaskState = 'open' | 'claimed' | 'done' | 'cancelled';
export type Channel = 'counter' | 'online';
export const STEP_DUTIES = ['accept', 'review', 'decide', 'deliver', 'enforce', 'supervise', 'other'] as const;
export type StepDuty = (typeof STEP_DUTIES)[number];

export interface UnitLabel {
  code: string;
  name: string;
}

export interface Applicant {
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  organisation?: string | null;
}

export interface ApplicationInput {
  itemCode: string;
  applicant: Applicant;
  summary?: string | null;
  /** Each material of the item's list with its uploaded files (none when handed in on paper). */
  materials?: { name: string; fileIds: string[] }[];
}

export interface Completion {
  outcome?: string | null;
  comment?: string | null;
  attachments?: string[];
}

export interface Deadlines {
  due: string | null;
  dueDate: string | null;
  yellowAt: string | null;
  redAt: string | null;
  statutoryDue: string | null;
  passedStatutory: boolean;
  warning: Warning;
  provisional: boolean;
  limitDays: number | null;
  limitKind: 'promised' | 'statutory' | null;
}

export interface TaskView {
  id: string;
  caseId: string;
  receipt: string;
  itemCode: string;
  itemName: string;
  stepId: string;
  stepName: string;
  duty: StepDuty | (string & {});
  role: string | null;
  unit: UnitLabel;
  state: TaskState | (string & {});
  createdAt: string;
  due: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  completedBy: string | null;
  completedAt: string | null;
  outcome: string | null;
  comment: string | null;
  notice: string | null;
  attachments: string[];
  /** The outcomes the completer chooses from; empty when there is one way on. */
  outcomes: string[];
  /** The step stops the clock (第四十五条): claiming it records the written notice to the applicant. */
  clockStop: string | null;
  applicantMasked: string;
  caseWarning: Warning;
}

export interface CaseSummary {
  id: string;
  receipt: string;
  itemCode: string;
  itemName: string;
  revision: number;
  unit: UnitLabel;
  channel: Channel | (string & {});
  state: CaseState | (string & {});
  outcome: string | null;
  applicantMasked: string;
  arrivedAt: string;
  acceptedAt: string | null;
  deemedAccepted: boolean;
  closedAt: string | null;
  /** The steps open now. */
  current: string[];
  deadlines: Deadlines;
  workdaysTaken: number | null;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  label: Label;
  by: string | null;
  detail: string | null;
}

export interface CaseView extends CaseSummary {
  applicant: { name: string; idNumber: string | null; phone: string | null; organisation: string | null };
  summary: string | null;
  materials: { name: string; files: { id: string; name: string; size: number; sha256: string }[] }[];
  tasks: TaskView[];
  timeline: TimelineEntry[];
  explanation: Explanation | null;
  extensions: { days: number; approvedBy: string; reason: string; toldApplicant: string; at: string }[];
  suspensions: { from: string; to: string | null; reason: string; notice: string | null }[];
  can: { extend: boolean };
  audit: { seq: number; at: string; actor: string; action: string }[];
}

export interface CaseList {
  total: number;
  page: number;
  pageSize: number;
  cases: CaseSummary[];
}

export interface CaseFilter {
  unit?: string;
  state?: CaseState;
  warning?: Warning;
  item?: string;
  page: number;
  pageSize: number;
}

export interface Upload {
  id: string;
  name: string;
  size: number;
  mediaType: string;
  sha256: string;
}

export interface ApplicationForm {
  itemCode: string;
  itemName: string;
  unitName: string;
  revision: number;
  materials: { name: string; required: boolean; form: string | null; copies: number | null }[];
  limits: { statutory: number | null; promised: number | null };
  upload: { maxBytes: number; maxFiles: number; types: string[] };
}

const enc = encodeURIComponent;

export const casesApi = {
  /** Counter registration (窗口受理登记) by a clerk of the item's unit. */
  register(input: ApplicationInput): Promise<CaseView> {
    return request('POST', '/cases', { body: { ...input, materials: input.materials ?? [] } });
  },
  /** One file as the raw request body; the answer's id goes into a material or a completion. */
  upload(file: File): Promise<Upload> {
    return request('POST', `/cases/uploads?${query({ name: file.name })}`, { file });
  },
  list(filter: CaseFilter, signal?: AbortSignal): Promise<CaseList> {
    return request('GET', `/cases?${query({ ...filter })}`, { signal });
  },
  get(caseId: string, signal?: AbortSignal): Promise<CaseView> {
    return request('GET', `/cases/${enc(caseId)}`, { signal });
  },
  /** The server reads hyphens, spaces and lower case; 404 for an unknown or mistyped code. */
  byReceipt(receipt: string, signal?: AbortSignal): Promise<CaseView> {
    return request('GET', `/cases/by-receipt/${enc(receipt)}`, { signal });
  },
  /** 第四十二条: the unit head extends the case's limit once, with the reasons told to the applicant. */
  extend(caseId: string, input: { reason: string; toldApplicant: string }): Promise<CaseView> {
    return request('POST', `/cases/${enc(caseId)}/extend`, { body: input });
  },
  tasks(scope: 'mine' | 'claimable', signal?: AbortSignal): Promise<TaskView[]> {
    return request('GET', `/tasks?${query({ scope })}`, { signal });
  },
  /** 409 `sod.violation` when the person's earlier steps in the case forbid this one; 409 `task.taken` when someone was quicker. */
  claim(taskId: string, notice?: string | null): Promise<TaskView> {
    return request('POST', `/tasks/${enc(taskId)}/claim`, { body: notice ? { notice } : {} });
  },
  /** Puts a claimed step back among the open ones (its claimer, or a section chief or head of the step's unit). */
  release(taskId: string): Promise<TaskView> {
    return request('POST', `/tasks/${enc(taskId)}/release`);
  },
  complete(taskId: string, input: Completion): Promise<CaseView> {
    return request('POST', `/tasks/${enc(taskId)}/complete`, { body: input });
  },
  /** A published item's materials, limits and upload limits. */
  applicationForm(itemCode: string, signal?: AbortSignal): Promise<ApplicationForm> {
    return request('GET', `/public/powers/${enc(itemCode)}/application-form`, { signal });
  },
};
