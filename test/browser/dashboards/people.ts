/**
 * The dashboards' people: a coordinator and an auditor of Thailand and the admin of a Thai shelter,
 * real accounts made with `createAccount` (the code of POST /v1/users) in the test database, each
 * with a second factor as their roles require. They sign in on the real sign-in screen (password,
 * then the authenticator's code), once each per run: a code is never accepted twice. Their
 * usernames end in a suffix of their own per run, so that the file's people made again (Playwright
 * runs `beforeAll` again in a new worker after a failed test) never collide with the last ones.
 */
import { expect, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mintToken, type Role } from '../../../api/auth.js';
import type { Db } from '../../../store/db.js';
import { createAccount, totpCodeOf } from '../../support/accounts.js';
import { baseUrl } from '../support/console.js';
import { BROWSER_JWT_SECRET } from '../support/secrets.js';
import { browserVault } from '../support/vault.js';

const PASSWORD = 'dashboards are read in ten seconds';

export interface Person {
  username: string;
  displayName: string;
  agencyId: string;
  role: Role;
  userId: string;
  totpSecret: string;
}

const PEOPLE = {
  coordinator: { username: 'dash.coordinator', displayName: 'Pranee Charoen', agencyId: 'th-dsdhs-bangkok', role: 'coordinator' },
  auditor: { username: 'dash.auditor', displayName: 'Wichai Boonmee', agencyId: 'th-dsdhs-bangkok', role: 'auditor' },
  admin: { username: 'dash.admin', displayName: 'Kanya Thongdee', agencyId: 'th-shelter-tak', role: 'admin' },
} as const;

export type PersonName = keyof typeof PEOPLE;

/** This run's people, and the suffix for the usernames a test makes itself. */
export async function makePeople(db: Db): Promise<{ people: Record<PersonName, Person>; suffix: string }> {
  const suffix = randomBytes(3).toString('hex');
  const people = {} as Record<PersonName, Person>;
  // The server's vault seals the second factor's secret, as POST /v1/users does.
  const vault = browserVault(db);
  for (const [name, wanted] of Object.entries(PEOPLE) as [PersonName, (typeof PEOPLE)[PersonName]][]) {
    const person = { ...wanted, username: `${wanted.username}.${suffix}` };
    const account = await createAccount(db, { ...person, password: PASSWORD, language: 'en', secondFactor: true }, vault);
    people[name] = { ...person, userId: account.userId, totpSecret: account.totpSecret! };
  }
  return { people, suffix };
}

export async function signInAs(page: Page, person: Person): Promise<void> {
  await page.goto(`${baseUrl()}/cases`);
  await page.locator('input[autocomplete="username"]').fill(person.username);
  await page.locator('input[autocomplete="current-password"]').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  const code = page.locator('input[autocomplete="one-time-code"]');
  await expect(code).toBeVisible();
  await code.fill(totpCodeOf(person.totpSecret));
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByTestId('who')).toContainText(person.displayName);
}

/** The API as a program calls it, as this person (a development bearer token). */
export async function apiAs<T = any>(
  person: Person,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T; text: string }> {
  const token = await mintToken(BROWSER_JWT_SECRET, { userId: person.userId, agencyId: person.agencyId, role: person.role });
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : undefined;
  return { status: response.status, body: json as T, text };
}

/** The person's language, as they would choose it in the header, then the page again in it. */
export async function speak(page: Page, person: Person, language: string): Promise<void> {
  expect((await apiAs(person, 'PATCH', '/v1/me', { language })).status).toBe(200);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}
