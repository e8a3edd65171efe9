/**
 * Managing accounts, shared by the API (an agency's admin), the CLI (operators, the first admin)
 * and the tests' `createAccount`: one place for what a valid account is.
 */
import type { Actor } from '../../domain/shared/actor.js';
import type { AccountsSettings } from '../../platform/accounts-config.js';
import { findAgency } from '../../store/agencies.js';
import { accountsDb } from '../../store/accounts-schema.js';
import { findUser, insertUser, updateUser, usernameTaken, userView, type UserRow, type UserView } from '../../store/accounts.js';
import type { Db } from '../../store/db.js';
import { ROLES, type Role } from '../auth.js';
import { auditAccount } from './me.js';
import { createResetLink } from './password-reset.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { accountProblems } from './problems.js';
import { endAllSessions } from './sessions.js';
import { accountKey, clearThrottle } from './throttle.js';

export interface AccountInput {
  username: string;
  displayName?: string;
  agencyId: string;
  role: Role | string;
  language?: string;
  /** Without one, the answer holds a one-time link to set it. */
  password?: string;
}

export interface CreatedAccount {
  user: UserView;
  resetUrl?: string;
  expiresAt?: string;
}

export async function createAccountRecord(db: Db, settings: AccountsSettings, input: AccountInput, by: Actor): Promise<CreatedAccount> {
  const adb = accountsDb(db);
  if (!ROLES.includes(input.role as Role)) throw accountProblems.password('body.role', `must be one of ${ROLES.join(', ')}`, 'enum');
  if (!(await findAgency(db, input.agencyId))) throw accountProblems.password('body.agencyId', 'is not in the agency registry', 'invalid');
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, input.username);
    if (problem) throw accountProblems.password('body.password', problem.reason, problem.code);
  }
  if (await usernameTaken(adb, input.username)) throw accountProblems.conflict('username-taken', 'This username is already taken.');
  const row = await insertUser(adb, {
    username: input.username.trim(),
    displayName: input.displayName ?? input.username,
    agencyId: input.agencyId,
    role: input.role,
    language: input.language,
    passwordHash: input.password === undefined ? null : await hashPassword(input.password),
  });
  await auditAccount(db, by, 'user.create', 'ok', { targetUserId: row.user_id, role: row.role, targetAgencyId: row.agency_id });
  if (input.password !== undefined) return { user: userView(row) };
  return { user: userView(row), ...(await createResetLink(adb, settings, row.user_id)) };
}

/** The account, when `by` manages it: an admin manages the accounts of their own agency only. */
export async function managedAccount(db: Db, by: Actor, userId: string): Promise<UserRow> {
  const user = await findUser(accountsDb(db), userId);
  // Another agency's account answers as if it did not exist: admins learn nothing of other agencies.
  if (!user || user.agency_id !== by.agencyId) throw accountProblems.notFound(`No account ${userId} in your agency.`);
  return user;
}

export function assertAdmin(by: Actor): void {
  if (by.role !== 'admin') throw accountProblems.forbidden(`Managing accounts needs the role admin; you have the role ${by.role}.`);
}

export async function setStatus(db: Db, by: Actor, user: UserRow, status: 'active' | 'disabled'): Promise<UserView> {
  if (status === 'disabled' && user.user_id === by.userId)
    throw accountProblems.conflict('cannot-disable-self', 'An admin cannot disable their own account; ask another admin.');
  const row = await updateUser(accountsDb(db), user.user_id, { status });
  // Disabling ends every open session at once (sessions also check the status on every request).
  const ended = status === 'disabled' ? await endAllSessions(accountsDb(db), user.user_id) : 0;
  await auditAccount(db, by, status === 'disabled' ? 'user.disable' : 'user.enable', 'ok', {
    targetUserId: user.user_id,
    sessionsEnded: ended,
  });
  return userView(row!);
}

export async function unlock(db: Db, by: Actor, user: UserRow): Promise<void> {
  await clearThrottle(accountsDb(db), accountKey(user.username));
  await auditAccount(db, by, 'user.unlock', 'ok', { targetUserId: user.user_id });
}

export async function resetLink(db: Db, settings: AccountsSettings, by: Actor, user: UserRow) {
  const link = await createResetLink(accountsDb(db), settings, user.user_id);
  await auditAccount(db, by, 'user.reset-password', 'ok', { targetUserId: user.user_id });
  return link;
}
