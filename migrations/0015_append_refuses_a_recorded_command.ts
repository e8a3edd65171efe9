/**
 * The append refuses events whose command is already in the stream: nothing is inserted and the
 * caller sees no rows, as when the version is not the expected one (store/event-store.ts then tells
 * a retry of the same append, answered as stored, from a conflict). A command is recorded once
 * whatever its writer believes: a workflow that lost a task after its append, a resend that reaches
 * a later run, a state that went wrong. Events without a command (a workflow's own timers) are not
 * checked. The check reads the stream's events through its (stream_id, stream_position) index.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function homeward_append_event_list(
      p_stream_id text, p_stream_type text, p_expected_version integer, p_actor_id text, p_agency_id text, p_events jsonb)
    returns table (global_position bigint, stream_position integer, recorded_at timestamptz)
    language plpgsql as $$
    #variable_conflict use_column
    declare
      v_next_version integer := p_expected_version + jsonb_array_length(p_events);
    begin
      if p_expected_version > 0 and exists (
        select 1 from events as recorded
        where recorded.stream_id = p_stream_id
          and recorded.metadata ->> 'commandId' in (
            select u.event -> 'metadata' ->> 'commandId' from jsonb_array_elements(p_events) as u(event))
      ) then
        return; -- this command is already recorded: nothing is inserted, the caller sees no rows
      end if;
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
}

export async function down(db: Kysely<any>): Promise<void> {
  const { up: appendWithoutTheCheck } = await import('./0011_append_events_as_one_document.js');
  await sql`drop function homeward_append_event_list`.execute(db);
  // 0011's up drops the array append it replaced; recreate that first so its drop finds it.
  const { up: arrayAppend } = await import('./0008_append_function.js');
  await arrayAppend(db);
  await appendWithoutTheCheck(db);
}
