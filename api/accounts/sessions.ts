/**
 * Server-side sessions in Postgres: the browser holds a random token in an httpOnly, Secure,
 * SameSite=Strict cookie; the table holds only its hash. A session ends when signed out, after
 * an idle time, at its absolute lifetime, or at once when its account is disabled.
 */
import type { FastifyReply } from 'fastify';
import { sql } from 'kysely';
import type { AccountsSettings } from '../../platform/accounts-config.js';
import type { AccountsDb } from '../../store/accounts-schema.js';
import { hashSecret, randomSecret } from './secrets.js';

export const SESSION_COOKIE = 'homeward_session';
/** Last-seen times are written at most this often per session: reads should not all be writes. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionUser {
  sessionHash: string;
  userId: string;
  agencyId: string;
  role: string;
}

export async function startSession(db: AccountsDb, settings: AccountsSettings, reply: FastifyReply, userId: string): Promise<void> {
  const token = randomSecret();
  const maxAgeSeconds = Math.round(settings.sessionAbsoluteHours * 3600);
  await db
    .insertInto('sessions')
    .values({
      session_hash: hashSecret(token),
      user_id: userId,
      last_seen_at: new Date(),
      expires_at: new Date(Date.now() + maxAgeSeconds * 1000),
    })
    .execute();
  await db.updateTable('users').set({ last_seen_at: new Date() }).where('user_id', '=', userId).execute();
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
}

/** The live session of this cookie, touching its last-seen time; undefined when it is not live. */
export async function resumeSession(db: AccountsDb, settings: AccountsSettings, token: string): Promise<SessionUser | undefined> {
  const sessionHash = hashSecret(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.user_id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.last_seen_at', 'users.agency_id', 'users.role'])
    .where('sessions.session_hash', '=', sessionHash)
    .where('sessions.ended_at', 'is', null)
    .where('sessions.expires_at', '>', new Date())
    .where('sessions.last_seen_at', '>', new Date(Date.now() - settings.sessionIdleMinutes * 60_000))
    .where('users.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  if (Date.now() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now()` })
      .where('session_hash', '=', sessionHash)
      .execute();
    await db
      .updateTable('users')
      .set({ last_seen_at: sql`now()` })
      .where('user_id', '=', row.user_id)
      .execute();
  }
  return { sessionHash, userId: row.user_id, agencyId: row.agency_id, role: row.role };
}

export async function endSession(db: AccountsDb, sessionHash: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: sql`now()` })
    .where('session_hash', '=', sessionHash)
    .where('ended_at', 'is', null)
    .execute();
}

/** Ends every open session of the user (sign out everywhere, disabling, a password reset). */
export async function endAllSessions(db: AccountsDb, userId: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ ended_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
