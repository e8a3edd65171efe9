/**
 * The `tasks` read model: the task each case step opens for the agency that must act, closed by
 * the event that completes the step, whoever records it. One fold serves the inline update (a
 * case's few tasks are loaded, folded and written back) and the rebuild (folded from nothing).
 */
import { createHash } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import { deadlineOf } from '../../domain/repatriation/index.js';
import { taskFor } from '../../domain/repatriation/tasks.js';
import type { Database, TasksTable } from '../schema.js';
import type { CaseRowFold } from './cases.js';
import type { FoldedEvent } from './rebuild-io.js';

export type TaskRow = Insertable<TasksTable> & { task_id: string; status: 'open' | 'done' | 'cancelled' };

export interface CaseTransition {
  stored: FoldedEvent;
  before: CaseRowFold;
  after: CaseRowFold;
}

const taskId = (caseId: string, step: string, position: number): string => {
  const hex = createHash('sha256').update(`task/${caseId}/${step}/${position}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** The party a task makes an agency (or every agency of a kind in a country) to the case. */
export const partyOf = (task: { agency_id?: string | null; country: string; agency_kind: string }): string =>
  task.agency_id ?? `kind:${task.country.trim()}:${task.agency_kind}`;

/** Folds one event into a case's task list: closes the task the event completed, opens the next. */
export function foldTasks(tasks: TaskRow[], { stored, after }: CaseTransition): TaskRow[] {
  const caseId = after.state.caseId!;
  const next = taskFor(after.state, deadlineOf(after.clock, after.state));
  const open = tasks.find((t) => t.status === 'open');
  const at = stored.recordedAt;
  if (open && next && open.step === next.step && (open.agency_id ?? null) === next.agencyId) {
    // Same step still waited for: only its deadline or wording may have moved (a hold released, a reschedule).
    return tasks.map((t) => (t === open ? { ...t, due_at: next.dueAt, title: next.title } : t));
  }
  const closed = tasks.map((t): TaskRow =>
    t === open ? { ...t, status: after.state.status === 'closed' && !after.state.outcome?.completed ? 'cancelled' : 'done', closed_at: at, closed_by: stored.type } : t,
  );
  if (!next) return closed;
  return [
    ...closed,
    {
      task_id: taskId(caseId, next.step, stored.streamPosition),
      case_id: caseId,
      step: next.step,
      title: next.title,
      agency_id: next.agencyId,
      agency_kind: next.agencyKind,
      country: next.country,
      due_at: next.dueAt,
      status: 'open',
      opened_at: at,
      closed_at: null,
      closed_by: null,
    },
  ];
}

/** Every party a case has had: its owning agency and each task's holder. */
export function partiesOf(fold: CaseRowFold, tasks: TaskRow[]): string[] {
  const parties = new Set<string>();
  if (fold.state.owningAgencyId) parties.add(fold.state.owningAgencyId);
  for (const task of tasks) parties.add(partyOf(task));
  return [...parties];
}

/** Inline: runs in the append transaction, after the cases row is folded. */
export async function projectTasks(trx: Transaction<Database>, transitions: CaseTransition[]): Promise<void> {
  const last = transitions.at(-1);
  if (!last) return;
  const caseId = last.after.state.caseId!;
  const existing = (await trx.selectFrom('tasks').selectAll().where('case_id', '=', caseId).execute()) as TaskRow[];
  const folded = transitions.reduce(foldTasks, existing);
  const changed = folded.filter((t) => !existing.includes(t));
  if (changed.length > 0) {
    await trx
      .insertInto('tasks')
      .values(changed)
      .onConflict((oc) =>
        oc.column('task_id').doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          due_at: eb.ref('excluded.due_at'),
          status: eb.ref('excluded.status'),
          closed_at: eb.ref('excluded.closed_at'),
          closed_by: eb.ref('excluded.closed_by'),
        })),
      )
      .execute();
  }
  const parties = partiesOf(last.after, folded).map((party) => ({ case_id: caseId, party }));
  await trx.insertInto('case_parties').values(parties).onConflict((oc) => oc.doNothing()).execute();
}
