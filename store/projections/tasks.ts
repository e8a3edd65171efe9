/**
 * The `tasks` read model: the task each case step opens for the agency that must act, closed by
 * the event that completes the step, whoever records it. One fold serves the inline update (a
 * case's few tasks are loaded, folded and written back) and the rebuild (folded from nothing).
 */
import crypto from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import { deadlineOf } from '../../domain/repatriation/index.js';
import { taskFor } from '../../domain/repatriation/tasks.js';
import type { Database, TasksTable } from '../schema.js';
import type { CaseRowFold } from './cases.js';
import type { FoldedEvent } from './rebuild-read.js';

export type TaskRow = Insertable<TasksTable> & { task_id: string; status: 'open' | 'done' | 'cancelled' };

export interface CaseTransition {
  stored: FoldedEvent;
  before: CaseRowFold;
  after: CaseRowFold;
}

// One-shot hashing (Node 20.12+) is about twice as fast as a Hash object; the rebuild makes one id per task.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text)
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

const taskId = (caseId: string, step: string, position: number): string => {
  const hex = sha256Hex(`task/${caseId}/${step}/${position}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** The party a task makes an agency (or every agency of a kind in a country) to the case. */
export const partyOf = (task: { agency_id?: string | null; country: string; agency_kind: string }): string =>
  task.agency_id ?? `kind:${task.country.trim()}:${task.agency_kind}`;

/** What one event does to a case's open task: moves its deadline and wording, or closes it and opens the next. */
type TaskChange =
  | { kind: 'moved'; open: TaskRow; due_at: string; title: string }
  | { kind: 'replaced'; closed: { status: TaskRow['status']; closed_at: Date; closed_by: string } | null; opened: TaskRow | null };

function taskChange(open: TaskRow | undefined, { stored, after }: CaseTransition): TaskChange {
  const caseId = after.state.caseId!;
  const next = taskFor(after.state, deadlineOf(after.clock, after.state));
  const at = stored.recordedAt;
  if (open && next && open.step === next.step && (open.agency_id ?? null) === next.agencyId) {
    // Same step still waited for: only its deadline or wording may have moved (a hold released, a reschedule).
    return { kind: 'moved', open, due_at: next.dueAt, title: next.title };
  }
  const closed = open
    ? {
        status: after.state.status === 'closed' && !after.state.outcome?.completed ? ('cancelled' as const) : ('done' as const),
        closed_at: at,
        closed_by: stored.type,
      }
    : null;
  const opened: TaskRow | null = next && {
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
  };
  return { kind: 'replaced', closed, opened };
}

/** Folds one event into a case's task list: closes the task the event completed, opens the next. */
export function foldTasks(tasks: TaskRow[], transition: CaseTransition): TaskRow[] {
  const open = tasks.find((t) => t.status === 'open');
  const change = taskChange(open, transition);
  if (change.kind === 'moved') return tasks.map((t) => (t === open ? { ...t, due_at: change.due_at, title: change.title } : t));
  const closed = tasks.map((t): TaskRow => (t === open && change.closed ? { ...t, ...change.closed } : t));
  return change.opened ? [...closed, change.opened] : closed;
}

/**
 * The same fold for the rebuild, which owns its task lists: changes the open task in place and
 * appends the next, instead of copying the list and the task for every event.
 */
export function foldTasksInPlace(tasks: TaskRow[], transition: CaseTransition): void {
  const open = tasks.find((t) => t.status === 'open');
  const change = taskChange(open, transition);
  if (change.kind === 'moved') {
    change.open.due_at = change.due_at;
    change.open.title = change.title;
    return;
  }
  if (open && change.closed) Object.assign(open, change.closed);
  if (change.opened) tasks.push(change.opened);
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
  // A case whose stream starts with these events has no tasks yet.
  const opening = transitions[0]!.stored.streamPosition === 1;
  const existing = opening ? [] : ((await trx.selectFrom('tasks').selectAll().where('case_id', '=', caseId).execute()) as TaskRow[]);
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
  await trx
    .insertInto('case_parties')
    .values(parties)
    .onConflict((oc) => oc.doNothing())
    .execute();
}
