/**
 * The case list filtered by country (either side of the border) reads two index ranges, the host
 * side and the origin side, each already in the list's order (newest first), and merges them
 * (store/case-queries.ts). Without them Postgres walked the newest-first index and dropped other
 * countries' rows, costing more the deeper the page (bench P4).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index cases_host_country_opened on cases (host_country, opened_at, case_id)`.execute(db);
  await sql`create index cases_origin_country_opened on cases (origin_country, opened_at, case_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index cases_origin_country_opened`.execute(db);
  await sql`drop index cases_host_country_opened`.execute(db);
}
