/**
 * Stored responses for requests sent with an `Idempotency-Key`, so a caseworker on a poor link can
 * safely resend: the repeat gets the first answer and nothing is written twice.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './db.js';

export interface StoredResponse {
  requestHash: string;
  statusCode: number;
  body: unknown;
}

export const hashRequest = (parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

export async function findStoredResponse(db: Db, scope: string, key: string): Promise<StoredResponse | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && { requestHash: row.request_hash, statusCode: row.status_code, body: row.response };
}

/**
 * Stores the answer without waiting for the commit to reach disk (`synchronous_commit` off for this
 * statement's transaction only): if the server crashed in that instant and the record were lost,
 * a resend runs the command again, and the workflow answers it from the first run by its update
 * id (derived from the key, api/ids.ts) without recording anything twice.
 *
 * @example
 * // insert into idempotency_keys (scope, key, request_hash, status_code, response)
 * // select $1, $2, $3, $4, $5 from (select set_config('synchronous_commit', 'off', true)) as async_commit
 * // on conflict (scope, key) do nothing
 */
export async function storeResponse(db: Db, scope: string, key: string, response: StoredResponse): Promise<void> {
  await sql`insert into idempotency_keys (scope, key, request_hash, status_code, response)
    select ${scope}, ${key}, ${response.requestHash}, ${response.statusCode}, ${JSON.stringify(response.body)}::jsonb
    from (select set_config('synchronous_commit', 'off', true)) as async_commit
    on conflict (scope, key) do nothing`.execute(db);
}
