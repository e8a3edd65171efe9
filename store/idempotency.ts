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

/** A claimed key whose request has not answered yet: its row holds the request's hash and this status. */
export const PENDING_STATUS = 0;

export async function findStoredResponse(db: Db, scope: string, key: string): Promise<StoredResponse | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && { requestHash: row.request_hash, statusCode: row.status_code, body: row.response };
}

export type Claim = { claimed: true } | { claimed: false; existing: StoredResponse };

/**
 * Claims the key for this request's hash before anything is performed, in one statement: of
 * requests sent at once under one key, exactly one claims it, and every other learns the hash it
 * was claimed for (and the answer, once there is one) - however the requests interleave. The claim
 * is visible to every other request as soon as it commits; like the stored answer (`storeResponse`)
 * it does not wait for the disk: a claim lost in a crash of Postgres goes with the answer stored
 * after it, and a resend then performs again under the same update id, which the workflow answers
 * from its first run without recording anything twice.
 */
export async function claimKey(db: Db, scope: string, key: string, requestHash: string): Promise<Claim> {
  for (;;) {
    const inserted = await sql<{ key: string }>`insert into idempotency_keys (scope, key, request_hash, status_code, response)
      select ${scope}, ${key}, ${requestHash}, ${PENDING_STATUS}, 'null'::jsonb
      from (select set_config('synchronous_commit', 'off', true)) as async_commit
      on conflict (scope, key) do nothing
      returning key`.execute(db);
    if (inserted.rows.length > 0) return { claimed: true };
    const existing = await findStoredResponse(db, scope, key);
    // Released between the insert and the read: try the claim again.
    if (existing) return { claimed: false, existing };
  }
}

/** Gives up a claim whose request failed or was refused, so a corrected request may use the key. */
export async function releaseClaim(db: Db, scope: string, key: string, requestHash: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('request_hash', '=', requestHash)
    .where('status_code', '=', PENDING_STATUS)
    .execute();
}

/**
 * Stores the answer on the claim of the same request (or a fresh row when the claim is gone),
 * without waiting for the commit to reach disk (`synchronous_commit` off for this
 * statement's transaction only): if the server crashed in that instant and the record were lost,
 * a resend runs the command again, and the workflow answers it from the first run by its update
 * id (derived from the key, api/ids.ts) without recording anything twice. The claim's row is
 * updated (a plain update: no speculative insert to undo); only when it is gone is one inserted.
 *
 * @example
 * // update idempotency_keys set status_code = $4, response = $5
 * // from (select set_config('synchronous_commit', 'off', true)) as async_commit
 * // where scope = $1 and key = $2 and request_hash = $3 and status_code = 0
 * // -- no row (the claim is gone): insert ... on conflict (scope, key) do update ... where status_code = 0
 */
export async function storeResponse(db: Db, scope: string, key: string, response: StoredResponse): Promise<void> {
  const body = JSON.stringify(response.body);
  const updated = await sql`update idempotency_keys set status_code = ${response.statusCode}, response = ${body}::jsonb
    from (select set_config('synchronous_commit', 'off', true)) as async_commit
    where scope = ${scope} and key = ${key} and request_hash = ${response.requestHash} and status_code = ${PENDING_STATUS}`.execute(db);
  if (updated.numAffectedRows !== 0n) return;
  await sql`insert into idempotency_keys (scope, key, request_hash, status_code, response)
    select ${scope}, ${key}, ${response.requestHash}, ${response.statusCode}, ${body}::jsonb
    from (select set_config('synchronous_commit', 'off', true)) as async_commit
    on conflict (scope, key) do update set status_code = excluded.status_code, response = excluded.response
      where idempotency_keys.request_hash = excluded.request_hash and idempotency_keys.status_code = ${PENDING_STATUS}`.execute(db);
}
