import type { Actor } from '../shared/actor.js';
import { ALREADY_RECORDED, reject, type Refuse } from '../shared/rejection.js';
import type { IssuedCommand } from '../shared/decider.js';
import type { BatchAction, BatchActionOf, BatchCommand, PlanBatch } from './commands.js';
import { batchEvent, type BatchEvent, type ManifestNotice, type NoticeReason } from './events.js';
import { everyoneAccountedFor, type BatchState } from './state.js';
import { MAX_BATCH_SIZE, NOTICE_LEAD_DAYS } from './vocabulary.js';

/**
 * Decides what a command means for a batch: the events to record, or a `CommandRejected` saying why
 * not. The "stage" of a refusal is the batch's status (draft, locked, closed, cancelled).
 *
 * Once locked, every change to the list, date or place is followed by a new `ManifestIssued`: the
 * receiving agency is re-notified of exactly what changed. Confirming a person twice, or excluding
 * them twice, records nothing the second time, so a resent bulk request is harmless.
 */
export function decide({ command, actor, now }: IssuedCommand<BatchCommand>, state: BatchState): BatchEvent[] {
  // The notice rule counts calendar days to the handover, so the batch decider needs the time.
  if (now === undefined) throw new Error('The batch decider needs the time (`now`).');
  const today = now.slice(0, 10);
  if (command.type === 'plan_batch') return decidePlan(command, state, today);
  if (state.status === 'new') reject('rule', 'draft', 'The batch has not been planned.', 'not-opened');
  if (state.status === 'closed' || state.status === 'cancelled') {
    reject('closed', state.status, `The batch is ${state.status}; no further change is possible.`, 'batch-closed', {
      status: state.status,
    });
  }
  if (command.type === 'close') {
    if (!everyoneAccountedFor(state))
      reject('rule', state.status, 'Some people are neither handed over nor excluded yet.', 'people-unaccounted');
    const members = Object.values(state.members);
    return [
      batchEvent('BatchClosed', {
        handedOver: members.filter((m) => m.status === 'handed_over').length,
        excluded: members.filter((m) => m.status === 'excluded').length,
      }),
    ];
  }
  return decideAction(command, state, today, actor);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function decidePlan(command: PlanBatch, state: BatchState, today: string): BatchEvent[] {
  if (state.status !== 'new') reject('rule', state.status, 'This batch is already planned.', 'already-open');
  const refuse: Refuse = (message, code, params) => reject('rule', 'draft', message, code, params);
  if (command.fromCountry === command.toCountry) refuse('fromCountry and toCountry must differ: a batch crosses a border.', 'same-country');
  if (command.sendingAgencyId === command.receivingAgencyId) refuse('The sending and receiving agency must differ.', 'same-agency');
  if (daysBetween(today, command.plannedDate) < 0)
    refuse(`The planned date ${command.plannedDate} is in the past.`, 'date-in-past', { date: command.plannedDate });
  const { type: _type, ...data } = command;
  return [batchEvent('BatchPlanned', data)];
}

function decideAction(action: BatchAction, state: BatchState, today: string, actor: Actor): BatchEvent[] {
  const stage = state.status;
  const refuse: Refuse = (message, code, params) => reject('rule', stage, message, code, params);
  const requireStatus = (...allowed: BatchState['status'][]) => {
    if (!allowed.includes(stage))
      reject('wrong_stage', stage, `"${action.type}" needs a ${allowed.join(' or ')} batch; this batch is ${stage}.`, 'wrong-stage', {
        action: action.type,
        requiredStage: allowed,
        stage,
      });
  };
  const beforeHandover = () => {
    if (state.handoverStarted)
      refuse('The handover has begun: the date, place and list are fixed; exclude people instead.', 'handover-started');
  };
  const daysLeft = (date: string) => daysBetween(today, date);
  const needsNoticeLead = (date: string, what: string) => {
    if (stage === 'locked' && daysLeft(date) < NOTICE_LEAD_DAYS) {
      refuse(
        `${what} after the lock needs a new notice at least ${NOTICE_LEAD_DAYS} days before the handover on ${date}.`,
        'notice-too-late',
        {
          leadDays: NOTICE_LEAD_DAYS,
          date,
        },
      );
    }
  };

  switch (action.type) {
    case 'change_members': {
      requireStatus('draft', 'locked');
      beforeHandover();
      const add = action.add ?? [];
      const remove = action.remove ?? [];
      if (add.length === 0 && remove.length === 0) refuse('Name at least one case to add or remove.', 'nothing-to-change');
      const both = add.filter((id) => remove.includes(id));
      if (both.length > 0) refuse(`A case cannot be added and removed at once: ${listed(both)}.`, 'added-and-removed', { caseIds: both });
      const present = add.filter((id) => state.members[id] !== undefined);
      if (present.length > 0) refuse(`Already on this batch: ${listed(present)}.`, ALREADY_RECORDED, { caseIds: present });
      const absent = remove.filter((id) => state.members[id] === undefined);
      if (absent.length > 0) refuse(`Not on this batch: ${listed(absent)}.`, 'not-in-batch', { caseIds: absent });
      const size = Object.keys(state.members).length + add.length - remove.length;
      if (size > MAX_BATCH_SIZE)
        refuse(`A batch holds at most ${MAX_BATCH_SIZE} people; this change makes ${size}.`, 'batch-too-large', {
          limit: MAX_BATCH_SIZE,
          size,
        });
      if (add.length > 0) needsNoticeLead(state.plannedDate!, 'Adding people');
      const events: BatchEvent[] = [];
      if (add.length > 0) events.push(batchEvent('BatchCasesAdded', { caseIds: [...add] }));
      if (remove.length > 0) events.push(batchEvent('BatchCasesRemoved', { caseIds: [...remove] }));
      return withNotice(state, events, 'change', today, { added: add, removed: remove });
    }
    case 'reschedule': {
      requireStatus('draft', 'locked');
      beforeHandover();
      const plannedDate = action.plannedDate ?? state.plannedDate!;
      const crossingPoint = action.crossingPoint ?? state.crossingPoint!;
      if (plannedDate === state.plannedDate && crossingPoint === state.crossingPoint)
        refuse('The date and place are unchanged.', ALREADY_RECORDED);
      if (daysLeft(plannedDate) < 0) refuse(`The planned date ${plannedDate} is in the past.`, 'date-in-past', { date: plannedDate });
      needsNoticeLead(plannedDate, 'A new date or place');
      return withNotice(state, [batchEvent('BatchRescheduled', { plannedDate, crossingPoint })], 'change', today);
    }
    case 'lock': {
      requireStatus('draft');
      if (Object.keys(state.members).length === 0) refuse('Add the people to hand over before locking the batch.', 'batch-empty');
      const daysBefore = daysLeft(state.plannedDate!);
      if (daysBefore < NOTICE_LEAD_DAYS) {
        refuse(
          `The pre-departure notice must reach the receiving agency at least ${NOTICE_LEAD_DAYS} days before the handover; ${state.plannedDate} is ${daysBefore} days away.`,
          'notice-too-late',
          { leadDays: NOTICE_LEAD_DAYS, date: state.plannedDate!, daysBefore },
        );
      }
      return withNotice(state, [batchEvent('BatchLocked', { plannedDate: state.plannedDate!, daysBefore })], 'lock', today);
    }
    case 'confirm_handover':
      requireStatus('locked');
      return decideConfirm(action, state, actor, refuse);
    case 'exclude': {
      requireStatus('locked');
      const unknown = action.exclusions.filter((e) => state.members[e.caseId] === undefined).map((e) => e.caseId);
      if (unknown.length > 0) refuse(`Not on this batch: ${listed(unknown)}.`, 'not-in-batch', { caseIds: unknown });
      const handedOver = action.exclusions.filter((e) => state.members[e.caseId]!.status === 'handed_over').map((e) => e.caseId);
      if (handedOver.length > 0)
        refuse(`Already handed over by both sides, so they cannot be excluded: ${listed(handedOver)}.`, 'already-handed-over', {
          caseIds: handedOver,
        });
      const seen = new Set<string>();
      const fresh = action.exclusions.filter((e) => {
        const first = !seen.has(e.caseId) && state.members[e.caseId]!.status === 'in_batch';
        seen.add(e.caseId);
        return first;
      });
      return fresh.length > 0 ? [batchEvent('PersonsExcluded', { exclusions: fresh.map((e) => ({ ...e })) })] : [];
    }
    case 'cancel':
      requireStatus('draft', 'locked');
      beforeHandover();
      return [batchEvent('BatchCancelled', { reason: action.reason })];
  }
}

function decideConfirm(action: BatchActionOf<'confirm_handover'>, state: BatchState, actor: Actor, refuse: Refuse): BatchEvent[] {
  const unknown = action.caseIds.filter((id) => state.members[id] === undefined);
  if (unknown.length > 0) refuse(`Not on this batch: ${listed(unknown)}.`, 'not-in-batch', { caseIds: unknown });
  const excluded = action.caseIds.filter((id) => state.members[id]!.status === 'excluded');
  if (excluded.length > 0)
    refuse(`Excluded from this handover, so they cannot be confirmed: ${listed(excluded)}.`, 'excluded', { caseIds: excluded });
  // Confirming a person again is not an error: a resent list counts each person once.
  const fresh = action.caseIds.filter((id) => !state.members[id]![action.side]);
  const by = { userId: actor.userId, agencyId: actor.agencyId, role: actor.role };
  return fresh.length > 0 ? [batchEvent('HandoverConfirmedInBatch', { side: action.side, caseIds: fresh, by })] : [];
}

/** After the lock, a change is followed by the next notice; the lock itself issues the first. */
function withNotice(
  state: BatchState,
  events: BatchEvent[],
  reason: NoticeReason,
  today: string,
  change: { added?: string[]; removed?: string[] } = {},
): BatchEvent[] {
  if (reason === 'change' && state.status !== 'locked') return events;
  const after = events.reduce<{ plannedDate: string; crossingPoint: string }>(
    (acc, e) => (e.type === 'BatchRescheduled' ? { plannedDate: e.data.plannedDate, crossingPoint: e.data.crossingPoint } : acc),
    { plannedDate: state.plannedDate!, crossingPoint: state.crossingPoint! },
  );
  const notice: ManifestNotice = {
    version: state.manifestVersion + 1,
    reason,
    ...after,
    sendingAgencyId: state.sendingAgencyId!,
    receivingAgencyId: state.receivingAgencyId!,
    daysBefore: daysBetween(today, after.plannedDate),
    added: [...(change.added ?? [])],
    removed: [...(change.removed ?? [])],
  };
  return [...events, batchEvent('ManifestIssued', notice)];
}

/** A few ids are enough to find the problem; a bulk request may name thousands. */
function listed(ids: string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}
