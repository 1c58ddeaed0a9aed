// The review API ("三上三下" legal review, src/modules/review/review.contract.ts): its shapes and one call per endpoint.
import { query, request } from '../../lib/api-client';
import type { Label, ListOf } from '../../lib/api-types';

export const REVIEW_ACTIONS = ['submit', 'take', 'return', 'resubmit', 'pass', 'evaluate', 'send_back', 'publish'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];
/** What the signed-in person may do with a batch now: the actions, and compose / record findings / respond. */
export type BatchWork = ReviewAction | 'compose' | 'record_findings' | 'respond';

export const ASPECTS = ['legality', 'reasonableness', 'necessity'] as const;
export type Aspect = (typeof ASPECTS)[number];

export type Verdict = 'pass' | 'problem';
export type RectificationState = 'open' | 'accepted' | 'withdrawn';

export interface ReviewVocabulary {
  states: { code: string; label: Label }[];
  actions: { code: string; label: Label; from: string[]; to: string; by: string }[];
  aspects: { code: string; label: Label }[];
  problems: { code: string; label: Label }[];
}

export interface ReviewBatch {
  id: string;
  unit: { code: string; name: string };
  title: string;
  state: string;
  stateLabel: Label;
  /** 0 until submitted; each (re)submission starts the next round. */
  round: number;
  returns: number;
  createdAt: string;
  createdBy: string;
  submittedBy: string | null;
  reviewer: string | null;
  updatedAt: string;
}

export interface Finding {
  id: string;
  itemId: string;
  revision: number;
  round: number;
  aspect: string;
  verdict: Verdict | (string & {});
  problem: string | null;
  comment: string | null;
  reviewer: string;
  recordedAt: string;
}

export interface BatchItem {
  itemId: string;
  code: string;
  name: string;
  status: string;
  /** The revision under review. */
  revision: number;
  revisionState: string;
  revisionCreatedBy: string;
  latestRevision: number;
  publishedRevision: number | null;
  /** This round's finding per aspect. */
  findings: Record<Aspect, Finding | null>;
  cleared: boolean;
  openEntries: number;
}

export interface Rectification {
  id: string;
  batchId: string;
  itemId: string | null;
  aspect: string | null;
  problem: string;
  problemLabel: Label;
  comment: string;
  missingItemName: string | null;
  raisedBy: string;
  raisedRound: number;
  raisedAt: string;
  response: string | null;
  responseRound: number | null;
  respondedBy: string | null;
  resolvedItemId: string | null;
  state: RectificationState | (string & {});
  acceptedRound: number | null;
  acceptedBy: string | null;
  acceptedAt: string | null;
}

export interface Transition {
  seq: number;
  action: string;
  fromState: string | null;
  toState: string;
  round: number;
  actor: string;
  comment: string | null;
  at: string;
}

export interface BatchView {
  batch: ReviewBatch;
  items: BatchItem[];
  findings: Finding[];
  rectifications: Rectification[];
  transitions: Transition[];
  allowed: (BatchWork | (string & {}))[];
}

export interface LedgerEntry extends Rectification {
  unit: { code: string; name: string };
  batchTitle: string;
  itemCode: string | null;
  itemName: string | null;
}

export interface LedgerFilter {
  unit?: string;
  state?: RectificationState;
  page: number;
  pageSize: number;
}

const batchPath = (id: string) => `/review/batches/${encodeURIComponent(id)}`;

export const reviewApi = {
  vocabulary(signal?: AbortSignal): Promise<ReviewVocabulary> {
    return request('GET', '/review/vocabulary', { signal });
  },
  batches(filter: { unit?: string; state?: string }, signal?: AbortSignal): Promise<ListOf<ReviewBatch>> {
    return request('GET', `/review/batches?${query(filter)}`, { signal });
  },
  batch(id: string, signal?: AbortSignal): Promise<BatchView> {
    return request('GET', batchPath(id), { signal });
  },
  /** 400 `validation` with `details.items` ({code: reason}) when some items cannot join. */
  createBatch(input: { unitCode: string; title: string; itemCodes: string[] }): Promise<BatchView> {
    return request('POST', '/review/batches', { body: input });
  },
  addItems(id: string, itemCodes: string[]): Promise<BatchView> {
    return request('POST', `${batchPath(id)}/items`, { body: { itemCodes } });
  },
  removeItem(id: string, itemId: string): Promise<BatchView> {
    return request('DELETE', `${batchPath(id)}/items/${encodeURIComponent(itemId)}`);
  },
  transition(id: string, action: ReviewAction, comment: string | null): Promise<BatchView> {
    return request('POST', `${batchPath(id)}/transitions`, { body: { action, comment } });
  },
  recordFinding(id: string, itemId: string, aspect: Aspect, input: { verdict: Verdict; problem: string | null; comment: string | null }): Promise<Finding> {
    return request('PUT', `${batchPath(id)}/items/${encodeURIComponent(itemId)}/findings/${aspect}`, { body: input });
  },
  /** 三项全部通过: passes the listed items on all three aspects in one request. */
  passItems(id: string, itemIds: string[]): Promise<BatchView> {
    return request('POST', `${batchPath(id)}/passes`, { body: { itemIds } });
  },
  raiseOmission(id: string, input: { name: string; comment: string }): Promise<Rectification> {
    return request('POST', `${batchPath(id)}/omissions`, { body: input });
  },
  respond(entryId: string, input: { response: string; itemCode?: string | null }): Promise<Rectification> {
    return request('POST', `/review/rectifications/${encodeURIComponent(entryId)}/response`, { body: input });
  },
  accept(entryId: string): Promise<Rectification> {
    return request('POST', `/review/rectifications/${encodeURIComponent(entryId)}/accept`);
  },
  ledger(filter: LedgerFilter, signal?: AbortSignal): Promise<ListOf<LedgerEntry> & { total: number }> {
    return request('GET', `/review/rectifications?${query({ ...filter })}`, { signal });
  },
};
