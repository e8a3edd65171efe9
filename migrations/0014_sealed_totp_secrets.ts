/**
 * TOTP secrets sealed at rest (#17 follow-up): `users.totp_secret`, `users.totp_pending_secret` and
 * `sign_in_challenges.pending_secret` held the shared secret in clear, enough for anyone reading
 * the table to make valid codes. They now hold it sealed with the master key ring that wraps the
 * person vault's keys (platform/crypto/account-secret.ts). Secrets already stored are sealed here,
 * which needs the master keys only when such rows exist; check constraints then refuse any value
 * that is not sealed, so no code path can store one in clear again.
 */
import { sql, type Kysely } from 'kysely';
import { isSealedAccountSecret, sealAccountSecret } from '../platform/crypto/account-secret.js';
import type { KeyRing } from '../platform/crypto/key-ring.js';
import { loadMasterKeys } from '../platform/config.js';

const SEALED = sql.raw(`'^sealed:v1:'`);

export async function up(db: Kysely<any>): Promise<void> {
  const clear = await sql<{ n: string }>`
    select (select count(*) from users where totp_secret !~ ${SEALED} or totp_pending_secret !~ ${SEALED})
         + (select count(*) from sign_in_challenges where pending_secret !~ ${SEALED}) as n`.execute(db);
  await sealClearTotpSecrets(db, Number(clear.rows[0]?.n) > 0 ? loadMasterKeys() : undefined);
  await sql`alter table users
    add constraint users_totp_secret_sealed check (totp_secret ~ ${SEALED}),
    add constraint users_totp_pending_secret_sealed check (totp_pending_secret ~ ${SEALED})`.execute(db);
  await sql`alter table sign_in_challenges
    add constraint sign_in_challenges_pending_secret_sealed check (pending_secret ~ ${SEALED})`.execute(db);
}

/** Seals every TOTP secret still stored in clear; answers how many it sealed. */
export async function sealClearTotpSecrets(db: Kysely<any>, masterKeys: KeyRing | undefined): Promise<number> {
  const users = await sql<{ user_id: string; totp_secret: string | null; totp_pending_secret: string | null }>`
    select user_id, totp_secret, totp_pending_secret from users
    where totp_secret !~ ${SEALED} or totp_pending_secret !~ ${SEALED}`.execute(db);
  const challenges = await sql<{ challenge_hash: string; user_id: string; pending_secret: string }>`
    select challenge_hash, user_id, pending_secret from sign_in_challenges where pending_secret !~ ${SEALED}`.execute(db);
  if (users.rows.length + challenges.rows.length === 0) return 0;
  if (!masterKeys) throw new Error('TOTP secrets are stored in clear: set HOMEWARD_MASTER_KEYS (or run `npm run setup`) to seal them');
  const sealed = (userId: string, stored: string | null) =>
    stored === null || isSealedAccountSecret(stored) ? stored : sealAccountSecret(masterKeys, userId, 'totp', stored);
  for (const row of users.rows) {
    await sql`update users set totp_secret = ${sealed(row.user_id, row.totp_secret)},
      totp_pending_secret = ${sealed(row.user_id, row.totp_pending_secret)} where user_id = ${row.user_id}`.execute(db);
  }
  for (const row of challenges.rows) {
    await sql`update sign_in_challenges set pending_secret = ${sealed(row.user_id, row.pending_secret)}
      where challenge_hash = ${row.challenge_hash}`.execute(db);
  }
  return users.rows.length + challenges.rows.length;
}

export async function down(db: Kysely<any>): Promise<void> {
  // Sealed secrets stay sealed: opening them needs the keys, and a rollback must not write them in clear.
  await sql`alter table users drop constraint users_totp_secret_sealed, drop constraint users_totp_pending_secret_sealed`.execute(db);
  await sql`alter table sign_in_challenges drop constraint sign_in_challenges_pending_secret_sealed`.execute(db);
}
