/** Victim repatriation: the process rules as a pure decider. */
import type { Decider } from '../shared/decider.js';
import type { RepatriationCommand } from './commands.js';
import { decide } from './decide.js';
import type { RepatriationEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialState, type RepatriationState } from './state.js';

export const repatriation: Decider<RepatriationCommand, RepatriationEvent, RepatriationState> = {
  initialState,
  decide,
  evolve,
};

export { decide, evolve, initialState };
export type { RepatriationCommand, RepatriationEvent, RepatriationState };
export type { Action, ActionType, OpenCase } from './commands.js';
export { STAGES, openGates, type Stage } from './stages.js';
export type { SystemCommand } from './commands.js';
export { currentStep, resolveDeadlinePolicy, STEP_RULES, type DeadlineOverrides, type DeadlinePolicy, type StepId } from './deadlines.js';
export { deadlineOf, evolveClock, initialClock, nextAlarm, type Deadline, type StepClock } from './clock.js';
export { PERFORMERS, refusalForPerformer, type CaseSides, type PerformerRefusal } from './sides.js';
export { REPEATS, isRepeat } from './repeats.js';
export { PROBES } from './probes.js';
