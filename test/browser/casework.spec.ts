/**
 * The casework screens beyond a case's steps, signed in for real on the real API: links between
 * cases and a track change made from the case page, the case list's overdue and kind filters and
 * deadlines, people's names in a history and an inbox, and a task given to a colleague picked by
 * name - with axe and the keyboard, and screenshots of each in all seven languages.
 */
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS } from './support/accounts.js';
import { baseUrl, callApi, expectAccessible, LANGUAGES, m, screenshot, signIn, tabTo } from './support/console.js';

const number = (caseId: string) => caseId.slice(0, 8).toUpperCase();

async function openCase(originCountry: 'MM' | 'LA' = 'MM'): Promise<string> {
  const created = await callApi<{ caseId: string }>('thai', 'POST', '/v1/cases', {
    hostCountry: 'TH',
    originCountry,
    person: { sex: 'female', ageGroup: 'adult', details: { fullName: 'Nang Seng' } },
  });
  expect(created.status).toBe(201);
  return created.body.caseId;
}

async function openCasePage(page: Page, caseId: string): Promise<void> {
  await page.goto(`${baseUrl()}/cases/${caseId}`);
  await expect(page.locator('.case-head')).toBeVisible();
  await page.waitForLoadState('networkidle');
}

/** A request's form on the case page (link, track change), opened. */
async function openRequest(page: Page, form: string) {
  const request = page.locator(`details[data-request="${form}"]`);
  await expect(request).toBeVisible();
  await request.locator('summary').click();
  await expect(request).toHaveAttribute('open', '');
  return request;
}

// The Thai caseworker's language is hers again after any test here changes it in the header.
test.afterEach(async () => {
  expect((await callApi('thai', 'PATCH', '/v1/me', { language: 'th' })).status).toBe(200);
});

let transferId: string;

test('two cases are linked from the case page with the keyboard, and a person moves to the suspect track', async ({ page }) => {
  const victim = await openCase();
  const other = await openCase();
  await signIn(page, 'thai');
  await openCasePage(page, victim);
  const links = page.locator('#links');
  await expect(links).toContainText(m('th', 'links.title'));
  await expect(links).toContainText(m('th', 'links.none'));

  // With the keyboard alone: open the form, pick the other case by typing its number, submit.
  const form = page.locator('details[data-request="link_case"]');
  await tabTo(page, form.locator('summary'));
  await page.keyboard.press('Enter');
  await expect(form).toHaveAttribute('open', '');
  await expect(form).toContainText(m('th', 'action.link_case.help'));
  const choice = form.locator('[data-field="caseId"] select');
  await expect(choice.locator(`option[value="${other}"]`)).toHaveCount(1);
  await tabTo(page, choice);
  await page.keyboard.type(number(other));
  await expect(choice).toHaveValue(other);
  await tabTo(page, form.locator('button[type=submit]'));
  await page.keyboard.press('Enter');
  await expect(page.locator('.banner-success')).toContainText(m('th', 'action.link_case'));
  await expect(links.locator(`li[data-linked="${other}"]`)).toContainText(number(other));
  await expectAccessible(page, 'case page with a link (th)');
  await screenshot(page, 'th', 'case-linked');
  // Recorded on both cases.
  await links.locator(`li[data-linked="${other}"] a`).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${other}`));
  await expect(page.locator(`#links li[data-linked="${victim}"]`)).toBeVisible();

  // Track change: the victim case closes and a linked suspect transfer opens; the page goes there.
  await openCasePage(page, victim);
  const rescreen = await openRequest(page, 'rescreen_as_suspect');
  await expect(rescreen).toContainText(m('th', 'action.rescreen_as_suspect.help'));
  await expect(rescreen.locator('[data-field="receivingCountry"]')).toContainText(m('th', 'field.receivingCountry'));
  await rescreen.locator('[data-field="receivingCountry"] select').selectOption('MM');
  await expectAccessible(page, 'track change form (th)');
  await rescreen.locator('button[type=submit]').click();
  await expect(page).not.toHaveURL(new RegExp(`/cases/${victim}`));
  transferId = page.url().split('/cases/')[1]!.split(/[?#]/)[0]!;
  await expect(page.locator(`#links li[data-linked="${victim}"]`)).toContainText(m('th', 'choice.transferred_to_suspect_track'));
  const moved = await callApi<{ status: string; outcome: string }>('thai', 'GET', `/v1/cases/${victim}`);
  expect(moved.body).toMatchObject({ status: 'closed', outcome: 'transferred_to_suspect_track' });
  // A closed case offers no link nor track change.
  await openCasePage(page, victim);
  await expect(page.locator('details[data-request]')).toHaveCount(0);
});

test('the case list filters overdue and kind on the server and shows each deadline', async ({ page }) => {
  const late = await openCase('LA'); // TH-LA cases fall due a second after opening (server.ts)
  const onTime = await openCase('MM');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await signIn(page, 'thai');
  const card = (caseId: string) => page.locator('.case-card', { hasText: number(caseId) });

  await page.locator('#filter-overdue').selectOption('true');
  await expect(page).toHaveURL(/overdue=true/);
  await expect(card(late)).toBeVisible();
  await expect(card(late).locator('.case-deadline')).toHaveClass(/overdue/);
  await expect(card(late).locator('.case-deadline')).toContainText(m('th', 'step.identification.screened'));
  await expect(card(onTime)).toHaveCount(0);
  await expectAccessible(page, 'case list, overdue (th)');
  await screenshot(page, 'th', 'case-list-overdue');

  await page.locator('#filter-overdue').selectOption('false');
  await expect(card(onTime)).toBeVisible();
  await expect(card(onTime).locator('.case-deadline')).not.toHaveClass(/overdue/);
  await expect(card(late)).toHaveCount(0);

  // Kind, with the keyboard: the filter is a plain select.
  await page.locator('#filter-overdue').selectOption('');
  await tabTo(page, page.locator('#filter-kind'));
  await page.locator('#filter-kind').selectOption('suspect_transfer');
  await expect(page).toHaveURL(/kind=suspect_transfer/);
  await expect(card(transferId)).toBeVisible();
  await expect(page.locator('.case-card', { hasText: m('th', 'caseKind.victim_repatriation') })).toHaveCount(0);
  await expectAccessible(page, 'case list, transfers (th)');
});

test('the history and the inbox name people; a task goes to a colleague picked by name, with the keyboard', async ({ page }) => {
  const caseId = await openCase();
  await signIn(page, 'thai');
  await openCasePage(page, caseId);
  const history = page.locator('ol.history');
  // Opened by the Thai caseworker's own account: her name and her agency's, never an account id.
  await expect(history).toContainText(ACCOUNTS.thai.displayName);
  await expect(history).toContainText('Department of Social Development and Human Security');
  const me = await callApi<{ userId: string }>('thai', 'GET', '/v1/me');
  await expect(history).not.toContainText(me.body.userId);

  await page.goto(`${baseUrl()}/inbox`);
  const task = page.locator('li[data-step="identification.screened"]', { hasText: number(caseId) });
  await expect(task).toBeVisible();
  await expect(task.getByTestId('assignee')).toContainText(m('th', 'inbox.unassigned'));
  const colleague = task.locator('.assign select');
  // My agency's people by name (not me: I take a task with "claim"); no one of another agency.
  await expect(colleague.locator('option', { hasText: ACCOUNTS.coordinator.displayName })).toHaveCount(1);
  await expect(colleague.locator('option', { hasText: ACCOUNTS.burmese.displayName })).toHaveCount(0);
  await expect(colleague.locator('option', { hasText: ACCOUNTS.thai.displayName })).toHaveCount(0);
  await tabTo(page, colleague);
  await page.keyboard.type(ACCOUNTS.coordinator.displayName);
  await expect(colleague.locator('option:checked')).toHaveText(ACCOUNTS.coordinator.displayName);
  await tabTo(page, task.getByRole('button', { name: m('th', 'inbox.assign') }));
  await page.keyboard.press('Enter');
  await expect(task.getByTestId('assignee')).toContainText(ACCOUNTS.coordinator.displayName);
  await expect(task.getByTestId('assignee')).toContainText(m('th', 'inbox.me'));
  await expectAccessible(page, 'inbox with names (th)');
  await screenshot(page, 'th', 'inbox-assigned');
});

test('the casework screens in every language', async ({ page }) => {
  const linked = await openCase();
  const caseId = await openCase();
  expect((await callApi('thai', 'POST', `/v1/cases/${caseId}/links`, { caseId: linked })).status).toBe(200);
  await signIn(page, 'thai');
  for (const language of LANGUAGES) {
    await page.goto(`${baseUrl()}/cases?overdue=true`);
    await page.locator('.app-header select').selectOption(language);
    await expect(page.getByRole('heading', { name: m(language, 'cases.title') })).toBeVisible();
    await expect(page.locator('label[for="filter-overdue"]')).toHaveText(m(language, 'filter.overdue'));
    await expect(page.locator('.case-card .case-deadline.overdue').first()).toBeVisible();
    await expectAccessible(page, `case list, overdue (${language})`);
    await screenshot(page, language, 'casework-list-overdue');

    await openCasePage(page, caseId);
    await expect(page.locator('#links')).toContainText(m(language, 'links.title'));
    await expect(page.locator(`#links li[data-linked="${linked}"]`)).toBeVisible();
    await openRequest(page, 'link_case');
    await openRequest(page, 'rescreen_as_suspect');
    await expect(page.locator('ol.history')).toContainText(ACCOUNTS.thai.displayName);
    await expectAccessible(page, `case page, links (${language})`);
    await screenshot(page, language, 'casework-case-links');

    await page.goto(`${baseUrl()}/inbox`);
    await expect(page.getByRole('heading', { name: m(language, 'inbox.title') })).toBeVisible();
    await expect(page.locator('.assign select').first()).toBeVisible();
    await expectAccessible(page, `inbox (${language})`);
    await screenshot(page, language, 'casework-inbox');
  }
});
