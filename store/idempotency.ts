/**
 * Stored responses for requests sent with an `Idempotency-Key`, so a caseworker on a poor link can
 * safely resend: the repeat gets the first answer and nothing is written twice.
 */
import { createHash } from 'node:crypto';
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

export async function storeResponse(db: Db, scope: string, key: string, response: StoredResponse): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({
      scope,
      key,
      request_hash: response.requestHash,
      status_code: response.statusCode,
      response: JSON.stringify(response.body),
    })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .execute();
}
