import { DomainError } from '../shared/errors.ts';

/** Did the database refuse a write because a unique key was taken? (PostgreSQL 23505; SQLite's UNIQUE/PRIMARY KEY.) */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * For `.catch(…)` on an insert: a unique key taken meanwhile (a concurrent request) becomes the `conflict` the
 * service's own check would have given; anything else is rethrown as it is.
 */
export const conflictOnUnique =
  (text: { zh: string; en: string }, details: Record<string, unknown> = {}) =>
  (e: unknown): never => {
    throw isUniqueViolation(e) ? new DomainError('conflict', text, details) : e;
  };

/** A conditional update (`… where status = 'active'`) changed its row: false when a concurrent change got there first. */
export const updatedOne = (result: { numUpdatedRows: bigint }): boolean => Number(result.numUpdatedRows) === 1;
