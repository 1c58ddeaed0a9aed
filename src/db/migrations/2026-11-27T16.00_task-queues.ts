import { sql, type Kysely } from 'kysely';

/**
 * The two task queues — open steps by unit, claimed steps by person — indexed over only the tasks in them. Finished
 * tasks are almost all of the table and no queue reads them; with whole-table indexes every completion also rewrote
 * index pages for rows no one looks up (and the indexes grew with the history instead of with the work in hand).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_task_queue_idx').execute();
  await db.schema.dropIndex('case_task_person_idx').execute();
  await db.schema
    .createIndex('case_task_open_idx')
    .on('case_task')
    .columns(['county_code', 'unit_id', 'created_at'])
    .where(sql.ref('state'), '=', sql.lit('open'))
    .execute();
  await db.schema
    .createIndex('case_task_claimed_idx')
    .on('case_task')
    .columns(['claimed_by', 'claimed_at'])
    .where(sql.ref('state'), '=', sql.lit('claimed'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_task_open_idx').execute();
  await db.schema.dropIndex('case_task_claimed_idx').execute();
  await db.schema.createIndex('case_task_queue_idx').on('case_task').columns(['county_code', 'state', 'unit_id']).execute();
  await db.schema.createIndex('case_task_person_idx').on('case_task').columns(['claimed_by', 'state']).execute();
}
