/**
 * Fewer index entries per event (bench P3: with one event per append, each index written is a
 * visible share of the append's cost):
 * - The event id's unique index goes. Event ids are UUIDs chosen by the workflow; what makes a
 *   retried append a no-op is the stream position it claims (unique per stream), and the retry is
 *   recognised by reading the events at those positions (store/event-store.ts `alreadyStored`).
 * - The type + time index keeps only the types the statistics read by type (store/period-summary.ts,
 *   store/monitoring.ts); every other event writes no entry. A statistic over another type still
 *   works, reading by stream or scanning; add its type here when it must be fast.
 */
import { sql, type Kysely } from 'kysely';

/** The event types that statistics select by type and time. */
const STATISTICS_TYPES = ['CaseOpened', 'StageAdvanced', 'CaseClosed', 'ArrivalConfirmed', 'CustodyConfirmed'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table events drop constraint events_event_id_key`.execute(db);
  await sql`drop index events_type_recorded`.execute(db);
  await sql`create index events_type_recorded on events (type, recorded_at) where type in (${sql.join(STATISTICS_TYPES.map((t) => sql.lit(t)))})`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index events_type_recorded`.execute(db);
  await sql`create index events_type_recorded on events (type, recorded_at)`.execute(db);
  await sql`alter table events add constraint events_event_id_key unique (event_id)`.execute(db);
}
