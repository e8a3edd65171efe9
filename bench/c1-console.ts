/**
 * C1 (issue 18, "fit for a border office"): the console on a slow link. A whole Homeward (the
 * browser tests' server, test/browser/support/server.ts, on the bench database) and Debian's
 * Chromium headless shell driven by Playwright measure:
 * - the first screen's JavaScript as the browser receives it (compressed bytes on the wire,
 *   CDP encodedDataLength), signed out (sign-in screen) and signed in (case list), against 200 KB;
 * - first contentful paint, the time to a usable case list (cards drawn) and the time to a recorded
 *   action (submit to the success banner), each on a throttled link (CDP
 *   Network.emulateNetworkConditions: 400 ms round trip, 50 KB/s both ways) against the same page
 *   unthrottled, as ratios. Each load is cold (a fresh browser context, no cache); a warm reload
 *   (assets cached, `immutable`) is measured throttled too.
 * Nothing here asserts a time.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mintToken } from '../api/auth.js';
import { DATA_DIR } from '../platform/config.js';
import { ACCOUNTS, madeAccount, TEST_PASSWORD } from '../test/browser/support/accounts.js';
import globalSetup from '../test/browser/support/global-setup.js';
import { BROWSER_JWT_SECRET } from '../test/browser/support/secrets.js';
import { benchDatabaseUrl } from './database.js';
import { max, median, min } from './stats.js';

const spread = (values: number[], format: (v: number) => string) => `${format(min(values))}-${format(max(values))}`;

export const C1_START = '<!-- C1:start -->';
export const C1_END = '<!-- C1:end -->';
export const JS_BUDGET_BYTES = 200 * 1024;
export const THROTTLE = { latencyMs: 400, bytesPerSecond: 50 * 1024 };

type Link = 'throttled' | 'unthrottled';
export interface C1Timing {
  firstContentfulPaintMs: number;
  usableCaseListMs: number;
  recordedActionMs: number;
}
export interface C1Result {
  runs: number;
  casesListed: number;
  javascript: { signedOut: ScriptBytes; signedIn: ScriptBytes };
  timings: Record<Link, C1Timing[]>;
  warmThrottledCaseListMs: number[];
}
interface ScriptBytes {
  compressed: number;
  files: number;
  encodings: string[];
}

/** The bench database's app-role URL: the app role's URL of setup, pointed at `<database>_bench`. */
function benchAppDatabaseUrl(): string {
  if (process.env.BENCH_APP_DATABASE_URL) return process.env.BENCH_APP_DATABASE_URL;
  const url = new URL(readFileSync(join(DATA_DIR, 'app-database-url'), 'utf8').trim());
  url.pathname = `${url.pathname}_bench`;
  return url.toString();
}

export async function runC1(options: { runs: number; cases: number; log: (line: string) => void }): Promise<C1Result> {
  // The browser tests' server empties and uses TEST_DATABASE_URL: here the bench database's public schema.
  process.env.TEST_DATABASE_URL = benchDatabaseUrl();
  process.env.TEST_APP_DATABASE_URL = benchAppDatabaseUrl();
  options.log('C1: starting Homeward (fresh Temporal dev server, worker, API) on the bench database');
  const stop = await globalSetup();
  const base = process.env.HOMEWARD_BROWSER_URL!;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium-headless-shell',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  try {
    const token = await mintToken(BROWSER_JWT_SECRET, {
      userId: madeAccount('thai').userId,
      agencyId: ACCOUNTS.thai.agencyId,
      role: ACCOUNTS.thai.role,
    });
    const openCase = async (): Promise<string> => {
      const response = await fetch(`${base}/v1/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          hostCountry: 'TH',
          originCountry: 'MM',
          person: { sex: 'female', ageGroup: 'adult', details: { fullName: 'Bench Person' } },
        }),
      });
      if (response.status !== 201) throw new Error(`C1: opening a case answered ${response.status}`);
      return ((await response.json()) as { caseId: string }).caseId;
    };
    options.log(`C1: opening ${options.cases} cases for the list`);
    for (let i = 0; i < options.cases; i++) await openCase();

    const javascript = {
      signedOut: await scriptBytes(browser, base, false),
      signedIn: await scriptBytes(browser, base, true),
    };
    const timings: Record<Link, C1Timing[]> = { throttled: [], unthrottled: [] };
    const warmThrottledCaseListMs: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      // Alternating, so a change of the machine's load falls on both links alike.
      for (const link of (run % 2 === 0 ? ['unthrottled', 'throttled'] : ['throttled', 'unthrottled']) as Link[]) {
        const caseId = await openCase();
        const { timing, warmMs } = await measure(browser, base, link, caseId);
        timings[link].push(timing);
        if (link === 'throttled') warmThrottledCaseListMs.push(warmMs);
        options.log(
          `C1 run ${run + 1} ${link}: FCP ${timing.firstContentfulPaintMs.toFixed(0)} ms, list ${timing.usableCaseListMs.toFixed(0)} ms, action ${timing.recordedActionMs.toFixed(0)} ms`,
        );
      }
    }
    return { runs: options.runs, casesListed: options.cases, javascript, timings, warmThrottledCaseListMs };
  } finally {
    await browser.close();
    await stop();
  }
}

async function signedInContext(browser: Browser, base: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'th-TH', viewport: { width: 1024, height: 768 } });
  const answer = await context.request.post(`${base}/v1/auth/sign-in`, {
    data: { username: ACCOUNTS.thai.username, password: TEST_PASSWORD },
    headers: { origin: base },
  });
  if (answer.status() !== 200) throw new Error(`C1: sign-in answered ${answer.status()}`);
  return context;
}

/** The JavaScript of the first screen as the browser received it: bytes on the wire (compressed). */
async function scriptBytes(browser: Browser, base: string, signedIn: boolean): Promise<ScriptBytes> {
  const context = signedIn ? await signedInContext(browser, base) : await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const scripts = new Map<string, { url: string; encoding: string }>();
    let compressed = 0;
    cdp.on('Network.responseReceived', (event) => {
      if (event.type === 'Script')
        scripts.set(event.requestId, {
          url: event.response.url,
          encoding: String(event.response.headers['content-encoding'] ?? 'identity'),
        });
    });
    cdp.on('Network.loadingFinished', (event) => {
      if (scripts.has(event.requestId)) compressed += event.encodedDataLength;
    });
    await page.goto(`${base}/cases`);
    await firstScreen(page, signedIn);
    await page.waitForLoadState('networkidle');
    return { compressed, files: scripts.size, encodings: [...new Set([...scripts.values()].map((s) => s.encoding))] };
  } finally {
    await context.close();
  }
}

const firstScreen = (page: Page, signedIn: boolean) =>
  signedIn
    ? page.locator('.case-card').first().waitFor({ state: 'visible', timeout: 300_000 })
    : page.locator('input[autocomplete="username"]').waitFor({ state: 'visible', timeout: 300_000 });

/** One cold load of the case list, one recorded action, and a warm reload of the list, on one link. */
async function measure(browser: Browser, base: string, link: Link, caseId: string): Promise<{ timing: C1Timing; warmMs: number }> {
  const context = await signedInContext(browser, base);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (link === 'throttled')
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: THROTTLE.latencyMs,
        downloadThroughput: THROTTLE.bytesPerSecond,
        uploadThroughput: THROTTLE.bytesPerSecond,
      });
    const started = Date.now();
    await page.goto(`${base}/cases`, { waitUntil: 'commit', timeout: 300_000 });
    await firstScreen(page, true);
    const usableCaseListMs = Date.now() - started;
    const firstContentfulPaintMs = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    );

    // A recorded action: the case page is loaded, the form open; from the click to the success banner.
    await page.goto(`${base}/cases/${caseId}`, { timeout: 300_000 });
    const action = page.locator('details[data-action="record_screening"]');
    await action.waitFor({ state: 'visible', timeout: 300_000 });
    await action.locator('summary').click();
    await action.locator('input[value="presumed_victim"]').check();
    const clicked = Date.now();
    await action.locator('button[type=submit]').click();
    await page.locator('.banner-success').waitFor({ state: 'visible', timeout: 300_000 });
    const recordedActionMs = Date.now() - clicked;

    // Warm: the hashed assets are cached (immutable); only the page and the API's answers travel.
    let warmMs = Number.NaN;
    if (link === 'throttled') {
      const again = Date.now();
      await page.goto(`${base}/cases`, { waitUntil: 'commit', timeout: 300_000 });
      await firstScreen(page, true);
      warmMs = Date.now() - again;
    }
    return { timing: { firstContentfulPaintMs, usableCaseListMs, recordedActionMs }, warmMs };
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (values: number[]) => `${median(values).toFixed(0)} ms (${spread(values, (v) => v.toFixed(0))})`;
/** Ratios per run (throttled run i over unthrottled run i), then their median. */
const ratio = (slow: number[], fast: number[]) => {
  const ratios = slow.map((s, i) => s / fast[i]!);
  return `${median(ratios).toFixed(1)}x (${spread(ratios, (v) => v.toFixed(1))})`;
};

export function explainC1(result: C1Result | undefined, when?: { at: string; load: number[] }): string {
  if (!result) return '';
  const pick = (link: Link, key: keyof C1Timing) => result.timings[link].map((t) => t[key]);
  const row = (label: string, key: keyof C1Timing) =>
    `| ${label} | ${ms(pick('throttled', key))} | ${ms(pick('unthrottled', key))} | ${ratio(pick('throttled', key), pick('unthrottled', key))} |`;
  const js = (label: string, s: ScriptBytes) =>
    `| ${label} | ${kb(s.compressed)} in ${s.files} files (${s.encodings.join(', ')}) | ${kb(JS_BUDGET_BYTES)} | ${s.compressed <= JS_BUDGET_BYTES ? 'met' : 'missed'} |`;
  return [
    C1_START,
    '## C1: the console on a slow link (issue 18)',
    '',
    `\`npm run bench -- --only C1\` (bench/c1-console.ts): a whole Homeward (the browser tests' server on the bench database, ${result.casesListed} cases in the list) and Debian's Chromium headless shell driven by Playwright. Throttled: CDP \`Network.emulateNetworkConditions\`, ${THROTTLE.latencyMs} ms round trip and ${THROTTLE.bytesPerSecond / 1024} KB/s both ways. Every load is cold (a fresh browser context: no cache, signed in through \`/v1/auth/sign-in\`) and in Thai. Median of ${result.runs} runs with the spread in brackets; ratios per run, throttled over unthrottled.${when ? ` Ran ${when.at.slice(0, 16).replace('T', ' ')} UTC, load average (1/5/15 min) ${when.load.join(' / ')}: other engineers' processes share these 2 cores.` : ''}`,
    '',
    '| first screen | JavaScript on the wire (compressed) | budget | verdict |',
    '|---|---|---|---|',
    js('signed out (sign-in screen)', result.javascript.signedOut),
    js('signed in (case list)', result.javascript.signedIn),
    '',
    '| measure | throttled | unthrottled | ratio |',
    '|---|---|---|---|',
    row("first contentful paint (the browser's paint timing)", 'firstContentfulPaintMs'),
    row('usable case list (navigation to the first case drawn)', 'usableCaseListMs'),
    row('recorded action (submit to the success banner: the POST, then the case read again)', 'recordedActionMs'),
    `| usable case list again, assets cached (throttled) | ${ms(result.warmThrottledCaseListMs)} | - | - |`,
    '',
    'The throttled times are mostly round trips: each costs 400 ms however small, so the count of requests in sequence (the page, its scripts, `/v1/me`, `/v1/cases`) sets them as much as the bytes do (the first screen’s 136 KB of JavaScript alone take about 2.7 s at 50 KB/s); a reload with the hashed assets cached pays only the round trips.',
    C1_END,
  ].join('\n');
}
