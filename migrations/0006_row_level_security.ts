/**
 * Row-level security: a second wall under the API's own access rules (api/access.ts). The API
 * reads cases, their events and tasks as the role `homeward_app` (no BYPASSRLS, not the owner),
 * inside a transaction that sets `homeward.agency_id`, `homeward.country`, `homeward.agency_kind`
 * and `homeward.role` (see api/scope.ts). Without those settings it sees no case at all.
 * The owner role (migrations, worker, projections) is not subject to these policies.
 */
import { sql, type Kysely } from 'kysely';

export const APP_ROLE = 'homeward_app';

export async function up(db: Kysely<any>): Promise<void> {
  // Party membership is read through a definer function, so the app role needs no access to case_parties.
  await sql`create function homeward_is_party(p_case_id uuid) returns boolean
    language sql stable security definer set search_path = public as $$
      select exists (
        select 1 from case_parties p where p.case_id = p_case_id
          and p.party in (current_setting('homeward.agency_id', true),
                          'kind:' || current_setting('homeward.country', true) || ':' || current_setting('homeward.agency_kind', true)))
    $$`.execute(db);

  await sql`alter table cases enable row level security`.execute(db);
  await sql`create policy cases_visible_to_parties on cases for select using (
      (owning_agency_id = current_setting('homeward.agency_id', true)
        or homeward_is_party(case_id)
        or (current_setting('homeward.role', true) in ('coordinator', 'auditor')
            and current_setting('homeward.country', true) in (trim(host_country), trim(origin_country))))
      and (current_setting('homeward.role', true) is distinct from 'ngo_worker' or kind <> 'suspect_transfer'))`.execute(db);

  await sql`alter table events enable row level security`.execute(db);
  await sql`create policy events_of_visible_cases on events for select using (
      exists (select 1 from cases c where 'case-' || c.case_id = events.stream_id))`.execute(db);

  await sql`alter table tasks enable row level security`.execute(db);
  await sql`create policy tasks_of_visible_cases on tasks for select using (
      exists (select 1 from cases c where c.case_id = tasks.case_id))`.execute(db);

  // The role is created by the database administrator (scripts/setup.sh does it locally).
  await sql`do $$ begin
      if exists (select from pg_roles where rolname = ${sql.lit(APP_ROLE)}) then
        grant usage on schema public to homeward_app;
        grant select on cases, events, tasks, task_assignments, case_parties, agencies to homeward_app;
        grant execute on function homeward_is_party(uuid) to homeward_app;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop policy tasks_of_visible_cases on tasks`.execute(db);
  await sql`alter table tasks disable row level security`.execute(db);
  await sql`drop policy events_of_visible_cases on events`.execute(db);
  await sql`alter table events disable row level security`.execute(db);
  await sql`drop policy cases_visible_to_parties on cases`.execute(db);
  await sql`alter table cases disable row level security`.execute(db);
  await sql`drop function homeward_is_party(uuid)`.execute(db);
}
