/**
 * Baselines: workflows that do nothing but answer an update, so a benchmark can subtract what
 * Temporal itself costs on this machine from what Homeward adds on top.
 */
import { condition, defineUpdate, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';

export const noopUpdate = defineUpdate<number, [number]>('noop');

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

/** P2 baseline: answers no-op updates for as long as the bench runs (the server is in memory). */
export async function bareIdle(): Promise<void> {
  setHandler(noopUpdate, (n) => n);
  await condition(() => false);
}

const { deadlinePolicyFor } = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds' });

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
