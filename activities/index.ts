/**
 * Activities: the only place workflows touch the outside world. Each is idempotent, because
 * Temporal retries it after any failure, including one that happens after the work committed.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { resolveDeadlinePolicy, type DeadlineOverrides, type DeadlinePolicy } from '../domain/repatriation/index.js';
import type { Actor } from '../domain/shared/actor.js';
import type { Country } from '../domain/shared/countries.js';
import type { Db } from '../store/db.js';
import { appendToStream, WrongExpectedVersion, type AppendResult, type NewEvent } from '../store/event-store.js';
import { caseStreamId, projectCaseEvents, REPATRIATION_STREAM_TYPE } from '../store/projections/cases.js';
import { audit } from '../store/audit.js';
import { createBatchActivities } from './batches.js';
import { createCatchUpActivities } from './catch-up.js';
import { createLinkActivities } from './links.js';
import { createTransferActivities } from './transfers.js';

export interface AppendCaseEventsInput {
  caseId: string;
  expectedVersion: number;
  events: NewEvent[];
  actor: Actor;
}

/** Faults to inject in tests, to prove retries are safe. Never set in production. */
export interface ActivityFaults {
  /** Return true to throw after the append has committed (a lost acknowledgement). */
  failAfterCommit?: (input: AppendCaseEventsInput, attempt: number) => boolean;
}

export interface ActivitySettings {
  /** Per-corridor deadline overrides from configuration. */
  deadlineOverrides?: DeadlineOverrides;
}

export function createActivities(db: Db, faults: ActivityFaults = {}, settings: ActivitySettings = {}) {
  return {
    // Suspect transfers and handover batches (their workflows name only their own activities).
    ...createTransferActivities(db),
    ...createBatchActivities(db),
    ...createLinkActivities(db, settings),
    ...createCatchUpActivities(db),
    /** The deadlines in force for a corridor, from configuration; recorded on the case by its workflow. */
    async deadlinePolicyFor(corridor: { hostCountry: Country; originCountry: Country }): Promise<DeadlinePolicy> {
      return resolveDeadlinePolicy(corridor.hostCountry, corridor.originCountry, settings.deadlineOverrides);
    },

    /** Appends a case's events and updates its read models in one transaction. */
    async appendCaseEvents(input: AppendCaseEventsInput): Promise<AppendResult> {
      let result: AppendResult;
      try {
        result = await appendToStream(
          db,
          {
            streamId: caseStreamId(input.caseId),
            streamType: REPATRIATION_STREAM_TYPE,
            expectedVersion: input.expectedVersion,
            events: input.events,
            actor: { userId: input.actor.userId, agencyId: input.actor.agencyId },
          },
          async (trx, stored) => {
            await projectCaseEvents(trx, stored);
            // The action's audit entry commits with its events: no action without its trace.
            const commandType = String(stored[0]?.metadata.commandType ?? 'unknown');
            await audit(trx, {
              actor: input.actor,
              action: `case.${commandType}`,
              outcome: 'ok',
              caseId: input.caseId,
              detail: { events: stored.map((e) => e.type) },
            });
          },
        );
      } catch (error) {
        if (error instanceof WrongExpectedVersion) {
          // The workflow is the stream's only writer; a conflict means a bug, not a transient fault.
          throw ApplicationFailure.nonRetryable(error.message, 'WrongExpectedVersion');
        }
        throw error;
      }
      if (faults.failAfterCommit?.(input, Context.current().info.attempt)) {
        throw new Error('injected fault: acknowledgement lost after commit');
      }
      return result;
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
