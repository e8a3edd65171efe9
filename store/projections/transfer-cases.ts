/**
 * Suspect transfers in the `cases` read model, beside victim cases, so one list (GET /v1/cases)
 * shows both kinds. The row's columns read the same for both: `host_country` is the country holding
 * the person, `origin_country` the country receiving them. A transfer records no sex or age group.
 */
import type { Insertable, Transaction } from 'kysely';
import {
  countsAsProgress,
  evolve,
  initialState,
  transferParties,
  type SuspectTransferEvent,
  type SuspectTransferState,
} from '../../domain/suspect-transfer/index.js';
import type { StoredEvent } from '../event-store.js';
import type { CasesTable, Database } from '../schema.js';
import { caseIdOfStream, upsertColumns } from './cases.js';
import { copyRows, type RebuildSession } from './rebuild-io.js';
import { eventPages, type FoldedEvent } from './rebuild-read.js';

export const TRANSFER_STREAM_TYPE = 'suspect_transfer';
export const NOT_RECORDED = 'not_recorded';

export interface TransferRowFold {
  state: SuspectTransferState;
  openedAt: Date | null;
  lastProgressAt: Date | null;
  updatedAt: Date | null;
}

export const emptyTransferFold = (): TransferRowFold => ({ state: initialState(), openedAt: null, lastProgressAt: null, updatedAt: null });

export function foldTransferEvent(fold: TransferRowFold, stored: FoldedEvent): TransferRowFold {
  if (stored.streamPosition !== fold.state.version + 1) {
    throw new Error(`cases projection: ${stored.streamId} event ${stored.streamPosition} follows version ${fold.state.version}`);
  }
  const event = { type: stored.type, data: stored.data } as SuspectTransferEvent;
  return {
    state: evolve(fold.state, event),
    openedAt: fold.openedAt ?? stored.recordedAt,
    lastProgressAt: countsAsProgress(event) ? stored.recordedAt : fold.lastProgressAt,
    updatedAt: stored.recordedAt,
  };
}

export function transferRow(fold: TransferRowFold): Insertable<CasesTable> {
  const record = transferRecord(fold);
  return { ...record, state: JSON.stringify(record.state) };
}

/** The transfer's row with its state as an object, as the rebuild writes it. */
function transferRecord(fold: TransferRowFold) {
  const s = fold.state;
  if (s.caseId === null || s.stage === null || fold.openedAt === null) throw new Error('cases projection: transfer not opened');
  return {
    case_id: s.caseId,
    kind: TRANSFER_STREAM_TYPE,
    stage: s.stage,
    status: s.status === 'closed' ? 'closed' : s.hold ? 'on_hold' : 'open',
    host_country: s.holdingCountry!,
    origin_country: s.receivingCountry!,
    owning_agency_id: s.owningAgencyId!,
    age_group: NOT_RECORDED,
    sex: NOT_RECORDED,
    on_hold: s.hold !== null,
    hold_reason: s.hold?.reason ?? null,
    hold_review_date: s.hold?.reviewDate ?? null,
    outcome: s.outcome?.code ?? null,
    opened_at: fold.openedAt,
    last_progress_at: fold.lastProgressAt ?? fold.openedAt,
    updated_at: fold.updatedAt ?? fold.openedAt,
    version: s.version,
    state: s,
  };
}

/** Inline projection: runs in the append transaction of one transfer stream. */
export async function projectTransferEvents(trx: Transaction<Database>, events: StoredEvent[]): Promise<void> {
  const first = events[0];
  if (!first) return;
  const existing = await trx
    .selectFrom('cases')
    .select(['state', 'opened_at', 'last_progress_at', 'updated_at'])
    .where('case_id', '=', caseIdOfStream(first.streamId))
    .forUpdate()
    .executeTakeFirst();
  const start: TransferRowFold = existing
    ? {
        state: existing.state as unknown as SuspectTransferState,
        openedAt: existing.opened_at,
        lastProgressAt: existing.last_progress_at,
        updatedAt: existing.updated_at,
      }
    : emptyTransferFold();
  const fold = events.reduce(foldTransferEvent, start);
  await trx
    .insertInto('cases')
    .values(transferRow(fold))
    .onConflict((oc) => oc.column('case_id').doUpdateSet((eb) => upsertColumns(eb)))
    .execute();
  if (!existing)
    await trx
      .insertInto('case_parties')
      .values(partyRows(fold))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** The other side's agencies that take part (domain/suspect-transfer/sides.ts); the owner is on the row. */
function partyRows(fold: TransferRowFold): { case_id: string; party: string }[] {
  const s = fold.state;
  return transferParties({ holdingCountry: s.holdingCountry!, receivingCountry: s.receivingCountry! }).map((party) => ({
    case_id: s.caseId!,
    party,
  }));
}

/**
 * Re-inserts every transfer's row from its events, inside the rebuild's transaction (after the
 * rebuild has emptied `cases`); the inserts join the rebuild's pipeline.
 */
export async function rebuildTransferCases(
  session: RebuildSession,
  options: { streamsPerPage: number; flushSize: number },
): Promise<{ events: number; cases: number }> {
  const report = { events: 0, cases: 0 };
  let current = null as { streamId: string; fold: TransferRowFold } | null;
  let pending: TransferRowFold[] = [];
  const flush = () => {
    copyRows(session, 'cases', pending.map(transferRecord));
    copyRows(session, 'case_parties', pending.flatMap(partyRows));
    report.cases += pending.length;
    pending = [];
  };
  for await (const page of eventPages(session, TRANSFER_STREAM_TYPE, options.streamsPerPage)) {
    for (const stored of page) {
      if (current?.streamId !== stored.streamId) {
        if (current) pending.push(current.fold);
        if (pending.length >= options.flushSize) flush();
        current = { streamId: stored.streamId, fold: emptyTransferFold() };
      }
      current.fold = foldTransferEvent(current.fold, stored);
      report.events += 1;
    }
  }
  if (current) pending.push(current.fold);
  flush();
  return report;
}
