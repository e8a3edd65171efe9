/**
 * Helpers of the offline tests: a case opened through the API, reading what the browser keeps
 * (IndexedDB, the service worker's caches, localStorage) as a person's devtools would, counting
 * a case's recorded events through the API, and filling an action's form without waiting for
 * its answer (offline there is none yet).
 */
import { expect, type Page } from '@playwright/test';
import { baseUrl, callApi, openAction } from './support/console.js';

export const PERSON_NAME = 'Ko Aung Zaw Htet';

export async function openCase(): Promise<string> {
  const created = await callApi<{ caseId: string }>('thai', 'POST', '/v1/cases', {
    hostCountry: 'TH',
    originCountry: 'MM',
    person: { sex: 'male', ageGroup: 'adult', details: { fullName: PERSON_NAME, placeOfOrigin: 'Myawaddy' } },
  });
  expect(created.status).toBe(201);
  return created.body.caseId;
}

export async function openCasePage(page: Page, caseId: string): Promise<void> {
  await page.goto(`${baseUrl()}/cases/${caseId}`);
  await expect(page.locator('.case-head')).toBeVisible();
}

/** How many events of each type the case has, read through the API. */
export async function eventCounts(caseId: string): Promise<Record<string, number>> {
  const events = await callApi<{ items: { type: string }[] }>('thai', 'GET', `/v1/cases/${caseId}/events`);
  expect(events.status).toBe(200);
  const counts: Record<string, number> = {};
  for (const e of events.body.items) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return counts;
}

/** Fills and submits an action's form (radio choices by value) and returns at once. */
export async function submitAction(page: Page, type: string, choices: Record<string, string> = {}): Promise<void> {
  const action = await openAction(page, type);
  for (const value of Object.values(choices)) await action.locator(`input[type=radio][value="${value}"]`).check();
  await action.locator('button[type="submit"]').click();
}

/** Everything in the console's IndexedDB database, store by store (none: {}). */
export function readIndexedDb(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(async () => {
    // Opening a database that does not exist would create it: look first.
    if (!(await indexedDB.databases()).some((d) => d.name === 'homeward-offline')) return {};
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('homeward-offline');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const out: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames))
      out[name] = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error);
      });
    db.close();
    return out;
  });
}

/** The URLs in every Cache Storage cache, by cache name. */
export function readCaches(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    return out;
  });
}

export const readLocalStorage = (page: Page) => page.evaluate(() => ({ ...localStorage }));

/** Waits until the service worker controls the page (it claims the page once it is active). */
export async function untilServiceWorkerControls(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // ... and until it has kept the shell (install finished before it became active).
  await page.waitForFunction(async () => (await caches.keys()).some((name) => name.startsWith('homeward-shell-')));
  // ... and the action schemas the forms are built from (kept on the page's first visit).
  await page.waitForFunction(async () => (await caches.match('/docs/json', { cacheName: 'homeward-reference' })) !== undefined);
}

export const statusOf = (page: Page) => page.getByTestId('offline-status');

/** The waiting count as the header shows it ("2 ..." in any language). */
export async function expectWaiting(page: Page, count: number): Promise<void> {
  if (count === 0) await expect(statusOf(page).locator('summary')).toHaveCount(0);
  else await expect(statusOf(page).locator('summary')).toContainText(String(count));
}
