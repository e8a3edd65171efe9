/** The suspect-transfer workflow's side effect: appending its events with the cases read model. */
import { ApplicationFailure } from '@temporalio/activity';
import type { Actor } from '../domain/shared/actor.js';
import type { Db } from '../store/db.js';
import { appendToStream, WrongExpectedVersion, type AppendResult, type NewEvent } from '../store/event-store.js';
import { caseStreamId } from '../store/projections/cases.js';
import { projectTransferEvents, TRANSFER_STREAM_TYPE } from '../store/projections/transfer-cases.js';

export interface AppendTransferEventsInput {
  caseId: string;
  expectedVersion: number;
  events: NewEvent[];
  actor: Actor;
}

export function createTransferActivities(db: Db) {
  return {
    /** Appends a transfer's events and updates its `cases` row in one transaction; safe to retry. */
    async appendTransferEvents(input: AppendTransferEventsInput): Promise<AppendResult> {
      try {
        return await appendToStream(
          db,
          {
            // Same stream naming as victim cases: a case's history is read the same way for both kinds.
            streamId: caseStreamId(input.caseId),
            streamType: TRANSFER_STREAM_TYPE,
            expectedVersion: input.expectedVersion,
            events: input.events,
            actor: { userId: input.actor.userId, agencyId: input.actor.agencyId },
          },
          projectTransferEvents,
        );
      } catch (error) {
        if (error instanceof WrongExpectedVersion) {
          // The workflow is the stream's only writer; a conflict means a bug, not a transient fault.
          throw ApplicationFailure.nonRetryable(error.message, 'WrongExpectedVersion');
        }
        throw error;
      }
    },
  };
}

export type TransferActivities = ReturnType<typeof createTransferActivities>;
