/**
 * Domain errors carry a stable dotted code and know nothing about HTTP; `src/http/errors.ts` maps codes to statuses
 * and the CLI maps them to exit codes. Every code is listed in docs/errors.md.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'rate_limited'
  | 'auth.required'
  | 'auth.invalid_credentials'
  | 'auth.locked'
  | 'auth.disabled'
  | 'auth.csrf'
  | 'auth.origin'
  | 'auth.password_policy'
  | 'grant.separation_of_duties'
  | 'unit.invalid_parent'
  | 'audit.chain_broken'
  | 'import.rejected'
  | 'review.own_work'
  | 'process.invalid'
  | 'process.incomplete'
  | 'bpmn.refused'
  | 'calendar.ics_refused'
  | 'upload.refused'
  | 'sod.violation'
  | 'case.outcome_invalid'
  | 'case.stuck'
  | 'case.not_allowed'
  | 'task.taken'
  | 'internal';

/** Message arguments are filled into both the Chinese and the English text. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly text: LocalizedText;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, text: LocalizedText, details: Record<string, unknown> = {}) {
    super(text.en);
    this.name = 'DomainError';
    this.code = code;
    this.text = text;
    this.details = details;
  }
}

export const notFound = (zh: string, en: string) => new DomainError('not_found', { zh: `未找到${zh}`, en: `${en} not found` }, {});

export const forbidden = () => new DomainError('forbidden', { zh: '您无权执行此操作', en: 'You are not allowed to do this' });
