/**
 * Baselines: workflows that do nothing but answer an update, so a benchmark can subtract what
 * Temporal itself costs on this machine from what Homeward adds on top.
 */
import { condition, defineUpdate, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { Activities, AppendCaseEventsInput } from '../../activities/index.js';

export const noopUpdate = defineUpdate<number, [number]>('noop');
/** Appends events the client decided: the bench's floor of an action (see `bareIdleAppend`). */
export const appendUpdate = defineUpdate<number, [AppendCaseEventsInput]>('append');

const { deadlinePolicyFor, appendCaseEvents } = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds' });

/** P1 baseline: started with its one update (like a case's opening) and returns at once. */
export async function bareOpen(): Promise<number> {
  let answered = false;
  setHandler(noopUpdate, (n) => {
    answered = true;
    return n;
  });
  await condition(() => answered);
  return 0;
}

/**
 * P1 floor: started with one update (like a case's opening) that one local activity answers after
 * appending the opening's events exactly as a case does (the same activity, one committed
 * transaction with the read models), with no decider, no state and no timer in the workflow.
 */
export async function bareOpenAppend(): Promise<number> {
  let answered = false;
  setHandler(appendUpdate, async (input) => {
    const { nextVersion } = await appendCaseEvents(input);
    answered = true;
    return nextVersion;
  });
  await condition(() => answered);
  return 0;
}

/** P2 baseline: answers no-op updates for as long as the bench runs (the server is in memory). */
export async function bareIdle(): Promise<void> {
  setHandler(noopUpdate, (n) => n);
  await condition(() => false);
}

/**
 * P2 diagnostic: the same no-op update, answered after one local activity that does no I/O (the
 * corridor's deadline policy, from configuration): what a local activity costs by itself.
 */
export async function bareIdleLocal(): Promise<void> {
  setHandler(noopUpdate, async (n) => {
    await deadlinePolicyFor({ hostCountry: 'TH', originCountry: 'MM' });
    return n;
  });
  await condition(() => false);
}

/**
 * P2 floor: an update answered after one local activity that appends events to a case exactly as
 * a case's action does (the same activity, one committed transaction), with no decider, no state,
 * no timers in the workflow: the least any design that commits through an activity before
 * answering can cost.
 */
export async function bareIdleAppend(): Promise<void> {
  setHandler(appendUpdate, async (input) => {
    const { nextVersion } = await appendCaseEvents(input);
    return nextVersion;
  });
  await condition(() => false);
}
