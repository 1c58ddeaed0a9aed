import type { Kysely } from 'kysely';

// Frozen in time: imports nothing from the application.

/**
 * Cases (issue 8): each application is a case (办件) that runs through the process of the item revision it pins,
 * one task per step on its way, on the legal clock. The case row carries its deadlines and the instants it turns
 * yellow and red, so that supervision's "what is late" is an indexed query rather than a recomputation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull().references('county.code'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('power_item.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    // The item revision the case runs under: its process, limits and materials.
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('receipt', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    // pending (acceptance open) | running | suspended (a clock-stopping step is open) | done.
    .addColumn('state', 'text', (c) => c.notNull())
    // The end state's name (办结, 不予许可, 不予受理 …) once done.
    .addColumn('outcome', 'text')
    // The applicant: encrypted JSON; the masked name is what public views and lists show.
    .addColumn('applicant', 'text', (c) => c.notNull())
    .addColumn('applicant_masked', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    // JSON: [{ name, fileIds }].
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    // 第三十二条: unanswered by then, the application counts as accepted on the day it arrived.
    .addColumn('acceptance_due_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('deemed_accepted', 'integer', (c) => c.notNull())
    .addColumn('correction_asked', 'integer', (c) => c.notNull())
    // JSON run state of the process engine: open steps and joins waiting.
    .addColumn('run_state', 'text', (c) => c.notNull())
    .addColumn('suspensions', 'text', (c) => c.notNull())
    .addColumn('extensions', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('due_at', 'text')
    .addColumn('due_date', 'text')
    .addColumn('yellow_at', 'text')
    .addColumn('red_at', 'text')
    .addColumn('statutory_due_at', 'text')
    .addColumn('provisional', 'integer', (c) => c.notNull())
    .addColumn('limit_days', 'integer')
    .addColumn('limit_kind', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('workdays_taken', 'integer')
    .addColumn('passed_statutory', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('case_file_receipt_uq', ['receipt'])
    .execute();
  await db.schema.createIndex('case_file_red_idx').on('case_file').columns(['county_code', 'state', 'red_at']).execute();
  await db.schema.createIndex('case_file_yellow_idx').on('case_file').columns(['county_code', 'state', 'yellow_at']).execute();
  await db.schema.createIndex('case_file_unit_idx').on('case_file').columns(['county_code', 'unit_id', 'state', 'arrived_at']).execute();
  await db.schema.createIndex('case_file_item_idx').on('case_file').columns(['county_code', 'item_id', 'closed_at']).execute();

  await db.schema
    .createTable('case_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('step_name', 'text', (c) => c.notNull())
    .addColumn('duty', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('clock_stop', 'text')
    // open | claimed | done | cancelled.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('comment', 'text')
    // The written notice to the applicant when the step stops the clock (第四十五条).
    .addColumn('notice', 'text')
    // JSON array of upload ids.
    .addColumn('attachments', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_task_case_idx').on('case_task').columns(['case_id']).execute();
  await db.schema.createIndex('case_task_queue_idx').on('case_task').columns(['county_code', 'state', 'unit_id']).execute();
  await db.schema.createIndex('case_task_person_idx').on('case_task').columns(['claimed_by', 'state']).execute();

  await db.schema
    .createTable('case_upload')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull())
    // The case once the upload is part of an application or a step; null while it waits.
    .addColumn('case_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_upload').execute();
  await db.schema.dropTable('case_task').execute();
  await db.schema.dropTable('case_file').execute();
}
