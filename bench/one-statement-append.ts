/**
 * Diagnostic for P3, not used by Homeward: store/event-store.ts's append written as ONE statement
 * in autocommit (claim the stream version and insert the events in a single CTE) instead of
 * BEGIN, claim, insert ... RETURNING *, COMMIT. Same tables, same keys and the same version check
 * on the happy path; the retry and conflict handling of the real store is left out. It shows what
 * the real store loses to round trips: with one event per append those dominate the cost here.
 */
import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import type { AppendRequest } from '../store/event-store.js';

export async function appendInOneStatement(db: Db, request: AppendRequest): Promise<void> {
  const { streamId, streamType, expectedVersion, events, actor } = request;
  const nextVersion = expectedVersion + events.length;
  const claim =
    expectedVersion === 0
      ? sql`insert into streams (stream_id, stream_type, version) values (${streamId}, ${streamType}, ${nextVersion})
            on conflict (stream_id) do nothing returning version`
      : sql`update streams set version = ${nextVersion}, updated_at = now()
            where stream_id = ${streamId} and version = ${expectedVersion} returning version`;
  const result = await sql<{ n: number }>`
    with claim as (${claim}),
    inserted as (
      insert into events (stream_id, stream_position, event_id, type, data, metadata, actor_id, agency_id)
      select ${streamId}, ${expectedVersion} + e.ord, e.event_id, e.type, e.data, e.metadata, ${actor.userId}, ${actor.agencyId}
      from claim, unnest(${events.map((e) => e.eventId)}::uuid[], ${events.map((e) => e.type)}::text[],
                         ${events.map((e) => JSON.stringify(e.data))}::jsonb[], ${events.map((e) => JSON.stringify(e.metadata ?? {}))}::jsonb[])
           with ordinality as e(event_id, type, data, metadata, ord)
      returning 1)
    select count(*)::int as n from inserted`.execute(db);
  if (result.rows[0]?.n !== events.length) throw new Error(`one-statement append: ${streamId} is not at version ${expectedVersion}`);
}
