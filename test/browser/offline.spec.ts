/**
 * Working on a poor or broken link: the console installs as an app whose shell opens offline
 * once visited; actions performed offline wait on the device with their Idempotency-Key, survive
 * a reload and are recorded once when the link returns; an answer lost mid-request is resent
 * with the same key and recorded once; a refusal that comes back later is shown on the case;
 * only a case marked for offline use keeps its details; signing out (even offline) or another
 * person signing in leaves nothing of the case on the device.
 */
import { expect, test, type Page, type Request } from '@playwright/test';
import { ACCOUNTS } from './support/accounts.js';
import { baseUrl, callApi, expectAccessible, LANGUAGES, m, perform, screenshot, signIn, signOut, tabTo } from './support/console.js';
import {
  eventCounts,
  expectWaiting,
  openCase,
  openCasePage,
  PERSON_NAME,
  readCaches,
  readIndexedDb,
  readLocalStorage,
  statusOf,
  submitAction,
  untilServiceWorkerControls,
} from './offline-support.js';

/** The Idempotency-Key of every action request the page sends (also those that fail offline). */
function actionKeys(page: Page): string[] {
  const keys: string[] = [];
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && /\/v1\/cases\/[^/]+\/actions$/.test(new URL(request.url()).pathname))
      keys.push(request.headers()['idempotency-key'] ?? 'none');
  });
  return keys;
}

const personalText = (kept: unknown) => JSON.stringify(kept).includes(PERSON_NAME) || JSON.stringify(kept).includes('Myawaddy');

test('the console is an installable app whose shell opens without a network once visited', async ({ page, context }) => {
  const response = await page.goto(`${baseUrl()}/cases`);
  const csp = response!.headers()['content-security-policy']!;
  expect(csp).toContain("worker-src 'self'");
  expect(csp).toContain("manifest-src 'self'");
  expect(csp).not.toMatch(/unsafe-(eval|inline)/);
  const manifest = await fetch(`${baseUrl()}/manifest.webmanifest`);
  expect(manifest.headers.get('content-type')).toMatch(/application\/manifest\+json|application\/json/);
  const icons = ((await manifest.json()) as { icons: { src: string; sizes: string }[] }).icons;
  expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of icons) expect((await fetch(`${baseUrl()}${icon.src}`)).headers.get('content-type')).toBe('image/png');
  const worker = await fetch(`${baseUrl()}/sw.js`);
  expect(worker.headers.get('cache-control')).toBe('no-cache');

  await signIn(page, 'thai');
  await untilServiceWorkerControls(page);
  // Chromium's own verdict on installability (manifest, icons, service worker).
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);

  await context.setOffline(true);
  await page.reload();
  // The shell, the words of the reader's language and who is signed in (ids and role, no name).
  await expect(page.getByRole('link', { name: m('th', 'nav.cases') })).toBeVisible();
  await expect(page.getByTestId('who')).toContainText(m('th', 'role.caseworker'));
  await expect(page.getByTestId('who')).not.toContainText(ACCOUNTS.thai.displayName);
  await expect(statusOf(page)).toContainText(m('th', 'offline.status.offline'));
  await expectAccessible(page, 'offline shell (th)');
  await screenshot(page, 'th', 'offline-shell');
  // No answer of the API with case or personal data is in a cache.
  const cached = Object.values(await readCaches(page)).flat();
  expect(cached.filter((path) => path.startsWith('/v1/') && path !== '/v1/agencies')).toEqual([]);
  await context.setOffline(false);
});

test('two actions performed offline wait on the device, survive a reload and are recorded once when the link returns', async ({
  page,
  context,
}) => {
  const caseId = await openCase();
  const keys = actionKeys(page);
  await signIn(page, 'thai');
  await openCasePage(page, caseId);
  await untilServiceWorkerControls(page);

  await context.setOffline(true);
  await submitAction(page, 'record_screening', { outcome: 'presumed_victim' });
  await submitAction(page, 'record_consent', { consent: 'given' });
  const panel = page.getByTestId('offline-case');
  await expect(panel.locator('li[data-action]')).toHaveCount(2);
  await expect(panel).toContainText(m('th', 'action.record_screening'));
  await expectWaiting(page, 2);
  // What the device keeps: the actions' types, codes and keys - nothing of the person.
  const kept = await readIndexedDb(page);
  expect(kept.outbox).toHaveLength(2);
  const inOrder = (kept.outbox as { createdAt: string; body: { type: string } }[]).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  expect(inOrder.map((e) => e.body.type)).toEqual(['record_screening', 'record_consent']);
  expect(personalText(kept)).toBe(false);
  await expectAccessible(page, 'case with waiting actions (th)');
  await screenshot(page, 'th', 'offline-waiting');

  await page.reload();
  await expectWaiting(page, 2);
  await statusOf(page).locator('summary').click();
  await expect(statusOf(page).locator('.offline-list li')).toHaveCount(2);

  await context.setOffline(false);
  await expectWaiting(page, 0);
  expect(await eventCounts(caseId)).toMatchObject({ ScreeningRecorded: 1, ConsentRecorded: 1 });
  // Every attempt of one action carried the same key: two actions, two keys.
  expect(new Set(keys).size).toBe(2);
  expect((await readIndexedDb(page)).outbox).toEqual([]);
  // The case page, read again, shows the case identified.
  await openCasePage(page, caseId);
  await expect(page.locator('.history')).toContainText(m('th', 'event.ConsentRecorded', { consent: m('th', 'choice.given') }));
});

test('the answer is lost after the server recorded the action: it is resent with the same key and recorded once', async ({ page }) => {
  const caseId = await openCase();
  await signIn(page, 'thai');
  await openCasePage(page, caseId);
  const keys: string[] = [];
  let dropped = 0;
  await page.route('**/v1/cases/*/actions', async (route) => {
    keys.push(route.request().headers()['idempotency-key']!);
    if (dropped > 0) return route.continue();
    dropped++;
    const response = await route.fetch(); // the server records the action...
    expect(response.status()).toBe(200);
    await route.abort('connectionreset'); // ...and its answer never reaches the browser
  });
  await perform(page, 'th', 'record_screening', { outcome: 'presumed_victim' });
  expect(keys.length).toBe(2);
  expect(keys[1]).toBe(keys[0]);
  expect(await eventCounts(caseId)).toMatchObject({ ScreeningRecorded: 1 });
  await expectWaiting(page, 0);
});

test('a refusal that comes back when the link returns is shown on the case, translated from its code', async ({ page, context }) => {
  const caseId = await openCase();
  await signIn(page, 'thai');
  await openCasePage(page, caseId);
  // The reload below happens offline: only a page the service worker controls opens then.
  await untilServiceWorkerControls(page);
  await context.setOffline(true);
  await submitAction(page, 'record_screening', { outcome: 'presumed_victim' });
  await expectWaiting(page, 1);
  await page.reload(); // the form that sent it is gone: the case itself must say what happened
  // Meanwhile a colleague placed the case on hold.
  const hold = await callApi('thai', 'POST', `/v1/cases/${caseId}/actions`, {
    type: 'place_on_hold',
    reason: 'court_witness',
    reviewDate: '2027-01-15',
  });
  expect(hold.status).toBe(200);
  await context.setOffline(false);
  await openCasePage(page, caseId);
  const refusal = page.getByTestId('offline-case').locator('.banner-error');
  await expect(refusal).toContainText(m('th', 'problem.case-on-hold'));
  await expect(refusal).toContainText(m('th', 'offline.case.refusedTitle', { action: m('th', 'action.record_screening') }));
  await expect(statusOf(page).locator('summary')).toContainText('1');
  await expectAccessible(page, 'refusal come back (th)');
  await screenshot(page, 'th', 'offline-refused');
  expect(await eventCounts(caseId)).not.toHaveProperty('ScreeningRecorded');
  // Dismissed with the keyboard.
  const dismiss = refusal.getByRole('button', { name: m('th', 'offline.case.dismiss') });
  await tabTo(page, dismiss);
  await page.keyboard.press('Enter');
  await expect(refusal).toHaveCount(0);
  await expect(statusOf(page).locator('summary')).toHaveCount(0);
});

test('a case marked for offline use opens offline with its details; signing out offline clears everything kept', async ({
  page,
  context,
}) => {
  const caseId = await openCase();
  await signIn(page, 'thai');
  await openCasePage(page, caseId);
  await untilServiceWorkerControls(page);
  // Unmarked, nothing of the case is kept.
  expect((await readIndexedDb(page)).copies ?? []).toEqual([]);
  // Marked with the keyboard alone.
  const mark = page.getByLabel(m('th', 'offline.case.mark'));
  await tabTo(page, mark);
  await page.keyboard.press('Space');
  await expect(mark).toBeChecked();
  await expect.poll(async () => ((await readIndexedDb(page)).copies ?? []).length).toBe(3);

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('.case-head')).toBeVisible();
  await expect(page.locator('.details')).toContainText(PERSON_NAME);
  await expect(page.getByTestId('offline-case').locator('.banner-info')).toBeVisible();
  await submitAction(page, 'record_screening', { outcome: 'presumed_victim' });
  await expectWaiting(page, 1);
  await screenshot(page, 'th', 'offline-marked-case');

  await signOut(page, 'th');
  const kept = await readIndexedDb(page);
  expect(Object.values(kept).flat()).toEqual([]);
  const cached = await readCaches(page);
  expect(Object.keys(cached).filter((name) => !name.startsWith('homeward-shell-'))).toEqual([]);
  expect(
    Object.values(cached)
      .flat()
      .filter((path) => path.startsWith('/v1/')),
  ).toEqual([]);
  expect(Object.keys(await readLocalStorage(page)).filter((k) => k !== 'homeward.language' && k !== 'homeward.signOutPending')).toEqual([]);
  expect(personalText(await readLocalStorage(page))).toBe(false);

  // Back online, the sign-out made offline reaches the server: a reload does not bring the session back.
  await context.setOffline(false);
  await page.reload();
  await expect(page.locator('input[autocomplete="username"]')).toBeVisible();
  expect(await readLocalStorage(page)).not.toHaveProperty('homeward.signOutPending');
  expect(await eventCounts(caseId)).not.toHaveProperty('ScreeningRecorded');
});

test('another person signing in on the shared computer finds nothing of the last one', async ({ page, context }) => {
  const caseId = await openCase();
  await signIn(page, 'thai');
  await openCasePage(page, caseId);
  // The box shows checked once the mark is kept on the device (a moment after the click).
  const mark = page.getByLabel(m('th', 'offline.case.mark'));
  await mark.click();
  await expect(mark).toBeChecked();
  await expect.poll(async () => ((await readIndexedDb(page)).copies ?? []).length).toBe(3);
  await context.setOffline(true);
  await submitAction(page, 'record_screening', { outcome: 'presumed_victim' });
  await expectWaiting(page, 1);
  // The session ends without a sign-out (it expired, or the cookie was cleared).
  await context.clearCookies();
  await context.setOffline(false);
  await page.reload();
  // The case's copy (personal) went with the session; the waiting action waits for its owner.
  await expect(page.locator('input[autocomplete="username"]')).toBeVisible();
  await expect.poll(async () => ((await readIndexedDb(page)).copies ?? []).length).toBe(0);
  expect((await readIndexedDb(page)).outbox).toHaveLength(1);

  await signIn(page, 'burmese');
  await expect.poll(async () => Object.values(await readIndexedDb(page)).flat().length).toBe(2); // owner and profile of the new person
  const kept = await readIndexedDb(page);
  expect(kept.outbox).toEqual([]);
  expect(kept.marks).toEqual([]);
  expect(JSON.stringify(kept)).not.toContain(caseId);
  expect(await eventCounts(caseId)).not.toHaveProperty('ScreeningRecorded');
});

// The language tests switch the Thai caseworker's language in the header, which her account keeps.
test.afterAll(async () => {
  expect((await callApi('thai', 'PATCH', '/v1/me', { language: 'th' })).status).toBe(200);
});

for (const language of LANGUAGES) {
  test(`waiting and refused actions in ${language}`, async ({ browser }) => {
    const caseId = await openCase();
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, 'thai');
    // The account keeps the choice: wait for it to be kept before the next page load reads it.
    const kept = page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === '/v1/me');
    await page.locator('.app-header select').selectOption(language);
    expect((await kept).status()).toBe(200);
    await expect(page.getByRole('heading', { name: m(language, 'cases.title') })).toBeVisible();
    await openCasePage(page, caseId);
    await context.setOffline(true);
    await submitAction(page, 'record_screening', { outcome: 'presumed_victim' });
    const panel = page.getByTestId('offline-case');
    await expect(panel).toContainText(m(language, 'offline.case.waitingHelp'));
    await expect(statusOf(page)).toContainText(m(language, 'offline.status.offline'));
    // The header's list, opened with the keyboard.
    const summary = statusOf(page).locator('summary');
    await tabTo(page, summary);
    await page.keyboard.press('Enter');
    await expect(statusOf(page)).toContainText(m(language, 'offline.outbox.title'));
    await expectAccessible(page, `offline waiting (${language})`);
    await screenshot(page, language, 'offline-waiting');

    expect((await callApi('thai', 'POST', `/v1/cases/${caseId}/actions`, { type: 'end_case', reason: 'declined_return' })).status).toBe(
      200,
    );
    await context.setOffline(false);
    await expect(panel.locator('.banner-error')).toContainText(
      m(language, 'offline.case.refusedTitle', { action: m(language, 'action.record_screening') }),
    );
    await expectAccessible(page, `offline refused (${language})`);
    await screenshot(page, language, 'offline-refused');
    await context.close();
  });
}
