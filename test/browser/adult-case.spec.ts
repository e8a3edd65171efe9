/**
 * A whole adult case through the console, by the people of three agencies in two countries, each
 * signed in as themselves in their own browser: the Thai caseworker (in Thai) opens and identifies,
 * the Myanmar social welfare officer (in Burmese) verifies and receives the handover, and the
 * Myanmar NGO worker (in English, with the keyboard alone) finds the task in the inbox, escorts and
 * closes. axe checks each screen on the way.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ACCOUNTS, TEST_PASSWORD, type AccountName } from './support/accounts.js';
import { baseUrl, expectAccessible, m, perform, signIn, tabTo, type Language } from './support/console.js';

async function personIn(browser: Browser, name: AccountName): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await signIn(page, name);
  return page;
}

const inFuture = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function openFromInbox(page: Page, language: Language, caseId: string, step: string): Promise<void> {
  await page.getByRole('link', { name: m(language, 'nav.inbox') }).click();
  const task = page.locator(`li[data-step="${step}"]`, { hasText: caseId.slice(0, 8).toUpperCase() });
  await expect(task).toBeVisible();
  await expectAccessible(page, `inbox (${language})`);
  await task.getByRole('link', { name: m(language, 'inbox.open') }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}\\?step=`));
}

test('an adult case from intake to closure, by three agencies in two countries', async ({ browser }) => {
  // Thailand, in Thai: intake and identification.
  const thai = await personIn(browser, 'thai');
  await expect(thai.getByTestId('who')).toContainText(m('th', 'role.caseworker'));
  await thai
    .getByRole('link', { name: m('th', 'nav.newCase') })
    .first()
    .click();
  await expect(thai.getByRole('heading', { name: m('th', 'newCase.title') })).toBeVisible();
  await expectAccessible(thai, 'new case (th)');
  await thai.getByLabel(m('th', 'field.originCountry')).selectOption('MM');
  await thai.locator('input[type=radio][value=female]').check();
  await thai.locator('input[type=radio][value=adult]').check();
  await thai.getByLabel(m('th', 'field.fullName')).fill('Ma Hnin Wai');
  await thai.getByLabel(m('th', 'field.placeOfOrigin')).fill('Hpa-an, Kayin State');
  await thai.getByRole('button', { name: m('th', 'newCase.submit') }).click();
  await expect(thai).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseId = thai.url().split('/').pop()!;
  await expect(thai.locator('.case-head')).toContainText(m('th', 'country.MM'));
  await expect(thai.locator('.details')).toContainText('Ma Hnin Wai');
  await expectAccessible(thai, 'case page (th)');
  await perform(thai, 'th', 'record_screening', { outcome: 'presumed_victim' });
  await perform(thai, 'th', 'record_identification');
  await perform(thai, 'th', 'record_consent', { consent: 'given' });
  await expect(thai.locator('.facts')).toContainText(m('th', 'stage.verification'));
  await perform(thai, 'th', 'send_verification_request', { toAgencyId: 'mm-dsw' });
  // The history says what happened, in Thai.
  await expect(thai.locator('.history')).toContainText(m('th', 'event.VictimIdentified'));
  await expect(thai.locator('.history')).toContainText(m('th', 'event.ScreeningRecorded', { outcome: m('th', 'choice.presumed_victim') }));

  // Myanmar social welfare, in Burmese: verification from the inbox.
  const burmese = await personIn(browser, 'burmese');
  await openFromInbox(burmese, 'my', caseId, 'verification.nationality');
  await expectAccessible(burmese, 'case page (my)');
  await perform(burmese, 'my', 'record_nationality_verification', { result: 'verified' });
  await perform(burmese, 'my', 'record_family_assessment', { result: 'safe' });
  await perform(burmese, 'my', 'record_travel_document', { documentKind: 'certificate_of_identity' });
  await expect(burmese.locator('.facts')).toContainText(m('my', 'stage.handover'));

  // Thailand schedules and sends; Myanmar receives.
  await thai.reload();
  await perform(thai, 'th', 'schedule_handover', { date: inFuture(10), crossingPoint: 'mae-sot-myawaddy' });
  await perform(thai, 'th', 'confirm_handover', { side: 'sending' });
  await burmese.reload();
  await perform(burmese, 'my', 'confirm_handover', { side: 'receiving' });
  await expect(burmese.locator('.facts')).toContainText(m('my', 'stage.escort'));

  // The origin country's NGO, with the keyboard alone: the task is in its inbox.
  const ngoContext = await browser.newContext({ locale: 'en-GB' });
  const ngo = await ngoContext.newPage();
  await ngo.goto(`${baseUrl()}/inbox`);
  await tabTo(ngo, ngo.locator('input[autocomplete="username"]'));
  await ngo.keyboard.type(ACCOUNTS.ngo.username);
  await ngo.keyboard.press('Tab');
  await ngo.keyboard.type(TEST_PASSWORD);
  await ngo.keyboard.press('Enter');
  await expect(ngo.getByTestId('who')).toContainText(ACCOUNTS.ngo.displayName);
  const task = ngo.locator('li[data-step="escort.arrived"]', { hasText: caseId.slice(0, 8).toUpperCase() });
  await expect(task).toBeVisible();
  await expectAccessible(ngo, 'inbox (en)');
  await tabTo(ngo, task.getByRole('button', { name: m('en', 'inbox.claim') }));
  await ngo.keyboard.press('Enter');
  await expect(task).toContainText(m('en', 'inbox.assignedTo', { who: m('en', 'inbox.me') }));
  await tabTo(ngo, task.getByRole('link', { name: m('en', 'inbox.open') }));
  await ngo.keyboard.press('Enter');
  await expect(ngo).toHaveURL(new RegExp(`/cases/${caseId}`));
  // The inbox opened the case at its step: the reception form is open.
  const reception = ngo.locator('details[data-action="record_reception"]');
  await expect(reception).toHaveAttribute('open', '');
  await tabTo(ngo, reception.locator('button[type=submit]'));
  await ngo.keyboard.press('Enter');
  await expect(ngo.locator('.banner-success')).toContainText(m('en', 'action.record_reception'));
  await ngo.waitForLoadState('networkidle');
  const escort = ngo.locator('details[data-action="record_escort_home"] summary');
  await tabTo(ngo, escort);
  await ngo.keyboard.press('Enter');
  await tabTo(ngo, ngo.locator('details[data-action="record_escort_home"] button[type=submit]'));
  await ngo.keyboard.press('Enter');
  await expect(ngo.locator('.banner-success')).toContainText(m('en', 'action.record_escort_home'));
  await ngo.waitForLoadState('networkidle');
  await perform(ngo, 'en', 'confirm_arrival');
  await expect(ngo.locator('.facts')).toContainText(m('en', 'stage.reintegration'));
  await perform(ngo, 'en', 'record_reintegration_plan');
  await perform(ngo, 'en', 'record_follow_up_visit', { visitDate: new Date().toISOString().slice(0, 10) });
  await perform(ngo, 'en', 'close_case', { outcome: 'reintegrated' });

  await expect(ngo.locator('.facts')).toContainText(m('en', 'status.closed'));
  await expect(ngo.locator('.facts')).toContainText(m('en', 'choice.reintegrated'));
  await expect(ngo.locator('.gate[data-state="done"]')).toHaveCount(13);
  await expect(ngo.locator('.history')).toContainText(m('en', 'event.CaseClosed', { outcome: m('en', 'choice.reintegrated') }));
  await expect(ngo.getByText(m('en', 'case.noActions'))).toBeVisible();
  await expectAccessible(ngo, 'closed case (en)');
  // The Thai caseworker sees it closed, in Thai.
  await thai.reload();
  await expect(thai.locator('.facts')).toContainText(m('th', 'status.closed'));
});
