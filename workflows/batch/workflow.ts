/**
 * One handover batch as a durable workflow: a runner of the batch decider, plus the driver that
 * carries each recorded step (schedule, sending and receiving confirmations) onto every person's own
 * case. Commands answer once the batch's events are committed; the people's cases follow in chunks,
 * in order, each chunk's outcome recorded as a `CasesAdvanced` event. The history stays short:
 * chunks of many people per activity, and a fresh run (continue-as-new) when it grows.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { BatchActivities } from '../../activities/batches.js';
import {
  decide,
  evolve,
  everyoneAccountedFor,
  initialState,
  progressOf,
  type BatchCommand,
  type BatchEvent,
  type BatchState,
} from '../../domain/handover-batch/index.js';
import type { Actor } from '../../domain/shared/actor.js';
import { CommandRejected } from '../../domain/shared/rejection.js';
import {
  batchCommandUpdate,
  batchViewQuery,
  planBatchUpdate,
  type BatchCommandInput,
  type BatchView,
  type BatchWorkflowInput,
  type CaseTask,
} from './messages.js';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;
const { appendBatchEvents } = proxyActivities<BatchActivities>({
  startToCloseTimeout: '1 minute',
  retry: { ...retry, nonRetryableErrorTypes: ['WrongExpectedVersion', 'BatchAdmissionRefused'] },
});
const { advanceBatchCases } = proxyActivities<BatchActivities>({ startToCloseTimeout: '5 minutes', retry });

/** People per activity, and activities at once: 2,500 people take 25 activities per step. */
const CHUNK = 100;
const PARALLEL_CHUNKS = 4;
const OPEN_WITHIN = '1 day';
const DEFAULT_HISTORY_BUDGET = 5_000;

export async function handoverBatch(input: BatchWorkflowInput): Promise<BatchView> {
  let state: BatchState = input.carried?.state ?? initialState();
  const queue: CaseTask[] = input.carried?.queue ?? [];
  // Writes queue up in order: each appends at the version the previous one left. (A flag polled
  // with `condition` would let two waiters through in the same activation.)
  let writes: Promise<unknown> = Promise.resolve();
  let writing = 0;

  const view = (result: BatchView['result'] = null): BatchView => ({
    batchId: input.batchId,
    version: state.version,
    status: state.status,
    crossingPoint: state.crossingPoint,
    plannedDate: state.plannedDate,
    sendingAgencyId: state.sendingAgencyId,
    receivingAgencyId: state.receivingAgencyId,
    fromCountry: state.fromCountry,
    toCountry: state.toCountry,
    manifestVersion: state.manifestVersion,
    progress: { ...progressOf(state), casesPending: queue.reduce((n, task) => n + task.caseIds.length, 0) },
    result,
  });

  /** One writer at a time: commands and recorded case outcomes each append at the version they saw. */
  const exclusively = <T>(work: () => Promise<T>): Promise<T> => {
    writing += 1;
    const turn = writes.then(work).finally(() => {
      writing -= 1;
    });
    writes = turn.catch(() => undefined);
    return turn;
  };

  const record = async (events: BatchEvent[], actor: Actor, commandType: string): Promise<void> => {
    const commandId = currentUpdateInfo()?.id ?? null;
    const stamped = events.map((e) => ({
      eventId: uuid4(),
      type: e.type,
      data: e.data as unknown as Record<string, unknown>,
      metadata: { commandId, commandType },
    }));
    const added = events.flatMap((e) => (e.type === 'BatchCasesAdded' ? e.data.caseIds : []));
    const admission = added.length > 0 ? { caseIds: added, fromCountry: state.fromCountry!, toCountry: state.toCountry! } : null;
    try {
      await appendBatchEvents({ batchId: input.batchId, expectedVersion: state.version, events: stamped, actor, admission });
    } catch (error) {
      throw asRefusal(error, state);
    }
    const before = state;
    state = events.reduce(evolve, state);
    queue.push(...followUps(before, state, events, actor));
    if (state.status === 'cancelled') queue.length = 0;
  };

  const validate = ({ command, actor }: BatchCommandInput<BatchCommand>): void => {
    decideOrFail(command, actor, state);
  };

  const run = ({ command, actor }: BatchCommandInput<BatchCommand>): Promise<BatchView> =>
    exclusively(async () => {
      const events = decideOrFail(command, actor, state);
      if (events.length > 0) await record(events, actor, command.type);
      return view(bulkResult(command, events));
    });

  setHandler(planBatchUpdate, run, { validator: validate });
  setHandler(batchCommandUpdate, run, { validator: validate });
  setHandler(batchViewQuery, () => view());

  /** Drives one task's step on its people's cases, a few chunks at a time, recording each chunk. */
  const drive = async (task: CaseTask): Promise<void> => {
    const chunks: string[][] = [];
    for (let i = 0; i < task.caseIds.length; i += CHUNK) chunks.push(task.caseIds.slice(i, i + CHUNK));
    let next = 0;
    const lane = async () => {
      while (next < chunks.length) {
        const caseIds = chunks[next++]!;
        const outcome = await advanceBatchCases({
          batchId: input.batchId,
          step: task.step,
          caseIds,
          actor: task.actor,
          round: task.round,
          schedule: task.schedule,
        });
        await exclusively(async () => {
          const done = new Set(caseIds);
          const event: BatchEvent = { type: 'CasesAdvanced', data: { step: task.step, ...outcome } };
          await record([event], task.actor, 'advance_cases');
          task.caseIds = task.caseIds.filter((id) => !done.has(id));
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_CHUNKS, chunks.length) }, lane));
  };

  const finished = () => state.status === 'closed' || state.status === 'cancelled';
  const closable = () => state.status === 'locked' && queue.length === 0 && everyoneAccountedFor(state);
  const historyBudget = input.continueAsNewAfterEvents ?? DEFAULT_HISTORY_BUDGET;
  const handOver = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyBudget;

  if (state.status === 'new' && !(await condition(() => state.status !== 'new', OPEN_WITHIN))) {
    log.warn('Batch workflow ended: never planned', { batchId: input.batchId });
    return view();
  }
  for (;;) {
    await condition(() => queue.length > 0 || finished() || closable() || handOver());
    if (queue.length > 0) {
      await drive(queue[0]!);
      queue.shift();
    } else if (finished()) {
      break;
    } else if (closable()) {
      await exclusively(async () => {
        if (closable()) await record(decideOrFail({ type: 'close' }, SYSTEM, state), SYSTEM, 'close');
      });
    } else {
      // Hand over between tasks only, once every accepted command has recorded its events.
      await condition(allHandlersFinished);
      if (queue.length === 0 && writing === 0 && !finished()) {
        return continueAsNew<typeof handoverBatch>({ ...input, carried: { state, queue } });
      }
    }
  }
  await condition(allHandlersFinished);
  return view();
}

/** The batch closes itself; the history names the workflow, not a person, as the actor. */
const SYSTEM: Actor = { userId: 'system:handover-batch', agencyId: 'system', role: 'system' };

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * What each recorded change asks of the people's own cases: the lock (and any later change of date,
 * place or list) schedules their handover; a person handed over by both sides has both sides'
 * confirmations recorded on their case, each in the name of the official who signed. A person
 * confirmed by one side only and then excluded leaves their case untouched, free for a later batch.
 */
function followUps(before: BatchState, after: BatchState, events: BatchEvent[], actor: Actor): CaseTask[] {
  const schedule = { date: after.plannedDate!, crossingPoint: after.crossingPoint! };
  const task = (step: CaseTask['step'], caseIds: string[], by = actor): CaseTask => ({
    step,
    caseIds,
    actor: by,
    round: after.manifestVersion,
    schedule: step === 'schedule' ? schedule : null,
  });
  const inBatch = () =>
    Object.entries(after.members)
      .filter(([, m]) => m.status === 'in_batch')
      .map(([id]) => id);
  const tasks: CaseTask[] = [];
  for (const event of events) {
    if (event.type === 'BatchLocked' || (event.type === 'BatchRescheduled' && before.status === 'locked'))
      tasks.push(task('schedule', inBatch()));
    else if (event.type === 'BatchCasesAdded' && before.status === 'locked') tasks.push(task('schedule', event.data.caseIds));
    else if (event.type === 'HandoverConfirmedInBatch') {
      const handedOver = event.data.caseIds.filter((id) => after.members[id]?.status === 'handed_over');
      for (const side of ['sending', 'receiving'] as const) {
        const bySigner = new Map<number | null, string[]>();
        for (const id of handedOver) {
          const signer = after.members[id]![side === 'sending' ? 'sendingBy' : 'receivingBy'] ?? null;
          const same = bySigner.get(signer);
          if (same) same.push(id);
          else bySigner.set(signer, [id]);
        }
        for (const [signer, caseIds] of bySigner)
          tasks.push(task(side, caseIds, (signer === null ? undefined : after.confirmers[signer]) ?? actor));
      }
    }
  }
  return tasks.filter((t) => t.caseIds.length > 0);
}

function bulkResult(command: BatchCommand, events: BatchEvent[]): BatchView['result'] {
  const requested =
    command.type === 'confirm_handover'
      ? command.caseIds.length
      : command.type === 'exclude'
        ? new Set(command.exclusions.map((e) => e.caseId)).size
        : null;
  if (requested === null) return null;
  const recorded = events.reduce(
    (n, e) =>
      n + (e.type === 'HandoverConfirmedInBatch' ? e.data.caseIds.length : e.type === 'PersonsExcluded' ? e.data.exclusions.length : 0),
    0,
  );
  return { recorded, alreadyRecorded: requested - recorded };
}

function decideOrFail(command: BatchCommand, actor: Actor, state: BatchState): BatchEvent[] {
  try {
    return decide({ command, actor, today: today() }, state);
  } catch (error) {
    if (error instanceof CommandRejected) {
      throw ApplicationFailure.create({
        type: 'CommandRejected',
        message: error.message,
        nonRetryable: true,
        details: [{ kind: error.kind, stage: error.stage }],
      });
    }
    throw error;
  }
}

/** A case the store refused to admit (claimed by another batch, or not ready) fails the command, not the batch. */
function asRefusal(error: unknown, state: BatchState): unknown {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === 'BatchAdmissionRefused') {
    return ApplicationFailure.create({
      type: 'BatchAdmissionRefused',
      message: error.cause.message,
      nonRetryable: true,
      details: [{ kind: 'admission', stage: state.status, problems: error.cause.details?.[0] ?? [] }],
    });
  }
  return error;
}
