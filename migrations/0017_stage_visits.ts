/**
 * Dashboards at 100,000 cases (bench D1). The flow per stage and the trend over months read
 * `stage_visits`, one row per case and stage entered (kept by the cases projection in the append's
 * transaction), instead of windowing every stage entry of the event store on each request. The
 * stall points count open overdue cases of a country from one index range per side of the border
 * (index-only: the columns they group and filter by are included).
 */
import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from './0006_row_level_security.js';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table stage_visits (
      case_id uuid not null,
      -- The stream position of the event that entered the stage (CaseOpened or StageAdvanced).
      entered_position integer not null,
      stage text not null,
      host_country char(2) not null,
      origin_country char(2) not null,
      entered_at timestamptz not null,
      -- When the next stage was entered or the case closed; null while the case is in the stage.
      left_at timestamptz,
      -- When the victim's arrival home was confirmed during this visit (the trend's "returned").
      arrived_at timestamptz,
      -- Left because the case ended early (CaseClosed, not completed).
      ended_early boolean not null default false,
      primary key (case_id, entered_position)
    )`.execute(db);

  await sql`create index cases_open_host_due on cases (host_country, step_due_at) include (origin_country, stage, step)
      where status = 'open'`.execute(db);
  await sql`create index cases_open_origin_due on cases (origin_country, step_due_at) include (host_country, stage, step)
      where status = 'open'`.execute(db);

  // The visits of the cases recorded so far: each stage entry lasts until the next entry or the closing.
  await sql`insert into stage_visits (case_id, entered_position, stage, host_country, origin_country, entered_at, left_at, ended_early)
    select c.case_id, m.stream_position, case when m.type = 'CaseOpened' then 'identification' else m.data ->> 'to' end,
           c.host_country, c.origin_country, m.recorded_at, m.next_at,
           coalesce(m.next_type = 'CaseClosed' and (m.next_data ->> 'completed')::boolean = false, false)
    from (
      select e.stream_id, e.stream_position, e.type, e.data, e.recorded_at,
             lead(e.recorded_at) over w as next_at, lead(e.type) over w as next_type, lead(e.data) over w as next_data
      from events e
      join streams s on s.stream_id = e.stream_id and s.stream_type = 'victim_repatriation'
      where e.type in ('CaseOpened', 'StageAdvanced', 'CaseClosed')
      window w as (partition by e.stream_id order by e.stream_position)
    ) m
    join cases c on c.case_id = substr(m.stream_id, 6)::uuid
    where m.type <> 'CaseClosed'`.execute(db);
  // An arrival belongs to the visit the case was in when it was confirmed (the last one entered before it).
  await sql`update stage_visits v set arrived_at = a.recorded_at
    from (
      select distinct on (e.stream_id) v.case_id, v.entered_position, e.recorded_at
      from events e
      join stage_visits v on v.case_id = substr(e.stream_id, 6)::uuid and v.entered_position < e.stream_position
      where e.type = 'ArrivalConfirmed' and e.stream_id like 'case-%'
      order by e.stream_id, e.stream_position desc, v.entered_position desc
    ) a
    where v.case_id = a.case_id and v.entered_position = a.entered_position`.execute(db);

  await sql`alter table stage_visits enable row level security`.execute(db);
  await sql`create policy stage_visits_of_visible_cases on stage_visits for select using (
      exists (select 1 from cases c where c.case_id = stage_visits.case_id))`.execute(db);
  await sql`do $$ begin
      if exists (select from pg_roles where rolname = ${sql.lit(APP_ROLE)}) then
        grant select on stage_visits to homeward_app;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table stage_visits`.execute(db);
  await sql`drop index cases_open_origin_due`.execute(db);
  await sql`drop index cases_open_host_due`.execute(db);
}
