/**
 * The one way from the API to the workflows: start, update, update-with-start and query, each
 * answered within a deadline (the client's own, `client.withDeadline`, which also cancels the call),
 * and the SDK's errors translated into problems by their types, never by their message text:
 * - a refusal (`CommandRejected`, `LinkRefused`, `BatchAdmissionRefused`) becomes 409/422 with the
 *   decider's code and params;
 * - a finished workflow (`WorkflowNotFoundError`, or an accepted update whose workflow completed)
 *   becomes `WorkflowGone`, which the route turns into "closed" with what it knows of the stream;
 * - an update the server dropped before the worker saw it (`UnprocessedUpdate`) is resent here, a
 *   few times within the deadline; a deadline passed, or Temporal unreachable, answers 503 with
 *   Retry-After: nothing is lost, and a resend with the same Idempotency-Key records nothing twice.
 */
import {
  isGrpcServiceError,
  ServiceError,
  WithStartWorkflowOperation,
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, type Workflow } from '@temporalio/common';
import type { BatchAction, PlanBatch } from '../domain/handover-batch/index.js';
import { resolveDeadlinePolicy, type Action, type DeadlineOverrides, type OpenCase } from '../domain/repatriation/index.js';
import type { Actor } from '../domain/shared/actor.js';
import type { Action as TransferAction, OpenTransfer } from '../domain/suspect-transfer/index.js';
import { batchCommandUpdate, batchWorkflowId, planBatchUpdate, type BatchView } from '../workflows/batch/messages.js';
import type { handoverBatch } from '../workflows/batch/workflow.js';
import {
  linkWorkflowId,
  personMatchWorkflowId,
  trackChangeWorkflowId,
  type PersonMatchInput,
  type RescreenAsSuspectInput,
  type RescreenAsVictimInput,
} from '../workflows/case-links/messages.js';
import type { decidePersonMatch, linkCases, rescreenAsSuspect, rescreenAsVictim } from '../workflows/case-links/workflow.js';
import {
  caseWorkflowId,
  CASE_TASK_QUEUE,
  newCaseInput,
  openCaseUpdate,
  performActionUpdate,
  type CaseView,
} from '../workflows/repatriation/messages.js';
import type { repatriationCase } from '../workflows/repatriation/workflow.js';
import type { RejectionDetail } from '../workflows/shared/runner.js';
import {
  openTransferUpdate,
  performTransferActionUpdate,
  transferViewQuery,
  transferWorkflowId,
  type TransferView,
} from '../workflows/suspect-transfer/messages.js';
import type { suspectTransfer } from '../workflows/suspect-transfer/workflow.js';
import { problems, rejectionProblem, type FieldError } from './problem.js';

export interface WorkflowGatewayOptions {
  /** How long a caller waits for a workflow to answer before being told to retry. */
  answerWithinMs?: number;
  /** Task queue of the workers; tests give each file its own. */
  taskQueue?: string;
  /** Per-corridor deadline overrides: the same configuration the workers are given. */
  deadlineOverrides?: DeadlineOverrides;
}

/** The workflow has finished (closed, cancelled): nothing more can happen to it. */
export class WorkflowGone extends Error {}

/** Update failures the server reports when it dropped an update before any worker handled it: safe to resend. */
const RESENDABLE_UPDATE_FAILURES = new Set(['UnprocessedUpdate']);
/** An update accepted, but its workflow completed before the handler did. */
const WORKFLOW_COMPLETED_FAILURES = new Set(['AcceptedUpdateCompletedWorkflow']);
const RESENDS = 3;
/** gRPC status codes (standard numbers) that mean "not now" rather than "no": CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, UNAVAILABLE. */
const TRANSIENT_GRPC = new Set<number>([1, 4, 8, 10, 14]);

export function createWorkflowGateway(client: Client, options: WorkflowGatewayOptions = {}) {
  const answerWithinMs = options.answerWithinMs ?? 30_000;
  const taskQueue = options.taskQueue ?? CASE_TASK_QUEUE;

  /** One call, answered within the deadline; resendable update failures are resent inside it. */
  const call = async <T>(send: () => Promise<T>): Promise<T> => {
    const deadline = Date.now() + answerWithinMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.withDeadline(deadline, send);
      } catch (error) {
        if (attempt < RESENDS && Date.now() < deadline && isResendable(error)) continue;
        throw translate(error);
      }
    }
  };

  const startWith = <W extends Workflow>(workflowType: string, workflowId: string, args: Parameters<W>) =>
    new WithStartWorkflowOperation<W>(
      workflowType as never,
      {
        workflowId,
        taskQueue,
        args,
        workflowIdConflictPolicy: 'USE_EXISTING',
      } as never,
    );

  return {
    /** Where the workers listen: every process's workflows start on this queue. */
    taskQueue,

    /** Starts the case workflow if needed and opens the case with its corridor's deadlines, in one round trip. */
    openCase(command: OpenCase, actor: Actor, updateId: string): Promise<CaseView> {
      const deadlinePolicy = resolveDeadlinePolicy(command.hostCountry, command.originCountry, options.deadlineOverrides);
      return call(() =>
        client.workflow.executeUpdateWithStart(openCaseUpdate, {
          args: [{ command, actor, deadlinePolicy }],
          updateId,
          startWorkflowOperation: startWith<typeof repatriationCase>('repatriationCase', caseWorkflowId(command.caseId), [
            newCaseInput(command.caseId),
          ]),
        }),
      );
    },

    performCaseAction(caseId: string, action: Action, actor: Actor, updateId: string): Promise<CaseView> {
      const handle = client.workflow.getHandle(caseWorkflowId(caseId));
      return call(() => handle.executeUpdate(performActionUpdate, { args: [{ command: action, actor }], updateId }));
    },

    openTransfer(command: OpenTransfer, actor: Actor): Promise<TransferView> {
      return call(() =>
        client.workflow.executeUpdateWithStart(openTransferUpdate, {
          args: [{ command, actor }],
          updateId: `open-${command.caseId}`,
          startWorkflowOperation: startWith<typeof suspectTransfer>('suspectTransfer', transferWorkflowId(command.caseId), [
            { caseId: command.caseId },
          ]),
        }),
      );
    },

    performTransferAction(caseId: string, action: TransferAction, actor: Actor, updateId: string): Promise<TransferView> {
      const handle = client.workflow.getHandle(transferWorkflowId(caseId));
      return call(() => handle.executeUpdate(performTransferActionUpdate, { args: [{ command: action, actor }], updateId }));
    },

    transferView(caseId: string): Promise<TransferView> {
      return call(() => client.workflow.getHandle(transferWorkflowId(caseId)).query(transferViewQuery));
    },

    planBatch(command: PlanBatch, actor: Actor): Promise<BatchView> {
      return call(() =>
        client.workflow.executeUpdateWithStart(planBatchUpdate, {
          args: [{ command, actor }],
          updateId: `plan-${command.batchId}`,
          startWorkflowOperation: startWith<typeof handoverBatch>('handoverBatch', batchWorkflowId(command.batchId), [
            { batchId: command.batchId },
          ]),
        }),
      );
    },

    sendBatchCommand(batchId: string, command: BatchAction, actor: Actor, updateId: string): Promise<BatchView> {
      const handle = client.workflow.getHandle<typeof handoverBatch>(batchWorkflowId(batchId));
      return call(() => handle.executeUpdate(batchCommandUpdate, { args: [{ command, actor }], updateId }));
    },

    /** Records a link on both cases (a durable run per pair); resolves once both sides are recorded. */
    linkCases(caseId: string, otherCaseId: string, actor: Actor): Promise<void> {
      return call(() =>
        client.workflow.execute<typeof linkCases>('linkCases', {
          workflowId: linkWorkflowId(caseId, otherCaseId),
          taskQueue,
          args: [{ caseId, otherCaseId, actor }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      );
    },

    /** Records a person-match decision on both cases (a durable run per decision). */
    decidePersonMatch(input: PersonMatchInput): Promise<void> {
      return call(() =>
        client.workflow.execute<typeof decidePersonMatch>('decidePersonMatch', {
          workflowId: personMatchWorkflowId(input.decisionId),
          taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      );
    },

    /** Closes the case on one track and opens a linked case on the other (a durable run per case). */
    changeTrack(input: { toVictim: RescreenAsVictimInput } | { toSuspect: RescreenAsSuspectInput }): Promise<void> {
      const [workflow, caseId, args] =
        'toVictim' in input
          ? (['rescreenAsVictim', input.toVictim.transferId, input.toVictim] as const)
          : (['rescreenAsSuspect', input.toSuspect.victimCaseId, input.toSuspect] as const);
      return call(() =>
        client.workflow.execute<typeof rescreenAsVictim | typeof rescreenAsSuspect>(workflow, {
          workflowId: trackChangeWorkflowId(caseId),
          taskQueue,
          args: [args as never],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      );
    },
  };
}

export type WorkflowGateway = ReturnType<typeof createWorkflowGateway>;

function isResendable(error: unknown): boolean {
  return error instanceof WorkflowUpdateFailedError && RESENDABLE_UPDATE_FAILURES.has(applicationFailureOf(error)?.type ?? '');
}

interface AdmissionDetail {
  kind: 'admission';
  stage: string;
  problems: { caseId: string; reason: string }[];
}

/** The SDK's error as the API answers it (see the module comment); anything unknown stays an error (500). */
export function translate(error: unknown): unknown {
  const failure = applicationFailureOf(error);
  if (failure?.type === 'CommandRejected' || failure?.type === 'LinkRefused') {
    const [detail] = (failure.details ?? []) as Partial<RejectionDetail>[];
    return rejectionProblem(failure.message, detail ?? {});
  }
  if (failure?.type === 'BatchAdmissionRefused') {
    const [detail] = (failure.details ?? []) as AdmissionDetail[];
    const errors: FieldError[] = (detail?.problems ?? []).map((p) => ({
      field: `case ${p.caseId}`,
      reason: p.reason,
      code: 'not-admitted',
      params: { caseId: p.caseId },
    }));
    const problem = problems.conflict(
      'case-not-admitted',
      `${errors.length} case(s) cannot join this batch; nothing was changed.`,
      detail?.stage,
    );
    problem.problem.errors = errors;
    return problem;
  }
  if (error instanceof WorkflowNotFoundError || WORKFLOW_COMPLETED_FAILURES.has(failure?.type ?? '')) {
    return new WorkflowGone((error as Error).message);
  }
  if (
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    (error instanceof WorkflowUpdateFailedError && RESENDABLE_UPDATE_FAILURES.has(failure?.type ?? '')) ||
    isTransientGrpc(error)
  ) {
    return problems.unavailable('The workflow did not answer in time. Nothing is lost: retry with the same Idempotency-Key.');
  }
  return error;
}

function isTransientGrpc(error: unknown): boolean {
  const grpc = error instanceof ServiceError ? error.cause : error;
  return isGrpcServiceError(grpc) && TRANSIENT_GRPC.has(grpc.code);
}

/** An update's failure, or a workflow's failure caused by an activity's: looked for down the cause chain. */
function applicationFailureOf(error: unknown): ApplicationFailure | undefined {
  let cause: unknown = error;
  for (let depth = 0; depth < 4 && cause; depth++) {
    if (cause instanceof ApplicationFailure) return cause;
    cause =
      cause instanceof WorkflowUpdateFailedError || cause instanceof WorkflowFailedError || cause instanceof Error
        ? cause.cause
        : undefined;
  }
  return undefined;
}
