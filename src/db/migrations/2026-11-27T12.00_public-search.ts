import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: imports nothing from the application.

/**
 * The public power list (portal) and its Chinese search. `public_power` holds one row per published, active item:
 * what the list shows and the normalised text searched, copied from the published revision by the service's index
 * hook inside the publishing transaction. Queries of three characters or more go through a trigram index (FTS5
 * `trigram` on SQLite, pg_trgm GIN on PostgreSQL); one- and two-character queries through `public_power_gram`, the
 * unigrams and bigrams of each item's name and legal basis. `search_synonym` is the county's list of abbreviations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('public_power')
    // A small integer key: the FTS5 rowid on SQLite, and what the gram rows point at.
    .addColumn('doc', 'integer', (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
    .addColumn('item_id', 'text', (c) => c.notNull().unique().references('power_item.id'))
    .addColumn('county_code', 'text', (c) => c.notNull().references('county.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    // The code upper-cased, for case-insensitive prefix search by code; compared bytewise (collation C on
    // PostgreSQL), so that a prefix is one index range whatever the database's collation.
    .addColumn('code_key', pg ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('statutory_limit', 'integer')
    .addColumn('promised_limit', 'integer')
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    // Normalised (NFKC, lower case, punctuation removed): the name alone (ranking), and name and basis (matching).
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    // 1 once the item stopped being published as indexed without the index hook being told (see the trigger): the
    // row, with its text and grams, waits for the hook to take it out, and no query shows it.
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('public_power_code_idx').on('public_power').columns(['county_code', 'hidden', 'code']).execute();
  await db.schema.createIndex('public_power_code_key_idx').on('public_power').columns(['county_code', 'code_key']).execute();
  // `hidden` in each: browsing and counting by category or unit read the index alone.
  await db.schema.createIndex('public_power_category_idx').on('public_power').columns(['county_code', 'hidden', 'category', 'code']).execute();
  await db.schema.createIndex('public_power_unit_idx').on('public_power').columns(['county_code', 'hidden', 'unit_id']).execute();

  // One structure only, the primary key (a second index, or a foreign key, made rebuilding the index of a
  // 10,000-item list several times slower): an item's grams are deleted by recomputing them from its stored text.
  let gram = db.schema
    .createTable('public_power_gram')
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('gram', 'text', (c) => c.notNull())
    .addColumn('doc', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('public_power_gram_pk', ['county_code', 'gram', 'doc']);
  // The primary key is the table: no second copy of every row.
  if (!pg) gram = gram.modifyEnd(sql`without rowid`);
  await gram.execute();

  if (pg) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    // fastupdate off: with it, new rows wait in a pending list that every search scans until a vacuum merges it
    // (after publishing a few thousand items, searches took ten times longer); publishing is rare, searching not.
    await sql`CREATE INDEX public_power_search_trgm_idx ON public_power USING gin (search_text gin_trgm_ops) WITH (fastupdate = off)`.execute(db);
    // The documents whose text contains any of the patterns, through the trigram index. A function, so that it is
    // planned with random reads costed as what they are here (the list is in memory): with the default costs
    // PostgreSQL prefers reading every row and running LIKE on it, which on Chinese text is 3–10 times slower.
    // ROWS 100 tells the calling query that a few rows come out, to be looked up by key.
    await sql`CREATE FUNCTION public_power_trgm_docs(patterns text[]) RETURNS SETOF integer LANGUAGE sql STABLE
      ROWS 100 SET random_page_cost = 1.1 AS $$ SELECT doc FROM public_power WHERE search_text LIKE ANY (patterns) $$`.execute(db);
    // An item that ends, is unpublished, gets another published revision or moves to another unit leaves (or
    // follows) the public list at once, even if the code that changed it does not call the index hook.
    await sql`CREATE FUNCTION public_power_follow_item() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE public_power SET hidden = 1 WHERE item_id = NEW.id AND hidden = 0
          AND (NEW.status <> 'active' OR NEW.published_revision IS NULL OR NEW.published_revision <> revision);
        UPDATE public_power SET unit_id = NEW.unit_id WHERE item_id = NEW.id AND unit_id <> NEW.unit_id;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER public_power_follow_item AFTER UPDATE OF status, published_revision, unit_id ON power_item
      FOR EACH ROW EXECUTE FUNCTION public_power_follow_item()`.execute(db);
  } else {
    // External-content FTS5 over public_power.search_text, kept in step by triggers.
    await sql`CREATE VIRTUAL TABLE public_power_fts USING fts5(search_text, content='public_power', content_rowid='doc', tokenize='trigram')`.execute(db);
    await sql`CREATE TRIGGER public_power_fts_insert AFTER INSERT ON public_power BEGIN
      INSERT INTO public_power_fts (rowid, search_text) VALUES (new.doc, new.search_text); END`.execute(db);
    await sql`CREATE TRIGGER public_power_fts_delete AFTER DELETE ON public_power BEGIN
      INSERT INTO public_power_fts (public_power_fts, rowid, search_text) VALUES ('delete', old.doc, old.search_text); END`.execute(db);
    await sql`CREATE TRIGGER public_power_fts_update AFTER UPDATE OF search_text ON public_power BEGIN
      INSERT INTO public_power_fts (public_power_fts, rowid, search_text) VALUES ('delete', old.doc, old.search_text);
      INSERT INTO public_power_fts (rowid, search_text) VALUES (new.doc, new.search_text); END`.execute(db);
    await sql`CREATE TRIGGER public_power_follow_item AFTER UPDATE OF status, published_revision, unit_id ON power_item BEGIN
      UPDATE public_power SET hidden = 1 WHERE item_id = new.id AND hidden = 0
        AND (new.status <> 'active' OR new.published_revision IS NULL OR new.published_revision <> revision);
      UPDATE public_power SET unit_id = new.unit_id WHERE item_id = new.id AND unit_id <> new.unit_id; END`.execute(db);
  }

  // The county's abbreviations: a query word matches when it or any of its expansions does.
  await db.schema
    .createTable('search_synonym')
    .addColumn('county_code', 'text', (c) => c.notNull().references('county.code'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('expansion', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_synonym_pk', ['county_code', 'term', 'expansion'])
    .execute();
  // One row once a county's list has been set (seeded or edited): the shipped list is seeded only where none is.
  await db.schema
    .createTable('search_synonym_list')
    .addColumn('county_code', 'text', (c) => c.primaryKey().references('county.code'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropTable('search_synonym_list').execute();
  await db.schema.dropTable('search_synonym').execute();
  if (pg) {
    await sql`DROP TRIGGER public_power_follow_item ON power_item`.execute(db);
    await sql`DROP FUNCTION public_power_follow_item()`.execute(db);
    await sql`DROP FUNCTION public_power_trgm_docs(text[])`.execute(db);
  } else {
    await sql`DROP TRIGGER public_power_follow_item`.execute(db);
    await sql`DROP TABLE public_power_fts`.execute(db);
  }
  await db.schema.dropTable('public_power_gram').execute();
  await db.schema.dropTable('public_power').execute();
}
