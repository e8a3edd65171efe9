/**
 * The messages a repatriation case workflow understands, shared by the workflow and its clients
 * (API, tests) so both sides agree on names and types.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Action, Deadline, OpenCase, RepatriationState, StepClock } from '../../domain/repatriation/index.js';
import type { Actor } from '../../domain/shared/actor.js';

export const CASE_TASK_QUEUE = 'homeward-cases';

/** Workflow ids carry the case id only: never a name or any other personal data. */
export const caseWorkflowId = (caseId: string): string => `case-${caseId}`;

export interface CaseWorkflowInput {
  caseId: string;
  /** State carried over by continue-as-new, so a long case keeps a short history. */
  carried?: RepatriationState;
  /** The step clock carried with it, so deadlines survive the hand-over. */
  clock?: StepClock;
}

export interface CommandInput<C> {
  command: C;
  actor: Actor;
}

/** What a caseworker sees after an accepted command: the case as it now stands. */
export interface CaseView {
  caseId: string;
  version: number;
  status: RepatriationState['status'];
  stage: RepatriationState['stage'];
  hold: RepatriationState['hold'];
  outcome: RepatriationState['outcome'];
  /** What the current stage still waits for, in caseworkers' words. */
  waitingFor: { gate: string; requirement: string }[];
  /** The deadline of the step the case waits for, if any; `overdue` once it has passed. */
  deadline: Deadline | null;
  overdue: RepatriationState['overdue'];
  /** The events this command recorded (empty for a query). */
  recorded: { eventId: string; type: string; streamPosition: number }[];
}

export const openCaseUpdate = defineUpdate<CaseView, [CommandInput<OpenCase>]>('openCase');
export const performActionUpdate = defineUpdate<CaseView, [CommandInput<Action>]>('performAction');
export const caseViewQuery = defineQuery<CaseView>('caseView');
