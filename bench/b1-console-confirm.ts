/**
 * B1 (issue #19): confirming a whole batch's people for one side from the console - the handover
 * day's page in Debian's Chromium (Playwright), "select all waiting for you", "confirm" - against
 * the same confirmation sent through the API alone. One Homeward in-process on the real services
 * (its own Temporal dev server, the bench database's `b1` schema), the batch's cases seeded at the
 * handover stage with their workflows running, the batch planned, filled and locked through the API.
 * The API alone confirms the receiving side first; then the console the sending side, while the
 * cases still follow the first confirmation (the console's figures are an upper bound). Figures only: nothing here asserts a time.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { buildApp } from '../api/app.js';
import { mintToken } from '../api/auth.js';
import { createWorkflowGateway } from '../api/workflow-gateway.js';
import { defaultAccountsSettings } from '../platform/accounts-config.js';
import { EncryptionCodec } from '../platform/crypto/payload-codec.js';
import { connectWorker } from '../platform/temporal.js';
import { createDb } from '../store/db.js';
import { createPersonVault } from '../store/persons.js';
import { createAccount } from '../test/support/accounts.js';
import { inParallel } from '../test/support/handover-cases.js';
import { seedHandoverCase } from '../test/support/seed-handover-case.js';
import { createCaseWorker } from '../worker/create-worker.js';
import { inSchema, prepareSchema } from './database.js';
import { benchKeys, connectBenchClient, startBenchTemporal } from './temporal-services.js';

export interface B1Result {
  people: number;
  seedSeconds: number;
  console: { openToUsableMs: number; selectAndConfirmMs: number; confirmRequestMs: number };
  api: { confirmRequestMs: number; confirmAndReadMs: number };
  load: { before: number[]; after: number[] };
}

const SECRET = 'bench-b1-jwt-secret-not-for-production';
const PASSWORD = 'bench handover day passphrase';
const SENDING = { userId: 'u-b1-th', agencyId: 'th-dsdhs-bangkok', role: 'caseworker' as const };
const RECEIVING = { userId: 'u-b1-mm', agencyId: 'mm-dsw', role: 'caseworker' as const };
const TASK_QUEUE = 'bench-b1';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const load = () => loadavg().map((l) => Math.round(l * 100) / 100);

export async function runB1(options: { baseUrl: string; people: number; port: number; log: (line: string) => void }): Promise<B1Result> {
  const { people, log } = options;
  const before = load();
  await prepareSchema(options.baseUrl, 'b1', { fresh: true, migrate: true });
  const db = createDb(inSchema(options.baseUrl, 'b1'), { max: 12 });
  const keys = benchKeys();
  const temporal = await startBenchTemporal();
  const client = await connectBenchClient(temporal.address, keys);
  const worker = await createCaseWorker({
    connection: await connectWorker(temporal.address),
    db,
    payloadKeys: keys.payloadKeys,
    taskQueue: TASK_QUEUE,
  });
  const running = worker.run();
  const origin = `http://127.0.0.1:${options.port}`;
  const app = await buildApp(
    {
      db,
      temporal: client,
      workflows: createWorkflowGateway(client, { taskQueue: TASK_QUEUE, answerWithinMs: 120_000 }),
      jwtSecret: SECRET,
      vault: createPersonVault(db, keys.masterKeys),
      payloadCodec: new EncryptionCodec(keys.payloadKeys),
      accounts: defaultAccountsSettings({ publicOrigin: origin, allowedOrigins: [] }),
    },
    { logger: false },
  );
  await app.listen({ port: options.port, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium-headless-shell',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const call = async (as: typeof SENDING, method: 'GET' | 'POST', path: string, body?: unknown) => {
      const token = await mintToken(SECRET, as);
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as any;
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    const batchOf = (batchId: string) => call(SENDING, 'GET', `/v1/batches/${batchId}`);
    const settled = async (batchId: string, step: 'schedule' | 'sending' | 'receiving') => {
      for (;;) {
        const steps = (await batchOf(batchId)).caseSteps[step];
        if (steps.done + steps.refused >= people) return;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    };

    log(`B1: seeding ${people} cases at the handover stage`);
    const seedStarted = performance.now();
    const cases = await inParallel(people, 16, () => seedHandoverCase({ db, client, taskQueue: TASK_QUEUE, owner: SENDING }));
    const seedSeconds = Math.round((performance.now() - seedStarted) / 1000);
    const planned = await call(SENDING, 'POST', '/v1/batches', {
      crossingPoint: 'mae-sot-myawaddy',
      plannedDate: inDays(10),
      sendingAgencyId: SENDING.agencyId,
      receivingAgencyId: RECEIVING.agencyId,
      fromCountry: 'TH',
      toCountry: 'MM',
    });
    const batchId = planned.batchId as string;
    await call(SENDING, 'POST', `/v1/batches/${batchId}/cases`, { add: cases });
    await call(SENDING, 'POST', `/v1/batches/${batchId}/lock`, {});
    log('B1: locked; waiting for every case to take the batch date');
    await settled(batchId, 'schedule');

    // The API alone first: the receiving side confirms everyone in one request, then reads the batch.
    const apiStarted = performance.now();
    await call(RECEIVING, 'POST', `/v1/batches/${batchId}/confirmations`, { side: 'receiving', caseIds: cases });
    const confirmRequest = Math.round(performance.now() - apiStarted);
    const read = await call(RECEIVING, 'GET', `/v1/batches/${batchId}`);
    const confirmAndReadMs = Math.round(performance.now() - apiStarted);
    if (read.progress.receivingConfirmed !== people)
      throw new Error(`receiving side shows ${read.progress.receivingConfirmed} of ${people}`);
    log(`B1: API: ${confirmRequest} ms (with the read ${confirmAndReadMs} ms)`);

    // Then the console, while the cases still follow the receiving side's confirmation (so an upper bound):
    // the sending side's officer signs in and confirms everyone at once.
    await createAccount(db, { username: 'b1.sender', password: PASSWORD, agencyId: SENDING.agencyId, role: 'caseworker', language: 'en' });
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true })).newPage();
    await page.goto(`${origin}/batches`);
    await page.locator('input[autocomplete="username"]').fill('b1.sender');
    await page.locator('input[autocomplete="current-password"]').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('who').waitFor();
    log('B1: console: opening the handover day');
    const opened = performance.now();
    await page.goto(`${origin}/batches/${batchId}`);
    const selectAll = page.getByTestId('select-mine');
    await selectAll.and(page.locator(':enabled')).waitFor({ timeout: 600_000 });
    await page.locator('table.manifest tbody tr').first().waitFor();
    const openToUsableMs = Math.round(performance.now() - opened);
    let confirmRequestMs = 0;
    // Playwright's timings after startTime are relative to it, and complete once the request finished.
    page.on('requestfinished', (request) => {
      if (request.url().endsWith(`/v1/batches/${batchId}/confirmations`)) confirmRequestMs = Math.round(request.timing().responseEnd);
    });
    const confirmStarted = performance.now();
    await selectAll.click();
    await page.locator(`[data-testid="selected-count"][data-count="${people}"]`).waitFor();
    await page.getByTestId('confirm-selected').click();
    await page.locator(`[data-progress="sending"][data-value="${people}"]`).waitFor({ timeout: 600_000 });
    const selectAndConfirmMs = Math.round(performance.now() - confirmStarted);
    log(`B1: console: ${selectAndConfirmMs} ms (request ${confirmRequestMs} ms)`);

    const result: B1Result = {
      people,
      seedSeconds,
      console: { openToUsableMs, selectAndConfirmMs, confirmRequestMs },
      api: { confirmRequestMs: confirmRequest, confirmAndReadMs },
      load: { before, after: load() },
    };
    log(`B1: ${JSON.stringify(result)}`);
    // The cases still follow both confirmations: let them finish, so the worker stops without cutting them off.
    await settled(batchId, 'sending');
    await settled(batchId, 'receiving');
    return result;
  } finally {
    await browser.close();
    await app.close();
    worker.shutdown();
    await running;
    await client.connection.close();
    await temporal.stop();
    await db.destroy();
  }
}

export const B1_START = '<!-- B1 -->';
export const B1_END = '<!-- /B1 -->';

export function renderB1(r: B1Result, at: string): string {
  return `${B1_START}
## B1: confirming a batch's people from the console (issue #19)

Measured ${at}: one batch of ${r.people.toLocaleString('en')} people (TH -> MM, Mae Sot), cases seeded at the handover
stage with their workflows running (${r.seedSeconds} s), planned, filled and locked through the API. The console
(Chromium headless shell via Playwright, 1024x768) confirms the sending side: open the handover day, "Select all
waiting for you", "Confirm"; the API alone confirms the receiving side in one request, first. The console is
measured right after, while the cases still follow the API's confirmation: its figures are an upper bound. Load average (1, 5, 15 min) before ${r.load.before.join(', ')}, after
${r.load.after.join(', ')} on a 2-core machine shared by six engineers: read the figures as an upper bound.

| | ms |
|---|---:|
| console: open the batch page until its ${r.people.toLocaleString('en')} rows can be selected | ${r.console.openToUsableMs.toLocaleString('en')} |
| console: select all + confirm, until the page shows ${r.people.toLocaleString('en')} confirmed | ${r.console.selectAndConfirmMs.toLocaleString('en')} |
| of which the confirmation request (as the browser timed it) | ${r.console.confirmRequestMs.toLocaleString('en')} |
| API alone: the confirmation request | ${r.api.confirmRequestMs.toLocaleString('en')} |
| API alone: the request, then the batch read back | ${r.api.confirmAndReadMs.toLocaleString('en')} |

The console sends the same one request as a program does (POST /v1/batches/{id}/confirmations with every case id);
what it adds is the selection, reading the batch and its people again (pages of 1,000) and drawing the page.
\`npm run bench -- --only B1\` (BENCH_B1_PEOPLE sets the batch size, 2,500 by default) replaces this section only.
${B1_END}`;
}
