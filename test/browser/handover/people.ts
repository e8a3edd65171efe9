/**
 * The handover and transfer browser tests' own people, besides the shared test accounts: the Thai
 * anti-trafficking police, the Attorney General's approver (with a second factor) and China's
 * police. Made in the browser tests' database with `createAccount` (the code of POST /v1/users),
 * with a name of their own per spec file so files never collide; they sign in on the real screen.
 */
import { expect, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mintToken, type Role } from '../../../api/auth.js';
import { createDb } from '../../../store/db.js';
import { createAccount, totpCodeOf } from '../../support/accounts.js';
import { testDatabaseUrl } from '../../support/database-url.js';
import { TEST_PASSWORD } from '../support/accounts.js';
import { baseUrl } from '../support/console.js';
import { BROWSER_JWT_SECRET } from '../support/secrets.js';
import { browserVault } from '../support/vault.js';

export interface Person {
  username: string;
  displayName: string;
  agencyId: string;
  role: Role;
  language: string;
  userId: string;
  totpSecret?: string;
}

type Wanted = Omit<Person, 'userId' | 'totpSecret' | 'username'> & { name: string; secondFactor?: boolean };

export async function makePeople<K extends string>(wanted: Record<K, Wanted>): Promise<Record<K, Person>> {
  const db = createDb(testDatabaseUrl(), { max: 1 });
  const suffix = randomBytes(3).toString('hex');
  const made = {} as Record<K, Person>;
  // The server's vault seals a second factor's secret, as POST /v1/users does.
  const vault = browserVault(db);
  try {
    for (const [key, w] of Object.entries(wanted) as [K, Wanted][]) {
      const username = `${w.name}.${suffix}`;
      const account = await createAccount(
        db,
        {
          username,
          password: TEST_PASSWORD,
          agencyId: w.agencyId,
          role: w.role,
          language: w.language,
          displayName: w.displayName,
          secondFactor: w.secondFactor ?? false,
        },
        vault,
      );
      made[key] = {
        username,
        displayName: w.displayName,
        agencyId: w.agencyId,
        role: w.role,
        language: w.language,
        userId: account.userId,
        ...(account.totpSecret ? { totpSecret: account.totpSecret } : {}),
      };
    }
  } finally {
    await db.destroy();
  }
  return made;
}

/** Signs in on the real sign-in screen: password, then the authenticator's code when enrolled. */
export async function signInAs(page: Page, person: Person, path = '/cases'): Promise<void> {
  await page.goto(`${baseUrl()}${path}`);
  await page.locator('input[autocomplete="username"]').fill(person.username);
  await page.locator('input[autocomplete="current-password"]').fill(TEST_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  if (person.totpSecret) {
    const code = page.locator('input[autocomplete="one-time-code"]');
    await expect(code).toBeVisible();
    await code.fill(totpCodeOf(person.totpSecret));
    await page.locator('form button[type="submit"]').click();
  }
  await expect(page.getByTestId('who')).toContainText(person.displayName);
}

/** The API as a program calls it, as this person (a development bearer token). */
export async function callAs<T = any>(
  person: Pick<Person, 'userId' | 'agencyId' | 'role'>,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const token = await mintToken(BROWSER_JWT_SECRET, { userId: person.userId, agencyId: person.agencyId, role: person.role });
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
