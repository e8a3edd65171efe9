/**
 * The browser tests' people: real accounts, made by server.ts with `createAccount` (the code of
 * `POST /v1/users`) in the emptied test database. The server hands their ids and second-factor
 * secrets to the tests (HOMEWARD_BROWSER_ACCOUNTS, set by global-setup.ts), so the tests can sign
 * in through the real sign-in screen, type the authenticator's code, and call the API as them.
 */
import type { Role } from '../../../api/auth.js';
import type { Db } from '../../../store/db.js';
import type { PersonVault } from '../../../store/persons.js';
import { createAccount } from '../../support/accounts.js';

export interface BrowserAccount {
  username: string;
  displayName: string;
  agencyId: string;
  role: Role;
  language: string;
  /** Enrolled with a TOTP second factor (the coordinator, whose role requires one). */
  secondFactor?: boolean;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export const ACCOUNTS = {
  thai: { username: 'somchai', displayName: 'Somchai Kittisak', agencyId: 'th-dsdhs-bangkok', role: 'caseworker', language: 'th' },
  burmese: { username: 'aye', displayName: 'Aye Aye Myint', agencyId: 'mm-dsw', role: 'caseworker', language: 'my' },
  ngo: { username: 'grace', displayName: 'Grace Htoo', agencyId: 'mm-ngo-reintegration', role: 'ngo_worker', language: 'en' },
  khmer: { username: 'sokha', displayName: 'Sokha Chan', agencyId: 'kh-mosvy', role: 'caseworker', language: 'km' },
  coordinator: {
    username: 'nok',
    displayName: 'Nok Wongsa',
    agencyId: 'th-dsdhs-bangkok',
    role: 'coordinator',
    language: 'en',
    secondFactor: true,
  },
  /** An approver without a second factor yet: her role requires one, so she enrols while signing in. */
  approver: { username: 'malee', displayName: 'Malee Srisuk', agencyId: 'th-dsdhs-bangkok', role: 'approver', language: 'en' },
} satisfies Record<string, BrowserAccount>;

export type AccountName = keyof typeof ACCOUNTS;

/** What the server made of an account: its id and, when enrolled, its TOTP secret. */
export interface MadeAccount {
  userId: string;
  totpSecret?: string;
}

export const ACCOUNTS_ENV = 'HOMEWARD_BROWSER_ACCOUNTS';

/** Makes every test account (server.ts, after emptying the database). */
export async function createTestAccounts(db: Db, vault: PersonVault): Promise<Record<AccountName, MadeAccount>> {
  const made = {} as Record<AccountName, MadeAccount>;
  for (const [name, account] of Object.entries(ACCOUNTS) as [AccountName, BrowserAccount][]) {
    const { userId, totpSecret } = await createAccount(db, { ...account, password: TEST_PASSWORD }, vault);
    made[name] = totpSecret ? { userId, totpSecret } : { userId };
  }
  return made;
}

/** The account as the server made it (in the tests' process). */
export function madeAccount(name: AccountName): MadeAccount {
  const json = process.env[ACCOUNTS_ENV];
  if (!json) throw new Error(`${ACCOUNTS_ENV} is not set: the global setup did not start the server`);
  const account = (JSON.parse(json) as Record<string, MadeAccount>)[name];
  if (!account) throw new Error(`the server made no account ${name}`);
  return account;
}
