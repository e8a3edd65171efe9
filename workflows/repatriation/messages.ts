/**
 * The messages a repatriation case workflow understands, shared by the workflow and its clients
 * (API, tests) so both sides agree on names and types.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Action, Deadline, DeadlinePolicy, OpenCase, RepatriationState, StepClock } from '../../domain/repatriation/index.js';
import type { IssuedCommand } from '../../domain/shared/decider.js';

/** The workers' task queue: every process's workflows run on it (configurable, see platform/config.ts). */
export const CASE_TASK_QUEUE = 'homeward-cases';

/** Workflow ids carry the case id only: never a name or any other personal data. */
export const caseWorkflowId = (caseId: string): string => `case-${caseId}`;

export interface CaseWorkflowInput {
  caseId: string;
  /** State carried over by continue-as-new, so a long case keeps a short history. */
  carried?: RepatriationState;
  /** The step clock carried with it, so deadlines survive the hand-over. */
  clock?: StepClock;
  /**
   * Set by every starter since `CURRENT_CASE_PATHS`: the run takes today's code paths without
   * asking `patched()`. A run started before has none and asks, as it did when it was recorded.
   */
  paths?: typeof CURRENT_CASE_PATHS;
}

/**
 * Marks runs that take the local append and step deadlines from their first task. A patch marker
 * costs each new case two history events and a search-attribute upsert per patch (measured in P1);
 * a run's input fixes its paths just as deterministically, so only older runs still need the markers.
 */
export const CURRENT_CASE_PATHS = 2;

/** The input a starter gives a new case workflow. */
export const newCaseInput = (caseId: string): CaseWorkflowInput => ({ caseId, paths: CURRENT_CASE_PATHS });

export interface OpenCaseInput extends IssuedCommand<OpenCase> {
  /**
   * The corridor's deadlines, resolved by the opener from the same configuration the workers read
   * (`resolveDeadlinePolicy`), so opening needs no activity to look them up (P1). Recorded with the
   * update; an opening sent without them has the worker look them up.
   */
  deadlinePolicy?: DeadlinePolicy;
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

export const openCaseUpdate = defineUpdate<CaseView, [OpenCaseInput]>('openCase');
export const performActionUpdate = defineUpdate<CaseView, [IssuedCommand<Action>]>('performAction');
export const caseViewQuery = defineQuery<CaseView>('caseView');
