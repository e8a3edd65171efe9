/**
 * The person vault: the single place a victim's or suspect's personal data is stored. Events, read
 * models, workflow inputs and logs carry only the person id, so erasing a person touches this table
 * alone and history stays intact.
 */
import type { Db } from './db.js';

export interface PersonDetails {
  fullName: string;
  otherNames?: string[];
  dateOfBirth?: string;
  placeOfOrigin?: string;
  languages?: string[];
  familyContacts?: string[];
  notes?: string;
}

export type PersonRecord = { personId: string; erased: false; details: PersonDetails } | { personId: string; erased: true };

/** Idempotent: saving the same person id twice keeps the first record. */
export async function savePerson(db: Db, personId: string, details: PersonDetails): Promise<void> {
  await db
    .insertInto('persons')
    .values({ person_id: personId, data: JSON.stringify(details) })
    .onConflict((oc) => oc.column('person_id').doNothing())
    .execute();
}

export async function findPerson(db: Db, personId: string): Promise<PersonRecord | undefined> {
  const row = await db.selectFrom('persons').selectAll().where('person_id', '=', personId).executeTakeFirst();
  if (!row) return undefined;
  if (row.erased_at || !row.data) return { personId, erased: true };
  return { personId, erased: false, details: row.data as unknown as PersonDetails };
}
