/**
 * The rebuild's fold of victim case streams into `cases` rows, their tasks, their parties and their
 * stage visits: the same fold as the inline projection (cases.ts, tasks.ts, stage-visits.ts), from nothing, stream by stream. Where
 * the events come from and where the rows go is the caller's: one thread on the rebuild's own
 * connection, or worker threads over ranges of streams (rebuild-workers.ts).
 */
import { caseRecord, emptyCaseFold, foldCaseEvent, type CaseRowFold } from './cases.js';
import type { FoldedEvent } from './rebuild-read.js';
import { foldVisitsInPlace, visitRows, type VisitDraft } from './stage-visits.js';
import { foldTasksInPlace, partiesOf, type TaskRow } from './tasks.js';
import type { StageVisitsTable } from '../schema.js';

export interface FoldReport {
  events: number;
  cases: number;
}

/** Where folded rows go, a batch per table at a time. */
export type RowSink = (table: 'cases' | 'tasks' | 'case_parties' | 'stage_visits', rows: object[]) => void;

export async function foldCaseStreams(pages: AsyncIterable<FoldedEvent[]>, write: RowSink, flushSize: number): Promise<FoldReport> {
  const report: FoldReport = { events: 0, cases: 0 };
  let pending: ReturnType<typeof caseRecord>[] = [];
  let pendingTasks: TaskRow[] = [];
  let pendingParties: { case_id: string; party: string }[] = [];
  let pendingVisits: StageVisitsTable[] = [];
  const flush = () => {
    write('cases', pending);
    write('tasks', pendingTasks);
    write('case_parties', pendingParties);
    write('stage_visits', pendingVisits);
    report.cases += pending.length;
    pending = [];
    pendingTasks = [];
    pendingParties = [];
    pendingVisits = [];
  };
  const finish = (done: { fold: CaseRowFold; tasks: TaskRow[]; visits: VisitDraft[] }) => {
    pending.push(caseRecord(done.fold));
    pendingTasks.push(...done.tasks);
    pendingParties.push(...partiesOf(done.fold, done.tasks).map((party) => ({ case_id: done.fold.state.caseId!, party })));
    pendingVisits.push(...visitRows(done.visits, done.fold));
  };
  let current = null as { streamId: string; fold: CaseRowFold; tasks: TaskRow[]; visits: VisitDraft[] } | null;
  for await (const page of pages) {
    for (const stored of page) {
      if (current?.streamId !== stored.streamId) {
        if (current) finish(current);
        if (pending.length >= flushSize) flush();
        current = { streamId: stored.streamId, fold: emptyCaseFold(), tasks: [], visits: [] };
      }
      const before = current.fold;
      current.fold = foldCaseEvent(current.fold, stored);
      foldTasksInPlace(current.tasks, { stored, before, after: current.fold });
      foldVisitsInPlace(current.visits, stored);
      report.events += 1;
    }
  }
  if (current) finish(current);
  flush();
  return report;
}
