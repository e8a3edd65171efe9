/**
 * P5: rebuilding the read models from the events (store/projections/index.ts rebuildProjections)
 * on the seeded data set, in events per second. Also times reading the same events with the same
 * page query and folding nothing, to show how much of a rebuild is reading and how much folding
 * and writing the rows (reading on one connection, as a single fold thread would).
 */
import { sql } from 'kysely';
import { onOneConnection, type Db } from '../store/db.js';
import { REPATRIATION_STREAM_TYPE } from '../store/projections/cases.js';
import { rebuildProjections } from '../store/projections/index.js';
import { Pipeline } from '../store/projections/rebuild-io.js';
import { eventPages } from '../store/projections/rebuild-read.js';

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
    options.log(
      `P5 run ${run}: rebuild ${Math.round(result.rebuildRate.at(-1)!)} events/s, reading alone ${Math.round(result.readRate.at(-1)!)} events/s`,
    );
  }
  return result;
}

/** The rebuild's page reads (store/projections/rebuild-read.ts eventPages), rows parsed as the rebuild gets them, nothing else. */
async function readAll(db: Db): Promise<number> {
  return onOneConnection(db, async ({ db: connection, client }) => {
    let count = 0;
    for await (const page of eventPages({ trx: connection, client, pipeline: new Pipeline() }, REPATRIATION_STREAM_TYPE, 1_000))
      count += page.length;
    return count;
  });
}

/** Rows in the read model after a rebuild, to check the rebuild did the whole job. */
export async function caseRows(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from cases`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
