import { sql } from 'kysely';
import type { Db } from '../db.js';
import { toStoredEvent, type InlineProjection } from '../event-store.js';
import { caseRow, emptyCaseFold, foldCaseEvent, projectCaseEvents, REPATRIATION_STREAM_TYPE, type CaseRowFold } from './cases.js';

/** Which read models an append updates, by stream type. */
export const inlineProjections: Record<string, InlineProjection> = {
  [REPATRIATION_STREAM_TYPE]: projectCaseEvents,
};

export interface RebuildReport {
  events: number;
  cases: number;
}

/**
 * Rebuilds every read model from the events alone, in one transaction: readers see the old rows
 * until it commits, and appends that arrive meanwhile wait for the lock and then apply on top.
 */
export async function rebuildProjections(db: Db, options: { pageSize?: number; flushSize?: number } = {}): Promise<RebuildReport> {
  const pageSize = options.pageSize ?? 20_000;
  const flushSize = options.flushSize ?? 1_000;
  return db.transaction().execute(async (trx) => {
    await sql`lock table cases in exclusive mode`.execute(trx);
    await trx.deleteFrom('cases').execute();
    const report: RebuildReport = { events: 0, cases: 0 };
    let pending: ReturnType<typeof caseRow>[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      await trx.insertInto('cases').values(pending).execute();
      report.cases += pending.length;
      pending = [];
    };
    let current = null as { streamId: string; fold: CaseRowFold } | null;
    let cursor = { streamId: '', position: 0 };
    for (;;) {
      const page = await trx
        .selectFrom('events')
        .innerJoin('streams', 'streams.stream_id', 'events.stream_id')
        .selectAll('events')
        .where('streams.stream_type', '=', REPATRIATION_STREAM_TYPE)
        .where((eb) =>
          eb.or([
            eb('events.stream_id', '>', cursor.streamId),
            eb.and([eb('events.stream_id', '=', cursor.streamId), eb('events.stream_position', '>', cursor.position)]),
          ]),
        )
        .orderBy('events.stream_id')
        .orderBy('events.stream_position')
        .limit(pageSize)
        .execute();
      for (const row of page) {
        const stored = toStoredEvent(row);
        if (current?.streamId !== stored.streamId) {
          if (current) pending.push(caseRow(current.fold));
          if (pending.length >= flushSize) await flush();
          current = { streamId: stored.streamId, fold: emptyCaseFold() };
        }
        current.fold = foldCaseEvent(current.fold, stored);
        report.events += 1;
      }
      const last = page.at(-1);
      if (!last || page.length < pageSize) break;
      cursor = { streamId: last.stream_id, position: last.stream_position };
    }
    if (current) pending.push(caseRow(current.fold));
    await flush();
    return report;
  });
}
