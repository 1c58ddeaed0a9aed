import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the application.

/**
 * "三上三下" legal review and publication (issue 4), and the approval-reform baseline. A batch carries a unit's
 * draft revisions through review; findings are recorded per item, round and aspect; every problem becomes a
 * rectification entry (整改台账) that stays open until the reviewer accepts the fix. Publishing points the item at
 * the revision the portal shows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The revision the public sees; null until the item is first published.
  await db.schema.alterTable('power_item').addColumn('published_revision', 'integer').execute();
  await db.schema.alterTable('power_item').addColumn('published_at', 'text').execute();
  await db.schema.createIndex('power_item_published_idx').on('power_item').columns(['county_code', 'published_revision']).execute();

  await db.schema
    .createTable('review_batch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull().references('county.code'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    // Round 1 starts at submission; each resubmission opens the next.
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('returns', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('reviewer', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_batch_unit_idx').on('review_batch').columns(['county_code', 'unit_id', 'state']).execute();

  await db.schema
    .createTable('review_batch_item')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('review_batch.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('power_item.id'))
    // The revision under review; a resubmission moves it to the unit's latest.
    .addColumn('revision', 'integer', (c) => c.notNull())
    // = item_id while the batch is open, null once published: an item is in at most one open batch.
    .addColumn('open_item_id', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_batch_item_pk', ['batch_id', 'item_id'])
    .addUniqueConstraint('review_batch_item_open_uq', ['open_item_id'])
    .execute();

  await db.schema
    .createTable('review_finding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('review_batch.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('power_item.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('aspect', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('problem', 'text')
    .addColumn('comment', 'text')
    .addColumn('reviewer', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_finding_uq', ['batch_id', 'item_id', 'round', 'aspect'])
    .execute();

  await db.schema
    .createTable('rectification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull().references('county.code'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('review_batch.id'))
    // Null for an omission (漏报): the item does not exist yet.
    .addColumn('item_id', 'text', (c) => c.references('power_item.id'))
    .addColumn('aspect', 'text')
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('missing_item_name', 'text')
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('raised_round', 'integer', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('response_round', 'integer')
    .addColumn('responded_by', 'text')
    .addColumn('resolved_item_id', 'text', (c) => c.references('power_item.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('accepted_round', 'integer')
    .addColumn('accepted_by', 'text')
    .addColumn('accepted_at', 'text')
    .execute();
  await db.schema.createIndex('rectification_batch_idx').on('rectification').columns(['batch_id', 'state']).execute();
  await db.schema.createIndex('rectification_county_idx').on('rectification').columns(['county_code', 'state']).execute();

  // Each step of a batch's life, for its timeline (the audit log holds the same, chained).
  await db.schema
    .createTable('review_transition')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('review_batch.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_transition_pk', ['batch_id', 'seq'])
    .execute();

  // 审批制度改革: each approval item's figures when the reform started, to compare with its published revision.
  await db.schema
    .createTable('reform_baseline')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('power_item.id'))
    .addColumn('county_code', 'text', (c) => c.notNull().references('county.code'))
    .addColumn('steps', 'integer', (c) => c.notNull())
    .addColumn('materials', 'integer', (c) => c.notNull())
    .addColumn('time_limit', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('reform')
    .addColumn('county_code', 'text', (c) => c.primaryKey().references('county.code'))
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['reform', 'reform_baseline', 'review_transition', 'rectification', 'review_finding', 'review_batch_item', 'review_batch']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.dropIndex('power_item_published_idx').execute();
  await db.schema.alterTable('power_item').dropColumn('published_at').execute();
  await db.schema.alterTable('power_item').dropColumn('published_revision').execute();
}
