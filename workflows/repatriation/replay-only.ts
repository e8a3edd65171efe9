/**
 * REPLAY ONLY: how case runs started before `CURRENT_CASE_PATHS` wait for their opening and their
 * deadlines. No new run takes these paths; they stay, unchanged, so that the runs recorded with
 * them (test/histories/) and any still running replay exactly as they were recorded.
 */
import { condition, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import { nextAlarm, type RepatriationState, type StepClock, type SystemCommand } from '../../domain/repatriation/index.js';
import { OPEN_WITHIN_MS } from '../shared/runner.js';
import { CASE_ACTIVITY_OPTIONS } from './activity-options.js';

/** Regular activities before this patch; the local append after it. */
export const LOCAL_APPEND_PATCH = 'local-append-v1';
/** Step deadlines and their timers; cases recorded before it replay without them. */
export const DEADLINES_PATCH = 'step-deadlines-v1';

export interface OldRunContext {
  state: () => RepatriationState;
  clock: () => StepClock;
  takes: (patch: string) => boolean;
  /** Runs a command of the case's own; false when refused (the case moved meanwhile). */
  runSystem: (command: SystemCommand) => Promise<boolean>;
  alarmCommand: (alarm: NonNullable<ReturnType<typeof nextAlarm>>) => SystemCommand;
}

/** Whether a run started before `CURRENT_CASE_PATHS` takes a patched path: it asks, as it did when recorded. */
export const askPatch = (patch: string): boolean => patched(patch);

/** Runs before `LOCAL_APPEND_PATCH` append (and look up deadlines) with regular activities. */
export const regularActivities = proxyActivities<Activities>(CASE_ACTIVITY_OPTIONS);

/** How runs started before `CURRENT_CASE_PATHS` wait: they replay exactly this. */
export async function openThenWatch(context: OldRunContext, ended: () => boolean): Promise<boolean> {
  if (context.state().status === 'new' && !(await condition(() => context.state().status !== 'new', OPEN_WITHIN_MS))) return false;
  if (context.takes(DEADLINES_PATCH)) {
    await watchDeadlines(context, ended);
  } else {
    await condition(ended);
  }
  return true;
}

/** Before `CURRENT_CASE_PATHS`: one durable timer at a time for the next thing due, re-armed by every recorded event. */
async function watchDeadlines(context: OldRunContext, ended: () => boolean): Promise<void> {
  while (!ended()) {
    const alarm = nextAlarm(context.clock(), context.state());
    const seen = context.state().version;
    const changed = () => ended() || context.state().version !== seen;
    if (!alarm) {
      await condition(changed);
      continue;
    }
    if (await condition(changed, Math.max(1, Date.parse(alarm.at) - Date.now()))) continue;
    if (!(await context.runSystem(context.alarmCommand(alarm)))) await condition(changed);
  }
}
