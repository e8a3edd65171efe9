/**
 * How a workflow that fell behind its stream catches up: after a worker died between an append
 * that committed and the workflow task that would have seen it, the workflow's next append at its
 * old version conflicts. It then reads what its stream holds after its version (this activity) and
 * folds what it recorded itself (see workflows/shared/runner.ts).
 */
import type { Db } from '../store/db.js';
import { readStream } from '../store/event-store.js';
import { caseStreamId } from '../store/projections/cases.js';

/** An event as a workflow catching up receives it: enough to fold it and to recognise its own. */
export interface StreamEvent {
  eventId: string;
  streamPosition: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface EventsAfterInput {
  caseId: string;
  /** The workflow's version: the events after it are returned, in order. */
  after: number;
}

export function createCatchUpActivities(db: Db) {
  return {
    /** The events of a case's stream (victim or transfer) after a version; read only, so safe to retry. */
    async caseEventsAfter(input: EventsAfterInput): Promise<StreamEvent[]> {
      const stored = await readStream(db, caseStreamId(input.caseId), { after: input.after });
      return stored.map(({ eventId, streamPosition, type, data, metadata }) => ({ eventId, streamPosition, type, data, metadata }));
    },
  };
}

export type CatchUpActivities = ReturnType<typeof createCatchUpActivities>;
