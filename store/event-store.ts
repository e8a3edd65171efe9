/**
 * Append-only event store on Postgres: one stream per case, optimistic concurrency on the stream
 * version, and idempotent appends so an activity retried after a commit never writes twice.
 */
import { CompiledQuery, type Selectable, type Transaction } from 'kysely';
import { preparedStatement, type Db } from './db.js';
import type { Database, EventsTable } from './schema.js';

export interface NewEvent {
  /** Chosen by the writer (the workflow), so a retried append can be recognised. */
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface StoredEvent {
  globalPosition: string;
  streamId: string;
  streamPosition: number;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  actorId: string;
  agencyId: string;
  recordedAt: Date;
}

export interface AppendRequest {
  streamId: string;
  streamType: string;
  /** The stream version the writer decided on: 0 for a new stream. */
  expectedVersion: number;
  events: NewEvent[];
  actor: { userId: string; agencyId: string };
}

export interface AppendResult {
  nextVersion: number;
  /** True when these exact events were already stored by an earlier attempt. */
  alreadyAppended: boolean;
}

/** Runs inside the append transaction, so read models commit (or roll back) with the events. */
export type InlineProjection = (trx: Transaction<Database>, events: StoredEvent[]) => Promise<void>;

export class WrongExpectedVersion extends Error {
  override readonly name = 'WrongExpectedVersion';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion ?? 'none'}, not the expected ${expectedVersion}`);
  }
}

const UNIQUE_VIOLATION = '23505';

/**
 * Appends events at the expected version. The version claim and the insert are one call of the
 * stored function `homeward_append_event_list` (migrations 0008, 0011, 0015), so an append without read models is
 * one round trip in autocommit, and one with read models is BEGIN, that call, the projection's
 * statements, COMMIT. The call is a named prepared statement,
 * planned once per connection.
 *
 * @example
 * await appendToStream(db, { streamId: 'case-1', streamType: 'victim_repatriation', expectedVersion: 0, events, actor });
 * // execute homeward_append_event_list (prepared on the connection's first append as:
 * // select global_position, stream_position, recorded_at
 * // from homeward_append_event_list($1, $2, $3, $4, $5, $6::jsonb)  -- $6: [{ id, type, data, metadata }, ...]
 * // order by stream_position)
 */
export async function appendToStream(db: Db, request: AppendRequest, project?: InlineProjection): Promise<AppendResult> {
  const { streamId, expectedVersion, events } = request;
  if (events.length === 0) return { nextVersion: expectedVersion, alreadyAppended: false };
  const nextVersion = expectedVersion + events.length;
  try {
    if (project) {
      await db.transaction().execute(async (trx) => {
        await project(trx, await claimAndInsert(trx, request));
      });
    } else {
      await claimAndInsert(db, request);
    }
    return { nextVersion, alreadyAppended: false };
  } catch (error) {
    if (!(error instanceof VersionNotClaimed) && !isUniqueViolation(error)) throw error;
    if (await alreadyStored(db, request)) return { nextVersion, alreadyAppended: true };
    throw new WrongExpectedVersion(streamId, expectedVersion, await streamVersion(db, streamId));
  }
}

class VersionNotClaimed extends Error {}

/** Prepared once per connection: appends are the hottest statement there is (store/db.ts). */
const APPEND_EVENT_LIST = preparedStatement(
  'homeward_append_event_list',
  `select global_position, stream_position, recorded_at
   from homeward_append_event_list($1, $2, $3, $4, $5, $6::jsonb)
   order by stream_position`,
);

/**
 * Moves the stream from the expected version to the next one and inserts the events, in one call:
 * when another writer got there first nothing is inserted and VersionNotClaimed is thrown. Only the
 * columns the database chose come back; the caller already has the rest.
 */
async function claimAndInsert(executor: Db | Transaction<Database>, request: AppendRequest): Promise<StoredEvent[]> {
  const { streamId, streamType, expectedVersion, events, actor } = request;
  const metadata = events.map((e) => e.metadata ?? {});
  const list = JSON.stringify(events.map((e, i) => ({ id: e.eventId, type: e.type, data: e.data, metadata: metadata[i] })));
  const { rows } = await executor.executeQuery<{ global_position: string; stream_position: number; recorded_at: Date }>(
    CompiledQuery.raw(APPEND_EVENT_LIST, [streamId, streamType, expectedVersion, actor.userId, actor.agencyId, list]),
  );
  if (rows.length !== events.length) throw new VersionNotClaimed();
  return rows.map((row, i) => ({
    globalPosition: String(row.global_position),
    streamId,
    streamPosition: row.stream_position,
    eventId: events[i]!.eventId,
    type: events[i]!.type,
    data: events[i]!.data,
    metadata: metadata[i]!,
    actorId: actor.userId,
    agencyId: actor.agencyId,
    recordedAt: row.recorded_at,
  }));
}

/**
 * A retry of an append that committed: the positions it claimed hold its events - the same ids,
 * types and command. The ids alone do not tell: a workflow draws them from its seeded random
 * source, and a workflow task lost after its append leaves its draws unrecorded, so the task that
 * replaces it draws the same ids again for whatever it decides first (a timer's command, another
 * caller's). Taken for a retry, that other append would be answered as stored while the stream
 * holds the lost task's events there (the chaos run's duplicated screenings).
 */
async function alreadyStored(db: Db, request: AppendRequest): Promise<boolean> {
  const rows = await db
    .selectFrom('events')
    .select(['event_id', 'stream_position', 'type', 'metadata'])
    .where('stream_id', '=', request.streamId)
    .where('stream_position', '>', request.expectedVersion)
    .where('stream_position', '<=', request.expectedVersion + request.events.length)
    .orderBy('stream_position')
    .execute();
  return (
    rows.length === request.events.length &&
    request.events.every((e, i) => {
      const row = rows[i]!;
      return row.event_id === e.eventId && row.type === e.type && commandOf(row.metadata) === commandOf(e.metadata);
    })
  );
}

const commandOf = (metadata: Record<string, unknown> | undefined): unknown => metadata?.commandId ?? null;

export async function streamVersion(db: Db, streamId: string): Promise<number | null> {
  const row = await db.selectFrom('streams').select('version').where('stream_id', '=', streamId).executeTakeFirst();
  return row?.version ?? null;
}

export async function readStream(db: Db, streamId: string, options: { after?: number; limit?: number } = {}): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('stream_id', '=', streamId)
    .where('stream_position', '>', options.after ?? 0)
    .orderBy('stream_position')
    .limit(options.limit ?? 1000)
    .execute();
  return rows.map(toStoredEvent);
}

export function toStoredEvent(row: Selectable<EventsTable>): StoredEvent {
  return {
    globalPosition: String(row.global_position),
    streamId: row.stream_id,
    streamPosition: row.stream_position,
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    actorId: row.actor_id,
    agencyId: row.agency_id,
    recordedAt: row.recorded_at,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === UNIQUE_VIOLATION;
}
