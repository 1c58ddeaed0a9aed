import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the application.

/**
 * 两图 (issue 5). Processes and risk points live in the item revision's content, so they need no table of their own;
 * what a county decides about them does: whether the portal shows its risk maps (廉政风险防控图) beside the service
 * guides. Absent row = not published.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_setting')
    .addColumn('county_code', 'text', (c) => c.primaryKey().references('county.code'))
    // 0/1 on both engines.
    .addColumn('publish_risk_maps', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_setting').execute();
}
