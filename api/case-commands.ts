/**
 * Sends caseworker commands to case workflows and translates the outcome into HTTP terms. An
 * accepted command answers once its events are committed; a refused one answers at once with
 * the decider's reason and writes nothing.
 */
import { WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { resolveDeadlinePolicy, type Action, type DeadlineOverrides, type OpenCase } from '../domain/repatriation/index.js';
import type { Actor } from '../domain/shared/actor.js';
import type { RejectionKind } from '../domain/shared/rejection.js';
import {
  caseWorkflowId,
  CASE_TASK_QUEUE,
  newCaseInput,
  openCaseUpdate,
  performActionUpdate,
  type CaseView,
} from '../workflows/repatriation/messages.js';
import type { repatriationCase } from '../workflows/repatriation/workflow.js';
import { HttpProblem, problems } from './problem.js';

export interface CaseCommandsOptions {
  /** How long a caller waits for the case to record a command before being told to retry. */
  answerWithinMs?: number;
  /** Task queue of the case workers; tests give each file its own. */
  taskQueue?: string;
  /** Per-corridor deadline overrides: the same configuration the workers are given. */
  deadlineOverrides?: DeadlineOverrides;
}

export function createCaseCommands(client: Client, options: CaseCommandsOptions = {}) {
  const answerWithinMs = options.answerWithinMs ?? 20_000;
  const taskQueue = options.taskQueue ?? CASE_TASK_QUEUE;

  return {
    /** Where the workers listen: other workflows (transfers, batches, links) start on the same queue. */
    taskQueue,

    /** Starts the case workflow if needed and opens the case with its corridor's deadlines, in one round trip. */
    async open(command: OpenCase, actor: Actor, updateId: string): Promise<CaseView> {
      const deadlinePolicy = resolveDeadlinePolicy(command.hostCountry, command.originCountry, options.deadlineOverrides);
      const startWorkflowOperation = new WithStartWorkflowOperation<typeof repatriationCase>('repatriationCase', {
        workflowId: caseWorkflowId(command.caseId),
        taskQueue,
        args: [newCaseInput(command.caseId)],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      return withinDeadline(answerWithinMs, () =>
        client.workflow.executeUpdateWithStart(openCaseUpdate, {
          args: [{ command, actor, deadlinePolicy }],
          updateId,
          startWorkflowOperation,
        }),
      );
    },

    async perform(caseId: string, action: Action, actor: Actor, updateId: string): Promise<CaseView> {
      const handle = client.workflow.getHandle(caseWorkflowId(caseId));
      return withinDeadline(answerWithinMs, () =>
        handle.executeUpdate(performActionUpdate, { args: [{ command: action, actor }], updateId }),
      );
    },
  };
}

export type CaseCommands = ReturnType<typeof createCaseCommands>;

/** The case's workflow has finished: it was closed, so nothing more can happen to it. */
export class CaseWorkflowEnded extends Error {}

async function withinDeadline<T>(ms: number, send: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(problems.unavailable('The case did not answer in time. Nothing is lost: retry with the same Idempotency-Key.')),
      ms,
    );
  });
  try {
    return await Promise.race([send().catch(translate), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function translate(error: unknown): never {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === 'CommandRejected') {
    const [detail] = (error.cause.details ?? []) as { kind: RejectionKind; stage: string }[];
    throw rejectionProblem(detail?.kind ?? 'rule', error.cause.message, detail?.stage);
  }
  if (error instanceof WorkflowNotFoundError || (error instanceof Error && /already completed/i.test(error.message))) {
    throw new CaseWorkflowEnded(error.message);
  }
  throw error;
}

export function rejectionProblem(kind: RejectionKind, message: string, stage: string | undefined): HttpProblem {
  switch (kind) {
    case 'wrong_stage':
      return problems.conflict('wrong-stage', message, stage);
    case 'on_hold':
      return problems.conflict('case-on-hold', message, stage);
    case 'closed':
      return problems.conflict('case-closed', message, stage);
    case 'rule':
      return problems.refused(message, stage);
  }
}
