/**
 * Who takes part: the agency registry and crossings; the tasks each case step opens for an agency
 * (a projection of the events) and who claimed them; the parties to each case, which scope every
 * read; and the append-only audit log of personal-data reads and actions.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agencies')
    .addColumn('agency_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'char(2)', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('crossings')
    .addColumn('crossing_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('countries', sql`char(2)[]`, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('task_id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text')
    .addColumn('agency_kind', 'text', (c) => c.notNull())
    .addColumn('country', 'char(2)', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .execute();
  await sql`create index tasks_open_by_agency on tasks (agency_id, due_at) where status = 'open'`.execute(db);
  await sql`create index tasks_open_by_kind on tasks (country, agency_kind, due_at) where status = 'open'`.execute(db);
  await sql`create index tasks_by_case on tasks (case_id)`.execute(db);

  // Claims are people's choices, not case events: kept apart so a projection rebuild keeps them.
  await db.schema
    .createTable('task_assignments')
    .addColumn('task_id', 'uuid', (c) => c.primaryKey())
    .addColumn('assignee_user_id', 'text', (c) => c.notNull())
    .addColumn('assignee_agency_id', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A party is an agency id, or `kind:<country>:<agency kind>` for a task open to every agency of a kind.
  await db.schema
    .createTable('case_parties')
    .addColumn('case_id', 'uuid', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_parties_pk', ['case_id', 'party'])
    .execute();
  await sql`create index case_parties_by_party on case_parties (party)`.execute(db);

  await db.schema
    .createTable('audit_log')
    .addColumn('audit_id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('case_id', 'uuid')
    .addColumn('person_id', 'uuid')
    .addColumn('detail', 'jsonb')
    .execute();
  await sql`create index audit_log_by_case on audit_log (case_id, at)`.execute(db);
  await sql`create index audit_log_by_user on audit_log (user_id, at)`.execute(db);
  await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
    begin raise exception 'the audit log is append-only'; end $$`.execute(db);
  await sql`create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_log', 'case_parties', 'task_assignments', 'tasks', 'crossings', 'agencies']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function audit_log_append_only`.execute(db);
}
