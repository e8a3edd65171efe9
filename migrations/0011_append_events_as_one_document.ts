/**
 * The append takes its events as one JSON document instead of four parallel arrays. Sent as arrays,
 * every event's data was escaped into an array literal by the client and unescaped by Postgres
 * before being parsed as JSON: one event per append cost twice a raw insert's CPU, half of it in
 * that round of text (bench P3, CPU per event). One document is serialised natively once and
 * parsed once; each event's data is taken out of it as JSON, not as text.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create function homeward_append_event_list(
      p_stream_id text, p_stream_type text, p_expected_version integer, p_actor_id text, p_agency_id text, p_events jsonb)
    returns table (global_position bigint, stream_position integer, recorded_at timestamptz)
    language plpgsql as $$
    #variable_conflict use_column
    declare
      v_next_version integer := p_expected_version + jsonb_array_length(p_events);
    begin
      if p_expected_version = 0 then
        insert into streams (stream_id, stream_type, version) values (p_stream_id, p_stream_type, v_next_version)
          on conflict (stream_id) do nothing;
      else
        update streams set version = v_next_version, updated_at = now()
          where stream_id = p_stream_id and version = p_expected_version;
      end if;
      if not found then
        return; -- not at the expected version: nothing is inserted, the caller sees no rows
      end if;
      return query
        insert into events as e (stream_id, stream_position, event_id, type, data, metadata, actor_id, agency_id)
        select p_stream_id, p_expected_version + u.ord, (u.event ->> 'id')::uuid, u.event ->> 'type', u.event -> 'data', u.event -> 'metadata',
               p_actor_id, p_agency_id
        from jsonb_array_elements(p_events) with ordinality as u(event, ord)
        returning e.global_position, e.stream_position, e.recorded_at;
    end $$`.execute(db);
  await sql`drop function homeward_append_events`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const { up: recreateArrayAppend } = await import('./0008_append_function.js');
  await recreateArrayAppend(db);
  await sql`drop function homeward_append_event_list`.execute(db);
}
