/**
 * Coordinators' queries: stalled cases and flow through the stages. Stalled cases read the `cases`
 * read model through partial indexes on open cases; the flow reads the `stage_visits` read model
 * (one row per case and stage entered).
 */
import { sql } from 'kysely';
import type { Db } from './db.js';
import type { StageFlow, StallPoint, StalledCase } from './shapes.js';

export type { StageFlow, StalledCase } from './shapes.js';
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

/** The same filter on the `stage_visits` rows (alias v), which carry the case's corridor. */
export function visitCorridorPredicate(filter: CorridorFilter) {
  const parts = [sql`true`];
  if (filter.country) parts.push(sql`(v.host_country = ${filter.country} or v.origin_country = ${filter.country})`);
  if (filter.corridor) {
    const [host, origin] = filter.corridor.split('-');
    parts.push(sql`v.host_country = ${host} and v.origin_country = ${origin}`);
  }
  return sql.join(parts, sql` and `);
}

/**
 * Per stage and corridor: cases in the stage now, and days spent there (finished and ongoing
 * visits), from the `stage_visits` read model. A case in a stage is one whose visit has not ended
 * (closing ends it); the overdue ones among them are the open cases past their step's deadline,
 * counted from `cases` (the case's stage is that of its visit not ended).
 */
export async function stageFlow(db: Db, filter: CorridorFilter & { combined?: boolean }): Promise<StageFlow[]> {
  // Combined: one row per stage over every corridor of the filter (medians cannot be added up afterwards).
  const visitCorridor = filter.combined ? sql`'all'` : sql`v.host_country || '-' || v.origin_country`;
  const caseCorridor = filter.combined ? sql`'all'` : sql`c.host_country || '-' || c.origin_country`;
  const { rows } = await sql<Record<string, any>>`
    with visits as (
      select ${visitCorridor} as corridor, v.stage,
             count(*) filter (where v.left_at is null) as in_stage,
             count(*) as visits,
             percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from coalesce(v.left_at, now()) - v.entered_at)) as days
      from stage_visits v
      where ${visitCorridorPredicate(filter)}
      group by 1, 2
    ), overdue as (
      select ${caseCorridor} as corridor, c.stage, count(*) as overdue
      from cases c
      where c.kind = ${REPATRIATION_STREAM_TYPE} and c.status = 'open' and c.step_due_at < now() and ${corridorPredicate(filter)}
      group by 1, 2
    )
    select v.corridor, v.stage, v.in_stage, v.visits, coalesce(o.overdue, 0) as overdue,
           v.days[1] / 86400 as median_days, v.days[2] / 86400 as p90_days
    from visits v left join overdue o on o.corridor = v.corridor and o.stage = v.stage
    order by 1, array_position(array['identification','verification','handover','escort','reintegration'], v.stage)`.execute(db);
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

/** The ways the filter selects overdue cases, each one index range (cases_open_host_due, cases_open_origin_due), none twice. */
function overdueSides(filter: CorridorFilter) {
  if (filter.corridor) {
    const [host, origin] = filter.corridor.split('-');
    return [sql`c.host_country = ${host} and c.origin_country = ${origin}`];
  }
  if (filter.country)
    return [sql`c.host_country = ${filter.country}`, sql`c.origin_country = ${filter.country} and c.host_country <> ${filter.country}`];
  return [sql`true`];
}

/**
 * Where open cases are stuck right now: overdue cases by step, most first. Counted per side of the
 * border from the partial indexes on open cases by country and due time, which hold the stage and
 * step too, so the count reads no table row (an "either side" filter would read every overdue case).
 */
export async function stallPoints(db: Db, filter: CorridorFilter & Pick<StalledFilter, 'stage' | 'holder'>): Promise<StallPoint[]> {
  const counts = overdueSides(filter).map(
    (side) => sql`select c.step, count(*) as overdue from cases c
      where c.status = 'open' and c.step_due_at < now() and ${side}
        ${filter.stage ? sql`and c.stage = ${filter.stage}` : sql``} and ${holderPredicate(filter.holder)}
      group by c.step`,
  );
  const { rows } = await sql<{ step: string; overdue: string }>`
    select x.step, sum(x.overdue) as overdue from (${sql.join(counts, sql` union all `)}) x
    group by x.step order by sum(x.overdue) desc, x.step`.execute(db);
  return rows.map((r) => ({ step: r.step, overdue: Number(r.overdue) }));
}

const round = (value: unknown): number => Math.round(Number(value ?? 0) * 10) / 10;
