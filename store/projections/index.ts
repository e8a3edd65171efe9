import { sql } from 'kysely';
import type { Db } from '../db.js';
import { toStoredEvent, type InlineProjection } from '../event-store.js';
import { foldTasks, partiesOf, type TaskRow } from './tasks.js';
import { caseRow, emptyCaseFold, foldCaseEvent, projectCaseEvents, REPATRIATION_STREAM_TYPE, type CaseRowFold } from './cases.js';
import { BATCH_STREAM_TYPE, projectBatchEvents, rebuildBatches } from './batches.js';
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

/**
 * Rebuilds every read model from the events alone, in one transaction: readers see the old rows
 * until it commits, and appends that arrive meanwhile wait for the lock and then apply on top.
 */
export async function rebuildProjections(db: Db, options: { pageSize?: number; flushSize?: number } = {}): Promise<RebuildReport> {
  const pageSize = options.pageSize ?? 20_000;
  const flushSize = options.flushSize ?? 1_000;
  return db.transaction().execute(async (trx) => {
    await sql`lock table cases in exclusive mode`.execute(trx);
    await sql`lock table tasks, case_parties in exclusive mode`.execute(trx);
    await trx.deleteFrom('cases').execute();
    await trx.deleteFrom('tasks').execute();
    await trx.deleteFrom('case_parties').execute();
    const report: RebuildReport = { events: 0, cases: 0 };
    // Postgres works while this process folds: the next page is requested before the current one
    // is folded, and inserts are not awaited one by one (the connection runs them in order).
    // Measured by `npm run bench` (P5, BENCHMARKS.md).
    // Once one statement fails, every later one fails with "transaction is aborted": report the first.
    const inFlight: Promise<unknown>[] = [];
    let firstFailure: unknown;
    const started = <T>(query: Promise<T>): Promise<T> => {
      query.catch((error: unknown) => void (firstFailure ??= error));
      inFlight.push(query);
      return query;
    };
    const settled = <T>(query: Promise<T>): Promise<T> =>
      query.catch((error: unknown) => {
        throw firstFailure ?? error;
      });
    let pending: ReturnType<typeof caseRow>[] = [];
    let pendingTasks: TaskRow[] = [];
    let pendingParties: { case_id: string; party: string }[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      for (const rows of chunks(pending)) started(trx.insertInto('cases').values(rows).execute());
      for (const rows of chunks(pendingTasks)) started(trx.insertInto('tasks').values(rows).execute());
      for (const rows of chunks(pendingParties)) started(trx.insertInto('case_parties').values(rows).execute());
      report.cases += pending.length;
      pending = [];
      pendingTasks = [];
      pendingParties = [];
    };
    const finish = (done: { fold: CaseRowFold; tasks: TaskRow[] }) => {
      pending.push(caseRow(done.fold));
      pendingTasks.push(...done.tasks);
      pendingParties.push(...partiesOf(done.fold, done.tasks).map((party) => ({ case_id: done.fold.state.caseId!, party })));
    };
    // The cursor compares (stream_id, stream_position) as one row value, so each page is an index
    // range scan; an OR of the two columns made every page scan from the start (quadratic).
    const readPage = (after: { streamId: string; position: number }) =>
      started(
        trx
          .selectFrom('events')
          .innerJoin('streams', 'streams.stream_id', 'events.stream_id')
          .selectAll('events')
          .where('streams.stream_type', '=', REPATRIATION_STREAM_TYPE)
          .where((eb) => eb(eb.refTuple('events.stream_id', 'events.stream_position'), '>', eb.tuple(after.streamId, after.position)))
          .orderBy('events.stream_id')
          .orderBy('events.stream_position')
          .limit(pageSize)
          .execute(),
      );
    let current = null as { streamId: string; fold: CaseRowFold; tasks: TaskRow[] } | null;
    let page = await readPage({ streamId: '', position: 0 });
    for (;;) {
      const last = page.at(-1);
      const next = last && page.length === pageSize ? readPage({ streamId: last.stream_id, position: last.stream_position }) : undefined;
      for (const row of page) {
        const stored = toStoredEvent(row);
        if (current?.streamId !== stored.streamId) {
          if (current) finish(current);
          if (pending.length >= flushSize) flush();
          current = { streamId: stored.streamId, fold: emptyCaseFold(), tasks: [] };
        }
        const before = current.fold;
        current.fold = foldCaseEvent(current.fold, stored);
        current.tasks = foldTasks(current.tasks, { stored, before, after: current.fold });
        report.events += 1;
      }
      if (!next) break;
      page = await settled(next);
    }
    if (current) finish(current);
    flush();
    await settled(Promise.all(inFlight));
    // Suspect transfers share the `cases` table (emptied above); handover batches have read models of their own.
    const transfers = await rebuildTransferCases(trx);
    const batches = await rebuildBatches(trx);
    report.events += transfers.events + batches.events;
    report.cases += transfers.cases;
    return report;
  });
}

/**
 * Splits rows for multi-row INSERTs: Postgres takes at most 65,535 parameters per statement, and a
 * thousand cases can carry many more task rows than that (found at 10,000 cases by `npm run bench`).
 */
function chunks<T extends object>(rows: T[], maxParameters = 30_000): T[][] {
  const first = rows[0];
  if (!first) return [];
  const perChunk = Math.max(1, Math.floor(maxParameters / Object.keys(first).length));
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += perChunk) result.push(rows.slice(i, i + perChunk));
  return result;
}
