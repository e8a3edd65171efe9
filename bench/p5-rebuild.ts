/**
 * P5: rebuilding the read models from the events (store/projections/index.ts rebuildProjections)
 * on the seeded data set, in events per second. Also times reading the same events with the same
 * page query and folding nothing, to show how much of a rebuild is reading and how much folding
 * and writing the rows.
 */
import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import { rebuildProjections } from '../store/projections/index.js';

export interface P5Options {
  db: Db;
  runs: number;
  log: (line: string) => void;
}

export interface P5Result {
  events: number;
  cases: number;
  /** Events per second, one value per run. */
  rebuildRate: number[];
  /** Events per second of reading them only (same pages, nothing folded or written). */
  readRate: number[];
}

export async function runP5(options: P5Options): Promise<P5Result> {
  const result: P5Result = { events: 0, cases: 0, rebuildRate: [], readRate: [] };
  for (let run = 1; run <= options.runs; run++) {
    const started = performance.now();
    const report = await rebuildProjections(options.db);
    result.rebuildRate.push(report.events / ((performance.now() - started) / 1000));
    result.events = report.events;
    result.cases = report.cases;
    const readStarted = performance.now();
    const read = await readAll(options.db);
    result.readRate.push(read / ((performance.now() - readStarted) / 1000));
    options.log(`P5 run ${run}: rebuild ${Math.round(result.rebuildRate.at(-1)!)} events/s, reading alone ${Math.round(result.readRate.at(-1)!)} events/s`);
  }
  return result;
}

/** The rebuild's page query, rows parsed into objects as the rebuild gets them, nothing else. */
async function readAll(db: Db): Promise<number> {
  let count = 0;
  let after = { streamId: '', position: 0 };
  for (;;) {
    const page = await db
      .selectFrom('events')
      .innerJoin('streams', 'streams.stream_id', 'events.stream_id')
      // The columns the rebuild reads (store/projections/rebuild-io.ts eventPages).
      .select(['events.stream_id', 'events.stream_position', 'events.type', 'events.data', 'events.recorded_at'])
      .where('streams.stream_type', '=', 'victim_repatriation')
      .where((eb) => eb(eb.refTuple('events.stream_id', 'events.stream_position'), '>', eb.tuple(after.streamId, after.position)))
      .orderBy('events.stream_id')
      .orderBy('events.stream_position')
      .limit(20_000)
      .execute();
    count += page.length;
    const last = page.at(-1);
    if (!last || page.length < 20_000) return count;
    after = { streamId: last.stream_id, position: last.stream_position };
  }
}

/** Rows in the read model after a rebuild, to check the rebuild did the whole job. */
export async function caseRows(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from cases`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
