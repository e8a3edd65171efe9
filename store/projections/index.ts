import { onOneConnection, type Db } from '../db.js';
import type { InlineProjection } from '../event-store.js';
import { foldTasksInPlace, partiesOf, type TaskRow } from './tasks.js';
import { caseRecord, emptyCaseFold, foldCaseEvent, projectCaseEvents, REPATRIATION_STREAM_TYPE, type CaseRowFold } from './cases.js';
import { BATCH_STREAM_TYPE, projectBatchEvents, rebuildBatches } from './batches.js';
import { copyRows, eventPages, Pipeline, type RebuildSession } from './rebuild-io.js';
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
  /** Events per page read. */
  pageSize?: number;
  /** Cases folded per batch of inserts. */
  flushSize?: number;
}

/**
 * Rebuilds every read model from the events alone, in one transaction. Readers of the case read
 * models wait for it to commit (see rebuild-tables.ts), and appends that arrive meanwhile wait for
 * the lock and then apply on top.
 */
export async function rebuildProjections(db: Db, options: RebuildOptions = {}): Promise<RebuildReport> {
  const sizes = { pageSize: options.pageSize ?? 20_000, flushSize: options.flushSize ?? 500 };
  return onOneConnection(db, ({ db: connection, client }) =>
    connection.transaction().execute(async (trx) => {
      const session: RebuildSession = { trx, client, pipeline: new Pipeline() };
      try {
        const recreateIndexes = await emptyForRebuild(trx, ['cases', 'tasks', 'case_parties']);
        const cases = await rebuildCases(session, sizes);
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

/** Folds every victim case stream into its `cases` row, its tasks and its parties. */
async function rebuildCases(session: RebuildSession, sizes: Required<RebuildOptions>): Promise<RebuildReport> {
  const report: RebuildReport = { events: 0, cases: 0 };
  let pending: ReturnType<typeof caseRecord>[] = [];
  let pendingTasks: TaskRow[] = [];
  let pendingParties: { case_id: string; party: string }[] = [];
  const flush = () => {
    copyRows(session, 'cases', pending);
    copyRows(session, 'tasks', pendingTasks);
    copyRows(session, 'case_parties', pendingParties);
    report.cases += pending.length;
    pending = [];
    pendingTasks = [];
    pendingParties = [];
  };
  const finish = (done: { fold: CaseRowFold; tasks: TaskRow[] }) => {
    pending.push(caseRecord(done.fold));
    pendingTasks.push(...done.tasks);
    pendingParties.push(...partiesOf(done.fold, done.tasks).map((party) => ({ case_id: done.fold.state.caseId!, party })));
  };
  let current = null as { streamId: string; fold: CaseRowFold; tasks: TaskRow[] } | null;
  for await (const page of eventPages(session, REPATRIATION_STREAM_TYPE, sizes.pageSize)) {
    for (const stored of page) {
      if (current?.streamId !== stored.streamId) {
        if (current) finish(current);
        if (pending.length >= sizes.flushSize) flush();
        current = { streamId: stored.streamId, fold: emptyCaseFold(), tasks: [] };
      }
      const before = current.fold;
      current.fold = foldCaseEvent(current.fold, stored);
      foldTasksInPlace(current.tasks, { stored, before, after: current.fold });
      report.events += 1;
    }
  }
  if (current) finish(current);
  flush();
  return report;
}
