/**
 * The `cases` read model: one row per case with what lists and dashboards filter on, plus the
 * decider's state as JSON. The same fold serves the live (inline) update and the rebuild.
 */
import type { Insertable, Transaction } from 'kysely';
import {
  deadlineOf,
  evolve,
  evolveClock,
  initialClock,
  initialState,
  type RepatriationEvent,
  type RepatriationState,
  type StepClock,
} from '../../domain/repatriation/index.js';
import { countsAsProgress } from '../../domain/repatriation/events.js';
import { isoTime } from '../../domain/shared/iso-time.js';
import type { StoredEvent } from '../event-store.js';
import { enqueueNotifications, notificationsFor, type Notification } from '../outbox.js';
import type { CasesTable, Database } from '../schema.js';
import type { FoldedEvent } from './rebuild-read.js';
import { projectStageVisits } from './stage-visits.js';
import { projectTasks, type CaseTransition } from './tasks.js';

export const REPATRIATION_STREAM_TYPE = 'victim_repatriation';
export const caseStreamId = (caseId: string): string => `case-${caseId}`;
export const caseIdOfStream = (streamId: string): string => streamId.slice('case-'.length);

export interface CaseRowFold {
  state: RepatriationState;
  clock: StepClock;
  openedAt: Date | null;
  lastProgressAt: Date | null;
  updatedAt: Date | null;
}

export const emptyCaseFold = (): CaseRowFold => ({
  state: initialState(),
  clock: initialClock(),
  openedAt: null,
  lastProgressAt: null,
  updatedAt: null,
});

export function foldCaseEvent(fold: CaseRowFold, stored: FoldedEvent): CaseRowFold {
  if (stored.streamPosition !== fold.state.version + 1) {
    throw new Error(`cases projection: ${stored.streamId} event ${stored.streamPosition} follows version ${fold.state.version}`);
  }
  const event = { type: stored.type, data: stored.data } as RepatriationEvent;
  const state = evolve(fold.state, event);
  return {
    state,
    clock: evolveClock(fold.clock, event, state, isoTime(stored.recordedAt.getTime())),
    openedAt: fold.openedAt ?? stored.recordedAt,
    lastProgressAt: countsAsProgress(event) ? stored.recordedAt : fold.lastProgressAt,
    updatedAt: stored.recordedAt,
  };
}

export function caseRow(fold: CaseRowFold): Insertable<CasesTable> {
  const record = caseRecord(fold);
  return { ...record, state: JSON.stringify(record.state), clock: JSON.stringify(record.clock) };
}

/** The case's row with its state and step clock as objects, as the rebuild writes them (one JSON document per batch of rows). */
export function caseRecord(fold: CaseRowFold) {
  const s = fold.state;
  if (s.caseId === null || s.stage === null || fold.openedAt === null) throw new Error('cases projection: case not opened');
  return {
    case_id: s.caseId,
    kind: REPATRIATION_STREAM_TYPE,
    stage: s.stage,
    status: s.status === 'closed' ? 'closed' : s.hold ? 'on_hold' : 'open',
    host_country: s.hostCountry!,
    origin_country: s.originCountry!,
    owning_agency_id: s.owningAgencyId!,
    age_group: s.ageGroup!,
    sex: s.sex!,
    on_hold: s.hold !== null,
    hold_reason: s.hold?.reason ?? null,
    hold_review_date: s.hold?.reviewDate ?? null,
    outcome: s.outcome?.code ?? null,
    opened_at: fold.openedAt,
    last_progress_at: fold.lastProgressAt ?? fold.openedAt,
    updated_at: fold.updatedAt ?? fold.openedAt,
    version: s.version,
    state: s,
    ...deadlineColumns(fold),
  };
}

/** The same deadline the case's workflow keeps a timer for, computed from the recorded times. */
function deadlineColumns(fold: CaseRowFold) {
  const deadline = deadlineOf(fold.clock, fold.state);
  const overdue = fold.state.overdue;
  return {
    step: deadline?.step ?? null,
    step_due_at: deadline?.dueAt ?? null,
    step_escalate_at: deadline?.escalateAt ?? null,
    holder_side: deadline?.holder.side ?? null,
    holder_agency_kind: deadline?.holder.agencyKind ?? null,
    holder_country: deadline?.holder.country ?? null,
    overdue: overdue !== null && overdue.step === deadline?.step,
    escalated: overdue !== null && overdue.step === deadline?.step && overdue.escalated,
    clock: fold.clock,
  };
}

/** Inline projection: runs in the append transaction of one case stream. */
export async function projectCaseEvents(trx: Transaction<Database>, events: StoredEvent[]): Promise<void> {
  const first = events[0];
  if (!first) return;
  const caseId = caseIdOfStream(first.streamId);
  // A stream that starts here has no row yet: nothing to read (one round trip less per opening).
  const existing =
    first.streamPosition === 1
      ? undefined
      : await trx
          .selectFrom('cases')
          .select(['state', 'clock', 'opened_at', 'last_progress_at', 'updated_at'])
          .where('case_id', '=', caseId)
          .forUpdate()
          .executeTakeFirst();
  const start: CaseRowFold = existing
    ? {
        state: existing.state as unknown as RepatriationState,
        clock: (existing.clock as unknown as StepClock | null) ?? initialClock(),
        openedAt: existing.opened_at,
        lastProgressAt: existing.last_progress_at,
        updatedAt: existing.updated_at,
      }
    : emptyCaseFold();
  let fold = start;
  const notifications: Notification[] = [];
  const transitions: CaseTransition[] = [];
  for (const stored of events) {
    const before = fold;
    fold = foldCaseEvent(fold, stored);
    transitions.push({ stored, before, after: fold });
    notifications.push(...notificationsFor(stored, fold.state));
  }
  const row = caseRow(fold);
  await trx
    .insertInto('cases')
    .values(row)
    .onConflict((oc) => oc.column('case_id').doUpdateSet((eb) => upsertColumns(eb)))
    .execute();
  await projectTasks(trx, transitions);
  await projectStageVisits(trx, events, start, fold);
  // Reminders and escalations commit with the events that raise them (and never on a rebuild).
  await enqueueNotifications(trx, notifications);
}

const UPSERT_COLUMNS = [
  'stage',
  'status',
  'origin_country',
  'on_hold',
  'hold_reason',
  'hold_review_date',
  'outcome',
  'last_progress_at',
  'updated_at',
  'version',
  'state',
  'step',
  'step_due_at',
  'step_escalate_at',
  'holder_side',
  'holder_agency_kind',
  'holder_country',
  'overdue',
  'escalated',
  'clock',
] as const;

export function upsertColumns(eb: any): Record<string, unknown> {
  return Object.fromEntries(UPSERT_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]));
}
