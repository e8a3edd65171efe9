/**
 * Reads the console's batch and transfer screens need beyond the generic case list: suspect
 * transfers only (with their state, for the next steps), and the victim cases ready to join a batch.
 */
import { sql } from 'kysely';
import type { Db } from './db.js';
import type { VisibleFilter } from './case-queries.js';
import { REPATRIATION_STREAM_TYPE } from './projections/cases.js';
import { TRANSFER_STREAM_TYPE } from './projections/transfer-cases.js';

export interface TransferListFilter {
  stage?: string;
  status?: string;
  /** Either side: the holding or the receiving country. */
  country?: string;
  limit: number;
  after?: { openedAt: string; caseId: string };
  visible?: VisibleFilter;
}

/** Transfers newest first, keyset-paginated like the case list. */
export async function listTransfers(db: Db, filter: TransferListFilter) {
  let query = db
    .selectFrom('cases')
    .select([
      'case_id',
      'stage',
      'status',
      'host_country',
      'origin_country',
      'on_hold',
      'outcome',
      'opened_at',
      'last_progress_at',
      'state',
    ])
    .where('kind', '=', TRANSFER_STREAM_TYPE);
  if (filter.visible) query = query.where(filter.visible);
  if (filter.stage) query = query.where('stage', '=', filter.stage);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.country) {
    const country = filter.country;
    query = query.where((eb) => eb.or([eb('host_country', '=', country), eb('origin_country', '=', country)]));
  }
  if (filter.after) {
    const { openedAt, caseId } = filter.after;
    query = query.where((eb) => eb(eb.refTuple('opened_at', 'case_id'), '<', eb.tuple(new Date(openedAt), caseId)));
  }
  return query.orderBy('opened_at', 'desc').orderBy('case_id', 'desc').limit(filter.limit).execute();
}

export interface BatchCandidate {
  case_id: string;
  sex: string;
  age_group: string;
  travel_document: string | null;
  opened_at: Date;
}

/**
 * Victim cases that may join a batch going `fromCountry` -> `toCountry` (the rule of
 * store/projections/batch-admission.ts): open, not on hold, in the handover stage, no side has
 * confirmed, and no open batch holds them. In case-id order, a page at a time.
 */
export async function batchCandidates(
  db: Db,
  filter: { fromCountry: string; toCountry: string; after?: string; limit: number; visible?: VisibleFilter },
): Promise<BatchCandidate[]> {
  let query = db
    .selectFrom('cases')
    .select(['case_id', 'sex', 'age_group', 'opened_at', sql<string | null>`state #>> '{facts,travelDocument}'`.as('travel_document')])
    .where('kind', '=', REPATRIATION_STREAM_TYPE)
    .where('status', '=', 'open')
    .where('stage', '=', 'handover')
    .where('host_country', '=', filter.fromCountry)
    .where('origin_country', '=', filter.toCountry)
    .where(sql<boolean>`coalesce((state #>> '{facts,handoverConfirmedBy,sending}')::boolean, false) = false`)
    .where(sql<boolean>`coalesce((state #>> '{facts,handoverConfirmedBy,receiving}')::boolean, false) = false`)
    .where(sql<boolean>`not exists (select 1 from batch_case_claims c where c.case_id = cases.case_id)`);
  if (filter.visible) query = query.where(filter.visible);
  if (filter.after) query = query.where('case_id', '>', filter.after);
  return query.orderBy('case_id').limit(filter.limit).execute();
}
