/** Reads of the `cases` read model and of a case's event stream, for lists, detail pages and history. */
import type { Expression, ExpressionBuilder, Selectable, SqlBool } from 'kysely';
import type { Db } from './db.js';
import { caseStreamId } from './projections/cases.js';
import type { CasesTable, Database } from './schema.js';

export interface CaseListFilter {
  stage?: string;
  status?: string;
  /** Either side of the corridor: host or origin country. */
  country?: string;
  /** `victim_repatriation` or `suspect_transfer`. */
  kind?: string;
  /** true: open cases past their step's deadline at `now` (as the stalled list); false: all others. */
  overdue?: boolean;
  /** The instant `overdue` is judged at (the API's clock, the same one its answers use). */
  now?: Date;
  limit: number;
  /** Opaque position from the previous page. */
  after?: { openedAt: string; caseId: string };
  /** Only the cases the caller may see (see api/access.ts). */
  visible?: VisibleFilter;
}

export type VisibleFilter = (eb: ExpressionBuilder<Database, 'cases'>) => Expression<SqlBool>;

export type CaseRow = Selectable<CasesTable>;

/** Whether a case is overdue at `now`: the list filter's rule, for the rows it answers. */
export const isOverdue = (row: Pick<CaseRow, 'status' | 'step_due_at'>, now: Date): boolean =>
  row.status === 'open' && row.step_due_at !== null && row.step_due_at < now;

/** What a list shows of a case: no state document, which is most of a row's bytes. */
export const CASE_SUMMARY_COLUMNS = [
  'case_id',
  'kind',
  'stage',
  'status',
  'host_country',
  'origin_country',
  'owning_agency_id',
  'age_group',
  'sex',
  'on_hold',
  'hold_reason',
  'hold_review_date',
  'outcome',
  'opened_at',
  'last_progress_at',
  'version',
  'step',
  'step_due_at',
] as const;
export type CaseSummaryRow = Pick<CaseRow, (typeof CASE_SUMMARY_COLUMNS)[number]>;

/**
 * Newest cases first; keyset pagination so page 500 costs what page 1 does. The cursor is compared
 * as a row value, `(opened_at, case_id) < ($1, $2)`, which Postgres uses as an index bound (an OR
 * of the two columns it can only filter with).
 */
export async function listCases(db: Db, filter: CaseListFilter): Promise<CaseSummaryRow[]> {
  const page = (side?: 'host_country' | 'origin_country') => {
    let query = db.selectFrom('cases').select(CASE_SUMMARY_COLUMNS);
    if (filter.visible) query = query.where(filter.visible);
    if (filter.stage) query = query.where('stage', '=', filter.stage);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.overdue !== undefined) {
      const now = filter.now ?? new Date();
      // The stalled list's rule (store/monitoring.ts): an open case whose step is past its deadline.
      query = filter.overdue
        ? query.where('status', '=', 'open').where('step_due_at', '<', now)
        : query.where((eb) => eb.or([eb('status', '<>', 'open'), eb('step_due_at', 'is', null), eb('step_due_at', '>=', now)]));
    }
    if (side) query = query.where(side, '=', filter.country!);
    if (filter.after) {
      const { openedAt, caseId } = filter.after;
      query = query.where((eb) => eb(eb.refTuple('opened_at', 'case_id'), '<', eb.tuple(new Date(openedAt), caseId)));
    }
    return query.orderBy('opened_at', 'desc').orderBy('case_id', 'desc').limit(filter.limit).execute();
  };
  if (!filter.country) return page();
  // Either side of the border: one index range per side (migration 0007), merged in list order.
  const host = await page('host_country');
  const origin = await page('origin_country');
  return newestFirst([...host, ...origin]).slice(0, filter.limit);
}

function newestFirst(rows: CaseSummaryRow[]): CaseSummaryRow[] {
  const seen = new Set<string>();
  return rows
    .sort((a, b) => b.opened_at.getTime() - a.opened_at.getTime() || (a.case_id < b.case_id ? 1 : a.case_id > b.case_id ? -1 : 0))
    .filter((row) => {
      if (seen.has(row.case_id)) return false;
      seen.add(row.case_id);
      return true;
    });
}

export async function findCase(db: Db, caseId: string, visible?: VisibleFilter): Promise<CaseRow | undefined> {
  let query = db.selectFrom('cases').selectAll().where('case_id', '=', caseId);
  if (visible) query = query.where(visible);
  return query.executeTakeFirst();
}

export async function caseEvents(db: Db, caseId: string, afterPosition: number, limit: number) {
  return db
    .selectFrom('events')
    .select(['stream_position', 'event_id', 'type', 'data', 'actor_id', 'agency_id', 'recorded_at', 'global_position'])
    .where('stream_id', '=', caseStreamId(caseId))
    .where('stream_position', '>', afterPosition)
    .orderBy('stream_position')
    .limit(limit)
    .execute();
}
