/**
 * Victim cases folded by worker threads, each over its own range of streams, while this thread
 * only loads what they send with COPY on the rebuild's connection (in its transaction, which has
 * the tables locked and emptied). Folding takes more CPU per event than Postgres spends reading and
 * loading it, so one thread held the rebuild to one core; each worker also reads its events on a
 * connection of its own, so Postgres reads in parallel too. A case's events are folded in stream
 * order by one worker, as on one thread, so the rows are the same.
 */
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { REPATRIATION_STREAM_TYPE } from './cases.js';
import type { FoldReport } from './rebuild-cases.js';
import { copyInto, type CopyText, type RebuildSession } from './rebuild-io.js';

/** What a fold worker is given (rebuild-worker.ts). */
export interface FoldWorkerData {
  connectionString: string;
  /** Streams after `from` up to and including `to`; null: from the first, to the last. */
  range: { from: string | null; to: string | null };
  streamsPerPage: number;
  flushSize: number;
}

/** What a fold worker sends: rows to load (answered with 'copied' once loaded), then its report. */
export type FoldWorkerMessage = { kind: 'rows'; table: string; copy: CopyText } | { kind: 'done'; report: FoldReport };

/** Run from the TypeScript sources (tsx, vitest), the worker needs tsx's loader, which a worker does not inherit. */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './rebuild-worker-from-source.mjs' : './rebuild-worker.js', import.meta.url);
/**
 * A young generation larger than V8's default (16 MB): the fold makes short-lived objects for every
 * event, and with the default a third of a worker's time went to scavenging them.
 */
const YOUNG_GENERATION_MB = 96;

export async function rebuildCasesInWorkers(
  session: RebuildSession,
  connectionString: string,
  options: { workers: number; streamsPerPage: number; flushSize: number },
): Promise<FoldReport> {
  const ranges = await streamRanges(session, options.workers);
  const workers = ranges.map((range) =>
    startFoldWorker(session, { connectionString, range, streamsPerPage: options.streamsPerPage, flushSize: options.flushSize }),
  );
  try {
    const reports = await Promise.all(workers.map((worker) => worker.done));
    return reports.reduce((sum, report) => ({ events: sum.events + report.events, cases: sum.cases + report.cases }), {
      events: 0,
      cases: 0,
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.thread.terminate()));
  }
}

/** `count` ranges of victim case streams, of about as many streams each. */
async function streamRanges({ trx }: RebuildSession, count: number): Promise<FoldWorkerData['range'][]> {
  const fractions = Array.from({ length: count - 1 }, (_, i) => (i + 1) / count);
  const { rows } = await sql<{ bounds: string[] | null }>`
    select percentile_disc(${fractions}::float8[]) within group (order by stream_id) as bounds
    from streams where stream_type = ${REPATRIATION_STREAM_TYPE}`.execute(trx);
  const bounds = [...new Set(rows[0]?.bounds ?? [])];
  return [null, ...bounds].map((from, i) => ({ from, to: bounds[i] ?? null }));
}

function startFoldWorker(session: RebuildSession, data: FoldWorkerData): { thread: Worker; done: Promise<FoldReport> } {
  const thread = new Worker(WORKER_URL, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  const done = new Promise<FoldReport>((resolve, reject) => {
    thread.on('message', (message: FoldWorkerMessage) => {
      if (message.kind === 'done') return resolve(message.report);
      copyInto(session, message.table, message.copy).then(() => thread.postMessage('copied'), reject);
    });
    thread.on('error', reject);
    thread.on('exit', (code) => reject(new Error(`rebuild: a fold worker stopped (exit code ${code}) before it had folded its streams`)));
  });
  return { thread, done };
}
