/**
 * Sends commands to suspect-transfer workflows and starts the link and track-change orchestrations,
 * all on the workers' task queue, answering within a deadline.
 */
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { Actor } from '../../domain/shared/actor.js';
import type { Action, OpenTransfer } from '../../domain/suspect-transfer/index.js';
import type { CaseRow } from '../../store/case-queries.js';
import {
  linkWorkflowId,
  trackChangeWorkflowId,
  type RescreenAsSuspectInput,
  type RescreenAsVictimInput,
} from '../../workflows/case-links/messages.js';
import type { linkCases, rescreenAsSuspect, rescreenAsVictim } from '../../workflows/case-links/workflow.js';
import {
  openTransferUpdate,
  performTransferActionUpdate,
  transferViewQuery,
  transferWorkflowId,
  type TransferView,
} from '../../workflows/suspect-transfer/messages.js';
import type { suspectTransfer } from '../../workflows/suspect-transfer/workflow.js';
import type { Caller } from '../access.js';
import type { AppDeps } from '../deps.js';
import { problems, type FieldError } from '../problem.js';
import { findCaseOr404 } from './cases.js';
import { answerWithin, WorkflowGone } from './workflow-calls.js';

export const TRANSFER_KIND = 'suspect_transfer';

/** A transfer the caller may see (the access rules of api/access.ts apply, as for any case). */
export async function findTransferOr404(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  action: string,
): Promise<{ row: CaseRow; caller: Caller }> {
  const found = await findCaseOr404(deps, actor, caseId, action);
  if (found.row.kind !== TRANSFER_KIND) throw problems.notFound(`No suspect transfer ${caseId}.`);
  return found;
}

export function openTransfer(deps: AppDeps, command: OpenTransfer, actor: Actor): Promise<TransferView> {
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof suspectTransfer>('suspectTransfer', {
    workflowId: transferWorkflowId(command.caseId),
    taskQueue: deps.commands.taskQueue,
    args: [{ caseId: command.caseId }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return answerWithin(() =>
    deps.temporal.workflow.executeUpdateWithStart(openTransferUpdate, {
      args: [{ command, actor }],
      updateId: `open-${command.caseId}`,
      startWorkflowOperation,
    }),
  );
}

export async function performTransferAction(
  deps: AppDeps,
  row: CaseRow,
  action: Action,
  actor: Actor,
  updateId: string,
): Promise<TransferView> {
  try {
    const handle = deps.temporal.workflow.getHandle(transferWorkflowId(row.case_id));
    return await answerWithin(() => handle.executeUpdate(performTransferActionUpdate, { args: [{ command: action, actor }], updateId }));
  } catch (error) {
    if (error instanceof WorkflowGone)
      throw problems.conflict(
        'case-closed',
        `The transfer is closed (${row.outcome ?? 'closed'}); no further action is possible.`,
        row.stage,
      );
    throw error;
  }
}

export function transferView(deps: AppDeps, caseId: string): Promise<TransferView> {
  return answerWithin(() => deps.temporal.workflow.getHandle(transferWorkflowId(caseId)).query(transferViewQuery));
}

/** Records a link on both cases (a durable run per pair); resolves once both sides are recorded. */
export function linkBothWays(deps: AppDeps, caseId: string, otherCaseId: string, actor: Actor): Promise<void> {
  return answerWithin(() =>
    deps.temporal.workflow.execute<typeof linkCases>('linkCases', {
      workflowId: linkWorkflowId(caseId, otherCaseId),
      taskQueue: deps.commands.taskQueue,
      args: [{ caseId, otherCaseId, actor }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  );
}

export function changeTrack(
  deps: AppDeps,
  input: { toVictim: RescreenAsVictimInput } | { toSuspect: RescreenAsSuspectInput },
): Promise<void> {
  const [workflow, caseId, args] =
    'toVictim' in input
      ? (['rescreenAsVictim', input.toVictim.transferId, input.toVictim] as const)
      : (['rescreenAsSuspect', input.toSuspect.victimCaseId, input.toSuspect] as const);
  return answerWithin(() =>
    deps.temporal.workflow.execute<typeof rescreenAsVictim | typeof rescreenAsSuspect>(workflow, {
      workflowId: trackChangeWorkflowId(caseId),
      taskQueue: deps.commands.taskQueue,
      args: [args as never],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  );
}

/** Cases named to link with must exist and be open (a closed case records nothing more). */
export async function linkableOr422(
  deps: AppDeps,
  actor: Actor,
  caseIds: readonly string[],
  fieldOf: (index: number) => string,
  self?: string,
): Promise<void> {
  const errors: FieldError[] = [];
  for (const [index, caseId] of caseIds.entries()) {
    // A case the caller may not see is, to them, no case at all.
    const row =
      caseId === self
        ? undefined
        : await findCaseOr404(deps, actor, caseId, 'case.link').then(
            (found) => found.row,
            () => undefined,
          );
    const reason =
      caseId === self
        ? 'a case cannot be linked to itself'
        : !row
          ? 'no such case'
          : row.status === 'closed'
            ? `the case is closed (${row.outcome ?? 'closed'})`
            : null;
    if (reason) errors.push({ field: fieldOf(index), reason });
  }
  if (errors.length > 0) {
    const problem = problems.refused(errors.map((e) => `${e.field}: ${e.reason}`).join('; '));
    problem.problem.errors = errors;
    throw problem;
  }
}
