import { sql, type Kysely } from 'kysely';

/**
 * Read models of handover batches (projections of the `handover_batch` streams), and the claim that
 * keeps a case in at most one open batch: a row per case, written in the same transaction as the
 * event that adds the case, so two batches racing for one case cannot both win.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('batches')
    .addColumn('batch_id', 'uuid', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('crossing_point', 'text', (c) => c.notNull())
    .addColumn('planned_date', 'date', (c) => c.notNull())
    .addColumn('sending_agency_id', 'text', (c) => c.notNull())
    .addColumn('receiving_agency_id', 'text', (c) => c.notNull())
    .addColumn('from_country', 'char(2)', (c) => c.notNull())
    .addColumn('to_country', 'char(2)', (c) => c.notNull())
    .addColumn('manifest_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notice_issued_at', 'timestamptz')
    .addColumn('members', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sending_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('receiving_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handed_over', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cases_refused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'text')
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('batches_status_date').on('batches').columns(['status', 'planned_date']).execute();

  await db.schema
    .createTable('batch_members')
    .addColumn('batch_id', 'uuid', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sending_confirmed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('receiving_confirmed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('exclusion_reason', 'text')
    // What the person's own case answered for each step the batch drove on it.
    .addColumn('case_steps', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('case_refusal', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('batch_members_pk', ['batch_id', 'case_id'])
    .execute();
  await db.schema.createIndex('batch_members_case').on('batch_members').column('case_id').execute();

  await db.schema
    .createTable('batch_case_claims')
    .addColumn('case_id', 'uuid', (c) => c.primaryKey())
    .addColumn('batch_id', 'uuid', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('batch_case_claims_batch').on('batch_case_claims').column('batch_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['batch_case_claims', 'batch_members', 'batches']) await db.schema.dropTable(table).ifExists().execute();
}
