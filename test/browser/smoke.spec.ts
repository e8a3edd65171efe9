import { expect, test } from '@playwright/test';
import { totpCodeOf } from '../support/accounts.js';
import { ACCOUNTS, madeAccount, TEST_PASSWORD } from './support/accounts.js';
import { baseUrl, callApi, expectAccessible, m, signIn } from './support/console.js';

test('the console is served with its security headers, cached assets and compression', async ({ page }) => {
  const response = await page.goto(`${baseUrl()}/`);
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).not.toContain('unsafe-eval');
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(headers['cache-control']).toBe('no-cache');
  expect(headers['x-content-type-options']).toBe('nosniff');
  const script = await page.locator('script[type="module"]').getAttribute('src');
  const asset = await fetch(`${baseUrl()}${script}`, { headers: { 'accept-encoding': 'gzip, br' } });
  expect(asset.headers.get('cache-control')).toContain('immutable');
  expect(asset.headers.get('content-encoding')).toMatch(/gzip|br/);
  // Console paths fall back to the page; API paths never do.
  expect((await fetch(`${baseUrl()}/cases/00000000-0000-4000-8000-000000000000`)).headers.get('content-type')).toContain('text/html');
  const api = await fetch(`${baseUrl()}/v1/nothing-here`);
  expect(api.status).toBe(404);
  expect(api.headers.get('content-type')).toContain('application/problem+json');
  expect((await fetch(`${baseUrl()}/codec/nothing`)).headers.get('content-type')).toContain('application/problem+json');
});

test('a caseworker signs in and sees the case list in Thai', async ({ page }) => {
  await signIn(page, 'thai');
  await expect(page.getByRole('heading', { name: m('th', 'cases.title') })).toBeVisible();
  await expectAccessible(page, 'case list');
});

test('a coordinator signs in with the code of her authenticator, after a wrong one is refused', async ({ page }) => {
  await page.goto(`${baseUrl()}/cases`);
  await page.locator('input[autocomplete="username"]').fill(ACCOUNTS.coordinator.username);
  await page.locator('input[autocomplete="current-password"]').fill(TEST_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByRole('heading', { name: m('en', 'signIn.secondFactorTitle') })).toBeVisible();
  await expectAccessible(page, 'second factor');
  const code = page.locator('input[autocomplete="one-time-code"]');
  const right = totpCodeOf(madeAccount('coordinator').totpSecret!);
  await code.fill(right === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: m('en', 'signIn.verify') }).click();
  await expect(page.locator('.banner-error')).toContainText(m('en', 'problem.invalid-second-factor'));
  await code.fill(totpCodeOf(madeAccount('coordinator').totpSecret!));
  await page.getByRole('button', { name: m('en', 'signIn.verify') }).click();
  await expect(page.getByTestId('who')).toContainText(ACCOUNTS.coordinator.displayName);
  await expect(page.getByTestId('who')).toContainText(m('en', 'role.coordinator'));
});

test('an approver, whose role needs a second factor, enrols one while signing in', async ({ page }) => {
  await page.goto(`${baseUrl()}/cases`);
  await page.locator('input[autocomplete="username"]').fill(ACCOUNTS.approver.username);
  await page.locator('input[autocomplete="current-password"]').fill(TEST_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByRole('heading', { name: m('en', 'signIn.enrolTitle') })).toBeVisible();
  await expect(page.getByRole('img', { name: m('en', 'signIn.qrAlt') })).toBeVisible();
  await expectAccessible(page, 'enrolment');
  // The key under the QR code is what an authenticator app would read from it.
  const secret = (await page.locator('.enrol code').textContent())!.trim();
  await page.locator('input[autocomplete="one-time-code"]').fill(totpCodeOf(secret));
  await page.getByRole('button', { name: m('en', 'signIn.verify') }).click();
  await expect(page.getByRole('heading', { name: m('en', 'signIn.recoveryCodesTitle') })).toBeVisible();
  await expect(page.locator('.recovery-codes li')).toHaveCount(10);
  await expectAccessible(page, 'recovery codes');
  await page.getByRole('button', { name: m('en', 'signIn.continue') }).click();
  await expect(page.getByTestId('who')).toContainText(ACCOUNTS.approver.displayName);
  const me = await callApi<{ secondFactor: { enrolled: boolean } }>('approver', 'GET', '/v1/me');
  expect(me.body.secondFactor.enrolled).toBe(true);
});
