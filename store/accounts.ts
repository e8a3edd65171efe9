/** People's accounts (migration 0012): one agency and one role each, as the tokens had. */
import { sql } from 'kysely';
import { resealAccountSecret } from '../platform/crypto/account-secret.js';
import type { KeyRing } from '../platform/crypto/key-ring.js';
import type { AccountsDb, UsersTable } from './accounts-schema.js';
import type { Selectable } from 'kysely';

export type UserRow = Selectable<UsersTable>;

export interface UserView {
  userId: string;
  username: string;
  displayName: string;
  agencyId: string;
  role: string;
  language: string;
  status: 'active' | 'disabled';
  secondFactorEnrolled: boolean;
  singleSignOn: boolean;
  createdAt: string;
  lastSeenAt: string | null;
}

export const userView = (row: UserRow): UserView => ({
  userId: row.user_id,
  username: row.username,
  displayName: row.display_name,
  agencyId: row.agency_id,
  role: row.role,
  language: row.language,
  status: row.status,
  secondFactorEnrolled: row.totp_secret !== null,
  singleSignOn: row.oidc_subject !== null,
  createdAt: row.created_at.toISOString(),
  lastSeenAt: row.last_seen_at?.toISOString() ?? null,
});

export interface NewUser {
  username: string;
  displayName: string;
  agencyId: string;
  role: string;
  language?: string;
  passwordHash?: string | null;
  oidc?: { issuer: string; subject: string };
}

export async function insertUser(db: AccountsDb, user: NewUser): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      agency_id: user.agencyId,
      role: user.role,
      language: user.language ?? 'en',
      password_hash: user.passwordHash ?? null,
      totp_secret: null,
      totp_pending_secret: null,
      oidc_issuer: user.oidc?.issuer ?? null,
      oidc_subject: user.oidc?.subject ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const usernameTaken = async (db: AccountsDb, username: string): Promise<boolean> =>
  (await findUserByUsername(db, username)) !== undefined;

export const findUserByUsername = (db: AccountsDb, username: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(username)`, '=', username.trim().toLowerCase())
    .executeTakeFirst();

export const findUser = (db: AccountsDb, userId: string) =>
  db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();

export const findUserBySubject = (db: AccountsDb, issuer: string, subject: string) =>
  db.selectFrom('users').selectAll().where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).executeTakeFirst();

export async function listUsers(db: AccountsDb, agencyId?: string): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll().orderBy('agency_id').orderBy('username');
  if (agencyId) query = query.where('agency_id', '=', agencyId);
  return query.execute();
}

export async function updateUser(
  db: AccountsDb,
  userId: string,
  changes: Partial<Pick<UserRow, 'display_name' | 'role' | 'language' | 'password_hash' | 'totp_secret' | 'totp_pending_secret'>> & {
    status?: 'active' | 'disabled';
    totp_last_step?: number | null;
  },
): Promise<UserRow | undefined> {
  const disabledAt = changes.status === 'disabled' ? { disabled_at: new Date() } : changes.status === 'active' ? { disabled_at: null } : {};
  return db
    .updateTable('users')
    .set({ ...changes, ...disabledAt })
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

/**
 * After a master key rotation: reseals every TOTP secret under the active master key (with the
 * person keys' rewrap, `rewrap-person-keys`), so the older key can be retired. Answers how many it
 * resealed; a secret under a key the ring does not hold throws UnknownKeyId (keep that key).
 */
export async function resealTotpSecrets(db: AccountsDb, masterKeys: KeyRing): Promise<number> {
  const rows = await db.selectFrom('users').select(['user_id', 'totp_secret', 'totp_pending_secret']).execute();
  let resealed = 0;
  for (const row of rows) {
    const secret = row.totp_secret && resealAccountSecret(masterKeys, row.user_id, 'totp', row.totp_secret);
    const pending = row.totp_pending_secret && resealAccountSecret(masterKeys, row.user_id, 'totp', row.totp_pending_secret);
    if (!secret && !pending) continue;
    // Only from the values just read: a concurrent enrolment wins.
    await db
      .updateTable('users')
      .set({ ...(secret ? { totp_secret: secret } : {}), ...(pending ? { totp_pending_secret: pending } : {}) })
      .where('user_id', '=', row.user_id)
      .where('totp_secret', 'is not distinct from', row.totp_secret)
      .where('totp_pending_secret', 'is not distinct from', row.totp_pending_secret)
      .execute();
    resealed++;
  }
  return resealed;
}
