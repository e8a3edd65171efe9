/**
 * Service accounts: API tokens for an agency's own systems. A token is `hw_` and 32 random bytes,
 * shown once when issued; only its hash is stored. It speaks for its agency with its role until it
 * expires or is revoked, and records when it was last used.
 */
import { sql } from 'kysely';
import type { Actor } from '../../domain/shared/actor.js';
import type { AccountsDb } from '../../store/accounts-schema.js';
import { hashSecret, randomSecret, SERVICE_TOKEN_PREFIX } from './secrets.js';

const TOUCH_EVERY_MS = 60_000;

export interface ServiceTokenView {
  id: string;
  name: string;
  role: string;
  agencyId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The actor id a service token acts as: recorded on its events and audit entries. */
export const serviceActorId = (tokenId: string) => `service:${tokenId}`;

export async function issueServiceToken(
  db: AccountsDb,
  input: { agencyId: string; name: string; role: string; expiresAt: Date; createdBy: string },
): Promise<{ token: string; view: ServiceTokenView }> {
  const token = `${SERVICE_TOKEN_PREFIX}${randomSecret()}`;
  const row = await db
    .insertInto('service_tokens')
    .values({
      token_hash: hashSecret(token),
      agency_id: input.agencyId,
      name: input.name,
      role: input.role,
      created_by: input.createdBy,
      expires_at: input.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, view: viewOf(row) };
}

export async function listServiceTokens(db: AccountsDb, agencyId: string): Promise<ServiceTokenView[]> {
  const rows = await db.selectFrom('service_tokens').selectAll().where('agency_id', '=', agencyId).orderBy('created_at', 'desc').execute();
  return rows.map(viewOf);
}

/** Revokes a token of this agency; false when the agency has no such token. */
export async function revokeServiceToken(db: AccountsDb, agencyId: string, tokenId: string): Promise<boolean> {
  const found = await db
    .updateTable('service_tokens')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('token_id', '=', tokenId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return Number(found.numUpdatedRows) > 0;
}

/** The actor of a live token, or undefined (unknown, expired or revoked). */
export async function actorOfServiceToken(db: AccountsDb, token: string): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('service_tokens')
    .select(['token_id', 'agency_id', 'role', 'last_used_at'])
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
    await db
      .updateTable('service_tokens')
      .set({ last_used_at: sql`now()` })
      .where('token_id', '=', row.token_id)
      .execute();
  }
  return { userId: serviceActorId(row.token_id), agencyId: row.agency_id, role: row.role };
}

function viewOf(row: {
  token_id: string;
  name: string;
  role: string;
  agency_id: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): ServiceTokenView {
  return {
    id: row.token_id,
    name: row.name,
    role: row.role,
    agencyId: row.agency_id,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
