/**
 * How a projection rebuild reads events and writes rows, on the one connection of its transaction.
 * Postgres works while this process folds: the next page of events is requested before the current
 * one is folded, and rows are loaded with COPY without the fold waiting for each load. Measured by
 * `npm run bench` (P5, BENCHMARKS.md).
 */
import type { Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { StoredEvent } from '../event-store.js';
import type { Database } from '../schema.js';

/**
 * The columns of an event that the folds read; a rebuild selects these only (not the metadata,
 * actor or agency, which would cost reading and parsing for nothing). A fold that needs more widens
 * this type, and the compiler then points at the select below.
 */
export type FoldedEvent = Pick<StoredEvent, 'streamId' | 'streamPosition' | 'type' | 'data' | 'recordedAt'>;

/** The rebuild's transaction, as Kysely and as the pg client under it (for COPY), and its statements in flight. */
export interface RebuildSession {
  trx: Transaction<Database>;
  client: pg.PoolClient;
  pipeline: Pipeline;
}

/**
 * The rebuild's statements, run one after another on its connection without the fold waiting for
 * each: a statement starts when the one before it has finished (pg would queue them itself, but
 * it deprecates that, and a COPY must not interleave with Kysely's statements on the same client).
 * Once one fails, the transaction is aborted: the later ones are not sent, and the first failure is
 * what the rebuild reports.
 */
export class Pipeline {
  private tail: Promise<unknown> = Promise.resolve();
  /** Statements started and not finished, oldest first (they finish in order). */
  private readonly unfinished: Promise<unknown>[] = [];
  private firstFailure: unknown;

  /** Queues a statement; `send` is called when every statement queued before it has finished. */
  start<T>(send: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => (this.firstFailure === undefined ? send() : Promise.reject(this.firstFailure)));
    const settled = result.then(
      () => void this.unfinished.shift(),
      (error: unknown) => {
        this.firstFailure ??= error;
        this.unfinished.shift();
      },
    );
    this.tail = settled;
    this.unfinished.push(settled);
    return result;
  }

  /** Waits for one statement, failing with the first failure of the pipeline. */
  async result<T>(statement: Promise<T>): Promise<T> {
    try {
      return await statement;
    } catch (error) {
      throw this.firstFailure ?? error;
    }
  }

  /** Waits while more than `max` statements are unfinished, so a fold that outruns Postgres does not queue the whole load in memory. */
  async throttle(max: number): Promise<void> {
    while (this.unfinished.length > max) await this.unfinished[0];
    if (this.firstFailure !== undefined) throw this.firstFailure;
  }

  /** Waits for every statement; fails with the first failure. */
  async drain(): Promise<void> {
    await this.throttle(0);
  }

  /** Waits for every statement, whatever their outcome (before giving the connection back after a failure). */
  async settle(): Promise<void> {
    await this.tail;
  }
}

/** Statements the fold may run ahead of Postgres: a page read and the writes of a few flushes. */
const MAX_UNFINISHED = 10;
/** Events folded between two turns of the event loop (a few milliseconds of folding). */
const FOLD_SLICE = 500;

/**
 * Every event of one stream type, a page at a time, in stream order, handed out in slices. The
 * cursor compares (stream_id, stream_position) as one row value, so each page is an index range
 * scan; an OR of the two columns made every page scan from the start (quadratic).
 */
export async function* eventPages({ trx, pipeline }: RebuildSession, streamType: string, pageSize: number): AsyncGenerator<FoldedEvent[]> {
  const readPage = (after: { streamId: string; position: number }) =>
    pipeline.start(() =>
      trx
        .selectFrom('events')
        .innerJoin('streams', 'streams.stream_id', 'events.stream_id')
        .select([
          'events.stream_id as streamId',
          'events.stream_position as streamPosition',
          'events.type as type',
          'events.data as data',
          'events.recorded_at as recordedAt',
        ])
        .where('streams.stream_type', '=', streamType)
        .where((eb) => eb(eb.refTuple('events.stream_id', 'events.stream_position'), '>', eb.tuple(after.streamId, after.position)))
        .orderBy('events.stream_id')
        .orderBy('events.stream_position')
        .limit(pageSize)
        .execute(),
    );
  let next = readPage({ streamId: '', position: 0 });
  for (;;) {
    const page: FoldedEvent[] = await pipeline.result(next);
    const last = page.at(-1);
    const more = last !== undefined && page.length === pageSize;
    if (more) next = readPage({ streamId: last.streamId, position: last.streamPosition });
    // The fold is synchronous, and socket I/O (COPY data going out, the next page coming in) and the
    // statement chain only move when the event loop turns: hand the page out in slices, turning it
    // between them, so Postgres is fed while this process folds (1.1-1.25x faster than folding whole
    // 20,000-event pages).
    for (let i = 0; i < page.length; i += FOLD_SLICE) {
      yield page.slice(i, i + FOLD_SLICE);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The writes of the page just folded are queued: let Postgres catch up before folding more.
    await pipeline.throttle(MAX_UNFINISHED);
    if (!more) return;
  }
}

/**
 * Loads rows with COPY (text format): the cheapest way into Postgres, with no bound parameters to
 * count and no per-statement parsing of values. The columns are the first row's keys (every row of
 * a call has the same shape), so a column left out takes its default. Values are written as
 * Postgres reads them back into the column types: Dates as ISO times, objects (json/jsonb
 * columns) as JSON, null and undefined as NULL.
 */
export function copyRows({ client, pipeline }: RebuildSession, table: string, rows: object[]): void {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const lines: string[] = [];
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    let line = copyField(values[columns[0]!]);
    for (let i = 1; i < columns.length; i++) line += '\t' + copyField(values[columns[i]!]);
    lines.push(line);
  }
  const quoted = columns.map((column) => `"${column}"`).join(', ');
  const text = lines.join('\n') + '\n';
  pipeline.start(
    () =>
      new Promise<void>((resolve, reject) => {
        const copy = client.query(copyFrom(`copy "${table}" (${quoted}) from stdin`));
        copy.on('error', reject);
        copy.on('finish', resolve);
        copy.end(text);
      }),
  );
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escaped = (text: string): string => (COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (special) => COPY_ESCAPES[special]!) : text);

/** One field of COPY's text format: \N for NULL; backslash, newline, carriage return and tab escaped. */
function copyField(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return escaped(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return value === null ? '\\N' : value instanceof Date ? value.toISOString() : escaped(JSON.stringify(value));
    default:
      return '\\N';
  }
}
