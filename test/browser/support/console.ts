/**
 * What the browser tests share: the server's address, the catalogs (so a test finds the text a
 * reader sees, in their language), signing in as a test account on the real sign-in screen
 * (password, then the authenticator's code when the account has one), calling the API directly,
 * axe checks and screenshots under data/browser/screenshots/.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mintToken } from '../../../api/auth.js';
import { PROJECT_ROOT } from '../../../platform/config.js';
import { totpCodeOf } from '../../support/accounts.js';
import { ACCOUNTS, madeAccount, TEST_PASSWORD, type AccountName } from './accounts.js';
import { BROWSER_JWT_SECRET } from './secrets.js';

export const LANGUAGES = ['en', 'km', 'lo', 'my', 'th', 'vi', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

export function baseUrl(): string {
  const url = process.env.HOMEWARD_BROWSER_URL;
  if (!url) throw new Error('HOMEWARD_BROWSER_URL is not set: the global setup did not start the server');
  return url;
}

const catalogs = new Map<string, Record<string, string>>();
/** A message as the reader sees it; ICU arguments filled in naively (tests use simple ones). */
export function m(language: string, id: string, values: Record<string, string | number> = {}): string {
  if (!catalogs.has(language)) {
    const dir = join(PROJECT_ROOT, 'web/src/i18n/messages');
    const areas = readdirSync(dir).map((area) => JSON.parse(readFileSync(join(dir, area, `${language}.json`), 'utf8')));
    catalogs.set(language, Object.assign({}, ...areas));
  }
  const message = catalogs.get(language)![id];
  if (message === undefined) throw new Error(`no message ${id} in ${language}`);
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export async function signIn(page: Page, name: AccountName): Promise<void> {
  const account = ACCOUNTS[name];
  await page.goto(`${baseUrl()}/cases`);
  await page.locator('input[autocomplete="username"]').fill(account.username);
  await page.locator('input[autocomplete="current-password"]').fill(TEST_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  const { totpSecret } = madeAccount(name);
  if (totpSecret) {
    // The second step: the code of the authenticator app, as its owner would type it.
    const code = page.locator('input[autocomplete="one-time-code"]');
    await expect(code).toBeVisible();
    await code.fill(totpCodeOf(totpSecret));
    await page.locator('form button[type="submit"]').click();
  }
  await expect(page.getByTestId('who')).toContainText(account.displayName);
}

export async function signOut(page: Page, language: Language): Promise<void> {
  await page.getByRole('button', { name: m(language, 'nav.signOut') }).click();
  await expect(page.locator('input[autocomplete="username"]')).toBeVisible();
}

/** The API as a program calls it, with a development bearer token for a test account. */
export async function callApi<T = any>(
  name: AccountName,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const account = ACCOUNTS[name];
  const token = await mintToken(BROWSER_JWT_SECRET, { userId: madeAccount(name).userId, agencyId: account.agencyId, role: account.role });
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** No serious or critical accessibility violation on the screen as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page: page as never }).analyze();
  const grave = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    grave.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe on ${screen}`,
  ).toEqual([]);
}

export async function screenshot(page: Page, language: string, screen: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(PROJECT_ROOT, 'data/browser/screenshots', language, `${screen}.png`), fullPage: true });
}

/** Presses Tab until the element has the focus (at most `limit` times): it is reachable by keyboard. */
export async function tabTo(page: Page, target: Locator, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    // The locator is resolved afresh each time: a form re-made after a refetch is the same target.
    if (await target.evaluate((el) => el === document.activeElement, undefined, { timeout: 2000 }).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with ${limit} presses of Tab`);
}

/** The action's form on the case page (opened). */
export async function openAction(page: Page, type: string): Promise<Locator> {
  const action = page.locator(`details[data-action="${type}"]`);
  await expect(action).toBeVisible();
  if (!(await action.evaluate((el) => (el as HTMLDetailsElement).open))) await action.locator('summary').click();
  await expect(action).toHaveAttribute('open', '');
  return action;
}

/** Fills an action's form (radio choices by value, other inputs by their order) and records it. */
export async function perform(page: Page, language: Language, type: string, fields: Record<string, string> = {}): Promise<void> {
  const action = await openAction(page, type);
  for (const [name, value] of Object.entries(fields)) {
    const field = action.locator(`[data-field="${name}"]`);
    // The label is the field's translated name, read out with its control.
    await expect(field).toContainText(m(language, `field.${name}`));
    const radio = field.locator(`input[type=radio][value="${value}"]`);
    if (await radio.count()) await radio.check();
    else if (await field.locator('select').count()) await field.locator('select').selectOption(value);
    else await field.locator('input').fill(value);
  }
  // The button says what it does, in the action's own words (not "Record: Record consent").
  const submit = action.locator('button[type="submit"]');
  await expect(submit).toHaveText(m(language, `action.${type}`));
  await submit.click();
  await expect(page.locator('.banner-success')).toContainText(m(language, `action.${type}`));
  // The case is read again after an action; wait for it before the next form.
  await page.waitForLoadState('networkidle');
}
