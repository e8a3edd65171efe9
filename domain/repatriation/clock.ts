/**
 * The step clock: when the step a case waits for started, and how long it was paused by holds.
 * Pure: times come in with the events (the workflow's deterministic time when it records them,
 * the recorded time when the projection folds them), so the workflow's timers and the stalled-case
 * dashboard compute the same deadlines.
 */
import { isoTime } from '../shared/iso-time.js';
import { currentStep, holderOf, stageStep, type StepHolder, type StepId } from './deadlines.js';
import { countsAsProgress, type RepatriationEvent } from './events.js';
import type { RepatriationState } from './state.js';

export interface StepClock {
  step: StepId | null;
  /** ISO time the current step started (last progress). */
  startedAt: string | null;
  /** Time spent on hold since the step started. */
  pausedMs: number;
  heldSince: string | null;
}

export const DAY_MS = 86_400_000;
export const initialClock = (): StepClock => ({ step: null, startedAt: null, pausedMs: 0, heldSince: null });

/** Folds one recorded event into the clock; `after` is the case state with the event applied. */
export function evolveClock(clock: StepClock, event: RepatriationEvent, after: RepatriationState, at: string): StepClock {
  switch (event.type) {
    case 'HoldPlaced':
      return { ...clock, heldSince: at };
    case 'HoldReleased': {
      const held = clock.heldSince ? Math.max(0, Date.parse(at) - Date.parse(clock.heldSince)) : 0;
      return { ...clock, heldSince: null, pausedMs: clock.pausedMs + held };
    }
    default:
      if (!countsAsProgress(event)) return clock;
      // The step the clock times is the stage's, also while a hold pauses it.
      return { step: stageStep(after), startedAt: at, pausedMs: 0, heldSince: after.hold ? clock.heldSince : null };
  }
}

export interface Deadline {
  step: StepId;
  dueAt: string;
  escalateAt: string;
  holder: StepHolder;
}

/** The deadline of the step the case waits for, or null when nothing is due (closed, no policy). */
export function deadlineOf(clock: StepClock, state: RepatriationState): Deadline | null {
  const policy = state.deadlinePolicy;
  const step = currentStep(state);
  if (!policy || step === null) return null;
  let due: number;
  if (step === 'hold.review') {
    due = Date.parse(`${state.hold!.reviewDate}T00:00:00Z`);
  } else {
    if (clock.startedAt === null) return null;
    due = Date.parse(clock.startedAt) + policy.days[step] * DAY_MS + clock.pausedMs;
  }
  return {
    step,
    dueAt: isoTime(due),
    escalateAt: isoTime(due + policy.escalateAfterDays * DAY_MS),
    holder: holderOf(step, state),
  };
}

/** What the case's timer should do next: flag the step overdue, escalate it, or nothing. */
export function nextAlarm(
  clock: StepClock,
  state: RepatriationState,
): { at: string; command: 'flag_overdue' | 'escalate_overdue'; step: StepId } | null {
  const deadline = deadlineOf(clock, state);
  if (!deadline) return null;
  const flagged = state.overdue?.step === deadline.step ? state.overdue : null;
  if (!flagged) return { at: deadline.dueAt, command: 'flag_overdue', step: deadline.step };
  if (!flagged.escalated) return { at: deadline.escalateAt, command: 'escalate_overdue', step: deadline.step };
  return null;
}
