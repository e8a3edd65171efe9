/**
 * Accounts for tests (this branch's and the console's browser tests): made directly in the
 * database through the same code as `POST /v1/users`, so the password rules hold here too.
 */
import { TOTP, Secret } from 'otpauth';
import { createAccountRecord } from '../../api/accounts/users.js';
import type { Role } from '../../api/auth.js';
import { defaultAccountsSettings } from '../../platform/accounts-config.js';
import { accountsDb } from '../../store/accounts-schema.js';
import { updateUser } from '../../store/accounts.js';
import type { Db } from '../../store/db.js';
import type { PersonVault } from '../../store/persons.js';

export interface TestAccountInput {
  username: string;
  password: string;
  agencyId: string;
  role: Role;
  language?: string;
  displayName?: string;
  /** Enrol a TOTP second factor; the answer then carries its secret and a code generator. */
  secondFactor?: boolean;
}

export interface TestAccount {
  userId: string;
  username: string;
  password: string;
  agencyId: string;
  role: Role;
  totpSecret?: string;
  /** The TOTP code of now (needs `secondFactor: true`). */
  totpCode(): string;
}

export const totpCodeOf = (secret: string, offsetSteps = 0): string =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

/** `vault`: the server's, whose master key ring seals the TOTP secret as the server does (needed with `secondFactor`). */
export async function createAccount(db: Db, input: TestAccountInput, vault?: PersonVault): Promise<TestAccount> {
  const { user } = await createAccountRecord(
    db,
    defaultAccountsSettings(),
    {
      username: input.username,
      password: input.password,
      agencyId: input.agencyId,
      role: input.role,
      language: input.language,
      displayName: input.displayName ?? input.username,
    },
    { userId: 'test-support', agencyId: input.agencyId, role: 'admin' },
  );
  const totpSecret = input.secondFactor ? new Secret({ size: 20 }).base32 : undefined;
  if (totpSecret) {
    if (!vault) throw new Error("createAccount: a second factor needs the server's vault, which seals the secret");
    await updateUser(accountsDb(db), user.userId, { totp_secret: vault.accountSecrets.seal(user.userId, totpSecret) });
  }
  return {
    userId: user.userId,
    username: user.username,
    password: input.password,
    agencyId: input.agencyId,
    role: input.role,
    totpSecret,
    totpCode() {
      if (!totpSecret) throw new Error('createAccount: this account has no second factor (secondFactor: true)');
      return totpCodeOf(totpSecret);
    },
  };
}
