/**
 * The event store's append as a stored function: claim the stream version, then insert the events,
 * or insert nothing when another writer got there first. PL/pgSQL keeps the plans of its statements
 * for the session, where the same statement sent as text is parsed and planned on every append: with
 * one event per append, planning was about half the cost (bench P3). store/event-store.ts calls it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create function homeward_append_events(
      p_stream_id text, p_stream_type text, p_expected_version integer, p_actor_id text, p_agency_id text,
      p_event_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[])
    returns table (global_position bigint, stream_position integer, recorded_at timestamptz)
    language plpgsql as $$
    #variable_conflict use_column
    declare
      v_next_version integer := p_expected_version + cardinality(p_event_ids);
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
        select p_stream_id, p_expected_version + u.ord, u.event_id, u.type, u.data, u.metadata, p_actor_id, p_agency_id
        from unnest(p_event_ids, p_types, p_data, p_metadata) with ordinality as u(event_id, type, data, metadata, ord)
        returning e.global_position, e.stream_position, e.recorded_at;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function homeward_append_events`.execute(db);
}
