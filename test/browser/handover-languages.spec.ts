/**
 * The batch and transfer screens in all seven languages: no serious accessibility violation, the
 * screen's words from its own language's catalog, and a screenshot of each under
 * data/browser/screenshots/<language>/ for people to look at (portrait tablet for the handover day).
 */
import { expect, test } from '@playwright/test';
import { callApi, expectAccessible, LANGUAGES, m, screenshot, signIn } from './support/console.js';
import { callAs, inDays, makePeople, signInAs, type Person } from './handover/people.js';
import { caseAtHandover, lockedBatch } from './handover/seed.js';

let batchId: string;
let transferId: string;
let police: Person;

test.beforeAll(async () => {
  const cases = [await caseAtHandover(), await caseAtHandover()];
  batchId = await lockedBatch(cases, inDays(12));
  // One person handed over by Thailand already, so both sides' progress shows.
  expect((await callApi('thai', 'POST', `/v1/batches/${batchId}/confirmations`, { side: 'sending', caseIds: [cases[0]] })).status).toBe(
    200,
  );
  ({ police } = await makePeople({
    police: { name: 'anan', displayName: 'Anan Chaiyo', agencyId: 'th-atpd', role: 'caseworker', language: 'en' },
  }));
  const opened = await callAs(police, 'POST', '/v1/transfers', {
    holdingCountry: 'TH',
    receivingCountry: 'KH',
    nationality: 'KH',
    person: { details: { fullName: 'Suspect In Seven Languages' } },
  });
  transferId = opened.body.caseId;
  expect(
    (
      await callAs(police, 'POST', `/v1/transfers/${transferId}/actions`, {
        type: 'record_arrest',
        arrestDate: inDays(-2),
        charges: ['forced_labour'],
      })
    ).status,
  ).toBe(200);
});

// The Thai caseworker's account keeps the language these tests choose: give hers back afterwards.
test.afterAll(async () => {
  expect((await callApi('thai', 'PATCH', '/v1/me', { language: 'th' })).status).toBe(200);
});

for (const language of LANGUAGES) {
  test(`the batch and transfer screens in ${language}`, async ({ browser }) => {
    expect((await callApi('thai', 'PATCH', '/v1/me', { language })).status).toBe(200);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 768, height: 1024 }, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, 'thai');
    await page.getByRole('link', { name: m(language, 'nav.batches') }).click();
    await expect(page.getByRole('heading', { name: m(language, 'batches.title') })).toBeVisible();
    await expect(page.locator(`[data-batch="${batchId}"]`)).toContainText(m(language, 'batchStatus.locked'));
    await expectAccessible(page, `batch list (${language})`);
    await screenshot(page, language, 'batches');
    await page.locator(`[data-batch="${batchId}"] a`).click();
    await expect(page.locator('table.manifest tbody tr')).toHaveCount(1); // waiting for the sending side
    await expect(page.getByText(m(language, 'batch.progress'))).toBeVisible();
    await expectAccessible(page, `handover day (${language})`);
    await screenshot(page, language, 'batch-handover-day');
    await page.goto(page.url().replace(/\/batches\/.*$/, '/batches/new'));
    await expect(page.getByRole('heading', { name: m(language, 'batches.planTitle') })).toBeVisible();
    await expectAccessible(page, `plan a batch (${language})`);
    await screenshot(page, language, 'batch-plan');

    expect((await callAs(police, 'PATCH', '/v1/me', { language })).status).toBe(200);
    const policeContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1024, height: 768 } });
    const officer = await policeContext.newPage();
    await signInAs(officer, police, '/transfers');
    await expect(officer.getByRole('heading', { name: m(language, 'transfers.title') })).toBeVisible();
    await expect(officer.locator(`[data-transfer="${transferId}"]`)).toContainText(m(language, 'gate.identity_confirmed'));
    await expectAccessible(officer, `transfer list (${language})`);
    await screenshot(officer, language, 'transfers');
    await officer.locator(`[data-transfer="${transferId}"] a`).first().click();
    await expect(officer.getByRole('heading', { name: m(language, 'transfer.next') })).toBeVisible();
    // China confirms who the person is now: Thailand's police are offered only what any side may do.
    await expect(officer.locator('details[data-action="confirm_identity"]')).toHaveCount(0);
    await officer.locator('details[data-action="end_transfer"] summary').click();
    await expectAccessible(officer, `transfer page (${language})`);
    await screenshot(officer, language, 'transfer');
    await context.close();
    await policeContext.close();
  });
}
