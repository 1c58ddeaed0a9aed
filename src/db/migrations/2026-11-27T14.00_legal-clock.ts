import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the application.

/**
 * The legal clock (issue 7). The calendar's own tables came with the foundation; what is new is the register of
 * deadlines of open work: every module that runs something on the clock (cases, rectifications, replies) records its
 * deadline here with what it was computed from, so that a new State Council notice can recompute the provisional
 * ones and their owners see what moved.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tracked_deadline')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull().references('county.code'))
    // What runs on the clock, e.g. case:<id>; unique per county.
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // Who answers for it: an account id (their task list shows what moved).
    .addColumn('owner', 'text', (c) => c.notNull())
    // The calendar it counts on: a unit code with its own holidays, or null for the national one.
    .addColumn('region', 'text')
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    // JSON arrays of suspensions and extensions, as the rules take them.
    .addColumn('suspensions', 'text', (c) => c.notNull())
    .addColumn('extensions', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    // 0/1 on both engines.
    .addColumn('provisional', 'integer', (c) => c.notNull())
    .addColumn('open', 'integer', (c) => c.notNull())
    // The due date before the last recomputation that moved it, and when that was.
    .addColumn('moved_from', 'text')
    .addColumn('moved_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tracked_deadline_subject_uq', ['county_code', 'subject'])
    .execute();
  await db.schema.createIndex('tracked_deadline_open_idx').on('tracked_deadline').columns(['county_code', 'open', 'provisional']).execute();
  await db.schema.createIndex('tracked_deadline_owner_idx').on('tracked_deadline').columns(['county_code', 'owner', 'open']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tracked_deadline').execute();
}
