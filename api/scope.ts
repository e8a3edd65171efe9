/**
 * Runs reads of cases, events and tasks as the app role with the caller's scope set for the
 * transaction only, so Postgres row-level security (migration 0006) filters them too.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Caller } from './access.js';
import type { AppDeps } from './deps.js';

export function scoped<T>(deps: AppDeps, caller: Caller, read: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return (deps.appDb ?? deps.db).transaction().execute(async (trx) => {
    await sql`select set_config('homeward.agency_id', ${caller.agency.agencyId}, true),
                     set_config('homeward.country', ${caller.agency.country}, true),
                     set_config('homeward.agency_kind', ${caller.agency.kind}, true),
                     set_config('homeward.role', ${caller.actor.role}, true)`.execute(trx);
    return read(trx);
  });
}
