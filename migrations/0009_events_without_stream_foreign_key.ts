/**
 * Events lose their foreign key to `streams`. Every event is inserted by `homeward_append_events`
 * (migration 0008) in the statement after the one that created or moved its stream row, so the key
 * guarded nothing, while its check ran a lookup of that row, with a share lock, for every event
 * inserted (bench P3: one-event appends ran at about 0.4-0.5x a raw insert with it).
 * Events stay append-only (trigger of 0001) and unique per stream position.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table events drop constraint events_stream_id_fkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table events add constraint events_stream_id_fkey foreign key (stream_id) references streams (stream_id)`.execute(db);
}
