/**
 * The handover-batch workflow's side effects: appending its events (with the admission check and the
 * manifest lines, which never pass through the workflow), and driving each person's own case.
 * Both are idempotent: appends by event id and expected version, case steps by update id.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { CaseStep, ManifestNotice } from '../domain/handover-batch/index.js';
import type { Action } from '../domain/repatriation/index.js';
import type { Actor } from '../domain/shared/actor.js';
import type { Db } from '../store/db.js';
import { appendToStream, WrongExpectedVersion, type NewEvent } from '../store/event-store.js';
import { admitCases, manifestEntries } from '../store/projections/batch-admission.js';
import { enqueueNotices } from '../store/projections/batch-notices.js';
import { BatchAdmissionRefused, BATCH_STREAM_TYPE, batchStreamId, projectBatchEvents } from '../store/projections/batches.js';
import { caseWorkflowId, performActionUpdate } from '../workflows/repatriation/messages.js';

export interface AppendBatchEventsInput {
  batchId: string;
  expectedVersion: number;
  events: NewEvent[];
  actor: Actor;
  /** Cases this append adds: checked ready for handover, and claimed, in the append's transaction. */
  admission: { caseIds: string[]; fromCountry: string; toCountry: string } | null;
}

export interface AdvanceCasesInput {
  batchId: string;
  step: CaseStep;
  caseIds: string[];
  actor: Actor;
  round: number;
  schedule: { date: string; crossingPoint: string } | null;
}

export interface AdvanceCasesResult {
  advanced: string[];
  refused: { caseId: string; reason: string }[];
}

/** Updates in flight per activity: enough to keep the server busy, few enough not to swamp it. */
const CASES_IN_FLIGHT = 20;

export function createBatchActivities(db: Db) {
  return {
    async appendBatchEvents(input: AppendBatchEventsInput): Promise<{ nextVersion: number; alreadyAppended: boolean }> {
      const events = await withManifestLines(db, input.batchId, input.events);
      try {
        return await appendToStream(
          db,
          {
            streamId: batchStreamId(input.batchId),
            streamType: BATCH_STREAM_TYPE,
            expectedVersion: input.expectedVersion,
            events,
            actor: { userId: input.actor.userId, agencyId: input.actor.agencyId },
          },
          async (trx, stored) => {
            if (input.admission) await admitCases(trx, input.batchId, input.admission);
            await projectBatchEvents(trx, stored);
            await enqueueNotices(trx, stored);
          },
        );
      } catch (error) {
        if (error instanceof WrongExpectedVersion) throw ApplicationFailure.nonRetryable(error.message, 'WrongExpectedVersion');
        if (error instanceof BatchAdmissionRefused) {
          throw ApplicationFailure.create({
            type: 'BatchAdmissionRefused',
            message: error.message,
            nonRetryable: true,
            details: [error.problems],
          });
        }
        throw error;
      }
    },

    /** Drives one step of the batch on each person's own case workflow. */
    async advanceBatchCases(input: AdvanceCasesInput): Promise<AdvanceCasesResult> {
      const client = Context.current().client;
      const result: AdvanceCasesResult = { advanced: [], refused: [] };
      let next = 0;
      const lane = async () => {
        while (next < input.caseIds.length) {
          const caseId = input.caseIds[next++]!;
          const refusal = await advanceOne(client, db, input, caseId);
          if (refusal === null) result.advanced.push(caseId);
          else result.refused.push({ caseId, reason: refusal });
        }
      };
      await Promise.all(Array.from({ length: Math.min(CASES_IN_FLIGHT, input.caseIds.length) }, lane));
      return result;
    },
  };
}

export type BatchActivities = ReturnType<typeof createBatchActivities>;

/** The notice's manifest lines are read from the cases read model here, never carried by the workflow. */
async function withManifestLines(db: Db, batchId: string, events: NewEvent[]): Promise<NewEvent[]> {
  const notice = events.find((e) => e.type === 'ManifestIssued');
  if (!notice) return events;
  const data = notice.data as unknown as ManifestNotice;
  const entries = await manifestEntries(db, batchId, { added: data.added, removed: data.removed });
  return events.map((e) => (e === notice ? { ...e, data: { ...e.data, people: entries.length, entries } } : e));
}

/** Returns null when the case took the step (now or earlier), or the reason it refused. */
async function advanceOne(client: Client, db: Db, input: AdvanceCasesInput, caseId: string): Promise<string | null> {
  const command: Action =
    input.step === 'schedule'
      ? { type: 'schedule_handover', date: input.schedule!.date, crossingPoint: input.schedule!.crossingPoint }
      : { type: 'confirm_handover', side: input.step };
  // One update id per batch, step, notice round and person: a retried activity asks each case once.
  const updateId = `batch-${input.batchId}-${input.step}-${input.round}-${caseId}`;
  try {
    await client.workflow
      .getHandle(caseWorkflowId(caseId))
      .executeUpdate(performActionUpdate, { args: [{ command, actor: input.actor }], updateId });
    return null;
  } catch (error) {
    const refused = error instanceof WorkflowUpdateFailedError ? (error.cause?.message ?? error.message) : null;
    const gone = error instanceof WorkflowNotFoundError || (error instanceof Error && /already completed/i.test(error.message));
    if (refused === null && !gone) throw error; // transient: the activity is retried, the update id keeps it once
    if (await stepAlreadyTaken(db, caseId, input)) return null;
    return refused ?? 'the case is closed';
  }
}

/** A step refused because it was already taken (by an earlier attempt, or by hand) counts as done. */
async function stepAlreadyTaken(db: Db, caseId: string, input: AdvanceCasesInput): Promise<boolean> {
  const row = await db.selectFrom('cases').select(['stage', 'state']).where('case_id', '=', caseId).executeTakeFirst();
  if (!row) return false;
  const facts = (
    row.state as { facts?: { handover?: { date: string; crossingPoint: string } | null; handoverConfirmedBy?: Record<string, boolean> } }
  ).facts;
  if (row.stage !== 'handover') return ['escort', 'reintegration'].includes(row.stage);
  if (input.step === 'schedule')
    return facts?.handover?.date === input.schedule?.date && facts?.handover?.crossingPoint === input.schedule?.crossingPoint;
  return facts?.handoverConfirmedBy?.[input.step] === true;
}
