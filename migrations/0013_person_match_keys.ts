/**
 * Match keys beside the vault (issue 21): keyed hashes of a person's normalised name tokens, birth
 * year, sex, nationality and document numbers, so a search compares keys and decrypts only the few
 * candidates it finds. Erasure deletes a person's keys with their data key (store/persons.ts); a
 * trigger refuses keys for a person whose data key is destroyed, so an erased person can never be
 * found again. `possible_matches` remembers what searches suggested, for the coordinators' count of
 * cases with unresolved possible matches (the decisions themselves are events on both cases).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table person_match_keys (
      person_id uuid not null,
      key_id text not null,
      kind text not null,
      hash bytea not null,
      primary key (person_id, hash)
    )`.execute(db);
  // A search looks up only blocking keys by hash (index-only: which persons hold it, of which kind);
  // probes (kind ending in ~) and scoring kinds are read by person id through the primary key.
  await sql`
    create index person_match_keys_blocking on person_match_keys (hash) include (person_id, kind)
    where kind not in ('y', 's', 'n', 'c') and kind not like '%~'`.execute(db);
  await sql`
    create function person_match_keys_not_erased() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from person_keys k where k.person_id = new.person_id and k.destroyed_at is not null) then
        raise exception 'person % was erased: no match keys', new.person_id;
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger person_match_keys_not_erased before insert on person_match_keys
    for each row execute function person_match_keys_not_erased()`.execute(db);

  // A person's cases (a match names persons; the API shows their cases): cases.state->>'personId'.
  await sql`create index cases_person on cases ((state->>'personId'))`.execute(db);

  await sql`
    create table possible_matches (
      case_id uuid not null,
      other_case_id uuid not null,
      score real not null,
      found_at timestamptz not null default now(),
      primary key (case_id, other_case_id)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table possible_matches`.execute(db);
  await sql`drop index cases_person`.execute(db);
  await sql`drop table person_match_keys`.execute(db);
  await sql`drop function person_match_keys_not_erased`.execute(db);
}
