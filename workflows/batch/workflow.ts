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
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { BatchActivities } from '../../activities/batches.js';
import {
  everyoneAccountedFor,
  handoverBatch as batchDecider,
  progressOf,
  type BatchCommand,
  type BatchEvent,
  type BatchState,
} from '../../domain/handover-batch/index.js';
import type { Actor } from '../../domain/shared/actor.js';
import { activityOptions } from '../shared/activity-options.js';
import { createRunner, handlersFinished, openedWithin } from '../shared/runner.js';
import { batchCommandUpdate, batchViewQuery, planBatchUpdate, type BatchView, type BatchWorkflowInput, type CaseTask } from './messages.js';

const { appendBatchEvents } = proxyActivities<BatchActivities>(
  activityOptions('1 minute', ['WrongExpectedVersion', 'BatchAdmissionRefused']),
);
const { advanceBatchCases } = proxyActivities<BatchActivities>(activityOptions('5 minutes'));

/** People per activity, and activities at once: 2,500 people take 25 activities per step. */
const CHUNK = 100;
const PARALLEL_CHUNKS = 4;
const DEFAULT_HISTORY_BUDGET = 5_000;

export async function handoverBatch(input: BatchWorkflowInput): Promise<BatchView> {
  const queue: CaseTask[] = input.carried?.queue ?? [];
  // One writer at a time: commands and recorded case outcomes each append at the version they saw.
  const runner = createRunner({
    decider: batchDecider,
    state: input.carried?.state ?? batchDecider.initialState(),
    append: async (expectedVersion, events, actor, decided) => {
      const state = runner.state;
      const added = decided.flatMap((e) => (e.type === 'BatchCasesAdded' ? e.data.caseIds : []));
      const admission = added.length > 0 ? { caseIds: added, fromCountry: state.fromCountry!, toCountry: state.toCountry! } : null;
      try {
        await appendBatchEvents({ batchId: input.batchId, expectedVersion, events, actor, admission });
      } catch (error) {
        throw asRefusal(error, state);
      }
    },
    onRecorded: (before, after, events, actor) => {
      queue.push(...followUps(before, after, events, actor));
      if (after.status === 'cancelled') queue.length = 0;
    },
    stageOf: (state) => state.status,
  });

  const view = (result: BatchView['result'] = null): BatchView => {
    const state = runner.state;
    return {
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
    };
  };

  const run = runner.run((_recorded, command, events) => view(bulkResult(command, events)));
  setHandler(planBatchUpdate, run, { validator: runner.validate });
  setHandler(batchCommandUpdate, run, { validator: runner.validate });
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
        await runner.exclusive(async () => {
          const done = new Set(caseIds);
          const event: BatchEvent = { type: 'CasesAdvanced', data: { step: task.step, ...outcome } };
          await runner.record([event], task.actor, 'advance_cases');
          task.caseIds = task.caseIds.filter((id) => !done.has(id));
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_CHUNKS, chunks.length) }, lane));
  };

  const finished = () => runner.state.status === 'closed' || runner.state.status === 'cancelled';
  const closable = () => runner.state.status === 'locked' && queue.length === 0 && everyoneAccountedFor(runner.state);
  const historyBudget = input.continueAsNewAfterEvents ?? DEFAULT_HISTORY_BUDGET;
  const handOver = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyBudget;

  if (!(await openedWithin(() => runner.state.status !== 'new', '1 day'))) {
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
      await runner.exclusive(async () => {
        if (closable()) await runner.record(runner.decide({ type: 'close' }, SYSTEM), SYSTEM, 'close');
      });
    } else {
      // Hand over between tasks only, once every accepted command has recorded its events.
      await handlersFinished();
      if (queue.length === 0 && !runner.busy && !finished()) {
        return continueAsNew<typeof handoverBatch>({ ...input, carried: { state: runner.state, queue } });
      }
    }
  }
  await handlersFinished();
  return view();
}

/** The batch closes itself; the history names the workflow, not a person, as the actor. */
const SYSTEM: Actor = { userId: 'system:handover-batch', agencyId: 'system', role: 'system' };

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
