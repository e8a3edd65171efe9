/**
 * P3: event append throughput of store/event-store.ts, one event per append and in batches, against
 * (a) raw INSERTs of the same rows into a bare table (no keys, no checks: the floor of what Postgres
 * costs here) and (b) Emmett's PostgreSQL event store appending the same events to the same
 * database. Each store gets 8 concurrent writers (a worker's activity slots) and a pool of 10.
 */
import { randomUUID } from 'node:crypto';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { createDb, type Db } from '../store/db.js';
import { appendToStream, type NewEvent } from '../store/event-store.js';
import { clientAndPostgresProbe } from './cpu.js';
import { caseHistory } from './event-template.js';
import { inSchema, prepareSchema } from './database.js';
import { now, pool } from './stats.js';

export interface P3Options {
  databaseUrl: string;
  writers: number;
  /** Single: appends of one event per writer. */
  singleAppends: number;
  /** Batched: appends of `batchSize` events per writer. */
  batches: number;
  batchSize: number;
  runs: number;
  log: (line: string) => void;
}

export interface AppendFigures {
  ours: number[];
  raw: number[];
  emmett: number[];
}

export interface P3Result {
  writers: number;
  batchSize: number;
  single: AppendFigures;
  batched: AppendFigures;
  /** CPU microseconds per event with one event per append, in Postgres and in this process, per run. */
  singleCpu?: Record<keyof AppendFigures, { postgres: number[]; client: number[] }>;
}

/** One store under test: append `events` to `stream`, whose version before is `expected`. */
type Append = (stream: string, expected: number, events: NewEvent[]) => Promise<void>;

const ACTOR = { userId: 'u-bench-1', agencyId: 'th-dsdhs-bangkok' };
/** A single-event writer starts a new stream after this many events, like a case's history. */
const STREAM_LENGTH = 20;

export async function runP3(options: P3Options): Promise<P3Result> {
  await prepareSchema(options.databaseUrl, 'p3_ours', { fresh: true, migrate: true });
  await prepareSchema(options.databaseUrl, 'p3_raw', { fresh: true, migrate: false });
  const db = createDb(inSchema(options.databaseUrl, 'p3_ours'), { max: 10 });
  const raw = new pg.Pool({ connectionString: inSchema(options.databaseUrl, 'p3_raw'), max: 10 });
  // Emmett keeps its tables (emt_*) in `public`, its default: it tracks its own migrations there.
  const emmett = getPostgreSQLEventStore(options.databaseUrl);
  try {
    await raw.query(`create table raw_events (stream_id text, stream_position integer, event_id uuid, type text,
      data jsonb, metadata jsonb, actor_id text, agency_id text, recorded_at timestamptz default now())`);
    await emmett.schema.migrate();
    await emmett.schema.dangerous.truncate({ resetSequences: true });
    const stores: Record<keyof AppendFigures, Append> = {
      ours: oursAppend(db),
      raw: rawAppend(raw),
      emmett: emmettAppend(emmett),
    };
    const result: P3Result = {
      writers: options.writers,
      batchSize: options.batchSize,
      single: { ours: [], raw: [], emmett: [] },
      batched: { ours: [], raw: [], emmett: [] },
      singleCpu: { ours: { postgres: [], client: [] }, raw: { postgres: [], client: [] }, emmett: { postgres: [], client: [] } },
    };
    const cpu = clientAndPostgresProbe();
    // Warm-up: connections, Emmett's prepared functions, the JIT.
    for (const append of Object.values(stores)) await single(append, options.writers, 10);
    for (let run = 1; run <= options.runs; run++) {
      for (const name of ['raw', 'ours', 'emmett'] as const) {
        const before = cpu();
        result.single[name].push(await single(stores[name], options.writers, options.singleAppends));
        const after = cpu();
        const events = options.writers * options.singleAppends;
        result.singleCpu![name].postgres.push(((after.postgres - before.postgres) * 1000) / events);
        result.singleCpu![name].client.push(((after.client - before.client) * 1000) / events);
        result.batched[name].push(await batched(stores[name], options.writers, options.batches, options.batchSize));
      }
      const last = (f: AppendFigures) =>
        `ours ${f.ours.at(-1)!.toFixed(0)}, raw ${f.raw.at(-1)!.toFixed(0)}, emmett ${f.emmett.at(-1)!.toFixed(0)}`;
      options.log(`P3 run ${run}: single (events/s) ${last(result.single)}; batched ${last(result.batched)}`);
    }
    return result;
  } finally {
    await emmett.close();
    await raw.end();
    await db.destroy();
  }
}

const TEMPLATE = caseHistory({ child: false, minLength: 40 });

function payload(n: number): NewEvent {
  const event = TEMPLATE[n % TEMPLATE.length]!;
  return { eventId: randomUUID(), type: event.type, data: event.data, metadata: { commandId: randomUUID(), commandType: 'bench' } };
}

/** `writers` writers, each appending one event at a time; events per second. */
async function single(append: Append, writers: number, appendsPerWriter: number): Promise<number> {
  const start = now();
  await pool(writers, writers, async () => {
    let stream = '';
    for (let n = 0; n < appendsPerWriter; n++) {
      const version = n % STREAM_LENGTH;
      if (version === 0) stream = `case-${randomUUID()}`;
      await append(stream, version, [payload(version)]);
    }
  });
  return (writers * appendsPerWriter) / ((now() - start) / 1000);
}

/** `writers` writers, each appending `batchSize` events at once to a new stream; events per second. */
async function batched(append: Append, writers: number, batches: number, batchSize: number): Promise<number> {
  const start = now();
  await pool(writers, writers, async () => {
    for (let b = 0; b < batches; b++) {
      await append(
        `case-${randomUUID()}`,
        0,
        Array.from({ length: batchSize }, (_, n) => payload(n)),
      );
    }
  });
  return (writers * batches * batchSize) / ((now() - start) / 1000);
}

function oursAppend(db: Db): Append {
  return async (streamId, expectedVersion, events) => {
    await appendToStream(db, { streamId, streamType: 'victim_repatriation', expectedVersion, events, actor: ACTOR });
  };
}

/** The same rows as one multi-row INSERT in autocommit: what a bare table costs. */
function rawAppend(raw: pg.Pool): Append {
  return async (streamId, expectedVersion, events) => {
    const params: unknown[] = [];
    const rows = events.map((e, i) => {
      params.push(
        streamId,
        expectedVersion + i + 1,
        e.eventId,
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata ?? {}),
        ACTOR.userId,
        ACTOR.agencyId,
      );
      const base = i * 8;
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7}, $${base + 8})`;
    });
    await raw.query(
      `insert into raw_events (stream_id, stream_position, event_id, type, data, metadata, actor_id, agency_id) values ${rows.join(', ')}`,
      params,
    );
  };
}

function emmettAppend(store: PostgresEventStore): Append {
  return async (streamId, expectedVersion, events) => {
    await store.appendToStream(
      streamId,
      events.map((e) => ({
        type: e.type,
        data: e.data,
        metadata: { ...e.metadata, messageId: e.eventId, actorId: ACTOR.userId, agencyId: ACTOR.agencyId },
      })),
      { expectedStreamVersion: BigInt(expectedVersion) },
    );
  };
}
