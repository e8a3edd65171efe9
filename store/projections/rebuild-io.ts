/**
 * How a projection rebuild writes rows, on the one connection of its transaction (rebuild-read.ts
 * reads the events). Postgres works while this process folds: the next page of events is requested
 * before the current one is folded, and rows are loaded with COPY without the fold waiting for each load.
 */
import type { Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../schema.js';
import { isoTime } from '../../domain/shared/iso-time.js';

/** The rebuild's transaction, as Kysely and as the pg client under it (for COPY), and its statements in flight. */
export interface RebuildSession {
  trx: Transaction<Database>;
  client: pg.ClientBase;
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
        void this.unfinished.shift();
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

/**
 * Loads rows with COPY (text format): the cheapest way into Postgres, with no bound parameters to
 * count and no per-statement parsing of values. The columns are the first row's keys (every row of
 * a call has the same shape), so a column left out takes its default. Values are written as
 * Postgres reads them back into the column types: Dates as ISO times, objects (json/jsonb
 * columns) as JSON, null and undefined as NULL.
 */
export function copyRows(session: RebuildSession, table: string, rows: object[]): void {
  const copy = copyText(rows);
  // Not awaited: the session queues the load and reports its first failure (see RebuildSession).
  if (copy) void copyInto(session, table, copy);
}

/** Rows in COPY's text format, and the columns they fill: made apart from the load, so a worker thread can make them (rebuild-workers.ts). */
export interface CopyText {
  columns: string[];
  text: string;
}

export function copyText(rows: object[]): CopyText | null {
  const first = rows[0];
  if (!first) return null;
  const columns = Object.keys(first);
  const lines: string[] = [];
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    let line = copyField(values[columns[0]!]);
    for (let i = 1; i < columns.length; i++) line += '\t' + copyField(values[columns[i]!]);
    lines.push(line);
  }
  return { columns, text: lines.join('\n') + '\n' };
}

/** Queues the load of `copy` into `table` on the rebuild's connection; resolves once Postgres has it. */
export function copyInto({ client, pipeline }: RebuildSession, table: string, copy: CopyText): Promise<void> {
  const quoted = copy.columns.map((column) => `"${column}"`).join(', ');
  return pipeline.start(
    () =>
      new Promise<void>((resolve, reject) => {
        const stream = client.query(copyFrom(`copy "${table}" (${quoted}) from stdin`));
        stream.on('error', reject);
        stream.on('finish', resolve);
        stream.end(copy.text);
      }),
  );
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escaped = (text: string): string =>
  COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (special) => COPY_ESCAPES[special]!) : text;

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
      return value === null ? '\\N' : value instanceof Date ? isoTime(value.getTime()) : escaped(JSON.stringify(value));
    default:
      return '\\N';
  }
}
