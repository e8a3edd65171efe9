/**
 * Suspect transfer: the process rules as a pure decider. The request schemas (TypeBox) are in
 * commands.ts, not re-exported here: workflows import this module, and their bundle stays without them.
 */
import type { Decider } from '../shared/decider.js';
import type { SuspectTransferCommand } from './commands.js';
import { decide } from './decide.js';
import type { SuspectTransferEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialState, type SuspectTransferState } from './state.js';

export const suspectTransfer: Decider<SuspectTransferCommand, SuspectTransferEvent, SuspectTransferState> = {
  initialState,
  decide,
  evolve,
};

export { decide, evolve, initialState };
export type { SuspectTransferCommand, SuspectTransferEvent, SuspectTransferState };
export type { Action, ActionType, OpenTransfer } from './commands.js';
export { countsAsProgress } from './events.js';
export { STAGES, EXIT_GATES, openGates, type Stage } from './stages.js';
export { PERFORMERS, refusalForPerformer, transferParties, type Side } from './sides.js';
export { PROBES } from './probes.js';
export { nextSteps, type NextStep } from './next-steps.js';
