/**
 * The handover day when the link at the crossing drops: the Thai officer confirms one person, then
 * two more, with no connection; each confirmation is kept on the tablet (ids and codes only),
 * the people show as waiting to send, the next can be confirmed meanwhile, and when the link
 * returns every confirmation is recorded exactly once. The screen in Thai, Khmer and Burmese.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { sql } from 'kysely';
import { createDb } from '../../store/db.js';
import { testDatabaseUrl } from '../support/database-url.js';
import { readIndexedDb, statusOf } from './offline-support.js';
import { inDays, makePeople, signInAs } from './handover/people.js';
import { caseAtHandover, lockedBatch } from './handover/seed.js';
import { baseUrl, expectAccessible, m, screenshot, signIn, type Language } from './support/console.js';

/** A locked batch of this many people at the handover stage. */
async function batchOf(people: number): Promise<{ batchId: string; cases: string[] }> {
  const cases: string[] = [];
  for (let i = 0; i < people; i++) cases.push(await caseAtHandover());
  return { batchId: await lockedBatch(cases, inDays(10)), cases };
}

/** The sending side's confirmations recorded in the batch's stream, per case: each must be 1. */
async function confirmationsRecorded(batchId: string): Promise<Record<string, number>> {
  const db = createDb(testDatabaseUrl(), { max: 1 });
  try {
    const { rows } = await sql<{ data: { side: string; caseIds: string[] } }>`
      select data from events where stream_id = ${`batch-${batchId}`} and type = 'HandoverConfirmedInBatch'`.execute(db);
    const counts: Record<string, number> = {};
    for (const { data } of rows) if (data.side === 'sending') for (const id of data.caseIds) counts[id] = (counts[id] ?? 0) + 1;
    return counts;
  } finally {
    await db.destroy();
  }
}

/** A tablet of the Thai social welfare office, signed in as the shared Thai caseworker or as someone reading another language. */
async function tablet(browser: Browser, language: Language): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1024, height: 768 }, hasTouch: true });
  const page = await context.newPage();
  if (language === 'th') await signIn(page, 'thai');
  else {
    const { officer } = await makePeople({
      officer: { name: `offline.${language}`, displayName: 'Dara Interpreter', agencyId: 'th-dsdhs-bangkok', role: 'caseworker', language },
    });
    await signInAs(page, officer);
  }
  return page;
}

const row = (page: Page, caseId: string) => page.locator(`table.manifest tr[data-case="${caseId}"]`);

test('confirmations made without a link wait on the tablet, the next person can be confirmed, and each is recorded once', async ({
  browser,
}) => {
  const { batchId, cases } = await batchOf(4);
  const page = await tablet(browser, 'th');
  await page.goto(`${baseUrl()}/batches/${batchId}`);
  await expect(page.locator('table.manifest tbody tr')).toHaveCount(4);
  const sent: string[] = [];
  page.on(
    'request',
    (r) => r.method() === 'POST' && r.url().endsWith('/confirmations') && sent.push(r.headers()['idempotency-key'] ?? 'none'),
  );

  await page.context().setOffline(true);
  // One person at the barrier, confirmed alone; then two more at once while the first still waits.
  await row(page, cases[0]!)
    .getByRole('button', { name: new RegExp(m('th', 'handover.handedOver')) })
    .click();
  await expect(page.locator('.banner-info')).toBeVisible();
  await expect(page.getByTestId('kept-actions').locator('li[data-action="confirmations"]')).toHaveCount(1);
  await expect(row(page, cases[0]!)).toContainText(m('th', 'handover.waitingToSend'));
  await expect(row(page, cases[0]!).locator('input[type=checkbox]')).toHaveCount(0);
  await row(page, cases[1]!).locator('input[type=checkbox]').check();
  await row(page, cases[2]!).locator('input[type=checkbox]').check();
  await expect(page.getByTestId('selected-count')).toHaveAttribute('data-count', '2');
  await page.getByTestId('confirm-selected').click();
  await expect(page.getByTestId('kept-actions').locator('li')).toHaveCount(2);
  for (const caseId of cases.slice(0, 3)) await expect(row(page, caseId)).toContainText(m('th', 'handover.waitingToSend'));
  // The fourth still waits for this side, and "select everyone waiting" offers only that one.
  await expect(page.getByTestId('select-mine')).toContainText('(1)');
  await expect(statusOf(page).locator('summary')).toContainText('2');
  // What the tablet keeps: the batch, the side and the case ids - nothing of the people.
  const kept = (await readIndexedDb(page)).outbox as { subject: unknown; body: unknown }[];
  expect(kept.map((e) => e.subject)).toEqual([
    { kind: 'batch', id: batchId },
    { kind: 'batch', id: batchId },
  ]);
  expect(kept.map((e) => e.body)).toEqual(
    expect.arrayContaining([
      { side: 'sending', caseIds: [cases[0]] },
      { side: 'sending', caseIds: [cases[1], cases[2]] },
    ]),
  );
  expect(JSON.stringify(kept)).not.toContain('Naw Htoo Paw');
  expect(await confirmationsRecorded(batchId)).toEqual({});
  await expectAccessible(page, 'handover day offline (th)');
  await screenshot(page, 'th', 'handover-day-offline');

  await page.context().setOffline(false);
  await expect(page.getByTestId('kept-actions')).toHaveCount(0);
  await expect(page.locator('[data-progress="sending"]')).toHaveAttribute('data-value', '3');
  // Recorded: the three no longer wait for this side; the fourth still does.
  for (const caseId of cases.slice(0, 3)) await expect(row(page, caseId)).toHaveCount(0);
  await expect(row(page, cases[3]!)).toBeVisible();
  expect(await confirmationsRecorded(batchId)).toEqual({ [cases[0]!]: 1, [cases[1]!]: 1, [cases[2]!]: 1 });
  // Two commands, two keys, however often each was tried.
  expect(new Set(sent).size).toBe(2);
  expect((await readIndexedDb(page)).outbox).toEqual([]);
  await page.context().close();
});

for (const language of ['km', 'my'] as const)
  test(`the handover day waiting for the link, in ${language}`, async ({ browser }) => {
    const { batchId, cases } = await batchOf(2);
    const page = await tablet(browser, language);
    await page.goto(`${baseUrl()}/batches/${batchId}`);
    await expect(page.locator('table.manifest tbody tr')).toHaveCount(2);
    await page.context().setOffline(true);
    await row(page, cases[0]!).locator('input[type=checkbox]').check();
    await page.getByTestId('confirm-selected').click();
    await expect(row(page, cases[0]!)).toContainText(m(language, 'handover.waitingToSend'));
    await expect(page.getByTestId('kept-actions').locator('li[data-action="confirmations"]')).toHaveCount(1);
    await expect(page.locator('.banner-info')).toBeVisible();
    await expectAccessible(page, `handover day offline (${language})`);
    await screenshot(page, language, 'handover-day-offline');
    await page.context().setOffline(false);
    await expect(page.locator('[data-progress="sending"]')).toHaveAttribute('data-value', '1');
    await page.context().close();
  });
