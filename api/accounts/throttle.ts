/**
 * Sign-in failures slow down and then lock, per account name and per address. Both are counted
 * under a hash of the name or address, whether the account exists or not, so a lock says nothing
 * about which names exist. A lock ends by time, or when an admin unlocks the account.
 */
import { sql } from 'kysely';
import type { AccountsSettings } from '../../platform/accounts-config.js';
import type { AccountsDb } from '../../store/accounts-schema.js';
import { hashSecret } from './secrets.js';

export const accountKey = (username: string) => `account:${hashSecret(username.trim().toLowerCase())}`;
export const addressKey = (address: string) => `address:${hashSecret(address)}`;

/** Seconds until the first of these keys unlocks, or 0 when none is locked. */
export async function lockedFor(db: AccountsDb, keys: string[]): Promise<number> {
  const rows = await db
    .selectFrom('sign_in_throttles')
    .select('locked_until')
    .where('throttle_key', 'in', keys)
    .where('locked_until', '>', new Date())
    .execute();
  const until = Math.max(0, ...rows.map((r) => r.locked_until!.getTime()));
  return until ? Math.ceil((until - Date.now()) / 1000) : 0;
}

/** Counts a failure under each key (a window as long as the lock); locks a key at its threshold. */
export async function recordFailure(db: AccountsDb, settings: AccountsSettings, keys: { key: string; threshold: number }[]) {
  for (const { key, threshold } of keys) {
    await sql`insert into sign_in_throttles (throttle_key, failures, first_failure_at) values (${key}, 1, now())
      on conflict (throttle_key) do update set
        failures = case when sign_in_throttles.first_failure_at < now() - make_interval(secs => ${settings.lockoutSeconds})
                          or sign_in_throttles.locked_until < now()
                        then 1 else sign_in_throttles.failures + 1 end,
        first_failure_at = case when sign_in_throttles.first_failure_at < now() - make_interval(secs => ${settings.lockoutSeconds})
                                  or sign_in_throttles.locked_until < now()
                                then now() else sign_in_throttles.first_failure_at end,
        locked_until = null`.execute(db);
    await db
      .updateTable('sign_in_throttles')
      .set({ locked_until: sql`now() + make_interval(secs => ${settings.lockoutSeconds})` })
      .where('throttle_key', '=', key)
      .where('failures', '>=', threshold)
      .execute();
  }
}

/** Failures so far on a key: each one after the third adds a short pause before the answer. */
export async function failuresOf(db: AccountsDb, key: string): Promise<number> {
  const row = await db.selectFrom('sign_in_throttles').select('failures').where('throttle_key', '=', key).executeTakeFirst();
  return row?.failures ?? 0;
}

export const slowDownMs = (failures: number): number => Math.min(2000, Math.max(0, failures - 2) * 250);

export async function clearThrottle(db: AccountsDb, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttles').where('throttle_key', '=', key).execute();
}
