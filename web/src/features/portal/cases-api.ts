// The portal's calls for applying online and following a case without an account. Shapes follow
// src/modules/cases/case.contract.ts (ApplicationFormSchema, UploadSchema, ReceiptSchema, PublicCaseSchema).
import { request } from '../../lib/api-client';

export type CaseState = 'pending' | 'running' | 'suspended' | 'done';

/** What the portal's application form asks for: the item's materials, its limits and what an upload may be. */
export interface ApplicationForm {
  itemCode: string;
  itemName: string;
  unitName: string;
  revision: number;
  materials: { name: string; required: boolean; form: string | null; copies: number | null }[];
  /** Working days; null when none is set. */
  limits: { statutory: number | null; promised: number | null };
  /** Per file at most `maxBytes`; at most `maxFiles` files per application; `types` are extensions or media types. */
  upload: { maxBytes: number; maxFiles: number; types: string[] };
}

/** A file the server kept; its id goes into the application's materials. */
export interface Upload {
  id: string;
  name: string;
  size: number;
  mediaType: string;
  sha256: string;
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
  materials?: { name: string; fileIds: string[] }[];
}

export interface ApplicationReceipt {
  /** Twelve symbols, no separators; shown as XXXX-XXXX-XXXX. */
  receipt: string;
  caseId: string;
  trackUrl: string;
}

/** What the applicant sees with the receipt code: no internal comments, no staff names. */
export interface PublicCase {
  receipt: string;
  itemName: string;
  unitName: string;
  state: CaseState;
  /** The end state's name once done (办结 / 不予许可 / 不予受理 …). */
  outcome: string | null;
  applicantMasked: string;
  /** ISO instants. */
  arrivedAt: string;
  acceptedAt: string | null;
  /** Accepted by law (行政许可法第三十二条) because the unit did not answer within five working days. */
  deemedAccepted: boolean;
  closedAt: string | null;
  /** YYYY-MM-DD; null without a time limit. */
  dueDate: string | null;
  /** The due date counts from arrival because the case is not accepted yet, or runs over a calendar not yet published. */
  provisional: boolean;
  steps: { name: string; state: 'open' | 'done'; startedAt: string; finishedAt: string | null; outcome: string | null }[];
  /** 补正, 第四十五条 clock stops, 第四十二条 extensions. */
  notices: { at: string; kind: string; text: string }[];
}

export const casesPublicApi = {
  /** 404 `not_found` when the item is unknown, not published or takes no applications. */
  applicationForm(code: string, signal?: AbortSignal): Promise<ApplicationForm> {
    return request('GET', `/public/powers/${encodeURIComponent(code)}/application-form`, { signal });
  },
  /** 422 `upload.refused` (type, size, name) with a message for the applicant. */
  upload(file: File, signal?: AbortSignal): Promise<Upload> {
    return request('POST', `/public/uploads?name=${encodeURIComponent(file.name)}`, { file, contentType: 'application/octet-stream', signal });
  },
  apply(input: ApplicationInput): Promise<ApplicationReceipt> {
    return request('POST', '/public/applications', { body: input });
  },
  /** 404 for an unknown or mistyped code; 429 when looked up too often. */
  track(receipt: string, signal?: AbortSignal): Promise<PublicCase> {
    return request('GET', `/public/cases/${encodeURIComponent(receipt)}`, { signal });
  },
};

// Receipt codes (src/modules/cases/receipt.rules.ts): eleven symbols and a check symbol of a 31-symbol alphabet.
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXY';
const RECEIPT_RE = new RegExp(`^[${RECEIPT_ALPHABET}]{12}$`);

/** What a person typed, as the server stores it (upper case, no spaces or hyphens, O→0, I/L→1); null when it cannot be a receipt. */
export function normaliseReceipt(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!RECEIPT_RE.test(s)) return null;
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += RECEIPT_ALPHABET.indexOf(s[i]!) * (i + 1);
  return RECEIPT_ALPHABET[sum % RECEIPT_ALPHABET.length] === s[11] ? s : null;
}

/** K7QM3XA29HTC (or k7qm-3xa2-9htc) → K7QM-3XA2-9HTC. */
export const formatReceipt = (receipt: string): string =>
  receipt
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/(.{4})(?=.)/g, '$1-');

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** Categories the administration starts itself (处罚、强制、检查、征收): nobody applies for them. */
const STARTED_BY_THE_ADMINISTRATION = new Set(['penalty', 'coercion', 'inspection', 'levy']);

/** Whether the portal offers to apply online for a published item: it runs through a published process and people apply for it. */
export function takesApplications(item: { category: { code: string }; process: unknown }): boolean {
  return item.process !== null && !STARTED_BY_THE_ADMINISTRATION.has(item.category.code);
}
