/**
 * The rebuild's fold of victim case streams into `cases` rows, their tasks and their parties: the
 * same fold as the inline projection (cases.ts, tasks.ts), from nothing, stream by stream. Where
 * the events come from and where the rows go is the caller's: one thread on the rebuild's own
 * connection, or worker threads over ranges of streams (rebuild-workers.ts).
 */
import { caseRecord, emptyCaseFold, foldCaseEvent, type CaseRowFold } from './cases.js';
import type { FoldedEvent } from './rebuild-read.js';
import { foldTasksInPlace, partiesOf, type TaskRow } from './tasks.js';

export interface FoldReport {
  events: number;
  cases: number;
}

/** Where folded rows go, a batch per table at a time. */
export type RowSink = (table: 'cases' | 'tasks' | 'case_parties', rows: object[]) => void;

export async function foldCaseStreams(pages: AsyncIterable<FoldedEvent[]>, write: RowSink, flushSize: number): Promise<FoldReport> {
  const report: FoldReport = { events: 0, cases: 0 };
  let pending: ReturnType<typeof caseRecord>[] = [];
  let pendingTasks: TaskRow[] = [];
  let pendingParties: { case_id: string; party: string }[] = [];
  const flush = () => {
    write('cases', pending);
    write('tasks', pendingTasks);
    write('case_parties', pendingParties);
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
  for await (const page of pages) {
    for (const stored of page) {
      if (current?.streamId !== stored.streamId) {
        if (current) finish(current);
        if (pending.length >= flushSize) flush();
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
