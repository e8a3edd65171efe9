/** The agency registry: who an agency is (country, kind) decides what its staff may see. */
import { SEED_AGENCIES, SEED_CROSSINGS } from '../domain/agencies/seed.js';
import type { Db } from './db.js';

export interface AgencyRecord {
  agencyId: string;
  name: string;
  country: string;
  kind: string;
}

/** Idempotent: inserts or refreshes the seed agencies and crossings. */
export async function seedRegistry(db: Db): Promise<{ agencies: number; crossings: number }> {
  await db
    .insertInto('agencies')
    .values(SEED_AGENCIES.map((a) => ({ agency_id: a.agencyId, name: a.name, country: a.country, kind: a.kind })))
    .onConflict((oc) =>
      oc
        .column('agency_id')
        .doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), country: eb.ref('excluded.country'), kind: eb.ref('excluded.kind') })),
    )
    .execute();
  await db
    .insertInto('crossings')
    .values(SEED_CROSSINGS.map((c) => ({ crossing_id: c.crossingId, name: c.name, countries: c.countries, kind: c.kind })))
    .onConflict((oc) => oc.column('crossing_id').doNothing())
    .execute();
  return { agencies: SEED_AGENCIES.length, crossings: SEED_CROSSINGS.length };
}

export async function findAgency(db: Db, agencyId: string): Promise<AgencyRecord | undefined> {
  const row = await db.selectFrom('agencies').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
  return row && { agencyId: row.agency_id, name: row.name, country: row.country.trim(), kind: row.kind };
}

export async function listAgencies(db: Db, filter: { country?: string; kind?: string } = {}): Promise<AgencyRecord[]> {
  let query = db.selectFrom('agencies').selectAll().orderBy('country').orderBy('agency_id');
  if (filter.country) query = query.where('country', '=', filter.country);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  return (await query.execute()).map((r) => ({ agencyId: r.agency_id, name: r.name, country: r.country.trim(), kind: r.kind }));
}
