/**
 * The messages a handover-batch workflow understands, shared by the workflow and its clients (API,
 * tests) so both sides agree on names and types.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BatchAction, BatchProgress, BatchState, CaseStep, PlanBatch } from '../../domain/handover-batch/index.js';
import type { Actor } from '../../domain/shared/actor.js';
import type { IssuedCommand } from '../../domain/shared/decider.js';

/** Workflow ids carry the batch id only. */
export const batchWorkflowId = (batchId: string): string => `batch-${batchId}`;

/** A step the batch still has to drive on some people's own cases, in order. */
export interface CaseTask {
  step: CaseStep;
  caseIds: string[];
  /** Who confirmed (or locked): recorded on the person's case as the actor of the step. */
  actor: Actor;
  /** The notice version a schedule belongs to, so a rescheduled batch schedules each case again. */
  round: number;
  schedule: { date: string; crossingPoint: string } | null;
}

export interface BatchWorkflowInput {
  batchId: string;
  /** State carried over by continue-as-new: the batch and the case steps still to drive. */
  carried?: { state: BatchState; queue: CaseTask[] };
  /** Hand over to a fresh run after this many history events (Temporal's own suggestion also counts). */
  continueAsNewAfterEvents?: number;
}

export interface BatchView {
  batchId: string;
  version: number;
  status: BatchState['status'];
  crossingPoint: string | null;
  plannedDate: string | null;
  sendingAgencyId: string | null;
  receivingAgencyId: string | null;
  fromCountry: string | null;
  toCountry: string | null;
  manifestVersion: number;
  /** `casesPending`: people whose own case the batch has yet to update for a recorded step. */
  progress: BatchProgress & { casesPending: number };
  /** For a bulk confirmation or exclusion: how many were new, and how many were already recorded. */
  result: { recorded: number; alreadyRecorded: number } | null;
}

export const planBatchUpdate = defineUpdate<BatchView, [IssuedCommand<PlanBatch>]>('planBatch');
export const batchCommandUpdate = defineUpdate<BatchView, [IssuedCommand<BatchAction>]>('batchCommand');
export const batchViewQuery = defineQuery<BatchView>('batchView');
