/**
 * The handover day at a crossing, through the console on tablets: Thai social welfare (in Thai,
 * landscape 1024x768, touch) plans a batch, adds the ready cases, is refused the lock while the
 * date is too close (the refusal in Thai), moves the date and locks; on the day it excludes one
 * person with a reason and confirms the others at once; Myanmar social welfare (in Burmese,
 * portrait 768x1024, touch, keyboard alone) watches the sending side's progress arrive, is offered
 * only the receiving side's confirmation and confirms everyone waiting; the batch completes.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { NOTICE_LEAD_DAYS } from '../../domain/handover-batch/vocabulary.js';
import type { AccountName } from './support/accounts.js';
import { callApi, expectAccessible, m, screenshot, signIn, tabTo } from './support/console.js';
import { inDays } from './handover/people.js';
import { caseAtHandover, lockedBatch } from './handover/seed.js';

async function tablet(browser: Browser, name: AccountName, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, name);
  return page;
}

const progress = (page: Page, key: string) => page.locator(`[data-progress="${key}"]`);

let cases: string[];
test.beforeAll(async () => {
  cases = [];
  for (let i = 0; i < 4; i++) cases.push(await caseAtHandover());
});

test('a batch planned, filled, locked, handed over by both sides with one exclusion, and completed', async ({ browser }) => {
  // Thailand, in Thai, on a landscape tablet: plan the batch with a date too close for the notice.
  const thai = await tablet(browser, 'thai', { width: 1024, height: 768 });
  await thai.getByRole('link', { name: m('th', 'nav.batches') }).click();
  await expect(thai.getByRole('heading', { name: m('th', 'batches.title') })).toBeVisible();
  await thai.getByRole('link', { name: m('th', 'batches.plan') }).click();
  await expect(thai.getByRole('heading', { name: m('th', 'batches.planTitle') })).toBeVisible();
  await expectAccessible(thai, 'plan a batch (th)');
  await thai.getByLabel(m('th', 'field.toCountry')).selectOption('MM');
  await thai.getByLabel(m('th', 'field.crossingPoint')).selectOption('mae-sot-myawaddy');
  await thai.getByLabel(m('th', 'field.plannedDate')).fill(inDays(NOTICE_LEAD_DAYS - 1));
  await thai.getByLabel(m('th', 'field.receivingAgencyId')).selectOption('mm-dsw');
  await thai.getByRole('button', { name: m('th', 'batches.planSubmit') }).click();
  await expect(thai).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  const batchId = thai.url().split('/').pop()!;
  await expect(thai.getByTestId('batch-status')).toHaveText(m('th', 'batchStatus.draft'));
  await expect(thai.locator('h1')).toContainText(m('th', 'crossing.mae-sot-myawaddy'));

  // The ready cases are offered; all four join.
  for (const caseId of cases) await expect(thai.locator(`[data-candidate="${caseId}"]`)).toBeVisible();
  await thai.getByTestId('select-ready').click();
  await thai.getByTestId('add-selected').click();
  for (const caseId of cases) await expect(thai.locator(`[data-candidate="${caseId}"]`)).toHaveCount(0);
  await expectAccessible(thai, 'batch being planned (th)');
  await screenshot(thai, 'th', 'batch-planning');

  // The lock is refused: the notice would arrive too late; the reason is in Thai, with the rule's numbers.
  await thai.getByTestId('lock').click();
  const refusal = thai.getByTestId('lock-refusal');
  await expect(refusal).toBeVisible();
  const template = m('th', 'problem.notice-too-late');
  await expect(refusal).toContainText(template.slice(0, template.indexOf('{')).trim());
  await expect(refusal).toContainText(String(NOTICE_LEAD_DAYS));
  await expect(thai.getByTestId('batch-status')).toHaveText(m('th', 'batchStatus.draft'));

  // Move the handover ten days out, then lock: the notice goes to Myanmar.
  const reschedule = thai.locator('details[data-action="reschedule"]');
  await reschedule.locator('summary').click();
  await reschedule.getByLabel(m('th', 'field.plannedDate')).fill(inDays(10));
  await reschedule.locator('button[type=submit]').click();
  await expect.poll(async () => (await callApi('thai', 'GET', `/v1/batches/${batchId}`)).body.plannedDate).toBe(inDays(10));
  await expect(thai.locator('h1')).toContainText(String(Number(inDays(10).slice(8))));
  await thai.getByTestId('lock').click();
  await expect(thai.getByTestId('batch-status')).toHaveText(m('th', 'batchStatus.locked'));
  await expect(thai.locator('table.manifest tbody tr')).toHaveCount(4);
  await expect(thai.locator('table.manifest tbody')).toContainText(m('th', 'travelDocument.certificate_of_identity'));

  // Myanmar, in Burmese, on a portrait tablet: the batch is in its list; only the receiving side is offered.
  const burmese = await tablet(browser, 'burmese', { width: 768, height: 1024 });
  await burmese.getByRole('link', { name: m('my', 'nav.batches') }).click();
  await burmese.locator(`[data-batch="${batchId}"] a`).click();
  await expect(burmese.getByTestId('batch-status')).toHaveText(m('my', 'batchStatus.locked'));
  await expect(burmese.getByText(m('my', 'handover.yourSide.receiving'))).toBeVisible();
  await expect(burmese.locator('details[data-action="reschedule"], details[data-action="cancel"], [data-testid="lock"]')).toHaveCount(0);
  await expect(burmese.locator('table.manifest tbody tr')).toHaveCount(4);
  await expectAccessible(burmese, 'handover day, receiving side (my)');

  // Thailand on the day: one person is sick and stays; the other three cross, confirmed at once.
  const sick = cases[3]!;
  await thai.locator(`tr[data-case="${sick}"] input[type=checkbox]`).check();
  await thai.getByTestId('exclude-selected').click();
  await thai.locator('input[type=radio][value="sick"]').check();
  await thai.getByTestId('exclude-submit').click();
  await expect(thai.locator(`tr[data-case="${sick}"]`)).toHaveCount(0); // no longer waiting for anyone
  await thai.getByTestId('select-mine').click();
  await expect(thai.getByTestId('selected-count')).toHaveAttribute('data-count', '3');
  await expectAccessible(thai, 'handover day, three selected (th)');
  await screenshot(thai, 'th', 'handover-day-selected');
  await thai.getByTestId('confirm-selected').click();
  await expect(thai.locator('.banner-success')).toBeVisible();
  await expect(progress(thai, 'sending')).toHaveAttribute('data-value', '3');

  // Myanmar's page follows without a reload (it polls while the batch is locked).
  await expect(progress(burmese, 'sending')).toHaveAttribute('data-value', '3');
  await expect(progress(burmese, 'excluded')).toHaveAttribute('data-value', '1');
  // With the keyboard alone: select everyone waiting for the receiving side, confirm.
  await tabTo(burmese, burmese.getByTestId('select-mine'));
  await burmese.keyboard.press('Enter');
  // Burmese digits on the screen (၃); the count itself is on the element.
  await expect(burmese.getByTestId('selected-count')).toHaveAttribute('data-count', '3');
  await expect(burmese.getByTestId('selected-count')).toContainText('၃');
  await tabTo(burmese, burmese.getByTestId('confirm-selected'));
  await burmese.keyboard.press('Enter');
  await expect(burmese.locator('.banner-success')).toBeVisible();

  // Everyone is accounted for: the batch completes, on both tablets.
  await expect(burmese.getByTestId('batch-status')).toHaveText(m('my', 'batchStatus.closed'), { timeout: 60_000 });
  await expect(thai.getByTestId('batch-status')).toHaveText(m('th', 'batchStatus.closed'), { timeout: 60_000 });
  await expect(progress(burmese, 'handedOver')).toHaveAttribute('data-value', '3');
  await burmese.locator('button[data-show="excluded"]').click();
  await expect(burmese.locator(`tr[data-case="${sick}"]`)).toContainText(m('my', 'exclusionReason.sick'));
  await expectAccessible(burmese, 'completed batch (my)');
  await screenshot(burmese, 'my', 'batch-completed-portrait');

  const read = await callApi('thai', 'GET', `/v1/batches/${batchId}`);
  expect(read.body).toMatchObject({ status: 'closed', progress: { handedOver: 3, excluded: 1, awaiting: 0 } });
});

test('touch targets on the handover day are at least 44 px', async ({ browser }) => {
  const thai = await tablet(browser, 'thai', { width: 768, height: 1024 });
  const batchId = await lockedBatch([await caseAtHandover()], inDays(10));
  await thai.goto(thai.url().replace(/\/cases.*$/, `/batches/${batchId}`));
  await expect(thai.locator('table.manifest tbody tr')).toHaveCount(1);
  const targets = thai.locator('.handover-day button, .handover-day .touch-check');
  const sizes = await targets.evaluateAll((elements) =>
    elements.map((el) => {
      const box = el.getBoundingClientRect();
      return { text: el.textContent, width: box.width, height: box.height };
    }),
  );
  expect(sizes.length).toBeGreaterThan(3);
  for (const size of sizes) expect(size.height, `${size.text}`).toBeGreaterThanOrEqual(44);
  for (const size of sizes) expect(size.width, `${size.text}`).toBeGreaterThanOrEqual(44);
});
