import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from the application.

/**
 * The power list (两单). An item is its identity (code within the county, unit, lifecycle); its content lives in
 * immutable revisions. A revision's `content` is the whole item as JSON — the two lists now, the process and risk
 * points later — so that 两单两图 are reviewed, published and pinned by cases together.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('power_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull().references('county.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_date', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('status_to', 'text')
    .addColumn('latest_revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('power_item_county_code_uq', ['county_code', 'code'])
    .execute();
  await db.schema.createIndex('power_item_unit_idx').on('power_item').columns(['county_code', 'unit_id']).execute();

  await db.schema
    .createTable('power_item_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('power_item.id'))
    .addColumn('county_code', 'text', (c) => c.notNull().references('county.code'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addUniqueConstraint('power_item_revision_uq', ['item_id', 'revision'])
    .execute();
  await db.schema.createIndex('power_item_revision_category_idx').on('power_item_revision').columns(['county_code', 'category']).execute();

  // A revision's content never changes once written (its review state may).
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE FUNCTION power_item_revision_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'a power item revision is immutable'; END $$`.execute(db);
    await sql`CREATE TRIGGER power_item_revision_immutable
      BEFORE UPDATE OF content, name, category, revision, item_id ON power_item_revision
      FOR EACH ROW EXECUTE FUNCTION power_item_revision_refuse()`.execute(db);
    await sql`CREATE TRIGGER power_item_revision_no_delete BEFORE DELETE ON power_item_revision
      FOR EACH ROW EXECUTE FUNCTION power_item_revision_refuse()`.execute(db);
  } else {
    await sql`CREATE TRIGGER power_item_revision_immutable
      BEFORE UPDATE OF content, name, category, revision, item_id ON power_item_revision
      BEGIN SELECT RAISE(ABORT, 'a power item revision is immutable'); END`.execute(db);
    await sql`CREATE TRIGGER power_item_revision_no_delete BEFORE DELETE ON power_item_revision
      BEGIN SELECT RAISE(ABORT, 'a power item revision is immutable'); END`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('power_item_revision').execute();
  await db.schema.dropTable('power_item').execute();
}
