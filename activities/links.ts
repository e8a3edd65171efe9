/**
 * Side effects of linking cases and changing a person's track: each asks a case's own workflow to
 * record its side (or to open, or to end), with an update id derived from the request, and first
 * checks the history so a retried activity or a repeated request records nothing twice.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { resolveDeadlinePolicy, type DeadlineOverrides, type OpenCase } from '../domain/repatriation/index.js';
import type { Actor } from '../domain/shared/actor.js';
import type { OpenTransfer } from '../domain/suspect-transfer/index.js';
import type { Db } from '../store/db.js';
import { caseStreamId } from '../store/projections/cases.js';
import { TRANSFER_STREAM_TYPE } from '../store/projections/transfer-cases.js';
import {
  recordTransferMatchUpdate,
  recordVictimLinkUpdate,
  recordVictimMatchUpdate,
  type PersonMatchInput,
} from '../workflows/case-links/messages.js';
import { caseWorkflowId, newCaseInput, openCaseUpdate, performActionUpdate } from '../workflows/repatriation/messages.js';
import type { repatriationCase } from '../workflows/repatriation/workflow.js';
import { openTransferUpdate, performTransferActionUpdate, transferWorkflowId } from '../workflows/suspect-transfer/messages.js';
import type { suspectTransfer } from '../workflows/suspect-transfer/workflow.js';

export interface RecordLinkInput {
  caseId: string;
  otherCaseId: string;
  actor: Actor;
}

export type EndCaseInput =
  | { kind: 'victim'; caseId: string; reason: 'transferred_to_suspect_track'; actor: Actor }
  | { kind: 'transfer'; caseId: string; reason: 'rescreened_as_victim'; victimCaseId: string; actor: Actor };

export function createLinkActivities(db: Db, settings: { deadlineOverrides?: DeadlineOverrides } = {}) {
  const caseRow = (caseId: string) =>
    db.selectFrom('cases').select(['kind', 'status', 'outcome']).where('case_id', '=', caseId).executeTakeFirst();

  return {
    /** Records on `caseId` its link to `otherCaseId`, unless its history already holds it. */
    async recordCaseLink(input: RecordLinkInput): Promise<'recorded' | 'already'> {
      const linked = await db
        .selectFrom('events')
        .select('event_id')
        .where('stream_id', '=', caseStreamId(input.caseId))
        .where('type', '=', 'CaseLinked')
        .where((eb) => eb(eb.ref('data', '->>').key('caseId'), '=', input.otherCaseId))
        .executeTakeFirst();
      if (linked) return 'already';
      const row = await caseRow(input.caseId);
      if (!row) throw refused(`No case ${input.caseId}.`, 'rule');
      const client = Context.current().client;
      const updateId = `link-${input.caseId}-${input.otherCaseId}`;
      const command = { type: 'link_case' as const, caseId: input.otherCaseId };
      await asRefusal(() =>
        row.kind === TRANSFER_STREAM_TYPE
          ? client.workflow
              .getHandle(transferWorkflowId(input.caseId))
              .executeUpdate(performTransferActionUpdate, { args: [{ command, actor: input.actor }], updateId })
          : client.workflow
              .getHandle(caseWorkflowId(input.caseId))
              .executeUpdate(recordVictimLinkUpdate, { args: [{ command, actor: input.actor }], updateId }),
      );
      return 'recorded';
    },

    /** Records on `caseId` a match decision about `otherCaseId`, unless its history already holds this decision. */
    async recordPersonMatch(input: PersonMatchInput): Promise<'recorded' | 'already'> {
      const updateId = `match-${input.decisionId}-${input.caseId}`;
      const done = await db
        .selectFrom('events')
        .select('event_id')
        .where('stream_id', '=', caseStreamId(input.caseId))
        .where((eb) => eb(eb.ref('metadata', '->>').key('commandId'), '=', updateId))
        .executeTakeFirst();
      if (done) return 'already';
      const row = await caseRow(input.caseId);
      if (!row) throw refused(`No case ${input.caseId}.`, 'rule');
      const client = Context.current().client;
      const args = [
        { command: { type: 'record_match_decision' as const, caseId: input.otherCaseId, decision: input.decision }, actor: input.actor },
      ] as const;
      await asRefusal(() =>
        row.kind === TRANSFER_STREAM_TYPE
          ? client.workflow
              .getHandle(transferWorkflowId(input.caseId))
              .executeUpdate(recordTransferMatchUpdate, { args: [...args], updateId })
          : client.workflow.getHandle(caseWorkflowId(input.caseId)).executeUpdate(recordVictimMatchUpdate, { args: [...args], updateId }),
      );
      return 'recorded';
    },

    /** Opens the victim case a re-screened suspect becomes (same person, new case). */
    async openVictimCase(input: { command: OpenCase; actor: Actor }): Promise<void> {
      if (await caseRow(input.command.caseId)) return;
      const start = new WithStartWorkflowOperation<typeof repatriationCase>('repatriationCase', {
        workflowId: caseWorkflowId(input.command.caseId),
        taskQueue: Context.current().info.taskQueue,
        args: [newCaseInput(input.command.caseId)],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      const client = Context.current().client;
      await asRefusal(() =>
        client.workflow.executeUpdateWithStart(openCaseUpdate, {
          args: [
            {
              ...input,
              deadlinePolicy: resolveDeadlinePolicy(input.command.hostCountry, input.command.originCountry, settings.deadlineOverrides),
            },
          ],
          updateId: `open-${input.command.caseId}`,
          startWorkflowOperation: start,
        }),
      );
    },

    /** Opens the suspect transfer a re-screened victim becomes (same person, new case). */
    async openTransferCase(input: { command: OpenTransfer; actor: Actor }): Promise<void> {
      if (await caseRow(input.command.caseId)) return;
      const start = new WithStartWorkflowOperation<typeof suspectTransfer>('suspectTransfer', {
        workflowId: transferWorkflowId(input.command.caseId),
        taskQueue: Context.current().info.taskQueue,
        args: [{ caseId: input.command.caseId }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      const client = Context.current().client;
      await asRefusal(() =>
        client.workflow.executeUpdateWithStart(openTransferUpdate, {
          args: [input],
          updateId: `open-${input.command.caseId}`,
          startWorkflowOperation: start,
        }),
      );
    },

    /** Closes the case the person leaves, with the track change as its reason (once). */
    async endCaseForTrackChange(input: EndCaseInput): Promise<void> {
      const row = await caseRow(input.caseId);
      if (row?.status === 'closed' && row.outcome === input.reason) return;
      const client = Context.current().client;
      const updateId = `track-change-end-${input.caseId}`;
      await asRefusal(() =>
        input.kind === 'transfer'
          ? client.workflow.getHandle(transferWorkflowId(input.caseId)).executeUpdate(performTransferActionUpdate, {
              args: [{ command: { type: 'end_transfer', reason: input.reason, victimCaseId: input.victimCaseId }, actor: input.actor }],
              updateId,
            })
          : client.workflow.getHandle(caseWorkflowId(input.caseId)).executeUpdate(performActionUpdate, {
              args: [{ command: { type: 'end_case', reason: input.reason }, actor: input.actor }],
              updateId,
            }),
      );
    },
  };
}

export type LinkActivities = ReturnType<typeof createLinkActivities>;

function refused(message: string, kind: string, stage?: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'LinkRefused', message, nonRetryable: true, details: [{ kind, stage }] });
}

/** A case that refuses (closed, or a rule) ends the orchestration with its reason; anything else is retried. */
async function asRefusal(send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof Error) {
      const [detail] = ((error.cause as ApplicationFailure).details ?? []) as { kind?: string; stage?: string }[];
      throw refused(error.cause.message, detail?.kind ?? 'rule', detail?.stage);
    }
    if (error instanceof WorkflowNotFoundError || (error instanceof Error && /already completed/i.test(error.message))) {
      throw refused('The case is closed; it cannot be linked or changed.', 'closed');
    }
    throw error;
  }
}
