/**
 * Coordinators' queries: stalled cases, flow through the stages, and period summaries like the
 * figures agencies publish. Stalled cases read the `cases` read model through a partial index;
 * flow and summaries aggregate the events themselves, so they can be recomputed for any period.
 */
import { sql } from 'kysely';
import type { Db } from './db.js';
import { REPATRIATION_STREAM_TYPE } from './projections/cases.js';

export interface CorridorFilter {
  /** Either side of the border. */
  country?: string;
  /** `TH-MM`: host (or holding) country, then origin (or receiving) country. */
  corridor?: string;
}

function corridorPredicate(filter: CorridorFilter) {
  const parts = [sql`true`];
  if (filter.country) parts.push(sql`(c.host_country = ${filter.country} or c.origin_country = ${filter.country})`);
  if (filter.corridor) {
    const [host, origin] = filter.corridor.split('-');
    parts.push(sql`c.host_country = ${host} and c.origin_country = ${origin}`);
  }
  return sql.join(parts, sql` and `);
}

export interface StalledCase {
  caseId: string;
  corridor: string;
  stage: string;
  step: string;
  dueAt: string;
  daysOverdue: number;
  flaggedOverdue: boolean;
  escalated: boolean;
  /** Who must act: the side, the kind of agency and its country, and the agency when one is named. */
  heldBy: { side: string; agencyKind: string; country: string; agencyId: string | null };
  owningAgencyId: string;
}

/** Where a page of stalled cases ends: the next page starts after this case. */
export interface StalledPosition {
  dueAt: string;
  caseId: string;
}

export interface StalledFilter extends CorridorFilter {
  stage?: string;
  /** The agency holding the step: named on the step's open task, or one of the kind and country the task is for. */
  holder?: { agencyId: string; kind: string; country: string };
  after?: StalledPosition;
  limit: number;
}

function holderPredicate(holder: StalledFilter['holder']) {
  if (!holder) return sql`true`;
  return sql`exists (select 1 from tasks t where t.case_id = c.case_id and t.status = 'open'
    and (t.agency_id = ${holder.agencyId} or (t.agency_id is null and t.country = ${holder.country} and t.agency_kind = ${holder.kind})))`;
}

/**
 * Open cases whose current step is past its deadline, most overdue first, a page at a time: the
 * keyset (due time, case id) continues where the last page ended, so a deep page costs what the
 * first does (the partial index `cases_open_by_due`).
 */
export async function stalledCases(db: Db, filter: StalledFilter): Promise<StalledCase[]> {
  const { rows } = await sql<Record<string, any>>`
    select c.case_id, c.host_country, c.origin_country, c.stage, c.step, c.step_due_at, c.overdue, c.escalated,
           c.holder_side, c.holder_agency_kind, c.holder_country, c.owning_agency_id,
           (select t.agency_id from tasks t where t.case_id = c.case_id and t.status = 'open' limit 1) as holder_agency_id,
           extract(epoch from (now() - c.step_due_at)) / 86400 as days_overdue
    from cases c
    where c.status = 'open' and c.step_due_at < now() and ${corridorPredicate(filter)}
      ${filter.stage ? sql`and c.stage = ${filter.stage}` : sql``}
      ${filter.after ? sql`and (c.step_due_at, c.case_id) > (${filter.after.dueAt}::timestamptz, ${filter.after.caseId}::uuid)` : sql``}
      and ${holderPredicate(filter.holder)}
    order by c.step_due_at asc, c.case_id
    limit ${filter.limit}`.execute(db);
  return rows.map((r) => ({
    caseId: r.case_id,
    corridor: `${r.host_country}-${r.origin_country}`,
    stage: r.stage,
    step: r.step,
    dueAt: (r.step_due_at as Date).toISOString(),
    daysOverdue: Math.round(Number(r.days_overdue) * 10) / 10,
    flaggedOverdue: r.overdue,
    escalated: r.escalated,
    heldBy: {
      side: r.holder_side,
      agencyKind: r.holder_agency_kind,
      country: String(r.holder_country).trim(),
      agencyId: r.holder_agency_id ?? null,
    },
    owningAgencyId: r.owning_agency_id,
  }));
}

export interface StageFlow {
  corridor: string;
  stage: string;
  inStage: number;
  overdue: number;
  visits: number;
  medianDays: number;
  p90Days: number;
}

/** Per stage and corridor: cases in the stage now, and days spent there (finished and ongoing visits). */
export async function stageFlow(db: Db, filter: CorridorFilter & { combined?: boolean }): Promise<StageFlow[]> {
  // Combined: one row per stage over every corridor of the filter (medians cannot be added up afterwards).
  const corridorKey = filter.combined ? sql`'all'` : sql`c.host_country || '-' || c.origin_country`;
  const { rows } = await sql<Record<string, any>>`
    with entries as (
      select e.stream_id, e.type, e.recorded_at,
             case when e.type = 'CaseOpened' then 'identification' else e.data ->> 'to' end as stage,
             lead(e.recorded_at) over (partition by e.stream_id order by e.stream_position) as left_at
      from events e
      join streams s on s.stream_id = e.stream_id and s.stream_type = ${REPATRIATION_STREAM_TYPE}
      where e.type in ('CaseOpened', 'StageAdvanced', 'CaseClosed')
    )
    select ${corridorKey} as corridor, en.stage,
           count(*) filter (where en.left_at is null and c.status <> 'closed') as in_stage,
           count(*) filter (where en.left_at is null and c.status = 'open' and c.step_due_at < now()) as overdue,
           count(*) as visits,
           percentile_cont(0.5) within group (order by extract(epoch from coalesce(en.left_at, now()) - en.recorded_at)) / 86400 as median_days,
           percentile_cont(0.9) within group (order by extract(epoch from coalesce(en.left_at, now()) - en.recorded_at)) / 86400 as p90_days
    from entries en
    join cases c on 'case-' || c.case_id = en.stream_id
    where en.type <> 'CaseClosed' and ${corridorPredicate(filter)}
    group by 1, 2
    order by 1, array_position(array['identification','verification','handover','escort','reintegration'], en.stage)`.execute(db);
  return rows.map((r) => ({
    corridor: r.corridor,
    stage: r.stage,
    inStage: Number(r.in_stage),
    overdue: Number(r.overdue),
    visits: Number(r.visits),
    medianDays: round(r.median_days),
    p90Days: round(r.p90_days),
  }));
}

/** Where open cases are stuck right now: overdue cases by step, most first. */
export async function stallPoints(
  db: Db,
  filter: CorridorFilter & Pick<StalledFilter, 'stage' | 'holder'>,
): Promise<{ step: string; overdue: number }[]> {
  const { rows } = await sql<{ step: string; overdue: string }>`
    select c.step, count(*) as overdue from cases c
    where c.status = 'open' and c.step_due_at < now() and ${corridorPredicate(filter)}
      ${filter.stage ? sql`and c.stage = ${filter.stage}` : sql``} and ${holderPredicate(filter.holder)}
    group by c.step order by count(*) desc, c.step`.execute(db);
  return rows.map((r) => ({ step: r.step, overdue: Number(r.overdue) }));
}

const round = (value: unknown): number => Math.round(Number(value ?? 0) * 10) / 10;
