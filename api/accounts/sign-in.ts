/**
 * Signing in with a password, then (when enrolled or required) a second factor. Between the two
 * steps the client holds a challenge: random, stored hashed, five minutes, one use. Every failure
 * counts toward the locks of the account name and of the address (throttle.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AccountsSettings } from '../../platform/accounts-config.js';
import { accountsDb, type AccountsDb } from '../../store/accounts-schema.js';
import { findUser, findUserByUsername, updateUser, type UserRow } from '../../store/accounts.js';
import type { AppDeps } from '../deps.js';
import { settingsOf } from './authenticate.js';
import { actorOfUser, ANONYMOUS, auditAccount, meOf, type Me } from './me.js';
import { verifyPassword } from './passwords.js';
import { accountProblems } from './problems.js';
import { hashSecret, randomSecret } from './secrets.js';
import { startSession } from './sessions.js';
import { accountKey, addressKey, clearThrottle, failuresOf, lockedFor, recordFailure, slowDownMs } from './throttle.js';
import { acceptedStep, enrolment, issueRecoveryCodes, newTotpSecret, useRecoveryCode } from './totp.js';

const CHALLENGE_MINUTES = 5;

export type SignInAnswer =
  | { status: 'signed_in'; me: Me; recoveryCodes?: string[] }
  | { status: 'second_factor_required' | 'enrolment_required'; challenge: string };

interface Context {
  deps: AppDeps;
  db: AccountsDb;
  settings: AccountsSettings;
  request: FastifyRequest;
  reply: FastifyReply;
}

export const contextOf = (deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Context => ({
  deps,
  db: accountsDb(deps.db),
  settings: settingsOf(deps),
  request,
  reply,
});

const throttleKeys = (ctx: Context, username: string) => [
  { key: accountKey(username), threshold: ctx.settings.lockoutThreshold },
  { key: addressKey(ctx.request.ip), threshold: ctx.settings.addressLockoutThreshold },
];

async function refuseWhenLocked(ctx: Context, username: string): Promise<void> {
  const retryAfterSeconds = await lockedFor(
    ctx.db,
    throttleKeys(ctx, username).map((k) => k.key),
  );
  if (retryAfterSeconds > 0) {
    await auditAccount(ctx.deps.db, ANONYMOUS, 'auth.sign-in', 'refused', { reason: 'locked' });
    throw accountProblems.locked(retryAfterSeconds);
  }
}

export async function signInWithPassword(ctx: Context, username: string, password: string): Promise<SignInAnswer> {
  await refuseWhenLocked(ctx, username);
  await sleep(slowDownMs(await failuresOf(ctx.db, accountKey(username))));
  const user = await findUserByUsername(ctx.db, username);
  // Unknown, disabled and single-sign-on-only accounts all verify against the dummy hash: same answer, same time.
  const ok = await verifyPassword(user?.status === 'active' ? user.password_hash : null, password);
  if (!ok || !user) {
    await recordFailure(ctx.db, ctx.settings, throttleKeys(ctx, username));
    await auditAccount(ctx.deps.db, user ? actorOfUser(user) : ANONYMOUS, 'auth.sign-in', 'refused', { reason: 'invalid-credentials' });
    throw accountProblems.invalidCredentials();
  }
  await clearThrottle(ctx.db, accountKey(username));
  if (user.totp_secret) return challenge(ctx, user, 'second_factor');
  if (ctx.settings.secondFactorRoles.includes(user.role)) return challenge(ctx, user, 'enrolment');
  return signedIn(ctx, user, 'password');
}

async function challenge(ctx: Context, user: UserRow, kind: 'second_factor' | 'enrolment'): Promise<SignInAnswer> {
  const token = randomSecret();
  await ctx.db
    .insertInto('sign_in_challenges')
    .values({
      challenge_hash: hashSecret(token),
      user_id: user.user_id,
      kind,
      pending_secret: null,
      expires_at: new Date(Date.now() + CHALLENGE_MINUTES * 60_000),
    })
    .execute();
  await auditAccount(ctx.deps.db, actorOfUser(user), 'auth.sign-in', 'ok', { step: kind });
  return { status: kind === 'second_factor' ? 'second_factor_required' : 'enrolment_required', challenge: token };
}

async function signedIn(ctx: Context, user: UserRow, method: string, recoveryCodes?: string[]): Promise<SignInAnswer> {
  await startSession(ctx.db, ctx.settings, ctx.reply, user.user_id);
  await auditAccount(ctx.deps.db, actorOfUser(user), 'auth.session-started', 'ok', { method });
  const me = await meOf(ctx.deps.db, ctx.settings, actorOfUser(user));
  return { status: 'signed_in', me, ...(recoveryCodes ? { recoveryCodes } : {}) };
}

/** The live challenge of this kind and its user; refused when expired, used or unknown. */
async function openChallenge(ctx: Context, token: string, kind: 'second_factor' | 'enrolment') {
  const row = await ctx.db
    .selectFrom('sign_in_challenges')
    .selectAll()
    .where('challenge_hash', '=', hashSecret(token))
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  const user = row && (await findUser(ctx.db, row.user_id));
  if (!row || !user || user.status !== 'active') throw accountProblems.invalidChallenge();
  await refuseWhenLocked(ctx, user.username);
  return { row, user };
}

async function closeChallenge(ctx: Context, challengeHash: string): Promise<void> {
  const used = await ctx.db
    .updateTable('sign_in_challenges')
    .set({ used_at: new Date() })
    .where('challenge_hash', '=', challengeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw accountProblems.invalidChallenge();
}

async function refuseFactor(ctx: Context, user: UserRow, reason: string): Promise<never> {
  await recordFailure(ctx.db, ctx.settings, throttleKeys(ctx, user.username));
  await auditAccount(ctx.deps.db, actorOfUser(user), 'auth.second-factor', 'refused', { reason });
  throw accountProblems.invalidSecondFactor();
}

export async function signInWithSecondFactor(
  ctx: Context,
  token: string,
  proof: { code?: string; recoveryCode?: string },
): Promise<SignInAnswer> {
  const { row, user } = await openChallenge(ctx, token, 'second_factor');
  if (proof.recoveryCode !== undefined) {
    if (!(await useRecoveryCode(ctx.db, user.user_id, proof.recoveryCode))) return refuseFactor(ctx, user, 'recovery-code');
    await auditAccount(ctx.deps.db, actorOfUser(user), 'auth.recovery-code-used', 'ok');
  } else {
    const secret = user.totp_secret ? ctx.deps.vault.accountSecrets.open(user.user_id, user.totp_secret) : '';
    const step = acceptedStep(secret, proof.code ?? '', user.totp_last_step === null ? null : Number(user.totp_last_step));
    if (step === undefined || !user.totp_secret) return refuseFactor(ctx, user, 'totp');
    await updateUser(ctx.db, user.user_id, { totp_last_step: step });
  }
  await closeChallenge(ctx, row.challenge_hash);
  await clearThrottle(ctx.db, accountKey(user.username));
  return signedIn(ctx, user, proof.recoveryCode !== undefined ? 'recovery-code' : 'totp');
}

export async function startEnrolmentInSignIn(ctx: Context, token: string) {
  const { row, user } = await openChallenge(ctx, token, 'enrolment');
  const secret = newTotpSecret();
  await ctx.db
    .updateTable('sign_in_challenges')
    .set({ pending_secret: ctx.deps.vault.accountSecrets.seal(user.user_id, secret) })
    .where('challenge_hash', '=', row.challenge_hash)
    .execute();
  return enrolment(secret, user.username);
}

export async function confirmEnrolmentInSignIn(ctx: Context, token: string, code: string): Promise<SignInAnswer> {
  const { row, user } = await openChallenge(ctx, token, 'enrolment');
  const step = row.pending_secret
    ? acceptedStep(ctx.deps.vault.accountSecrets.open(user.user_id, row.pending_secret), code, null)
    : undefined;
  if (step === undefined || !row.pending_secret) return refuseFactor(ctx, user, 'totp-enrolment');
  await closeChallenge(ctx, row.challenge_hash);
  // Still sealed: the pending and the enrolled secret are sealed alike (the account, 'totp').
  await updateUser(ctx.db, user.user_id, { totp_secret: row.pending_secret, totp_pending_secret: null, totp_last_step: step });
  const recoveryCodes = await issueRecoveryCodes(ctx.db, user.user_id);
  await auditAccount(ctx.deps.db, actorOfUser(user), 'auth.second-factor-enrolled', 'ok');
  await clearThrottle(ctx.db, accountKey(user.username));
  return signedIn(ctx, user, 'totp-enrolment', recoveryCodes);
}
