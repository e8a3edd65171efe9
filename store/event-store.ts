/**
 * Append-only event store on Postgres: one stream per case, optimistic concurrency on the stream
 * version, and idempotent appends so an activity retried after a commit never writes twice.
 */
import { sql, type Selectable, type Transaction } from 'kysely';
import type { Db } from './db.js';
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

export async function appendToStream(db: Db, request: AppendRequest, project?: InlineProjection): Promise<AppendResult> {
  const { streamId, expectedVersion, events } = request;
  if (events.length === 0) return { nextVersion: expectedVersion, alreadyAppended: false };
  const nextVersion = expectedVersion + events.length;
  try {
    await db.transaction().execute(async (trx) => {
      if (!(await claimVersions(trx, request, nextVersion))) throw new VersionNotClaimed();
      const stored = await insertEvents(trx, request);
      if (project) await project(trx, stored);
    });
    return { nextVersion, alreadyAppended: false };
  } catch (error) {
    if (!(error instanceof VersionNotClaimed) && !isUniqueViolation(error)) throw error;
    if (await alreadyStored(db, request)) return { nextVersion, alreadyAppended: true };
    throw new WrongExpectedVersion(streamId, expectedVersion, await streamVersion(db, streamId));
  }
}

class VersionNotClaimed extends Error {}

/** Moves the stream from the expected version to the next one; false if another writer got there first. */
async function claimVersions(trx: Transaction<Database>, request: AppendRequest, nextVersion: number): Promise<boolean> {
  if (request.expectedVersion === 0) {
    const inserted = await trx
      .insertInto('streams')
      .values({ stream_id: request.streamId, stream_type: request.streamType, version: nextVersion })
      .onConflict((oc) => oc.column('stream_id').doNothing())
      .returning('version')
      .executeTakeFirst();
    return inserted !== undefined;
  }
  const updated = await trx
    .updateTable('streams')
    .set({ version: nextVersion, updated_at: sql`now()` })
    .where('stream_id', '=', request.streamId)
    .where('version', '=', request.expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return updated !== undefined;
}

async function insertEvents(trx: Transaction<Database>, request: AppendRequest): Promise<StoredEvent[]> {
  const rows = await trx
    .insertInto('events')
    .values(
      request.events.map((e, i) => ({
        stream_id: request.streamId,
        stream_position: request.expectedVersion + i + 1,
        event_id: e.eventId,
        type: e.type,
        data: JSON.stringify(e.data),
        metadata: JSON.stringify(e.metadata ?? {}),
        actor_id: request.actor.userId,
        agency_id: request.actor.agencyId,
      })),
    )
    .returningAll()
    .execute();
  return rows.map(toStoredEvent);
}

async function alreadyStored(db: Db, request: AppendRequest): Promise<boolean> {
  const rows = await db
    .selectFrom('events')
    .select(['event_id', 'stream_id', 'stream_position'])
    .where(
      'event_id',
      'in',
      request.events.map((e) => e.eventId),
    )
    .execute();
  if (rows.length !== request.events.length) return false;
  const position = new Map(rows.map((r) => [r.event_id, r]));
  return request.events.every((e, i) => {
    const row = position.get(e.eventId);
    return row?.stream_id === request.streamId && row.stream_position === request.expectedVersion + i + 1;
  });
}

export async function streamVersion(db: Db, streamId: string): Promise<number | null> {
  const row = await db.selectFrom('streams').select('version').where('stream_id', '=', streamId).executeTakeFirst();
  return row?.version ?? null;
}

export async function readStream(
  db: Db,
  streamId: string,
  options: { after?: number; limit?: number } = {},
): Promise<StoredEvent[]> {
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
