/**
 * The `cases` read model: one row per case with what lists and dashboards filter on, plus the
 * decider's state as JSON. The same fold serves the live (inline) update and the rebuild.
 */
import type { Insertable, Transaction } from 'kysely';
import { evolve, initialState, type RepatriationEvent, type RepatriationState } from '../../domain/repatriation/index.js';
import { countsAsProgress } from '../../domain/repatriation/events.js';
import type { StoredEvent } from '../event-store.js';
import type { CasesTable, Database } from '../schema.js';

export const REPATRIATION_STREAM_TYPE = 'victim_repatriation';
export const caseStreamId = (caseId: string): string => `case-${caseId}`;
export const caseIdOfStream = (streamId: string): string => streamId.slice('case-'.length);

export interface CaseRowFold {
  state: RepatriationState;
  openedAt: Date | null;
  lastProgressAt: Date | null;
  updatedAt: Date | null;
}

export const emptyCaseFold = (): CaseRowFold => ({ state: initialState(), openedAt: null, lastProgressAt: null, updatedAt: null });

export function foldCaseEvent(fold: CaseRowFold, stored: StoredEvent): CaseRowFold {
  if (stored.streamPosition !== fold.state.version + 1) {
    throw new Error(`cases projection: ${stored.streamId} event ${stored.streamPosition} follows version ${fold.state.version}`);
  }
  const event = { type: stored.type, data: stored.data } as RepatriationEvent;
  return {
    state: evolve(fold.state, event),
    openedAt: fold.openedAt ?? stored.recordedAt,
    lastProgressAt: countsAsProgress(event) ? stored.recordedAt : fold.lastProgressAt,
    updatedAt: stored.recordedAt,
  };
}

export function caseRow(fold: CaseRowFold): Insertable<CasesTable> {
  const s = fold.state;
  if (s.caseId === null || s.stage === null || fold.openedAt === null) throw new Error('cases projection: case not opened');
  return {
    case_id: s.caseId,
    kind: REPATRIATION_STREAM_TYPE,
    stage: s.stage,
    status: s.status === 'closed' ? 'closed' : s.hold ? 'on_hold' : 'open',
    host_country: s.hostCountry!,
    origin_country: s.originCountry!,
    owning_agency_id: s.owningAgencyId!,
    age_group: s.ageGroup!,
    sex: s.sex!,
    on_hold: s.hold !== null,
    hold_reason: s.hold?.reason ?? null,
    hold_review_date: s.hold?.reviewDate ?? null,
    outcome: s.outcome?.code ?? null,
    opened_at: fold.openedAt,
    last_progress_at: fold.lastProgressAt ?? fold.openedAt,
    updated_at: fold.updatedAt ?? fold.openedAt,
    version: s.version,
    state: JSON.stringify(s),
  };
}

/** Inline projection: runs in the append transaction of one case stream. */
export async function projectCaseEvents(trx: Transaction<Database>, events: StoredEvent[]): Promise<void> {
  const first = events[0];
  if (!first) return;
  const caseId = caseIdOfStream(first.streamId);
  const existing = await trx
    .selectFrom('cases')
    .select(['state', 'opened_at', 'last_progress_at', 'updated_at'])
    .where('case_id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  const start: CaseRowFold = existing
    ? {
        state: existing.state as unknown as RepatriationState,
        openedAt: existing.opened_at,
        lastProgressAt: existing.last_progress_at,
        updatedAt: existing.updated_at,
      }
    : emptyCaseFold();
  const row = caseRow(events.reduce(foldCaseEvent, start));
  await trx
    .insertInto('cases')
    .values(row)
    .onConflict((oc) => oc.column('case_id').doUpdateSet((eb) => upsertColumns(eb)))
    .execute();
}

const UPSERT_COLUMNS = [
  'stage',
  'status',
  'origin_country',
  'on_hold',
  'hold_reason',
  'hold_review_date',
  'outcome',
  'last_progress_at',
  'updated_at',
  'version',
  'state',
] as const;

export function upsertColumns(eb: any): Record<string, unknown> {
  return Object.fromEntries(UPSERT_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]));
}
