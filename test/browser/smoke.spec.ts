import { expect, test } from '@playwright/test';
import { baseUrl, expectAccessible, m, signIn } from './support/console.js';

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
