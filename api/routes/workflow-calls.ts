/**
 * Calling transfer, batch and link workflows from the API: answer within a deadline (503 asks the
 * caller to resend with the same Idempotency-Key), and refusals translated into problems.
 */
import { WorkflowFailedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { RejectionKind } from '../../domain/shared/rejection.js';
import { rejectionProblem } from '../case-commands.js';
import { HttpProblem, problems, type FieldError } from '../problem.js';

export const ANSWER_WITHIN_MS = 30_000;

export class WorkflowGone extends Error {}

export async function answerWithin<T>(send: () => Promise<T>, ms = ANSWER_WITHIN_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(problems.unavailable('The workflow did not answer in time. Nothing is lost: retry with the same Idempotency-Key.')),
      ms,
    );
  });
  try {
    return await Promise.race([send().catch(translateFailure), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface AdmissionDetail {
  kind: 'admission';
  stage: string;
  problems: { caseId: string; reason: string }[];
}

/** Business failures from an update (or a link workflow's activity) become 409/422 problems. */
export function translateFailure(error: unknown): never {
  const failure = applicationFailureOf(error);
  if (failure?.type === 'CommandRejected' || failure?.type === 'LinkRefused') {
    const [detail] = (failure.details ?? []) as { kind?: RejectionKind; stage?: string }[];
    throw rejectionProblem(detail?.kind ?? 'rule', failure.message, detail?.stage);
  }
  if (failure?.type === 'BatchAdmissionRefused') {
    const [detail] = (failure.details ?? []) as AdmissionDetail[];
    const errors: FieldError[] = (detail?.problems ?? []).map((p) => ({ field: `case ${p.caseId}`, reason: p.reason }));
    const problem = problems.conflict(
      'case-not-admitted',
      `${errors.length} case(s) cannot join this batch; nothing was changed.`,
      detail?.stage,
    );
    problem.problem.errors = errors;
    throw problem;
  }
  if (error instanceof WorkflowNotFoundError || (error instanceof Error && /already completed/i.test(error.message)))
    throw new WorkflowGone(error.message);
  throw error;
}

function applicationFailureOf(error: unknown): ApplicationFailure | undefined {
  let cause: unknown = error;
  // An update's failure, or a workflow's failure caused by an activity's: look down the chain.
  for (let depth = 0; depth < 4 && cause; depth++) {
    if (cause instanceof ApplicationFailure) return cause;
    cause =
      cause instanceof WorkflowUpdateFailedError || cause instanceof WorkflowFailedError || cause instanceof Error
        ? (cause as Error).cause
        : undefined;
  }
  return undefined;
}

/** Maps the problems' case ids back to the request's fields, e.g. `body.add[3]`. */
export function namingFields(problem: HttpProblem, field: string, caseIds: readonly string[]): HttpProblem {
  problem.problem.errors = problem.problem.errors?.map((e) => {
    const caseId = e.field.replace(/^case /, '');
    const index = caseIds.indexOf(caseId);
    return index >= 0 ? { field: `${field}[${index}]`, reason: `${caseId}: ${e.reason}` } : e;
  });
  return problem;
}
