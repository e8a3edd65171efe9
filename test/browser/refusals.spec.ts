/**
 * What the console says when the rules or access refuse: a refused action's reason in the reader's
 * language, a child case held in identification with what is missing, and a case a third
 * country's caseworker cannot open by its address.
 */
import { expect, test, type Page } from '@playwright/test';
import { callApi, expectAccessible, m, perform, screenshot, signIn } from './support/console.js';

/** A case opened through the API as the Thai caseworker (the intake screen has its own test). */
async function openCase(ageGroup: 'adult' | 'child'): Promise<string> {
  const created = await callApi<{ caseId: string }>('thai', 'POST', '/v1/cases', {
    hostCountry: 'TH',
    originCountry: 'MM',
    person: { sex: 'male', ageGroup, details: { fullName: 'Ko Aung' } },
  });
  expect(created.status).toBe(201);
  return created.body.caseId;
}

async function openCasePage(page: Page, caseId: string): Promise<void> {
  await page.goto(`${page.url().split('/cases')[0]}/cases/${caseId}`);
  await expect(page.locator('.case-head')).toBeVisible();
}

test('a refused action shows its reason translated', async ({ page }) => {
  const caseId = await openCase('adult');
  await signIn(page, 'thai');
  await openCasePage(page, caseId);
  // Meanwhile a colleague places the case on hold; this page has not seen it.
  const hold = await callApi('thai', 'POST', `/v1/cases/${caseId}/actions`, {
    type: 'place_on_hold',
    reason: 'court_witness',
    reviewDate: '2027-01-15',
  });
  expect(hold.status).toBe(200);
  const action = page.locator('details[data-action="record_screening"]');
  await action.locator('summary').click();
  await action.locator('input[value="presumed_victim"]').check();
  await action.locator('button[type=submit]').click();
  const refusal = action.locator('.banner-error');
  await expect(refusal).toContainText(m('th', 'problem.case-on-hold'));
  await expect(refusal).toContainText(m('th', 'action.refused'));
  await expectAccessible(page, 'refused action (th)');
  await screenshot(page, 'th', 'refused-action');
  // Read again, the page shows the hold and offers what the API allows on hold: its release and an early end, no stage step.
  await page.reload();
  await expect(page.locator('.banner-warning')).toContainText(m('th', 'choice.court_witness'));
  await expect(page.locator('details[data-action]')).toHaveCount(2);
  await expect(page.locator('details[data-action="release_hold"]')).toHaveCount(1);
  await expect(page.locator('details[data-action="end_case"]')).toHaveCount(1);
  await perform(page, 'th', 'release_hold');
  await expect(page.locator('.banner-warning')).toHaveCount(0);
});

test('a refusal that names a field is shown at the field', async ({ page }) => {
  const caseId = await openCase('adult');
  await signIn(page, 'thai');
  await openCasePage(page, caseId);
  const action = page.locator('details[data-action="place_on_hold"]');
  await action.locator('summary').click();
  await action.locator('[data-field="reason"] select').selectOption('medical');
  // No review date: the API names the field.
  await action.locator('button[type=submit]').click();
  await expect(action.locator('[data-field="reviewDate"] .field-error')).toBeVisible();
  await expect(action.locator('[data-field="reviewDate"] input')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'field refusal (th)');
});

test('a child case cannot leave identification without its gates, and the screen says what is missing', async ({ page }) => {
  const caseId = await openCase('child');
  await signIn(page, 'thai');
  await openCasePage(page, caseId);
  await perform(page, 'th', 'record_screening', { outcome: 'presumed_victim' });
  await perform(page, 'th', 'record_identification');
  await perform(page, 'th', 'record_consent', { consent: 'given' });
  // An adult would be in verification now; the child stays, waiting for two gates.
  await expect(page.locator('.facts')).toContainText(m('th', 'stage.identification'));
  const missing = page.getByTestId('missing');
  await expect(missing).toContainText(m('th', 'gate.best_interests'));
  await expect(missing).toContainText(m('th', 'gate.guardian'));
  await expect(page.locator('.gate[data-gate="guardian"]')).toHaveAttribute('data-state', 'missing');
  await expect(page.locator('.gate[data-gate="consent"]')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('details[data-action="send_verification_request"]')).toHaveCount(0);
  await screenshot(page, 'th', 'child-case-missing-gates');
  await perform(page, 'th', 'record_best_interests_determination', { returnInBestInterests: 'true' });
  await perform(page, 'th', 'appoint_guardian', { guardianRef: 'TH-G-2291' });
  await expect(page.locator('.facts')).toContainText(m('th', 'stage.verification'));
});

test("a third country's caseworker cannot open the case by its address", async ({ page }) => {
  const caseId = await openCase('adult');
  await signIn(page, 'khmer');
  await page.goto(`${page.url().split('/cases')[0]}/cases/${caseId}`);
  await expect(page.getByRole('heading', { name: m('km', 'case.unavailable') })).toBeVisible();
  await expect(page.getByText(m('km', 'case.notFound'))).toBeVisible();
  await expect(page.locator('.details')).toHaveCount(0);
  await expectAccessible(page, 'case not found (km)');
  // Nor is it in their list.
  await page.getByRole('link', { name: m('km', 'nav.cases'), exact: true }).click();
  await expect(page.getByRole('heading', { name: m('km', 'cases.title') })).toBeVisible();
  await expect(page.locator(`a[href="/cases/${caseId}"]`)).toHaveCount(0);
});
