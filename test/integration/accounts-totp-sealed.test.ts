/**
 * TOTP secrets are sealed at rest (#17 follow-up, migration 0014): what the tables hold is not the
 * secret, signing in with a code still works, a clear secret cannot be stored, and the migration
 * seals secrets stored before it.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealClearTotpSecrets } from '../../migrations/0014_sealed_totp_secrets.js';
import { defaultAccountsSettings } from '../../platform/accounts-config.js';
import { openAccountSecret } from '../../platform/crypto/account-secret.js';
import { generateKeyRing, parseKeyRing, rotateKeyRing } from '../../platform/crypto/key-ring.js';
import { resealTotpSecrets } from '../../store/accounts.js';
import { accountsDb } from '../../store/accounts-schema.js';
import type { Db } from '../../store/db.js';
import { createAccount, totpCodeOf } from '../support/accounts.js';
import { startHarness, TEST_MASTER_KEYS, type Harness } from '../support/harness.js';
import { APP_ORIGIN, browser, signIn } from '../support/sign-in.js';

const PASSWORD = 'sealed second factor 2026';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false, accounts: defaultAccountsSettings({ publicOrigin: APP_ORIGIN }) });
});
afterAll(async () => h?.stop());

const storedSecrets = (userId: string) => storedSecretsIn(h.db, userId);
const storedSecretsIn = (db: Db, userId: string) =>
  accountsDb(db).selectFrom('users').select(['totp_secret', 'totp_pending_secret']).where('user_id', '=', userId).executeTakeFirstOrThrow();

/** Runs `work` in a transaction that is always rolled back, and answers what it read. */
async function rolledBack<T>(work: (trx: Db) => Promise<T>): Promise<T> {
  let result: T | undefined;
  const rollback = new Error('roll back');
  await h.db
    .transaction()
    .execute(async (trx) => {
      result = await work(trx);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return result as T;
}

describe('TOTP secrets at rest', () => {
  it('are stored sealed, never as the secret, and signing in with a code still works', async () => {
    const account = await createAccount(h.db, {
      username: `sealed-${randomUUID().slice(0, 8)}`,
      password: PASSWORD,
      agencyId: 'th-dsdhs-bangkok',
      role: 'caseworker',
    });
    const b = browser(h.app);
    await signIn(b, account.username, PASSWORD);
    const enrolment = await b.request('POST', '/v1/me/totp');
    const secret = enrolment.body.secret as string;
    const pending = await storedSecrets(account.userId);
    expect(pending.totp_pending_secret).toMatch(/^sealed:v1:test-master-1:/);
    expect(pending.totp_pending_secret).not.toContain(secret);

    expect((await b.request('POST', '/v1/me/totp/confirm', { code: totpCodeOf(secret) })).status).toBe(200);
    const enrolled = await storedSecrets(account.userId);
    expect(enrolled.totp_pending_secret).toBeNull();
    expect(enrolled.totp_secret).toMatch(/^sealed:v1:/);
    expect(enrolled.totp_secret).not.toContain(secret);
    expect(h.vault.accountSecrets.open(account.userId, enrolled.totp_secret!)).toBe(secret);
    // Sealed for this account: the same value copied to another account does not open.
    expect(() => h.vault.accountSecrets.open(randomUUID(), enrolled.totp_secret!)).toThrow(/integrity/);

    const again = browser(h.app);
    const challenge = await signIn(again, account.username, PASSWORD);
    expect(challenge.body.status).toBe('second_factor_required');
    const signedIn = await again.request('POST', '/v1/auth/second-factor', {
      challenge: challenge.body.challenge,
      code: totpCodeOf(secret, 1),
    });
    expect(signedIn.body.status).toBe('signed_in');
  });

  it('refuses a secret in clear, and the migration seals those stored before it', async () => {
    const account = await createAccount(h.db, {
      username: `clear-${randomUUID().slice(0, 8)}`,
      password: PASSWORD,
      agencyId: 'th-dsdhs-bangkok',
      role: 'caseworker',
    });
    const clear = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await expect(sql`update users set totp_secret = ${clear} where user_id = ${account.userId}`.execute(h.db)).rejects.toThrow(
      /users_totp_secret_sealed/,
    );
    // As before migration 0014 (its constraints undone for this transaction only, which is rolled back).
    const sealed = await rolledBack(async (trx) => {
      await sql`alter table users drop constraint users_totp_secret_sealed`.execute(trx);
      await sql`update users set totp_secret = ${clear} where user_id = ${account.userId}`.execute(trx);
      expect(await sealClearTotpSecrets(trx, parseKeyRing('TEST_MASTER_KEYS', TEST_MASTER_KEYS))).toBe(1);
      return (await storedSecretsIn(trx, account.userId)).totp_secret;
    });
    expect(sealed).toMatch(/^sealed:v1:test-master-1:/);
    expect(sealed).not.toContain(clear);
    expect(h.vault.accountSecrets.open(account.userId, sealed!)).toBe(clear);
    expect((await storedSecrets(account.userId)).totp_secret).toBeNull();
  });

  it('move to the active master key after a rotation, so the older key can be retired', async () => {
    const account = await createAccount(h.db, {
      username: `rotated-${randomUUID().slice(0, 8)}`,
      password: PASSWORD,
      agencyId: 'th-dsdhs-bangkok',
      role: 'caseworker',
    });
    const secret = 'KRUGS4ZANFZSAYJAONSWG4TFOQ5DUMRQ';
    await accountsDb(h.db)
      .updateTable('users')
      .set({ totp_secret: h.vault.accountSecrets.seal(account.userId, secret) })
      .where('user_id', '=', account.userId)
      .execute();
    const older = parseKeyRing('TEST_MASTER_KEYS', TEST_MASTER_KEYS);
    const rotated = rotateKeyRing(older, generateKeyRing('test-master-2'));
    // Rolled back: the other test files' vaults hold only the first key.
    const resealed = await rolledBack(async (trx) => {
      expect(await resealTotpSecrets(accountsDb(trx), rotated)).toBeGreaterThanOrEqual(1);
      return (await storedSecretsIn(trx, account.userId)).totp_secret;
    });
    expect(resealed).toMatch(/^sealed:v1:test-master-2:/);
    const retired = { activeId: 'test-master-2', keys: new Map([['test-master-2', rotated.keys.get('test-master-2')!]]) };
    expect(openAccountSecret(retired, account.userId, 'totp', resealed!)).toBe(secret);
  });
});
