import { sql } from 'kysely';
import { availableParallelism } from 'node:os';
import { connectionStringOf, onOneConnection, type Db } from '../db.js';
import type { InlineProjection } from '../event-store.js';
import { projectCaseEvents, REPATRIATION_STREAM_TYPE } from './cases.js';
import { BATCH_STREAM_TYPE, projectBatchEvents, rebuildBatches } from './batches.js';
import { copyRows, Pipeline, type RebuildSession } from './rebuild-io.js';
import { foldCaseStreams } from './rebuild-cases.js';
import { eventPages } from './rebuild-read.js';
import { rebuildCasesInWorkers } from './rebuild-workers.js';
import { emptyForRebuild } from './rebuild-tables.js';
import { projectTransferEvents, rebuildTransferCases, TRANSFER_STREAM_TYPE } from './transfer-cases.js';

/** Which read models an append updates, by stream type. */
export const inlineProjections: Record<string, InlineProjection> = {
  [REPATRIATION_STREAM_TYPE]: projectCaseEvents,
  [TRANSFER_STREAM_TYPE]: projectTransferEvents,
  [BATCH_STREAM_TYPE]: projectBatchEvents,
};

export interface RebuildReport {
  events: number;
  cases: number;
}

export interface RebuildOptions {
  /** Streams per page read (a page holds their whole histories). */
  streamsPerPage?: number;
  /** Cases folded per batch of inserts. */
  flushSize?: number;
  /**
   * Worker threads that fold victim cases, each over its own range of streams (1: fold on this
   * thread). Default: one per core, at most 4.
   */
  workers?: number;
}

/**
 * Rebuilds every read model from the events alone, in one transaction. Readers of the case read
 * models wait for it to commit (see rebuild-tables.ts), and appends that arrive meanwhile wait for
 * the lock and then apply on top.
 */
export async function rebuildProjections(db: Db, options: RebuildOptions = {}): Promise<RebuildReport> {
  const sizes: Required<RebuildOptions> = {
    streamsPerPage: options.streamsPerPage ?? 1_000,
    flushSize: options.flushSize ?? 500,
    workers: options.workers ?? Math.min(4, availableParallelism()),
  };
  return onOneConnection(db, ({ db: connection, client }) =>
    connection.transaction().execute(async (trx) => {
      const session: RebuildSession = { trx, client, pipeline: new Pipeline() };
      try {
        // The page reads cost more than JIT's threshold, yet compiling each one's plan gains nothing (BENCHMARKS.md, design notes).
        await sql`set local jit = off`.execute(trx);
        const recreateIndexes = await emptyForRebuild(trx, ['cases', 'tasks', 'case_parties', 'stage_visits']);
        const cases = await rebuildCases(session, db, sizes);
        // Suspect transfers share the `cases` table (emptied above); handover batches have read models of their own.
        const transfers = await rebuildTransferCases(session, sizes);
        await session.pipeline.drain();
        await recreateIndexes();
        const batches = await rebuildBatches(session);
        return { events: cases.events + transfers.events + batches.events, cases: cases.cases + transfers.cases };
      } catch (error) {
        // Let the statements already queued finish before Kysely sends its ROLLBACK on the same connection.
        await session.pipeline.settle();
        throw error;
      }
    }),
  );
}

/** Folds every victim case stream into its `cases` row, its tasks and its parties: in worker threads when there are cores for them. */
async function rebuildCases(session: RebuildSession, db: Db, options: Required<RebuildOptions>): Promise<RebuildReport> {
  const connectionString = connectionStringOf(db);
  if (options.workers > 1 && connectionString !== undefined) return rebuildCasesInWorkers(session, connectionString, options);
  const pages = eventPages(session, REPATRIATION_STREAM_TYPE, options.streamsPerPage);
  return foldCaseStreams(pages, (table, rows) => copyRows(session, table, rows), options.flushSize);
}
