import { sql, type Kysely } from 'kysely';

/**
 * The append-only event store (one stream per case) and the first read models.
 * `streams.version` is the optimistic-concurrency guard: an append updates it only from the
 * version the writer expected, so two writers can never both extend a stream.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('streams')
    .addColumn('stream_id', 'text', (c) => c.primaryKey())
    .addColumn('stream_type', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('global_position', 'bigserial', (c) => c.primaryKey())
    .addColumn('stream_id', 'text', (c) => c.notNull().references('streams.stream_id'))
    .addColumn('stream_position', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('metadata', 'jsonb', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('events_stream_position_unique', ['stream_id', 'stream_position'])
    .execute();
  // History is never rewritten: refuse UPDATE and DELETE on events at the database level.
  await sql`
    create function events_are_append_only() returns trigger language plpgsql as $$
    begin raise exception 'events are append-only'; end $$`.execute(db);
  await sql`
    create trigger events_append_only before update or delete on events
    for each row execute function events_are_append_only()`.execute(db);

  await db.schema
    .createTable('cases')
    .addColumn('case_id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('host_country', 'char(2)', (c) => c.notNull())
    .addColumn('origin_country', 'char(2)', (c) => c.notNull())
    .addColumn('owning_agency_id', 'text', (c) => c.notNull())
    .addColumn('age_group', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('on_hold', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hold_reason', 'text')
    .addColumn('hold_review_date', 'date')
    .addColumn('outcome', 'text')
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_progress_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_status_stage').on('cases').columns(['status', 'stage', 'opened_at']).execute();
  await db.schema.createIndex('cases_corridor').on('cases').columns(['host_country', 'origin_country', 'opened_at']).execute();
  await db.schema.createIndex('cases_opened_at').on('cases').columns(['opened_at', 'case_id']).execute();

  // The one place a person's personal data lives; events and read models reference person_id only.
  await db.schema
    .createTable('persons')
    .addColumn('person_id', 'uuid', (c) => c.primaryKey())
    .addColumn('data', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('erased_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['idempotency_keys', 'persons', 'cases', 'events', 'streams']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`drop function if exists events_are_append_only()`.execute(db);
}
