import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the application.

/** One security policy per county, set by its security administrator; absent means the baseline. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('security_policy')
    .addColumn('county_code', 'text', (c) => c.primaryKey().references('county.code'))
    .addColumn('min_password_length', 'integer', (c) => c.notNull())
    .addColumn('min_password_classes', 'integer', (c) => c.notNull())
    .addColumn('lockout_threshold', 'integer', (c) => c.notNull())
    .addColumn('lockout_minutes', 'integer', (c) => c.notNull())
    .addColumn('idle_minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('security_policy').execute();
}
