/**
 * The coordinators', auditors' and admins' screens in Chromium, signed in for real: a Thai
 * coordinator finds the stalled cases (most overdue first, filtered by stage, agency and corridor,
 * a row opens its case, with the keyboard too), reads the flow (the charts' numbers are the API's,
 * where it stalls said in words) and the period summary (the CSV download is the API's); an auditor
 * filters the audit log and exports it; a shelter's admin adds an account and manages it. Each
 * sees only the screens their role may use. Every screen in seven languages: axe, screenshots.
 * The cases are histories of past months (dashboards/seed.ts), so they are overdue and make a trend.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createDb, type Db } from '../../store/db.js';
import { testDatabaseUrl } from '../support/database-url.js';
import { apiAs, makePeople, signInAs, speak, type Person, type PersonName } from './dashboards/people.js';
import { IDENTIFIED, seedPastCase, spread, wayHome } from './dashboards/seed.js';
import { baseUrl, expectAccessible, LANGUAGES, m, screenshot, tabTo, type Language } from './support/console.js';

let db: Db;
let people: Record<PersonName, Person>;
let suffix: string;
const seeded = { screening: '', nationality: '', inLaos: '', ended: '' } as Record<
  'screening' | 'nationality' | 'inLaos' | 'ended',
  string
> &
  Record<string, string>;

test.beforeAll(async () => {
  db = createDb(testDatabaseUrl(), { max: 2 });
  ({ people, suffix } = await makePeople(db));
  const shelter = 'th-shelter-tak';
  // Stalled: waiting for screening since 70 days (Thai shelter), for Viet Nam's nationality answer, and in Laos for a Thai-origin person.
  seeded.screening = await seedPastCase(db, { host: 'TH', origin: 'LA', owningAgencyId: shelter, openedDaysAgo: 70, steps: [] });
  seeded.nationality = await seedPastCase(db, {
    host: 'TH',
    origin: 'VN',
    owningAgencyId: shelter,
    openedDaysAgo: 130,
    steps: spread([...IDENTIFIED, { type: 'send_verification_request', toAgencyId: 'vn-molisa' }], 128, 110),
  });
  seeded.inLaos = await seedPastCase(db, { host: 'LA', origin: 'TH', owningAgencyId: 'la-mlsw', openedDaysAgo: 40, steps: [] });
  // Returned home over the last months, and one that ended early.
  for (const [i, back] of [150, 110, 80, 45, 20].entries()) {
    seeded[`home${i}`] = await seedPastCase(db, {
      host: 'TH',
      origin: i === 2 ? 'VN' : 'LA',
      owningAgencyId: shelter,
      sex: i % 2 ? 'male' : 'female',
      openedDaysAgo: back + 120,
      steps: spread(wayHome(i === 2 ? 'vn-molisa' : 'la-mlsw', 'nong-khai-vientiane', '2026-06-01'), back + 118, back),
    });
  }
  seeded.ended = await seedPastCase(db, {
    host: 'TH',
    origin: 'LA',
    owningAgencyId: shelter,
    openedDaysAgo: 60,
    steps: [{ action: { type: 'end_case', reason: 'declined_return' }, daysAgo: 30 }],
  });
});
test.afterAll(async () => db?.destroy());

async function nav(page: Page): Promise<string[]> {
  return page.locator('.main-nav a').allTextContents();
}

/** The screen in a language: its heading in that language, axe clean, a screenshot. */
async function inEveryLanguage(
  page: Page,
  person: Person,
  screens: { path: string; title: string; values?: Record<string, string>; ready?: (l: Language) => Promise<void> }[],
) {
  for (const language of LANGUAGES) {
    await speak(page, person, language);
    for (const screen of screens) {
      await page.goto(`${baseUrl()}${screen.path}`);
      await expect(page.locator('h1')).toHaveText(m(language, screen.title, screen.values));
      await screen.ready?.(language);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `${screen.path} (${language})`);
      await screenshot(page, language, `dashboards-${screen.path.split('?')[0]!.replace(/^\//, '').replace(/\//g, '-')}`);
    }
  }
  await speak(page, person, 'en');
}

test('a coordinator finds the stalled cases, reads the flow and the period summary', async ({ browser }) => {
  const coordinator = people.coordinator;
  const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
  const page = await context.newPage();
  await signInAs(page, coordinator);
  // Only what a coordinator may use: the dashboards, not the audit log nor the accounts.
  expect(await nav(page)).toEqual(
    expect.arrayContaining(
      ['monitoring.nav.stalled', 'monitoring.nav.flow', 'monitoring.nav.summary', 'nav.newCase'].map((id) => m('en', id)),
    ),
  );
  expect(await nav(page)).not.toContain(m('en', 'monitoring.nav.audit'));
  expect(await nav(page)).not.toContain(m('en', 'admin.nav.accounts'));

  // Stalled cases: the API's first page, most overdue first.
  await page.getByRole('link', { name: m('en', 'monitoring.nav.stalled') }).click();
  await expect(page.locator('h1')).toHaveText(m('en', 'monitoring.stalled.title'));
  const api = (await apiAs(coordinator, 'GET', '/v1/monitoring/stalled?limit=25')).body;
  const rows = page.getByTestId('stalled-table').locator('tbody tr');
  await expect(rows).toHaveCount(api.items.length);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')))).toEqual(api.items.map((i: any) => i.caseId));
  for (const id of [seeded.screening, seeded.nationality, seeded.inLaos]) await expect(page.locator(`tr[data-case="${id}"]`)).toBeVisible();
  // The step it waits for and who holds it, in words.
  const nationality = page.locator(`tr[data-case="${seeded.nationality}"]`);
  await expect(nationality).toContainText(m('en', 'step.verification.nationality'));
  await expect(nationality).toContainText('Ministry of Labour, Invalids and Social Affairs');
  await expect(page.locator(`tr[data-case="${seeded.screening}"]`)).toContainText('Tak Protection and Occupational Development Centre');
  // Where it stalls, in words: the step most overdue cases wait for.
  const first = api.stallPoints[0];
  await expect(page.getByTestId('stall-summary')).toContainText(m('en', `step.${first.step}`));

  // Filters: stage, the agency holding the step, the corridor.
  await page.locator('#filter-stage').selectOption('verification');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-case', seeded.nationality);
  await page.locator('#filter-stage').selectOption('');
  await page.locator('#filter-agencyId').selectOption('vn-molisa');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-case', seeded.nationality);
  await page.locator('#filter-agencyId').selectOption('');
  await page.locator('#filter-corridor').selectOption('LA-TH');
  await expect(rows).toHaveCount(1);
  await expectAccessible(page, 'stalled cases, filtered');
  // A click on the row opens the case.
  await rows.first().locator('td').nth(1).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${seeded.inLaos}$`));
  await page.goBack();
  await expect(rows).toHaveCount(1);
  // And with the keyboard alone: Tab to the case's number, Enter.
  await tabTo(page, rows.first().getByRole('link'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/cases/${seeded.inLaos}$`));

  // Flow: the bars' numbers are the API's; the trend's months too.
  await page.goto(`${baseUrl()}/monitoring/flow`);
  await expect(page.locator('h1')).toHaveText(m('en', 'monitoring.flow.title'));
  const flow = (await apiAs(coordinator, 'GET', '/v1/statistics/flow?combined=true')).body.items;
  for (const item of flow) {
    const row = page.getByTestId('flow-in-stage').locator(`tr[data-row="${item.stage}"]`);
    await expect(row.locator('td.num').nth(0)).toHaveText(String(item.inStage));
    await expect(row.locator('td.num').nth(1)).toHaveText(String(item.overdue));
  }
  const trend = (await apiAs(coordinator, 'GET', '/v1/statistics/flow/trend?months=12')).body.items;
  expect(trend.reduce((sum: number, month: any) => sum + month.returned, 0)).toBeGreaterThanOrEqual(5);
  await page.getByText(m('en', 'monitoring.trend.figures')).click();
  for (const month of trend) {
    const row = page.getByTestId('trend-table').locator(`tr[data-month="${month.month}"]`);
    await expect(row.locator('td').nth(0)).toHaveText(String(month.opened));
    await expect(row.locator('td').nth(1)).toHaveText(String(month.returned));
  }
  await expect(page.getByRole('img', { name: /./ })).toBeVisible();
  await expectAccessible(page, 'flow');

  // Period summary: the totals and the CSV are the API's.
  await page.goto(`${baseUrl()}/monitoring/summary`);
  await expect(page.locator('h1')).toHaveText(m('en', 'monitoring.summary.title'));
  const year = `${new Date().getUTCFullYear()}-01-01`;
  const today = new Date().toISOString().slice(0, 10);
  const summary = (await apiAs(coordinator, 'GET', `/v1/statistics/summary?from=${year}&to=${today}`)).body;
  expect(summary.victimsRepatriated.total).toBeGreaterThanOrEqual(5);
  await expect(page.getByTestId('total-victims').locator('.total-value')).toHaveText(String(summary.victimsRepatriated.total));
  await expect(page.getByTestId('total-ended').locator('.total-value')).toHaveText(String(summary.endedEarly.total));
  await expect(page.getByTestId('by-sex').locator('tr[data-row="male"] td.num')).toHaveText(String(summary.victimsRepatriated.bySex.male));
  await expect(page.getByTestId('ended-by-reason').locator('tr[data-row="declined_return"] th')).toHaveText(
    m('en', 'choice.declined_return'),
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: m('en', 'monitoring.summary.csv') }).click(),
  ]);
  const csv = (await apiAs(coordinator, 'GET', `/v1/statistics/summary?from=${year}&to=${today}&format=csv`)).text;
  expect(readFileSync((await download.path())!, 'utf8')).toBe(csv);
  // A shorter period, chosen with the keyboard: fewer returned.
  await page.locator('#summary-from').fill(new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10));
  await page.locator('#summary-from').press('Enter');
  await expect(page).toHaveURL(/from=/);
  const recent = (await apiAs(coordinator, 'GET', `/v1/statistics/summary?${new URL(page.url()).searchParams}`)).body;
  await expect(page.getByTestId('total-victims').locator('.total-value')).toHaveText(String(recent.victimsRepatriated.total));
  expect(recent.victimsRepatriated.total).toBeLessThan(summary.victimsRepatriated.total);
  await expectAccessible(page, 'period summary');

  await inEveryLanguage(page, coordinator, [
    {
      path: '/monitoring/stalled',
      title: 'monitoring.stalled.title',
      ready: () => expect(page.getByTestId('stalled-table')).toBeVisible(),
    },
    { path: '/monitoring/flow', title: 'monitoring.flow.title', ready: () => expect(page.getByTestId('trend-table')).toBeAttached() },
    { path: '/monitoring/summary', title: 'monitoring.summary.title', ready: () => expect(page.getByTestId('by-sex')).toBeVisible() },
  ]);
  await context.close();
});

test('an auditor filters the audit log and exports it', async ({ browser }) => {
  const auditor = people.auditor;
  const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
  const page = await context.newPage();
  await signInAs(page, auditor);
  expect(await nav(page)).toEqual(expect.arrayContaining([m('en', 'monitoring.nav.audit'), m('en', 'monitoring.nav.stalled')]));
  expect(await nav(page)).not.toContain(m('en', 'admin.nav.accounts'));
  expect(await nav(page)).not.toContain(m('en', 'nav.newCase'));

  await page.getByRole('link', { name: m('en', 'monitoring.nav.audit') }).click();
  await expect(page.locator('h1')).toHaveText(m('en', 'monitoring.audit.title'));
  await expect(page.getByTestId('audit-table')).toBeVisible();
  // What the coordinator did (she is done): her entries only, then one action of hers.
  const who = people.coordinator.userId;
  await page.locator('#audit-userId').fill(who);
  await page.locator('#audit-userId').press('Enter');
  await expect(page).toHaveURL(new RegExp(`userId=${who}`));
  const api = (await apiAs(auditor, 'GET', `/v1/audit?userId=${who}&limit=50`)).body;
  expect(api.items.length).toBeGreaterThan(0);
  const table = page.getByTestId('audit-table');
  const rows = table.locator('tbody tr');
  // The unfiltered entries stay, marked busy, until the filtered ones come: never compared.
  await expect(table).toHaveAttribute('aria-busy', 'false');
  await expect(rows).toHaveCount(api.items.length);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-audit')))).toEqual(api.items.map((i: any) => i.auditId));
  // Who acted, by the name of their account (the API resolves it), not an id.
  expect(api.items[0].userName).toBe(people.coordinator.displayName);
  await expect(rows.first()).toContainText(people.coordinator.displayName);
  await page.locator('#filter-agencyId').selectOption('th-dsdhs-bangkok');
  await page.locator('#audit-action').fill(api.items[0].action);
  await page.getByRole('button', { name: m('en', 'monitoring.audit.apply') }).click();
  await expect(page).toHaveURL(/action=/);
  await expect(table).toHaveAttribute('aria-busy', 'false');
  const narrowed = (
    await apiAs(auditor, 'GET', `/v1/audit?userId=${who}&agencyId=th-dsdhs-bangkok&action=${encodeURIComponent(api.items[0].action)}`)
  ).body;
  await expect(rows).toHaveCount(narrowed.items.length);
  for (const row of await rows.all()) await expect(row).toContainText(api.items[0].action);
  // Nothing matches before the log began.
  await page.locator('#audit-to').fill('2020-01-01T00:00');
  await page.getByRole('button', { name: m('en', 'monitoring.audit.apply') }).click();
  await expect(page.getByText(m('en', 'monitoring.audit.empty'))).toBeVisible();
  await page.locator('#audit-to').fill('');
  await page.getByRole('button', { name: m('en', 'monitoring.audit.apply') }).click();
  await expect(rows).toHaveCount(narrowed.items.length);
  await expect(table).toHaveAttribute('aria-busy', 'false');
  await expectAccessible(page, 'audit log, filtered');

  // The export is every entry of the filter, as the API gives it.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: m('en', 'monitoring.audit.csv') }).click(),
  ]);
  const query = `userId=${who}&agencyId=th-dsdhs-bangkok&action=${encodeURIComponent(api.items[0].action)}&format=csv`;
  const csv = (await apiAs(auditor, 'GET', `/v1/audit?${query}`)).text;
  const downloaded = readFileSync((await download.path())!, 'utf8');
  expect(downloaded).toBe(csv);
  expect(downloaded.split('\n')[0]).toBe('auditId,at,userId,userName,agencyId,agencyName,role,action,outcome,caseId,personId,detail');

  await inEveryLanguage(page, auditor, [
    { path: `/audit?userId=${who}`, title: 'monitoring.audit.title', ready: () => expect(page.getByTestId('audit-table')).toBeVisible() },
  ]);
  await context.close();
});

test("a shelter's admin adds an account and manages it, with the keyboard", async ({ browser }) => {
  const admin = people.admin;
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await signInAs(page, admin);
  expect(await nav(page)).toContain(m('en', 'admin.nav.accounts'));
  expect(await nav(page)).not.toContain(m('en', 'nav.newCase'));
  expect(await nav(page)).not.toContain(m('en', 'monitoring.nav.audit'));

  await page.getByRole('link', { name: m('en', 'admin.nav.accounts') }).click();
  await expect(page.locator('h1')).toHaveText(m('en', 'admin.title', { agency: 'Tak Protection and Occupational Development Centre' }));
  const table = page.getByTestId('accounts-table');
  await expect(table.locator(`tr[data-user="${admin.username}"]`)).toBeVisible();

  // Add an account with the keyboard alone: the answer is a one-time link, never a password.
  await tabTo(page, page.getByTestId('new-account').locator('summary'));
  await page.keyboard.press('Enter');
  await tabTo(page, page.locator('[data-field="username"] input'));
  const newcomer = `dash.newcomer.${suffix}`;
  await page.keyboard.type(newcomer);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Nong Newcomer');
  await page.keyboard.press('Enter');
  await expect(page.locator('.banner-success')).toContainText(m('en', 'admin.done.created', { name: 'Nong Newcomer' }));
  await expect(page.getByTestId('reset-link')).toContainText('/reset-password#token=');
  const row = table.locator(`tr[data-user="${newcomer}"]`);
  await expect(row).toContainText(m('en', 'role.caseworker'));

  // Change the role, disable, enable, unlock, a new password link.
  await row.locator('select').selectOption('ngo_worker');
  await row.getByRole('button', { name: m('en', 'admin.saveRole') }).click();
  await expect(page.locator('.banner-success')).toContainText(
    m('en', 'admin.done.role', { name: 'Nong Newcomer', role: m('en', 'role.ngo_worker') }),
  );
  await row.getByRole('button', { name: m('en', 'admin.disable') }).click();
  await expect(row).toContainText(m('en', 'admin.status.disabled'));
  await row.getByRole('button', { name: m('en', 'admin.enable') }).click();
  await expect(row).toContainText(m('en', 'admin.status.active'));
  await row.getByRole('button', { name: m('en', 'admin.unlock') }).click();
  await expect(page.locator('.banner-success')).toContainText(m('en', 'admin.done.unlock', { name: 'Nong Newcomer' }));
  await row.getByRole('button', { name: m('en', 'admin.resetLink') }).click();
  await expect(page.getByTestId('reset-link')).toContainText('/reset-password#token=');
  const listed = (await apiAs(admin, 'GET', '/v1/users')).body.items.find((u: any) => u.username === newcomer);
  expect(listed).toMatchObject({ role: 'ngo_worker', status: 'active', agencyId: 'th-shelter-tak' });
  // The admin cannot disable herself: no such button on her own row.
  await expect(table.locator(`tr[data-user="${admin.username}"]`).getByRole('button', { name: m('en', 'admin.disable') })).toHaveCount(0);
  await expectAccessible(page, 'accounts');

  await inEveryLanguage(page, admin, [
    {
      path: '/admin/accounts',
      title: 'admin.title',
      values: { agency: 'Tak Protection and Occupational Development Centre' },
      ready: () => expect(page.getByTestId('accounts-table')).toBeVisible(),
    },
  ]);
  await context.close();
});
