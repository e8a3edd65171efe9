/**
 * A fold worker of the rebuild (rebuild-workers.ts): reads the victim case streams of its range on
 * a connection of its own, folds them and sends the rows back as COPY text. It waits while too many
 * batches are not loaded yet, so a fold that outruns Postgres does not queue the whole load in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDb, onOneConnection } from '../db.js';
import { REPATRIATION_STREAM_TYPE } from './cases.js';
import { foldCaseStreams, type FoldReport, type RowSink } from './rebuild-cases.js';
import { copyText, Pipeline } from './rebuild-io.js';
import { eventPages, type FoldedEvent } from './rebuild-read.js';
import type { FoldWorkerData, FoldWorkerMessage } from './rebuild-workers.js';

/** Batches of rows sent and not yet loaded (four tables a flush: two flushes and a bit). */
const MAX_UNLOADED = 10;

const port = parentPort!;
const { connectionString, range, streamsPerPage, flushSize } = workerData as FoldWorkerData;
let unloaded = 0;
let onLoaded: (() => void) | null = null;
port.on('message', () => {
  unloaded -= 1;
  onLoaded?.();
});
const send = (message: FoldWorkerMessage) => port.postMessage(message);

const write: RowSink = (table, rows) => {
  const copy = copyText(rows);
  if (!copy) return;
  unloaded += 1;
  send({ kind: 'rows', table, copy });
};

async function* loadPaced(pages: AsyncIterable<FoldedEvent[]>): AsyncGenerator<FoldedEvent[]> {
  for await (const page of pages) {
    yield page;
    while (unloaded > MAX_UNLOADED) await new Promise<void>((resolve) => (onLoaded = resolve));
  }
}

const db = createDb(connectionString, { max: 1 });
let report: FoldReport;
try {
  report = await onOneConnection(db, async ({ db: connection, client }) => {
    // As on the rebuild's connection: the page reads cost more than JIT's threshold and gain nothing from it.
    await client.query('set jit = off');
    const pages = eventPages({ trx: connection, client, pipeline: new Pipeline() }, REPATRIATION_STREAM_TYPE, streamsPerPage, range);
    return foldCaseStreams(loadPaced(pages), write, flushSize);
  });
} finally {
  await db.destroy();
}
send({ kind: 'done', report });
port.close();
