/**
 * How a projection rebuild reads the events: whole streams a page at a time, each page's rows
 * as arrays (no row objects to build and throw away), parsed by the cheapest parsers that give the
 * same values as pg's.
 */
import pg from 'pg';
import type { Kysely } from 'kysely';
import type { StoredEvent } from '../event-store.js';
import type { Database } from '../schema.js';
import type { RebuildSession } from './rebuild-io.js';
import { parseTimestamp } from './rebuild-timestamps.js';

/**
 * The columns of an event that the folds read; a rebuild selects these only (not the metadata,
 * actor or agency, which would cost reading and parsing for nothing). A fold that needs more widens
 * this type, and the compiler then points at the select below.
 */
export type FoldedEvent = Pick<StoredEvent, 'streamId' | 'streamPosition' | 'type' | 'data' | 'recordedAt'>;

/** Events folded between two turns of the event loop (a few milliseconds of folding). */
const FOLD_SLICE = 500;
/** Statements the fold may run ahead of Postgres: a page read and the writes of a few flushes. */
const MAX_UNFINISHED = 10;

/**
 * Every event of one stream type with a stream id after `from` and up to `to` (the whole type when
 * both are null), `streamsPerPage` whole streams a page, in stream order, handed out in slices.
 * Each page takes the next streams from the streams' primary key and each one's events from the
 * events' (stream_id, stream_position) key: a joined scan of events in key order re-read the
 * streams index from the start on every page (quadratic), and Postgres spent a fifth more per event.
 */
export async function* eventPages(
  { trx, pipeline, client }: Pick<RebuildSession, 'pipeline' | 'client'> & { trx: Kysely<Database> },
  streamType: string,
  streamsPerPage: number,
  range: { from: string | null; to: string | null } = { from: null, to: null },
): AsyncGenerator<FoldedEvent[]> {
  const readPage = (after: string) => {
    const query = trx
      .selectFrom((eb) => {
        let streams = eb.selectFrom('streams').select('stream_id').where('stream_type', '=', streamType).where('stream_id', '>', after);
        if (range.to !== null) streams = streams.where('stream_id', '<=', range.to);
        return streams.orderBy('stream_id').limit(streamsPerPage).as('s');
      })
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('events')
            .select(['events.stream_position', 'events.type', 'events.data', 'events.recorded_at'])
            .whereRef('events.stream_id', '=', 's.stream_id')
            .as('e'),
        (join) => join.onTrue(),
      )
      // The order of FoldedEvent's fields: rows come back as arrays.
      .select(['s.stream_id', 'e.stream_position', 'e.type', 'e.data', 'e.recorded_at'])
      .orderBy('s.stream_id')
      .orderBy('e.stream_position')
      .compile();
    return pipeline.start(() => client.query({ text: query.sql, values: [...query.parameters], rowMode: 'array', types: EVENT_TYPES }));
  };
  let next = readPage(range.from ?? '');
  for (;;) {
    const { rows } = (await pipeline.result(next)) as pg.QueryResult<[string, number, string, FoldedEvent['data'], Date]>;
    const last = rows.at(-1);
    if (last) next = readPage(last[0]);
    // The fold is synchronous, and socket I/O (COPY data going out, the next page coming in) and the
    // statement chain only move when the event loop turns: hand the page out in slices, turning it
    // between them, so Postgres is fed while this process folds.
    for (let i = 0; i < rows.length; i += FOLD_SLICE) {
      yield rows
        .slice(i, i + FOLD_SLICE)
        .map(([streamId, streamPosition, type, data, recordedAt]) => ({ streamId, streamPosition, type, data, recordedAt }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The writes of the page just folded are queued: let Postgres catch up before folding more.
    await pipeline.throttle(MAX_UNFINISHED);
    if (!last) return;
  }
}

/** pg's parsers for the columns read, but timestamptz's by the fast one. */
const EVENT_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.TIMESTAMPTZ ? parseTimestamp : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};
