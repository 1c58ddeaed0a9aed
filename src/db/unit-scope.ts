import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The scope filter every unit-scoped list shares: rows whose unit (joined as `u`) lies under one of `paths` (the
 * caller's grants, or a chosen unit); no row at all for an empty list.
 */
export function underUnitPaths(paths: string[]): RawBuilder<SqlBool> {
  if (paths.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(
    paths.map((p) => sql`u.path like ${`${p}%`}`),
    sql` or `,
  )})`;
}
