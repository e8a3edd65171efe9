/**
 * Step deadlines on the cases read model (for the stalled-case dashboard), and the outbox through
 * which reminders and escalations leave as signed webhooks, delivered at least once.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cases')
    .addColumn('step', 'text')
    .addColumn('step_due_at', 'timestamptz')
    .addColumn('step_escalate_at', 'timestamptz')
    .addColumn('holder_side', 'text')
    .addColumn('holder_agency_kind', 'text')
    .addColumn('holder_country', 'char(2)')
    .addColumn('overdue', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('escalated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('clock', 'jsonb')
    .execute();
  // The stalled list reads open cases by deadline; a partial index keeps it small and ordered.
  await sql`create index cases_open_by_due on cases (step_due_at) where status = 'open'`.execute(db);
  await sql`create index cases_open_by_holder_due on cases (holder_country, step_due_at) where status = 'open'`.execute(db);
  await sql`create index events_type_recorded on events (type, recorded_at)`.execute(db);

  await db.schema
    .createTable('notifications')
    .addColumn('notification_id', 'uuid', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('recipient_country', 'char(2)', (c) => c.notNull())
    .addColumn('recipient_role', 'text', (c) => c.notNull())
    .addColumn('recipient_agency_kind', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('subscription_id', 'uuid', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('country', 'char(2)')
    .addColumn('role', 'text')
    .addColumn('agency_kind', 'text')
    .addColumn('topics', sql`text[]`)
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('delivery_id', 'uuid', (c) => c.primaryKey())
    .addColumn('notification_id', 'uuid', (c) => c.notNull().references('notifications.notification_id'))
    .addColumn('subscription_id', 'uuid', (c) => c.notNull().references('webhook_subscriptions.subscription_id'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addUniqueConstraint('webhook_deliveries_once', ['notification_id', 'subscription_id'])
    .execute();
  await sql`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where delivered_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_subscriptions').execute();
  await db.schema.dropTable('notifications').execute();
  await sql`drop index events_type_recorded`.execute(db);
  for (const column of [
    'step',
    'step_due_at',
    'step_escalate_at',
    'holder_side',
    'holder_agency_kind',
    'holder_country',
    'overdue',
    'escalated',
    'clock',
  ]) {
    await db.schema.alterTable('cases').dropColumn(column).execute();
  }
}
