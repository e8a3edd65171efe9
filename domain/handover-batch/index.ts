/**
 * Handover batches: many people's handovers at one crossing on one day, as a pure decider. The
 * request schemas (TypeBox) are in commands.ts, not re-exported here: workflows import this module.
 */
import type { Decider } from '../shared/decider.js';
import type { BatchCommand } from './commands.js';
import { decide } from './decide.js';
import type { BatchEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialState, type BatchState } from './state.js';

export const handoverBatch: Decider<BatchCommand, BatchEvent, BatchState> = { initialState, decide, evolve };

export { decide, daysBetween } from './decide.js';
export { evolve } from './evolve.js';
export { initialState, progressOf, everyoneAccountedFor, type BatchState, type BatchProgress, type Member } from './state.js';
export type { BatchEvent, BatchEventType, CaseStep, ManifestNotice, NoticeReason } from './events.js';
export type { BatchAction, BatchCommand, BatchCommandType, PlanBatch } from './commands.js';
export * from './vocabulary.js';
export { probes } from './probes.js';
