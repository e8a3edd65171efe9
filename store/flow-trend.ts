/**
 * The flow over months: per calendar month (UTC), victim cases opened, returned home (arrival
 * confirmed), ended early, and the median days from opening to arrival of those returned in the
 * month. Read from the events by type and time (the partial index `events_type_recorded`), so any
 * month can be recomputed and none depends on the read model's present state.
 */
import { sql } from 'kysely';
import type { Db } from './db.js';
import type { CorridorFilter } from './monitoring.js';
import { REPATRIATION_STREAM_TYPE } from './projections/cases.js';

export interface FlowMonth {
  /** `2026-11` */
  month: string;
  opened: number;
  returned: number;
  endedEarly: number;
  /** Null for a month in which nobody returned. */
  medianDaysToReturn: number | null;
}

/** The month `offset` months before the one holding `now`, as `YYYY-MM`. */
export function monthBefore(now: Date, offset: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The last `months` months up to and including the current one, oldest first; months without events count zero. */
export async function flowTrend(db: Db, months: number, filter: CorridorFilter, now = new Date()): Promise<FlowMonth[]> {
  const first = `${monthBefore(now, months - 1)}-01`;
  const parts = [sql`c.kind = ${REPATRIATION_STREAM_TYPE}`];
  if (filter.country) parts.push(sql`(c.host_country = ${filter.country} or c.origin_country = ${filter.country})`);
  if (filter.corridor) {
    const [host, origin] = filter.corridor.split('-');
    parts.push(sql`c.host_country = ${host} and c.origin_country = ${origin}`);
  }
  const { rows } = await sql<{ month: string; opened: string; returned: string; ended_early: string; median_days: number | null }>`
    select to_char(date_trunc('month', e.recorded_at at time zone 'UTC'), 'YYYY-MM') as month,
           count(*) filter (where e.type = 'CaseOpened') as opened,
           count(*) filter (where e.type = 'ArrivalConfirmed') as returned,
           count(*) filter (where e.type = 'CaseClosed' and (e.data ->> 'completed')::boolean = false) as ended_early,
           percentile_cont(0.5) within group (order by extract(epoch from e.recorded_at - c.opened_at) / 86400)
             filter (where e.type = 'ArrivalConfirmed') as median_days
    from events e
    join cases c on 'case-' || c.case_id = e.stream_id
    where e.type in ('CaseOpened', 'ArrivalConfirmed', 'CaseClosed')
      and e.recorded_at >= (${first}::timestamp at time zone 'UTC')
      and ${sql.join(parts, sql` and `)}
    group by 1`.execute(db);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return Array.from({ length: months }, (_, i) => {
    const month = monthBefore(now, months - 1 - i);
    const r = byMonth.get(month);
    return {
      month,
      opened: Number(r?.opened ?? 0),
      returned: Number(r?.returned ?? 0),
      endedEarly: Number(r?.ended_early ?? 0),
      medianDaysToReturn: r?.median_days === null || r?.median_days === undefined ? null : Math.round(Number(r.median_days) * 10) / 10,
    };
  });
}
