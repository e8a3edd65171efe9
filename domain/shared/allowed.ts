import type { Actor } from './actor.js';
import { CommandRejected } from './rejection.js';
import type { Decider } from './decider.js';

/**
 * The action types the decider would accept now, found by asking it: each process lists probes
 * (one command per shape that matters, e.g. both sides of a handover) and an action is allowed when
 * some probe the caller may perform (`mayPerform`: the access rules) records at least one event.
 * So `allowedActions` can never disagree with `decide`.
 */
export function allowedActions<C extends { type: string }, E, S>(
  decider: Decider<C, E, S>,
  state: S,
  probes: readonly C[],
  actor: Actor,
  now: string,
  mayPerform: (probe: C) => boolean = () => true,
): string[] {
  const allowed = new Set<string>();
  for (const probe of probes) {
    if (allowed.has(probe.type) || !mayPerform(probe)) continue;
    try {
      if (decider.decide({ command: probe, actor, now }, state).length > 0) allowed.add(probe.type);
    } catch (error) {
      if (!(error instanceof CommandRejected)) throw error;
    }
  }
  return [...allowed];
}

/** A date after any a probe is compared with: probes must not be refused for their made-up values. */
export const PROBE_DATE = '9999-12-31';
export const PROBE_REF = 'allowed-actions-probe';
export const PROBE_ID = '00000000-0000-4000-8000-000000000000';
