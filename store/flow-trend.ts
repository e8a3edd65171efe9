/**
 * The flow over months: per calendar month (UTC), victim cases opened, returned home (arrival
 * confirmed), ended early, and the median days from opening to arrival of those returned in the
 * month. Read from the `stage_visits` read model, which keeps the times of the events counted here
 * (CaseOpened, ArrivalConfirmed, CaseClosed): a month costs its cases' visits, not the event store.
 */
import { sql } from 'kysely';
import type { Db } from './db.js';
import type { FlowMonth } from './shapes.js';
import { visitCorridorPredicate, type CorridorFilter } from './monitoring.js';

/** The month `offset` months before the one holding `now`, as `YYYY-MM`. */
export function monthBefore(now: Date, offset: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The last `months` months up to and including the current one, oldest first; months without events count zero. */
export async function flowTrend(db: Db, months: number, filter: CorridorFilter, now = new Date()): Promise<FlowMonth[]> {
  const since = sql`(${`${monthBefore(now, months - 1)}-01`}::timestamp at time zone 'UTC')`;
  const month = (time: ReturnType<typeof sql>) => sql`to_char(date_trunc('month', ${time} at time zone 'UTC'), 'YYYY-MM')`;
  const corridor = visitCorridorPredicate(filter);
  // Opened: the first visit (entered by CaseOpened); returned: the visit in which arrival was
  // confirmed, timed from the case's opening (its first visit); ended early: the visit the closing ended.
  const { rows } = await sql<{ month: string; opened: string; returned: string; ended_early: string; median_days: number | null }>`
    with marks as (
      select 'opened' as mark, v.entered_at as at, null::float8 as days
      from stage_visits v where v.entered_position = 1 and v.entered_at >= ${since} and ${corridor}
      union all
      select 'returned', v.arrived_at, extract(epoch from v.arrived_at - o.entered_at) / 86400
      from stage_visits v join stage_visits o on o.case_id = v.case_id and o.entered_position = 1
      where v.arrived_at >= ${since} and ${corridor}
      union all
      select 'ended_early', v.left_at, null
      from stage_visits v where v.ended_early and v.left_at >= ${since} and ${corridor}
    )
    select ${month(sql`m.at`)} as month,
           count(*) filter (where m.mark = 'opened') as opened,
           count(*) filter (where m.mark = 'returned') as returned,
           count(*) filter (where m.mark = 'ended_early') as ended_early,
           percentile_cont(0.5) within group (order by m.days) filter (where m.mark = 'returned') as median_days
    from marks m
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
