/**
 * Runs reads of cases, events and tasks as the app role with the caller's scope set for the
 * transaction only, so Postgres row-level security (migration 0006) filters them too.
 */
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../store/schema.js';
import type { Caller } from './access.js';
import type { AppDeps } from './deps.js';

/**
 * The transaction opens and takes the caller's scope in ONE round trip: `begin` and the
 * `set_config` calls go as one simple-protocol query (which takes no parameters, so the values are
 * quoted by the driver's `escapeLiteral`). On the hot path of every case read and action, the
 * separate `begin` was a round trip of its own.
 */
export async function scoped<T>(deps: AppDeps, caller: Caller, read: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return (deps.appDb ?? deps.db).connection().execute(async (connection) => {
    await sql.raw(`begin; ${scopeStatement(caller)}`).execute(connection);
    let result: T;
    try {
      result = await read(connection);
    } catch (error) {
      await sql.raw('rollback').execute(connection);
      throw error;
    }
    await sql.raw('commit').execute(connection);
    return result;
  });
}

const scopeStatement = (caller: Caller): string => {
  const settings: [string, string][] = [
    ['homeward.agency_id', caller.agency.agencyId],
    ['homeward.country', caller.agency.country],
    ['homeward.agency_kind', caller.agency.kind],
    ['homeward.role', caller.actor.role],
  ];
  return `select ${settings.map(([name, value]) => `set_config('${name}', ${pg.escapeLiteral(value)}, true)`).join(', ')}`;
};
