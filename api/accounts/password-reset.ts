/**
 * Password resets: an admin (or the CLI) makes a one-time link that expires; the person sets a new
 * password through it. No password is ever sent anywhere. The token rides in the link's fragment
 * (`#token=`), which browsers do not send to servers, so it stays out of access logs.
 */
import type { AccountsSettings } from '../../platform/accounts-config.js';
import type { AccountsDb } from '../../store/accounts-schema.js';
import { findUser, updateUser } from '../../store/accounts.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { accountProblems } from './problems.js';
import { hashSecret, randomSecret } from './secrets.js';
import { endAllSessions } from './sessions.js';
import { accountKey, clearThrottle } from './throttle.js';

export async function createResetLink(
  db: AccountsDb,
  settings: AccountsSettings,
  userId: string,
): Promise<{ resetUrl: string; expiresAt: string }> {
  const token = randomSecret();
  const expiresAt = new Date(Date.now() + settings.passwordResetMinutes * 60_000);
  // A new link replaces the old ones: only the latest link works.
  await db.deleteFrom('password_resets').where('user_id', '=', userId).execute();
  await db
    .insertInto('password_resets')
    .values({ token_hash: hashSecret(token), user_id: userId, expires_at: expiresAt })
    .execute();
  return { resetUrl: `${settings.publicOrigin}/reset-password#token=${token}`, expiresAt: expiresAt.toISOString() };
}

/** Sets the new password through a live link; ends every session of the account. Returns the user id. */
export async function resetPassword(db: AccountsDb, token: string, newPassword: string): Promise<string> {
  const row = await db
    .selectFrom('password_resets')
    .selectAll()
    .where('token_hash', '=', hashSecret(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  const user = row && (await findUser(db, row.user_id));
  if (!row || !user) throw accountProblems.invalidResetToken();
  const problem = passwordProblem(newPassword, user.username);
  if (problem) throw accountProblems.password('body.newPassword', problem.reason, problem.code);
  const used = await db
    .updateTable('password_resets')
    .set({ used_at: new Date() })
    .where('token_hash', '=', row.token_hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw accountProblems.invalidResetToken();
  await updateUser(db, user.user_id, { password_hash: await hashPassword(newPassword) });
  await endAllSessions(db, user.user_id);
  await clearThrottle(db, accountKey(user.username));
  return user.user_id;
}
