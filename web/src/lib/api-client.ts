// The one place that talks to /api/v1. It adds the language and CSRF headers every request
// needs, turns error bodies into ApiError, and tells the auth layer when the session is gone.
import { translate, type Lang } from './i18n';
import type {
  Account,
  AlertItem,
  AlertStatusFilter,
  AuditCheckpoint,
  AuditPage,
  AuditVerifyResult,
  GrantInput,
  ListOf,
  Me,
  NewAccountInput,
  NewUnitInput,
  PowerCategory,
  PowerChange,
  PowerContent,
  PowerEndInput,
  PowerFileFormat,
  PowerFilter,
  PowerImportResult,
  PowerItem,
  PowerRevision,
  PublicHome,
  SecurityPolicy,
  Unit,
} from './api-types';

export const BASE = '/api/v1';

/** An error answer from the server (or a failure to reach it), with its localized message. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** Dotted error code, e.g. `auth.locked`. */
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// Module state, not React state: every request needs it and it must survive re-renders.
let language: Lang = 'zh-CN';
// The CSRF token is deliberately kept only in memory; a reload fetches it again via /auth/me.
let csrfToken: string | null = null;
let onSessionLost: (() => void) | null = null;

/** Set the language sent as Accept-Language (the server localizes its messages by it). */
export function setApiLanguage(lang: Lang): void {
  language = lang;
}

/** Register the callback run when a request answers 401 `auth.required` (session expired). */
export function setSessionLostHandler(handler: (() => void) | null): void {
  onSessionLost = handler;
}

function isStateChanging(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

export interface RequestOptions {
  body?: unknown;
  /** A file sent as the raw request body (imports), instead of JSON. */
  file?: Blob;
  /** The file's Content-Type when the endpoint asks for a particular one (ICS: text/calendar); octet-stream otherwise. */
  contentType?: string;
  signal?: AbortSignal;
}

/** One call to the API; feature modules build their typed calls on it (each feature folder may keep an api.ts). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': language,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.file !== undefined) headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
  if (isStateChanging(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    // Aborts are the caller's own doing; let them through untouched.
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', translate(language, 'error.network'));
  }

  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);

  if (!response.ok) {
    const error = toApiError(response.status, body);
    if (error.status === 401 && error.code === 'auth.required') {
      csrfToken = null;
      onSessionLost?.();
    }
    throw error;
  }
  if (body === undefined) {
    throw new ApiError(response.status, 'bad_response', translate(language, 'error.badResponse', { status: response.status }));
  }
  return body as T;
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
    return new ApiError(status, error.code, error.message, details);
  }
  // A proxy or crash page rather than our server's error shape.
  return new ApiError(status, 'bad_response', translate(language, 'error.badResponse', { status }));
}

function rememberSession(me: Me): Me {
  csrfToken = me.csrfToken;
  return me;
}

/** Typed calls, one per endpoint the web app uses. */
export const api = {
  async login(login: string, password: string): Promise<Me> {
    return rememberSession(await request<Me>('POST', '/auth/login', { body: { login, password } }));
  },
  async me(signal?: AbortSignal): Promise<Me> {
    return rememberSession(await request<Me>('GET', '/auth/me', { signal }));
  },
  async logout(): Promise<void> {
    try {
      await request<void>('POST', '/auth/logout');
    } finally {
      csrfToken = null;
    }
  },
  /** Changes my own password. The server ends every session of mine, this one included. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await request<void>('POST', '/auth/password', { body: { currentPassword, newPassword } });
    csrfToken = null;
  },
  securityPolicy(signal?: AbortSignal): Promise<SecurityPolicy> {
    return request('GET', '/security/policy', { signal });
  },
  publicHome(signal?: AbortSignal): Promise<PublicHome> {
    return request('GET', '/public/home', { signal });
  },
  units(signal?: AbortSignal): Promise<ListOf<Unit>> {
    return request('GET', '/units', { signal });
  },
  createUnit(input: NewUnitInput): Promise<Unit> {
    return request('POST', '/units', { body: input });
  },
  /** Abolishes a unit (撤销); it stays in the list with its end date and reason. */
  endUnit(id: string, reason: string): Promise<Unit> {
    return request('POST', `/units/${encodeURIComponent(id)}/end`, { body: { reason } });
  },
  accounts(signal?: AbortSignal): Promise<ListOf<Account>> {
    return request('GET', '/accounts', { signal });
  },
  createAccount(input: NewAccountInput): Promise<Account> {
    return request('POST', '/accounts', { body: input });
  },
  disableAccount(id: string, reason: string): Promise<Account> {
    return request('POST', `/accounts/${encodeURIComponent(id)}/disable`, { body: { reason } });
  },
  enableAccount(id: string, reason: string): Promise<Account> {
    return request('POST', `/accounts/${encodeURIComponent(id)}/enable`, { body: { reason } });
  },
  unlockAccount(id: string): Promise<Account> {
    return request('POST', `/accounts/${encodeURIComponent(id)}/unlock`);
  },
  resetPassword(id: string, password: string): Promise<Account> {
    return request('POST', `/accounts/${encodeURIComponent(id)}/password-reset`, { body: { password } });
  },
  grantRole(input: GrantInput): Promise<Account> {
    return request('POST', '/grants', { body: input });
  },
  revokeGrant(id: string): Promise<void> {
    return request('POST', `/grants/${encodeURIComponent(id)}/revoke`);
  },
  alerts(status: AlertStatusFilter, signal?: AbortSignal): Promise<ListOf<AlertItem> & { total: number }> {
    return request('GET', `/alerts?status=${status}`, { signal });
  },
  closeAlert(id: string, outcome: string): Promise<AlertItem> {
    return request('POST', `/alerts/${encodeURIComponent(id)}/close`, { body: { outcome } });
  },
  auditEvents(afterSeq: number, limit: number, signal?: AbortSignal): Promise<AuditPage> {
    return request('GET', `/audit/events?afterSeq=${afterSeq}&limit=${limit}`, { signal });
  },
  auditVerify(signal?: AbortSignal): Promise<AuditVerifyResult> {
    return request('GET', '/audit/verify', { signal });
  },
  auditCheckpoints(signal?: AbortSignal): Promise<ListOf<AuditCheckpoint>> {
    return request('GET', '/audit/checkpoints', { signal });
  },
  createCheckpoint(): Promise<AuditCheckpoint> {
    return request('POST', '/audit/checkpoints');
  },
  powerCategories(signal?: AbortSignal): Promise<ListOf<PowerCategory>> {
    return request('GET', '/reference/power-categories', { signal });
  },
  powers(filter: PowerFilter, signal?: AbortSignal): Promise<ListOf<PowerItem> & { total: number }> {
    return request('GET', `/powers?${query({ ...filter })}`, { signal });
  },
  power(id: string, signal?: AbortSignal): Promise<PowerItem> {
    return request('GET', `/powers/${encodeURIComponent(id)}`, { signal });
  },
  createPower(unitCode: string, code: string, content: PowerContent): Promise<PowerItem> {
    return request('POST', '/powers', { body: { unitCode, code, content } });
  },
  /** Saves a new revision; `basedOn` is the revision the edit started from (409 when someone saved a newer one). */
  revisePower(id: string, basedOn: number, content: PowerContent): Promise<PowerItem> {
    return request('PUT', `/powers/${encodeURIComponent(id)}`, { body: { basedOn, content } });
  },
  endPower(id: string, input: PowerEndInput): Promise<PowerItem> {
    return request('POST', `/powers/${encodeURIComponent(id)}/end`, { body: input });
  },
  powerRevisions(id: string, signal?: AbortSignal): Promise<ListOf<PowerRevision>> {
    return request('GET', `/powers/${encodeURIComponent(id)}/revisions`, { signal });
  },
  powerDiff(id: string, from: number, to: number, signal?: AbortSignal): Promise<{ changes: PowerChange[] }> {
    return request('GET', `/powers/${encodeURIComponent(id)}/diff?${query({ from, to })}`, { signal });
  },
  /** All or nothing: 422 `import.rejected` lists every bad row in `details.rows`. */
  importPowers(unitCode: string, format: PowerFileFormat, file: Blob): Promise<PowerImportResult> {
    return request('POST', `/powers/import?${query({ unit: unitCode, format })}`, { file });
  },
  /** The address of an export; opened as a plain link so the browser downloads it with the session cookie. */
  powerExportUrl(format: PowerFileFormat, filter: { unit?: string; category?: string }): string {
    return `${BASE}/powers/export?${query({ format, ...filter })}`;
  },
};

/** A query string of the values that are set. */
export function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params.toString();
}
