/**
 * People's names as screens show them: the display name of an account and its agency's name, for
 * the ids recorded on events and task assignments. Names only - never a username, role or
 * anything of the account's sign-in. The accounts table is the owner connection's (migration 0012).
 */
import { accountsDb } from './accounts-schema.js';
import type { Db } from './db.js';

export interface PersonName {
  displayName: string;
  agencyId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The accounts among these ids, by id. Other ids (a service token's `service:<id>`, the case
 * timer's `system:...`, a development token's subject) are not accounts and are left out.
 */
export async function namesOf(db: Db, ids: Iterable<string>): Promise<Map<string, PersonName>> {
  const accountIds = [...new Set([...ids].filter((id) => UUID.test(id)))];
  if (accountIds.length === 0) return new Map();
  const rows = await accountsDb(db)
    .selectFrom('users')
    .select(['user_id', 'display_name', 'agency_id'])
    .where('user_id', 'in', accountIds)
    .execute();
  return new Map(rows.map((r) => [r.user_id, { displayName: r.display_name, agencyId: r.agency_id }]));
}

/** Agency names by id (the registry is public to every signed-in reader: GET /v1/agencies). */
export async function agencyNamesOf(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('agencies').select(['agency_id', 'name']).where('agency_id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.agency_id, r.name]));
}

/** The active accounts of one agency, by display name: whom a task can be given to. */
export async function colleaguesOf(db: Db, agencyId: string): Promise<{ userId: string; displayName: string }[]> {
  const rows = await accountsDb(db)
    .selectFrom('users')
    .select(['user_id', 'display_name'])
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'active')
    .orderBy('display_name')
    .orderBy('user_id')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name }));
}

/** How the API names whoever recorded something: a person by name, or what kind of actor it was. */
export function actorKindOf(actorId: string, names: Map<string, PersonName>): 'person' | 'service' | 'system' | 'unknown' {
  if (names.has(actorId)) return 'person';
  if (actorId.startsWith('service:')) return 'service';
  if (actorId.startsWith('system:') || actorId === 'system') return 'system';
  return 'unknown';
}
